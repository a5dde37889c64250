package dev.crashguard.testdata.badannotationattribute;

import static dev.crashguard.testdata.CrashEvidence.Explained.ranked;
import static dev.crashguard.testdata.CrashEvidence.Explained.nothing;
import static dev.crashguard.testdata.CrashEvidence.Explained.unranked;
import static dev.crashguard.testdata.badannotationattribute.Failures.crash;
import static dev.crashguard.testdata.badannotationattribute.Failures.inChain;
import static dev.crashguard.testdata.badannotationattribute.Failures.root;
import static dev.crashguard.testdata.badannotationattribute.Failures.thrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanExpressionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.expression.ParseException;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;
import org.springframework.web.util.pattern.PatternParseException.PatternMessage;

/**
 * Crash proofs for the Spring cases ({@link SpringScheduling}, {@link SpringPaths}, {@link
 * SpringFormatsAndValues}, {@link OtherLibrariesAndValues}): the corpus' own classes registered as beans in a
 * real Spring 7 application context, or converted by Spring's own conversion service, the way an application
 * meets them.
 *
 * <ul>
 *   <li>{@code @Scheduled}: the context with {@code @EnableScheduling} refuses to start ({@code
 *       BeanCreationException} ← {@code IllegalStateException: Encountered invalid @Scheduled method}); a
 *       zero rate passes that check and fails when the registrar hands the task to the JDK scheduler at the
 *       end of {@code refresh()}. The fixed beans start and have their task scheduled.
 *   <li>Request mappings: Spring MVC's {@code RequestMappingHandlerMapping} (which parses every path while
 *       the application starts) refuses to start ({@code PatternParseException}); the same values, read by
 *       reflection from the annotations and parsed by {@code PathPatternParser}, fail the same way, with the
 *       class-level path combined with the method's as Spring MVC combines them.
 *   <li>{@code @DateTimeFormat}: every conversion to the annotated type fails ({@code
 *       ConversionFailedException} ← the formatter's {@code IllegalArgumentException}), the fixed one converts.
 *   <li>{@code @Value}: the context refuses to start ({@code UnsatisfiedDependencyException}), although the
 *       property the placeholder means is set; the fixed bean starts with it.
 * </ul>
 *
 * <p>Every failure's printed trace goes to {@code crashguard explain}'s signatures ({@link Failures#crash}):
 * Spring's own start-up failures name the bean (its default name, {@code outer.Inner}), the method, or quote
 * the bad value, which rank the corpus class first; the paths this test parses itself are no annotation's
 * failure, and a value that a valid {@code @DateTimeFormat} pattern does not parse is bad input: no
 * signature matches either.
 */
class BadAnnotationAttributeSpringCrashProofTest {

  private static final String INVALID_SCHEDULED = "bad-annotation-attribute/invalid-scheduled";
  private static final String ZERO_PERIOD = "bad-annotation-attribute/scheduled-zero-period";
  private static final String REQUEST_MAPPING_PATH = "bad-annotation-attribute/request-mapping-path";
  private static final String DATE_TIME_FORMAT = "bad-annotation-attribute/date-time-format";
  private static final String UNCLOSED_PLACEHOLDER = "bad-annotation-attribute/unclosed-value-placeholder";
  private static final String UNCLOSED_EXPRESSION = "bad-annotation-attribute/unclosed-value-expression";

  /**
   * A conversion names the annotation and the target type, and the formatter one letter of the pattern: not
   * the class, the element or the whole pattern.
   */
  private static final String CONVERSION_NAMES_NO_CLASS =
      "the conversion names @DateTimeFormat and the type, the formatter one letter: no class, element or pattern";

  /** The corpus leaves a placeholder pattern unjudged (the configuration decides): no marker to rank. */
  private static final String UNJUDGED = "UnjudgedPlaceholderPattern carries no marker: the configuration decides";

  /** A path the test parses itself is no annotation's: only Spring registering a mapping makes one so. */
  private static final String PARSED_BY_THE_TEST =
      "the test's own PathPatternParser call, not a request mapping Spring registers";

  // ---- @Scheduled --------------------------------------------------------------------------------------

