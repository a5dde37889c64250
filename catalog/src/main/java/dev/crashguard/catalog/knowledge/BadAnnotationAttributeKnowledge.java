package dev.crashguard.catalog.knowledge;

import dev.crashguard.catalog.FindingKind;
import dev.crashguard.catalog.knowledge.attributes.CronGrammar;
import dev.crashguard.catalog.knowledge.attributes.DurationGrammar;
import dev.crashguard.catalog.knowledge.attributes.JdkGrammars;
import dev.crashguard.catalog.knowledge.attributes.PathPatternGrammar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The library knowledge of hazard {@code BadAnnotationAttribute}, once, for every engine: which annotations
 * carry a value a library parses only at run time, how each library parses it, and what it does with a
 * value it cannot use. javac checks an attribute's type, never its content.
 *
 * <p><b>What is reported</b> (each a {@link Kind}), only where a crash proof backs it (testdata's crash
 * proofs run each against the real library): Bean Validation's {@code @Pattern}/{@code @Email} regexp
 * (Hibernate Validator: HV000032 on the first validation), negative or crossed {@code @Size}/{@code
 * @Length}/{@code @Digits} bounds, {@code @DecimalMin}/{@code @DecimalMax} that are not numbers, {@code
 * @Min}/{@code @Max} (and the decimal pair) that exclude every value; Jackson's {@code @JsonFormat(pattern)}
 * on date and time types, {@code @JsonProperty} names that clash within a class or carry a separator at an
 * end; Spring's {@code @DateTimeFormat(pattern)}, {@code @Scheduled} (cron, triggers, zone, durations,
 * non-positive periods), request-mapping paths, and {@code @Value} with an unclosed {@code #{} or, where
 * Spring must convert the text, an unclosed {@code ${}.
 *
 * <p><b>What is not:</b> any value that is not a compile-time constant (engines see only constants); any
 * Spring value holding {@code ${} or {@code #{} except in {@code @Value} (Spring resolves placeholders and
 * expressions first, and the property decides); values a library version accepts and another refuses (the
 * newest reading wins: Spring 6.2's durations, {@code /**}{@code /x} paths of Spring 6.2.13+); annotations
 * of the same simple name from other libraries (Micronaut's or Quarkus's {@code @Scheduled}, Jackson 1's
 * {@code @JsonProperty}): types are matched by binary name. {@code @DateTimeFormat} with both {@code iso}
 * and {@code pattern} and a bad {@code @JsonFormat(timezone)} are not reported: Spring uses the pattern and
 * Jackson falls back to GMT, silently but without failing (docs page).
 *
 * <p><b>Where a finding is reported:</b> on the annotation (Error Prone, PMD). A class file keeps no line
 * for an annotation: SpotBugs reports a method's annotation on the method's first line, a field's on the
 * first line of the class that reads or writes it, or the class's own.
 *
 * <p>Engines read an annotation as its type's binary name and the attributes written on it ({@link
 * Annotation}: strings, numbers, booleans, lists for arrays, enum constants by name) and ask {@link
 * #judge}, {@link #judgeTogether}, {@link #combinedPathProblem} and {@link #duplicates}; the judging lives
 * here, once, and the grammars in {@code attributes}.
 */
public final class BadAnnotationAttributeKnowledge {

  private BadAnnotationAttributeKnowledge() {}

  // ---- Bean Validation (jakarta and javax) and Hibernate Validator ------------------------------------

  /** Constraints whose {@code regexp} Hibernate Validator compiles with {@code flags} when it first validates. */
  public static final Set<String> REGEX_CONSTRAINTS =
      Ordered.set(
          "jakarta.validation.constraints.Pattern",
          "javax.validation.constraints.Pattern",
          "jakarta.validation.constraints.Email",
          "javax.validation.constraints.Email",
          "org.hibernate.validator.constraints.Email");

  /** Constraints with {@code min}/{@code max} lengths that must not be negative or crossed. */
  public static final Set<String> LENGTH_CONSTRAINTS =
      Ordered.set(
          "jakarta.validation.constraints.Size",
          "javax.validation.constraints.Size",
          "org.hibernate.validator.constraints.Length",
          "org.hibernate.validator.constraints.CodePointLength");

  /** Constraints with {@code integer}/{@code fraction} digit counts that must not be negative. */
  public static final Set<String> DIGITS_CONSTRAINTS =
      Ordered.set("jakarta.validation.constraints.Digits", "javax.validation.constraints.Digits");

  /** Lower bounds given as a {@code BigDecimal} string. */
  public static final Set<String> DECIMAL_MIN_CONSTRAINTS =
      Ordered.set("jakarta.validation.constraints.DecimalMin", "javax.validation.constraints.DecimalMin");

  /** Upper bounds given as a {@code BigDecimal} string. */
  public static final Set<String> DECIMAL_MAX_CONSTRAINTS =
      Ordered.set("jakarta.validation.constraints.DecimalMax", "javax.validation.constraints.DecimalMax");

  /** Lower bounds given as a {@code long}. */
  public static final Set<String> MIN_CONSTRAINTS =
      Ordered.set("jakarta.validation.constraints.Min", "javax.validation.constraints.Min");

  /** Upper bounds given as a {@code long}. */
  public static final Set<String> MAX_CONSTRAINTS =
      Ordered.set("jakarta.validation.constraints.Max", "javax.validation.constraints.Max");

  // ---- Jackson --------------------------------------------------------------------------------------

  /** Jackson 2's (and 3's) property name; Jackson 1's {@code org.codehaus} one is another library. */
  public static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";

  /** Drops a property: a field marked with it takes part in no name clash. */
  public static final String JSON_IGNORE = "com.fasterxml.jackson.annotation.JsonIgnore";

  /** Jackson's format, whose {@code pattern} it compiles when it first (de)serializes the owning class. */
  public static final String JSON_FORMAT = "com.fasterxml.jackson.annotation.JsonFormat";

  /** The one {@code java.time} type whose {@code @JsonFormat(pattern)} is a unit name, not a date pattern. */
  public static final String DURATION_TYPE = "java.time.Duration";

  /** What Jackson's {@code Duration} (de)serializer accepts as its pattern, exactly (ChronoUnit names). */
  public static final Set<String> JACKSON_DURATION_UNITS =
      Ordered.set("NANOS", "MICROS", "MILLIS", "SECONDS", "MINUTES", "HOURS", "HALF_DAYS", "DAYS");

  /** Types formatted with {@code SimpleDateFormat} (and their subtypes in {@code java.sql}). */
  public static final Set<String> LEGACY_DATE_TYPES =
      Ordered.set("java.util.Date", "java.util.Calendar", "java.sql.Date", "java.sql.Timestamp", "java.sql.Time");

  /** The package of the types formatted with {@code DateTimeFormatter}. */
  public static final String JAVA_TIME_PACKAGE = "java.time.";

  /**
   * The pattern letters {@code SimpleDateFormat} knows (the pattern characters of {@code DateFormatSymbols},
   * the same in every JDK since 8): an unquoted ASCII letter outside them makes it throw "Illegal pattern
   * character". For engines that cannot run the JDK's parser (PMD's XPath).
   */
  public static final String SIMPLE_DATE_FORMAT_LETTERS = "GyMdkHmsSEDFwWahKzZYuXL";

  // ---- Spring --------------------------------------------------------------------------------------

  /** Spring's scheduling annotation (also repeated inside {@code @Schedules}). */
  public static final String SCHEDULED = "org.springframework.scheduling.annotation.Scheduled";

  /** Spring's container of repeated {@code @Scheduled}. */
  public static final String SCHEDULES = "org.springframework.scheduling.annotation.Schedules";

  /** Spring's formatting annotation: {@code pattern} and {@code fallbackPatterns}. */
  public static final String DATE_TIME_FORMAT = "org.springframework.format.annotation.DateTimeFormat";

  /** Spring MVC's and WebFlux's mappings: {@code value} and {@code path} are path patterns. */
  public static final Set<String> REQUEST_MAPPINGS =
      Ordered.set(
          "org.springframework.web.bind.annotation.RequestMapping",
          "org.springframework.web.bind.annotation.GetMapping",
          "org.springframework.web.bind.annotation.PostMapping",
          "org.springframework.web.bind.annotation.PutMapping",
          "org.springframework.web.bind.annotation.DeleteMapping",
          "org.springframework.web.bind.annotation.PatchMapping");

  /**
   * Spring's value injection: placeholders {@code ${…}} and expressions {@code #{…}}. Spring injects no
   * static field or method: {@link #judgedOn} leaves those out.
   */
  public static final String VALUE = "org.springframework.beans.factory.annotation.Value";

  /**
   * Types Spring must convert an injected text into, so that an unclosed {@code ${} left as literal text
   * fails at start-up (a {@code String}, {@code Object} or collection of strings takes the text as it is).
   */
  public static final Set<String> CONVERTED_VALUE_TYPES =
      Ordered.set(
          "int", "long", "short", "byte", "double", "float", "boolean", "char",
          "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
          "java.lang.Float", "java.lang.Boolean", "java.lang.Character", "java.math.BigDecimal",
          "java.math.BigInteger", "java.time.Duration", "java.lang.Class");

  /** What Spring resolves before it parses a value: a value holding one cannot be judged. */
  public static final Set<String> SPRING_PLACEHOLDER_PREFIXES = Ordered.set("${", "#{");

  /** {@code @Scheduled(cron = "-")}: the trigger is switched off, and nothing is parsed. */
  public static final String CRON_DISABLED = "-";

  /** Every annotation type this hazard judges: any other annotation is passed over at once. */
  public static final Set<String> JUDGED_TYPES = judgedTypes();

  private static Set<String> judgedTypes() {
    List<String> types = new ArrayList<>();
    for (Set<String> family :
        List.of(REGEX_CONSTRAINTS, LENGTH_CONSTRAINTS, DIGITS_CONSTRAINTS, DECIMAL_MIN_CONSTRAINTS,
            DECIMAL_MAX_CONSTRAINTS, MIN_CONSTRAINTS, MAX_CONSTRAINTS, REQUEST_MAPPINGS)) {
      types.addAll(family);
    }
    types.addAll(List.of(JSON_PROPERTY, JSON_FORMAT, SCHEDULED, DATE_TIME_FORMAT, VALUE));
    return Ordered.set(types.toArray(String[]::new));
  }

  // ---- findings -------------------------------------------------------------------------------------

  /**
   * Each kind of finding with the phrase it puts into the catalog message's origin slot ({@code {1}}): "'…'
   * is not a cron expression Spring accepts (…); javac checks…". The subject slot ({@code {0}}) is the
   * annotation with the attribute and value at fault, built by {@link Problem#subject}. Error Prone and
   * SpotBugs use these phrases, PMD uses {@link #PMD_ORIGIN}.
   */
  public enum Kind implements FindingKind {
    INVALID_REGEX("is not a regular expression Java compiles (%s), so Hibernate Validator throws HV000032 on the first validation"),
    NEGATIVE_BOUND("is negative, which Hibernate Validator refuses with HV000032 on the first validation"),
    CROSSED_BOUNDS("sets a minimum above its maximum, which Hibernate Validator refuses with HV000032 on the first validation"),
    NOT_A_DECIMAL("is not a decimal number, which Hibernate Validator refuses with HV000032 on the first validation"),
    EXCLUDES_EVERY_VALUE("cannot hold together with %s: no value passes, so every validation fails"),
    INVALID_DATE_PATTERN("is not a %s pattern (%s), so %s throws on first use"),
    INVALID_DURATION_UNIT("is not a unit Jackson accepts for a Duration (%s), so it throws InvalidDefinitionException on first use"),
    JSON_NAME_WITH_SEPARATOR("has %s at an end, which Jackson keeps as part of the JSON key, so input that spells it without is rejected or ignored"),
    DUPLICATE_JSON_NAME("gives a second property of the class the JSON name '%s', so Jackson throws InvalidDefinitionException on first use"),
    INVALID_CRON("is not a cron expression Spring accepts (%s), so the application fails at start-up"),
    SEVERAL_TRIGGERS("sets %s, but Spring takes exactly one of cron, fixedDelay and fixedRate and fails at start-up"),
    NO_TRIGGER("sets none of cron, fixedDelay, fixedRate or an initial delay, so Spring fails at start-up"),
    INITIAL_DELAY_WITH_CRON("sets an initial delay for a cron trigger, which Spring refuses at start-up"),
    SEVERAL_INITIAL_DELAYS("sets both initialDelay and initialDelayString, which Spring refuses at start-up"),
    INVALID_ZONE("is not a time-zone id, so Spring fails at start-up"),
    INVALID_DURATION("is not a duration Spring reads (%s), so the application fails at start-up"),
    NOT_POSITIVE_PERIOD("is a period that is not positive, which the JDK scheduler refuses with IllegalArgumentException when Spring starts the task"),
    INVALID_PATH("is not a path pattern Spring's PathPatternParser accepts (%s), so the application fails at start-up"),
    DUPLICATE_PATH_VARIABLE("captures '%s' again after the class-level mapping did, which Spring's PathPatternParser refuses at start-up"),
    UNCLOSED_PLACEHOLDER("opens ${ without closing it, so Spring injects the text as it stands and fails to convert it to %s at start-up"),
    UNCLOSED_EXPRESSION("opens #{ without closing it, so Spring fails to parse the expression at start-up");

    private final String phrase;

    Kind(String phrase) {
      this.phrase = phrase;
    }

    @Override
    public String phrase() {
      return phrase;
    }
  }

  /**
   * The origin phrase of the PMD rule, which has one message for all its branches (XPath cannot say which
   * check failed, nor run the library's parser).
   */
  public static final String PMD_ORIGIN =
      "is a value the library refuses when it reads the annotation at start-up or on first use";

  /** One annotation as an engine reads it: its type's binary name and the attributes written on it. */
  public record Annotation(String type, Map<String, Object> attributes) {

    /** The simple name, for messages: {@code Scheduled} for {@code …annotation.Scheduled}. */
    public String simpleName() {
      return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }

    Optional<String> string(String name) {
      return attributes.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    Optional<Long> number(String name) {
      return attributes.get(name) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    List<String> strings(String name) {
      Object value = attributes.get(name);
      List<String> out = new ArrayList<>();
      if (value instanceof String s) {
        out.add(s);
      } else if (value instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof String s) {
            out.add(s);
          }
        }
      }
      return out;
    }
  }

  /** A finding: the annotation and attribute at fault, the kind, and the kind's details. */
  public record Problem(String subject, Kind kind, List<String> details, String attribute, String value) {

    /** A problem of several attributes together, or of none in particular. */
    public Problem(String subject, Kind kind, List<String> details) {
      this(subject, kind, details, "", "");
    }

    /** The origin phrase with its details. */
    public String origin() {
      return kind.render(details.toArray());
    }

    /**
     * The value {@link #attribute} should have, where one correction is the only sensible one: a JSON name
     * without the separator at its ends; a five-field Unix cron with the seconds field Spring's needs in
     * front ({@code 0 * * * *} to {@code 0 0 * * * *}), when that parses; an unclosed {@code ${} or {@code #{}
     * closed at the end. Empty for everything else: which value was meant is the author's to say.
     */
    public Optional<String> correctedValue() {
      String fixed =
          switch (kind) {
            case JSON_NAME_WITH_SEPARATOR -> value.replaceAll("^[\\s,]+|[\\s,]+$", "");
            case INVALID_CRON -> value.trim().split(" +").length == 5 ? "0 " + value.trim() : "";
            case UNCLOSED_PLACEHOLDER, UNCLOSED_EXPRESSION -> value + "}";
            default -> "";
          };
      boolean sound =
          switch (kind) {
            case JSON_NAME_WITH_SEPARATOR -> !fixed.isEmpty();
            case INVALID_CRON -> !fixed.isEmpty() && CronGrammar.problem(fixed).isEmpty();
            case UNCLOSED_PLACEHOLDER -> !unclosed(fixed, "${") && !unclosed(fixed, "#{");
            case UNCLOSED_EXPRESSION -> !unclosed(fixed, "#{");
            default -> false;
          };
      return sound ? Optional.of(fixed) : Optional.empty();
    }
  }

  /**
   * The problems of one annotation on an element whose type is {@code targetType} (the binary name of a
   * field's or parameter's type erased, a method's return type, or its only parameter's type for a setter;
   * "" when there is none).
   */
  public static List<Problem> judge(Annotation a, String targetType) {
    List<Problem> problems = new ArrayList<>();
    String type = a.type();
    if (REGEX_CONSTRAINTS.contains(type)) {
      a.string("regexp").ifPresent(regexp ->
          JdkGrammars.regex(regexp, a.strings("flags")).ifPresent(why ->
              problems.add(problem(a, "regexp", quoted(regexp), Kind.INVALID_REGEX, why))));
    } else if (LENGTH_CONSTRAINTS.contains(type)) {
      Optional<Long> min = a.number("min");
      Optional<Long> max = a.number("max");
      min.filter(v -> v < 0).ifPresent(v -> problems.add(problem(a, "min", v.toString(), Kind.NEGATIVE_BOUND)));
      max.filter(v -> v < 0).ifPresent(v -> problems.add(problem(a, "max", v.toString(), Kind.NEGATIVE_BOUND)));
      if (min.isPresent() && max.isPresent() && min.get() >= 0 && max.get() >= 0 && min.get() > max.get()) {
        problems.add(new Problem(subject(a, "min = " + min.get() + ", max = " + max.get()), Kind.CROSSED_BOUNDS, List.of()));
      }
    } else if (DIGITS_CONSTRAINTS.contains(type)) {
      for (String bound : List.of("integer", "fraction")) {
        a.number(bound).filter(v -> v < 0).ifPresent(v -> problems.add(problem(a, bound, v.toString(), Kind.NEGATIVE_BOUND)));
      }
    } else if (DECIMAL_MIN_CONSTRAINTS.contains(type) || DECIMAL_MAX_CONSTRAINTS.contains(type)) {
      a.string("value").filter(v -> JdkGrammars.bigDecimal(v).isPresent())
          .ifPresent(v -> problems.add(problem(a, "value", quoted(v), Kind.NOT_A_DECIMAL)));
    } else if (JSON_FORMAT.equals(type)) {
      a.string("pattern").filter(p -> !p.isEmpty()).ifPresent(p -> jsonFormat(a, p, targetType, problems));
    } else if (JSON_PROPERTY.equals(type)) {
      a.string("value").ifPresent(name -> separatorAtEnd(name).ifPresent(sep ->
          problems.add(problem(a, "value", quoted(name), Kind.JSON_NAME_WITH_SEPARATOR, sep))));
    } else if (DATE_TIME_FORMAT.equals(type)) {
      List<String> patterns = new ArrayList<>(a.strings("pattern"));
      patterns.addAll(a.strings("fallbackPatterns"));
      for (String p : patterns) {
        if (!p.isEmpty() && !resolvedBySpring(p)) {
          datePattern(p, targetType, "Spring's conversion").ifPresent(why ->
              problems.add(problem(a, a.strings("pattern").contains(p) ? "pattern" : "fallbackPatterns", quoted(p),
                  Kind.INVALID_DATE_PATTERN, why.get(0), why.get(1), why.get(2))));
        }
      }
    } else if (SCHEDULED.equals(type)) {
      scheduled(a, problems);
    } else if (REQUEST_MAPPINGS.contains(type)) {
      for (String attribute : List.of("value", "path")) {
        for (String path : a.strings(attribute)) {
          if (!resolvedBySpring(path)) {
            PathPatternGrammar.problem(path).ifPresent(why ->
                problems.add(problem(a, attribute, quoted(path), Kind.INVALID_PATH, why)));
          }
        }
      }
    } else if (VALUE.equals(type)) {
      a.string("value").ifPresent(v -> {
        if (unclosed(v, "#{")) {
          problems.add(problem(a, "value", quoted(v), Kind.UNCLOSED_EXPRESSION));
        } else if (unclosed(v, "${") && CONVERTED_VALUE_TYPES.contains(targetType)) {
          problems.add(problem(a, "value", quoted(v), Kind.UNCLOSED_PLACEHOLDER, targetType.substring(targetType.lastIndexOf('.') + 1)));
        }
      });
    }
    return problems;
  }

  /**
   * Whether an annotation of {@code type} on a member that is {@code staticMember} is read at all: Spring
   * ignores {@code @Value} on a static field or method, so nothing there can fail.
   */
  public static boolean judgedOn(String type, boolean staticMember) {
    return !(staticMember && VALUE.equals(type));
  }

  /**
   * The problems of the annotations of one element taken together: a lower bound above the upper bound
   * ({@code @Min(10) @Max(1)}, {@code @DecimalMin("10") @DecimalMax("1")}), reported on the upper bound.
   */
  public static List<Problem> judgeTogether(List<Annotation> annotations) {
    List<Problem> problems = new ArrayList<>();
    for (Annotation min : annotations) {
      for (Annotation max : annotations) {
        if (MIN_CONSTRAINTS.contains(min.type()) && MAX_CONSTRAINTS.contains(max.type())
            && sameFamily(min, max)) {
          Optional<Long> low = min.number("value");
          Optional<Long> high = max.number("value");
          if (low.isPresent() && high.isPresent() && low.get() > high.get()) {
            problems.add(problem(max, "value", high.get().toString(), Kind.EXCLUDES_EVERY_VALUE,
                "@" + min.simpleName() + "(" + low.get() + ")"));
          }
        } else if (DECIMAL_MIN_CONSTRAINTS.contains(min.type()) && DECIMAL_MAX_CONSTRAINTS.contains(max.type())
            && sameFamily(min, max)) {
          BigDecimal low = min.string("value").map(JdkGrammars::decimalOrNull).orElse(null);
          BigDecimal high = max.string("value").map(JdkGrammars::decimalOrNull).orElse(null);
          if (low != null && high != null && low.compareTo(high) > 0) {
            problems.add(problem(max, "value", quoted(max.string("value").get()), Kind.EXCLUDES_EVERY_VALUE,
                "@" + min.simpleName() + "(\"" + min.string("value").get() + "\")"));
          }
        }
      }
    }
    return problems;
  }

  /**
   * The problem of a method-level request mapping combined with its class-level one: each parses alone,
   * but together they capture one variable twice ({@code @RequestMapping("/a/{id}")} on the class, {@code
   * @GetMapping("/b/{id}")} on the method), which Spring refuses when it registers the handler.
   */
  public static Optional<Problem> combinedPathProblem(Annotation method, String methodPath, String classPath) {
    if (resolvedBySpring(methodPath) || resolvedBySpring(classPath)
        || PathPatternGrammar.problem(methodPath).isPresent() || PathPatternGrammar.problem(classPath).isPresent()) {
      return Optional.empty();
    }
    Set<String> classNames = PathPatternGrammar.captureNames(classPath);
    for (String name : PathPatternGrammar.captureNames(methodPath)) {
      if (classNames.contains(name)) {
        String attribute = method.strings("path").contains(methodPath) ? "path" : "value";
        return Optional.of(problem(method, attribute, quoted(methodPath), Kind.DUPLICATE_PATH_VARIABLE, name));
      }
    }
    return Optional.empty();
  }

  /**
   * The positions in {@code names} (explicit {@code @JsonProperty} names of one class's fields, in
   * declaration order; "" for none) of every name used by an earlier field: Jackson refuses two fields for
   * one property ("Multiple fields representing property").
   */
  public static List<Integer> duplicates(List<String> names) {
    Set<String> seen = new HashSet<>();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!name.isEmpty() && !seen.add(name)) {
        out.add(i);
      }
    }
    return out;
  }

  /** The problem of the {@code @JsonProperty} at a position {@link #duplicates} returned. */
  public static Problem duplicateJsonName(Annotation property, String name) {
    return problem(property, "value", quoted(name), Kind.DUPLICATE_JSON_NAME, name);
  }

  // ---- the parts ---------------------------------------------------------------------------------------

  private static void jsonFormat(Annotation a, String pattern, String targetType, List<Problem> problems) {
    if (DURATION_TYPE.equals(targetType)) {
      if (!JACKSON_DURATION_UNITS.contains(pattern)) {
        problems.add(problem(a, "pattern", quoted(pattern), Kind.INVALID_DURATION_UNIT, String.join(", ", JACKSON_DURATION_UNITS)));
      }
      return;
    }
    datePattern(pattern, targetType, "Jackson").ifPresent(why ->
        problems.add(problem(a, "pattern", quoted(pattern), Kind.INVALID_DATE_PATTERN, why.get(0), why.get(1), why.get(2))));
  }

  /** The formatter, its complaint and the library, when {@code pattern} is bad for {@code targetType}. */
  private static Optional<List<String>> datePattern(String pattern, String targetType, String library) {
    if (targetType.startsWith(JAVA_TIME_PACKAGE) && !DURATION_TYPE.equals(targetType)) {
      return JdkGrammars.dateTimeFormatter(pattern).map(why -> List.of("DateTimeFormatter", why, library));
    }
    if (LEGACY_DATE_TYPES.contains(targetType)
        || (DATE_TIME_FORMAT_EPOCH_TYPES.contains(targetType) && library.startsWith("Spring"))) {
      return JdkGrammars.simpleDateFormat(pattern).map(why -> List.of("SimpleDateFormat", why, library));
    }
    return Optional.empty();
  }

  /** {@code @DateTimeFormat} also formats epoch milliseconds held in a {@code long} with {@code SimpleDateFormat}. */
  private static final Set<String> DATE_TIME_FORMAT_EPOCH_TYPES = Set.of("long", "java.lang.Long");

  private static void scheduled(Annotation a, List<Problem> problems) {
    Optional<String> cron = a.string("cron").filter(c -> !c.isBlank());
    Optional<String> fixedDelayString = a.string("fixedDelayString").filter(s -> !s.isBlank());
    Optional<String> fixedRateString = a.string("fixedRateString").filter(s -> !s.isBlank());
    Optional<String> initialDelayString = a.string("initialDelayString").filter(s -> !s.isBlank());
    Optional<Long> fixedDelay = a.number("fixedDelay").filter(v -> v >= 0);
    Optional<Long> fixedRate = a.number("fixedRate").filter(v -> v >= 0);
    Optional<Long> initialDelay = a.number("initialDelay").filter(v -> v >= 0);
    boolean unresolved = false;
    for (Optional<String> s : List.of(cron, fixedDelayString, fixedRateString, initialDelayString)) {
      unresolved |= s.filter(BadAnnotationAttributeKnowledge::resolvedBySpring).isPresent();
    }
    List<String> triggers = new ArrayList<>();
    cron.ifPresent(c -> triggers.add("cron"));
    fixedDelay.ifPresent(v -> triggers.add("fixedDelay"));
    fixedDelayString.ifPresent(v -> triggers.add("fixedDelayString"));
    fixedRate.ifPresent(v -> triggers.add("fixedRate"));
    fixedRateString.ifPresent(v -> triggers.add("fixedRateString"));
    if (!unresolved && triggers.size() > 1) {
      problems.add(new Problem(subject(a, String.join(", ", triggers)), Kind.SEVERAL_TRIGGERS, List.of(String.join(" and ", triggers))));
      return;
    }
    if (!unresolved && triggers.isEmpty() && initialDelay.isEmpty() && initialDelayString.isEmpty()) {
      problems.add(new Problem("@" + a.simpleName(), Kind.NO_TRIGGER, List.of()));
      return;
    }
    if (initialDelay.isPresent() && initialDelayString.isPresent()) {
      problems.add(new Problem(subject(a, "initialDelay, initialDelayString"), Kind.SEVERAL_INITIAL_DELAYS, List.of()));
    }
    cron.filter(c -> !resolvedBySpring(c) && !CRON_DISABLED.equals(c)).ifPresent(c -> {
      if (initialDelay.isPresent() || initialDelayString.isPresent()) {
        problems.add(problem(a, "cron", quoted(c), Kind.INITIAL_DELAY_WITH_CRON));
      }
      CronGrammar.problem(c).ifPresent(why -> problems.add(problem(a, "cron", quoted(c), Kind.INVALID_CRON, why)));
      a.string("zone").filter(z -> !z.isEmpty() && !resolvedBySpring(z)).ifPresent(zone ->
          JdkGrammars.springTimeZone(zone).ifPresent(why -> problems.add(problem(a, "zone", quoted(zone), Kind.INVALID_ZONE))));
    });
    fixedDelay.filter(v -> v == 0).ifPresent(v -> problems.add(problem(a, "fixedDelay", "0", Kind.NOT_POSITIVE_PERIOD)));
    fixedRate.filter(v -> v == 0).ifPresent(v -> problems.add(problem(a, "fixedRate", "0", Kind.NOT_POSITIVE_PERIOD)));
    for (String attribute : List.of("fixedDelayString", "fixedRateString", "initialDelayString")) {
      a.string(attribute).filter(s -> !s.isBlank() && !resolvedBySpring(s)).ifPresent(s -> {
        Optional<String> why = DurationGrammar.problem(s);
        if (why.isPresent()) {
          problems.add(problem(a, attribute, quoted(s), Kind.INVALID_DURATION, why.get()));
        } else if (!attribute.equals("initialDelayString") && DurationGrammar.notPositive(s)) {
          problems.add(problem(a, attribute, quoted(s), Kind.NOT_POSITIVE_PERIOD));
        }
      });
    }
  }

  /** Whether Spring resolves placeholders or expressions in {@code value} before parsing it. */
  public static boolean resolvedBySpring(String value) {
    for (String prefix : SPRING_PLACEHOLDER_PREFIXES) {
      if (value.contains(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some {@code prefix} in {@code value} has no closing brace after it (nested braces counted). */
  static boolean unclosed(String value, String prefix) {
    for (int at = value.indexOf(prefix); at != -1; at = value.indexOf(prefix, at + prefix.length())) {
      int depth = 1;
      int i = at + prefix.length();
      for (; i < value.length() && depth > 0; i++) {
        char ch = value.charAt(i);
        if (ch == '{') {
          depth++;
        } else if (ch == '}') {
          depth--;
        }
      }
      if (depth > 0) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> separatorAtEnd(String name) {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    for (char end : new char[] {name.charAt(0), name.charAt(name.length() - 1)}) {
      if (end == ',') {
        return Optional.of("a comma");
      }
      if (Character.isWhitespace(end)) {
        return Optional.of("white space");
      }
    }
    return Optional.empty();
  }

  private static boolean sameFamily(Annotation a, Annotation b) {
    return a.type().substring(0, a.type().lastIndexOf('.')).equals(b.type().substring(0, b.type().lastIndexOf('.')));
  }

  private static Problem problem(Annotation a, String attribute, String value, Kind kind, String... details) {
    return new Problem(subject(a, attribute + " = " + value), kind, List.of(details), attribute, raw(a, attribute));
  }

  /** The attribute's value as written, when it is one string; "" otherwise. */
  private static String raw(Annotation a, String attribute) {
    return a.attributes().get(attribute) instanceof String v ? v : "";
  }

  private static String subject(Annotation a, String inside) {
    return "@" + a.simpleName() + "(" + inside + ")";
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }
}