  /** What {@code @EnableScheduling} on an application's configuration brings. */
  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  static class SchedulingOn {}

  private static AnnotationConfigApplicationContext scheduling(Class<?> bean) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.register(SchedulingOn.class);
    context.registerBean(bean);
    return context;
  }

  /** Starting a context with {@code bean} fails on {@code method} with {@code message}. */
  private static void invalidScheduledMethod(Class<?> bean, String method, String message) {
    try (AnnotationConfigApplicationContext context = scheduling(bean)) {
      BeanCreationException e = crash("start " + bean.getSimpleName(), BeanCreationException.class,
          ranked(INVALID_SCHEDULED, bean), context::refresh);
      IllegalStateException invalid = inChain(e, IllegalStateException.class,
          "Encountered invalid @Scheduled method '" + method + "': ");
      assertTrue(invalid.getMessage().contains(message), invalid.getMessage());
      assertTrue(e.getMessage().contains(message), "the start-up failure says it: " + e.getMessage());
    }
  }

  /** Starting a context with {@code bean} succeeds and schedules {@code tasks} tasks. */
  private static void starts(Class<?> bean, int tasks) {
    try (AnnotationConfigApplicationContext context = scheduling(bean)) {
      context.refresh();
      Set<?> scheduled = context.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks();
      assertEquals(tasks, scheduled.size(), bean.getSimpleName() + ": " + scheduled);
    }
  }

  @Test
  void scheduledAttributesSpringRefusesStopTheStart() {
    invalidScheduledMethod(SpringScheduling.NoncompliantFiveFieldCron.class, "hourly",
        "Cron expression must consist of 6 fields (found 5 in \"0 * * * *\")");
    invalidScheduledMethod(SpringScheduling.NoncompliantQuartzYear.class, "report",
        "Cron expression must consist of 6 fields (found 7 in \"0 0 12 ? 1/1 SUN#1 *\")");
    invalidScheduledMethod(SpringScheduling.NoncompliantReversedRange.class, "offHours",
        "'18-9' in cron expression \"0 0 18-9 * * MON-FRI\"");
    invalidScheduledMethod(SpringScheduling.NoncompliantTwoTriggers.class, "sync",
        "Exactly one of the 'cron', 'fixedDelay' or 'fixedRate' attributes is required");
    invalidScheduledMethod(SpringScheduling.NoncompliantNoTrigger.class, "poll",
        "One-time task only supported with specified initial delay");
    invalidScheduledMethod(SpringScheduling.NoncompliantZoneTypo.class, "morning",
        "Invalid time zone specification 'Europe/Berln'");
    invalidScheduledMethod(SpringScheduling.NoncompliantDurationInWords.class, "heartbeat",
        "Invalid fixedDelayString value \"5 seconds\"");
    invalidScheduledMethod(OtherLibrariesAndValues.NoncompliantSpringsOwn.class, "tick",
        "Cron expression must consist of 6 fields (found 5 in \"*/5 * * * *\")");
  }

  @Test
  void zeroRateFailsWhenTheTaskIsScheduledAtTheEndOfTheStart() {
    try (AnnotationConfigApplicationContext context = scheduling(SpringScheduling.NoncompliantZeroRate.class)) {
      // Spring accepts the 0 (only a negative value means "not set"); the JDK executor does not.
      IllegalArgumentException e = crash("start NoncompliantZeroRate", IllegalArgumentException.class,
          unranked(ZERO_PERIOD, "the JDK's IllegalArgumentException has no message, and Spring schedules the task"
              + " after every bean is made: no frame, name or value of the bean"),
          context::refresh);
      assertNull(e.getMessage(), "the JDK's IllegalArgumentException carries no message");
      assertTrue(thrownBy(e, "java.util.concurrent.ScheduledThreadPoolExecutor", "scheduleAtFixedRate"),
          "thrown by the JDK scheduler");
      assertTrue(thrownBy(e, "org.springframework.scheduling.config.ScheduledTaskRegistrar", "scheduleTasks"),
          "when Spring schedules the registered tasks");
    }
  }

  @Test
  void fixedAndOddButValidScheduledAttributesStart() {
    starts(SpringScheduling.FixedFiveFieldCron.class, 1);
    starts(SpringScheduling.FixedTwoTriggers.class, 1);
    starts(SpringScheduling.FixedZoneTypo.class, 1);
    starts(SpringScheduling.FixedDurationInWords.class, 1);
    starts(SpringScheduling.FixedZeroRate.class, 1);
    starts(OtherLibrariesAndValues.FixedSpringsOwn.class, 1);
    // Thirteen methods; cron = "-" is disabled and schedules nothing.
    starts(SpringScheduling.CompliantAcceptedForms.class, 12);
    // Another library's @Scheduled: Spring does not see it.
    starts(OtherLibrariesAndValues.CompliantLookAlikes.class, 0);
  }

  // ---- request-mapping paths ---------------------------------------------------------------------------

  /**
   * Spring MVC's handler mapping, taking the corpus' classes as controllers: since Spring 6 only a class
   * annotated {@code @Controller} is one, and the corpus' classes carry only their mappings.
   */
  static final class CorpusHandlerMapping extends RequestMappingHandlerMapping {
    @Override
    protected boolean isHandler(Class<?> beanType) {
      return beanType.getEnclosingClass() == SpringPaths.class;
    }
  }

  private static AnnotationConfigApplicationContext mvc(Class<?> controller) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("app.base-path", "/base")));
    context.registerBean("requestMappingHandlerMapping", CorpusHandlerMapping.class);
    context.registerBean(controller);
    return context;
  }

  /** Registering {@code controller} fails the start with {@code type}; returns the parser's exception. */
  private static PatternParseException invalidMapping(Class<?> controller, PatternMessage type) {
    try (AnnotationConfigApplicationContext context = mvc(controller)) {
      BeanCreationException e = crash("start MVC with " + controller.getSimpleName(), BeanCreationException.class,
          ranked(REQUEST_MAPPING_PATH, controller), context::refresh);
      assertEquals("requestMappingHandlerMapping", e.getBeanName());
      inChain(e, IllegalStateException.class, "Invalid mapping on handler class [" + controller.getName() + "]");
      PatternParseException parse = inChain(e, PatternParseException.class, "");
      assertEquals(type, parse.getMessageType(), parse.getMessage());
      return parse;
    }
  }

  /** The mapping's paths, read from the annotation as Spring MVC reads it (aliases and all). */
  private static String[] paths(AnnotatedElement element) {
    RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(element, RequestMapping.class);
    assertNotNull(mapping, element + " has no mapping");
    return mapping.path();
  }

  private static Method handler(Class<?> controller) {
    Method[] methods = controller.getDeclaredMethods();
    assertEquals(1, methods.length, Arrays.toString(methods));
    return methods[0];
  }

  /** Parses {@code path} as Spring MVC's default parser does; expects {@code type}. */
  private static PatternParseException unparsable(String path, PatternMessage type) {
    PatternParseException e =
        crash("parse " + path, PatternParseException.class, nothing(PARSED_BY_THE_TEST),
            () -> new PathPatternParser().parse(path));
    assertEquals(type, e.getMessageType(), e.getMessage());
    return e;
  }

  @Test
  void pathsThePatternParserRefusesStopTheStart() {
    PatternParseException e = invalidMapping(SpringPaths.NoncompliantUnclosedCapture.class,
        PatternMessage.MISSING_CLOSE_CAPTURE);
    assertEquals("Expected close capture character after variable name }", e.getMessage());
    e = invalidMapping(SpringPaths.NoncompliantDoubleCapture.class, PatternMessage.ILLEGAL_DOUBLE_CAPTURE);
    assertEquals("Not allowed to capture 'guid' twice in the same pattern", e.getMessage());
    invalidMapping(SpringPaths.NoncompliantSlashInRegex.class, PatternMessage.MISSING_CLOSE_CAPTURE);
    invalidMapping(SpringPaths.NoncompliantDoubleWildcardInTheMiddle.class,
        PatternMessage.INVALID_LOCATION_FOR_MULTISEGMENT_PATHELEMENT);
    e = invalidMapping(SpringPaths.NoncompliantCapturedByClassAndMethod.class, PatternMessage.ILLEGAL_DOUBLE_CAPTURE);
    assertEquals("Not allowed to capture 'id' twice in the same pattern", e.getMessage());
  }

  @Test
  void pathsReadFromTheAnnotationsDoNotParse() {
    String[] unclosed = paths(handler(SpringPaths.NoncompliantUnclosedCapture.class));
    assertArrayEquals(new String[] {"/users/{id"}, unclosed);
    unparsable(unclosed[0], PatternMessage.MISSING_CLOSE_CAPTURE);

    String[] twice = paths(handler(SpringPaths.NoncompliantDoubleCapture.class));
    unparsable(twice[0], PatternMessage.ILLEGAL_DOUBLE_CAPTURE);

    String[] slash = paths(handler(SpringPaths.NoncompliantSlashInRegex.class));
    assertEquals("/{path:\\w+/\\w+}", slash[0]);
    unparsable(slash[0], PatternMessage.MISSING_CLOSE_CAPTURE);

    // Two paths on one mapping: the first parses, the second does not, and the handler is refused.
    String[] wildcard = paths(handler(SpringPaths.NoncompliantDoubleWildcardInTheMiddle.class));
    assertEquals(2, wildcard.length);
    new PathPatternParser().parse(wildcard[0]);
    PatternParseException e =
        unparsable(wildcard[1], PatternMessage.INVALID_LOCATION_FOR_MULTISEGMENT_PATHELEMENT);
    // MessageFormat drops the quotes of the template "'{*...}' or '**' pattern elements ...".
    assertTrue(e.getMessage().startsWith("{*...} or ** pattern elements should be placed at the start or end"),
        e.getMessage());

    // The class's path and the method's each parse; Spring MVC combines them, and the combination does not.
    Class<?> both = SpringPaths.NoncompliantCapturedByClassAndMethod.class;
    PathPatternParser parser = new PathPatternParser();
    PathPattern classPath = parser.parse(paths(both)[0]);
    PathPattern methodPath = parser.parse(paths(handler(both))[0]);
    e = crash("combine " + classPath + " + " + methodPath, PatternParseException.class, nothing(PARSED_BY_THE_TEST),
        () -> classPath.combine(methodPath));
    assertEquals(PatternMessage.ILLEGAL_DOUBLE_CAPTURE, e.getMessageType());
  }

  @Test
  void fixedAndOddButValidPathsStart() {
    assertEquals(Set.of("/users/{id}"), mappedPaths(SpringPaths.FixedUnclosedCapture.class));
    assertEquals(Set.of("/file-systems/{guid}/folders/{folderGuid}/attach"),
        mappedPaths(SpringPaths.FixedDoubleCapture.class));
    assertEquals(Set.of("/accounts/{id}/owners/{ownerId}"),
        mappedPaths(SpringPaths.FixedCapturedByClassAndMethod.class));
    assertEquals(Set.of("/api/codes/{code:\\d{3}}", "/api/files/{name}.{ext}", "/api/static/**", "/api/img/*.png",
            "/api/{first}{second}", "/api/base/{id}"),
        mappedPaths(SpringPaths.CompliantPatterns.class));
  }

  /** Starts MVC's handler mapping with {@code controller}; the paths it mapped. */
  private static Set<String> mappedPaths(Class<?> controller) {
    try (AnnotationConfigApplicationContext context = mvc(controller)) {
      context.refresh();
      Map<RequestMappingInfo, ?> methods = context.getBean(CorpusHandlerMapping.class).getHandlerMethods();
      return methods.keySet().stream()
          .flatMap(info -> info.getPathPatternsCondition().getPatternValues().stream())
          .collect(Collectors.toSet());
    }
  }

  // ---- @DateTimeFormat ---------------------------------------------------------------------------------

  private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

  private static TypeDescriptor parameter(Class<?> type, String method, Class<?> parameterType) {
    try {
      return new TypeDescriptor(MethodParameter.forExecutable(type.getDeclaredMethod(method, parameterType), 0));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static TypeDescriptor field(Class<?> type, String name) {
    try {
      return new TypeDescriptor(type.getDeclaredField(name));
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void dateTimeFormatPatternFailsEveryConversion() {
    // The conversion service Spring MVC binds request parameters with (WebMvcConfigurationSupport's).
    DefaultFormattingConversionService conversions = new DefaultFormattingConversionService();

    TypeDescriptor day = parameter(SpringFormatsAndValues.NoncompliantDateTimeFormatLetter.class, "parse",
        LocalDate.class);
    for (int request = 1; request <= 2; request++) {
      ConversionFailedException e = crash("convert \"2024-01-15\" to " + day + ", request " + request,
          ConversionFailedException.class, unranked(DATE_TIME_FORMAT, CONVERSION_NAMES_NO_CLASS),
          () -> conversions.convert("2024-01-15", STRING, day));
      assertTrue(e.getMessage().contains("for value [2024-01-15]"), e.getMessage());
      IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
      assertEquals(IllegalArgumentException.class, cause.getClass());
      assertEquals("Unknown pattern letter: b", cause.getMessage());
    }

    TypeDescriptor due = field(SpringFormatsAndValues.NoncompliantLegacyFormatField.class, "due");
    ConversionFailedException e = crash("convert \"2024-01-15\" to " + due, ConversionFailedException.class,
        unranked(DATE_TIME_FORMAT, CONVERSION_NAMES_NO_CLASS),
        () -> conversions.convert("2024-01-15", STRING, due));
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
    assertEquals("Illegal pattern character 'V'", e.getCause().getMessage());

    TypeDescriptor fixed = parameter(SpringFormatsAndValues.FixedDateTimeFormatLetter.class, "parse", LocalDate.class);
    LocalDate parsed = (LocalDate) conversions.convert("2024-01-15", STRING, fixed);
    assertEquals(LocalDate.of(2024, 1, 15), new SpringFormatsAndValues.FixedDateTimeFormatLetter().parse(parsed));

    // A value the valid pattern does not parse fails the same conversion: bad input, not a bad attribute.
    ConversionFailedException badInput = crash("convert \"15/01/2024\" to " + fixed, ConversionFailedException.class,
        nothing("a value that a valid @DateTimeFormat pattern does not parse is bad input"),
        () -> conversions.convert("15/01/2024", STRING, fixed));
    assertInstanceOf(DateTimeParseException.class, root(badInput));
  }

  @Test
  void validDateTimeFormatPatternsConvert() {
    // A conversion service that resolves placeholders, as FormattingConversionServiceFactoryBean makes one.
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("app.date-format", "dd.MM.yyyy")));
    DefaultFormattingConversionService conversions =
        new DefaultFormattingConversionService(environment::resolvePlaceholders, true);
    Class<?> compliant = SpringFormatsAndValues.CompliantFormatsAndValues.class;

    Date stamp = (Date) conversions.convert("2024-01-15T10:00:00.000+01:00", STRING, field(compliant, "stamp"));
    assertEquals(1_705_309_200_000L, stamp.getTime());
    assertEquals(LocalDate.of(2024, 1, 15),
        conversions.convert("15.01.2024", STRING, field(SpringFormatsAndValues.UnjudgedPlaceholderPattern.class, "configured")));
    // pattern and iso both set: the pattern wins, nothing fails.
    assertEquals(LocalDate.of(2024, 1, 15), conversions.convert("15.01.2024", STRING, field(compliant, "both")));
  }

  /**
   * Not a proof of a noncompliant case: why {@code @DateTimeFormat(pattern = "${app.date-format}")} is left
   * unjudged (the corpus' {@code UnjudgedPlaceholderPattern}): the configuration decides. A {@code DefaultFormattingConversionService} registers its formatter
   * factories in its constructor, before a context can hand it a resolver, so even as a bean of a context
   * whose environment sets the property (as Spring MVC's {@code mvcConversionService} is) it does not
   * resolve the placeholder, and every conversion fails on the pattern's '{'.
   */
  @Test
  void placeholderPatternIsResolvedOnlyByAServiceMadeWithAResolver() {
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context.getEnvironment().getPropertySources()
          .addFirst(new MapPropertySource("test", Map.of("app.date-format", "dd.MM.yyyy")));
      context.registerBean("mvcConversionService", DefaultFormattingConversionService.class);
      context.refresh();
      DefaultFormattingConversionService conversions = context.getBean(DefaultFormattingConversionService.class);
      TypeDescriptor configured = field(SpringFormatsAndValues.UnjudgedPlaceholderPattern.class, "configured");
      ConversionFailedException e = crash("convert \"15.01.2024\" to " + configured + " (no resolver)",
          ConversionFailedException.class, unranked(DATE_TIME_FORMAT, UNJUDGED),
          () -> conversions.convert("15.01.2024", STRING, configured));
      assertEquals("Pattern includes reserved character: '{'", e.getCause().getMessage());
    }
  }

  // ---- @Value ------------------------------------------------------------------------------------------

  /**
   * A context for {@code bean} whose environment sets every property the corpus' placeholders name, with a
   * conversion service on its bean factory as Spring Boot sets one (for the {@code Duration}).
   */
  private static AnnotationConfigApplicationContext values(Class<?> bean) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("pool.size", "8", "list", "a,b")));
    context.getBeanFactory().setConversionService(new DefaultFormattingConversionService());
    context.registerBean(bean);
    return context;
  }

  @Test
  void unclosedPlaceholderIntoAnIntStopsTheStart() {
    Class<?> bean = SpringFormatsAndValues.NoncompliantPlaceholderIntoInt.class;
    try (AnnotationConfigApplicationContext context = values(bean)) {
      UnsatisfiedDependencyException e = crash("start NoncompliantPlaceholderIntoInt (pool.size=8 is set)",
          UnsatisfiedDependencyException.class, ranked(UNCLOSED_PLACEHOLDER, bean), context::refresh);
      assertTrue(e.getMessage().contains("Unsatisfied dependency expressed through field 'poolSize'"), e.getMessage());
      TypeMismatchException mismatch = inChain(e, TypeMismatchException.class, "to required type 'int'");
      assertEquals("${pool.size", mismatch.getValue(), "the placeholder's text is injected as it stands");
      inChain(e, NumberFormatException.class, "For input string: \"${pool.size\"");
    }
    try (AnnotationConfigApplicationContext context = values(SpringFormatsAndValues.FixedPlaceholderIntoInt.class)) {
      context.refresh();
      assertEquals(8, context.getBean(SpringFormatsAndValues.FixedPlaceholderIntoInt.class).poolSize());
    }
  }

  @Test
  void unclosedExpressionStopsTheStart() {
    Class<?> bean = SpringFormatsAndValues.NoncompliantUnclosedExpression.class;
    try (AnnotationConfigApplicationContext context = values(bean)) {
      UnsatisfiedDependencyException e = crash("start NoncompliantUnclosedExpression",
          UnsatisfiedDependencyException.class, ranked(UNCLOSED_EXPRESSION, bean), context::refresh);
      assertTrue(e.getMessage().contains("Unsatisfied dependency expressed through field 'home'"), e.getMessage());
      inChain(e, BeanExpressionException.class, "Expression parsing failed");
      ParseException parse =
          inChain(e, ParseException.class, "No ending suffix '}' for expression starting at character 0");
      assertEquals("#{systemProperties['user.home']", parse.getExpressionString());
    }
  }

  @Test
  void resolvablePlaceholdersAndAnUnclosedOneIntoAStringStart() {
    try (AnnotationConfigApplicationContext context = values(SpringFormatsAndValues.CompliantFormatsAndValues.class)) {
      context.refresh();
      SpringFormatsAndValues.CompliantFormatsAndValues bean =
          context.getBean(SpringFormatsAndValues.CompliantFormatsAndValues.class);
      assertEquals(8, bean.poolSize);
      assertEquals(Duration.ofSeconds(30), bean.timeout);
      assertEquals("${greeting", bean.greeting, "an unclosed placeholder into a String is text, not a failure");
      assertArrayEquals(new String[] {"a", "b"}, bean.list);
    }
  }

  @Test
  void anUnclosedPlaceholderOnAStaticFieldIsNeverRead() {
    try (AnnotationConfigApplicationContext context = values(SpringFormatsAndValues.CompliantStaticValue.class)) {
      context.refresh();
      assertEquals(0, SpringFormatsAndValues.CompliantStaticValue.poolSize(), "Spring injects no static field");
    }
  }
}
