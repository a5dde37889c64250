package dev.crashguard.catalog.knowledge;

import dev.crashguard.catalog.FindingKind;
import java.util.List;
import java.util.Set;

/**
 * The library knowledge of hazard {@code NullEscapingOptional}, once, for every engine: which annotations
 * say "may be null", which JDK methods are documented to return null, which stream operations throw on a
 * null element, which calls prove a value non-null, and the phrase each kind of finding puts into the
 * catalog message's origin slot.
 *
 * <p>Plain data, read directly by the Error Prone check and the SpotBugs detector (shaded), and held to the
 * PMD rule's XPath lists by {@code PmdKnowledgeAgreementTest}. Class names are binary names ({@link
 * Class#getName()}). The catalog's {@code NullEscapingOptionalKnowledgeTest} checks the JDK entries against
 * the running JDK, so a typo cannot silently switch a rule off.
 */
public final class NullEscapingOptionalKnowledge {

  private NullEscapingOptionalKnowledge() {}

  /** The type whose values must never be null. */
  public static final String OPTIONAL = "java.util.Optional";

  /**
   * Annotations that say a value may be null, by binary name. The common ones: Jakarta, JSR-305 (javax),
   * JSpecify, JetBrains, Checker Framework, Spring, SpotBugs, Android. Declaration and type-use
   * annotations alike; engines match them on parameters, fields, locals and method results.
   */
  public static final Set<String> NULLABLE_ANNOTATIONS =
      Ordered.set(
          "jakarta.annotation.Nullable",
          "javax.annotation.Nullable",
          "javax.annotation.CheckForNull",
          "org.jspecify.annotations.Nullable",
          "org.jetbrains.annotations.Nullable",
          "org.checkerframework.checker.nullness.qual.Nullable",
          "org.springframework.lang.Nullable",
          "edu.umd.cs.findbugs.annotations.Nullable",
          "edu.umd.cs.findbugs.annotations.CheckForNull",
          "androidx.annotation.Nullable",
          "android.annotation.Nullable");

  /**
   * The {@link #NULLABLE_ANNOTATIONS} that apply to type uses only ({@code @Target(TYPE_USE)}): written
   * before an array type ({@code @Nullable String[] names}) they annotate the element type, so the array
   * itself is not nullable; {@code String @Nullable [] names} is. An engine that reads annotations from
   * source, where the two look alike, needs this list to tell them apart.
   */
  public static final Set<String> TYPE_USE_NULLABLE_ANNOTATIONS =
      Ordered.set("org.jspecify.annotations.Nullable", "org.checkerframework.checker.nullness.qual.Nullable");

  /**
   * Annotations that never fill a field: a private Optional field, or its class, carrying only these may
   * still be left unassigned. Any other annotation may mean that a framework or generated code fills it
   * (injection, Lombok), and the engines stay silent.
   */
  public static final Set<String> INERT_ANNOTATIONS =
      Ordered.set("java.lang.SuppressWarnings", "java.lang.Deprecated", "java.lang.Override");

  /** A method and how many parameters the overload that returns null has ({@link #ANY_ARITY}: all). */
  public record NullReturning(MethodRef method, int arity) {
    public NullReturning {
      if (arity < ANY_ARITY) {
        throw new IllegalArgumentException("arity " + arity + " for " + method);
      }
    }
  }

  /** {@link NullReturning#arity()} for "every overload". */
  public static final int ANY_ARITY = -1;

  /**
   * JDK methods whose documentation says they return null in ordinary use (a missing key, an unset
   * property, a cleared reference, an I/O error), so {@code Optional.of} of their result throws. The owner
   * stands for its subtypes ({@code Map#get} covers {@code HashMap#get}). Overloads with a default value
   * ({@code getProperty(key, def)}) are excluded by arity.
   */
  public static final List<NullReturning> NULL_RETURNING_METHODS =
      List.of(
          returning("java.util.Map", "get", 1),
          returning("java.util.Map", "remove", 1),
          returning("java.util.Dictionary", "get", 1),
          returning("java.util.Properties", "getProperty", 1),
          returning("java.lang.System", "getProperty", 1),
          returning("java.lang.System", "getenv", 1),
          returning("java.lang.System", "console", 0),
          returning("java.lang.Class", "getResource", 1),
          returning("java.lang.Class", "getResourceAsStream", 1),
          returning("java.lang.ClassLoader", "getResource", 1),
          returning("java.lang.ClassLoader", "getResourceAsStream", 1),
          returning("java.io.File", "listFiles", ANY_ARITY),
          returning("java.io.File", "list", ANY_ARITY),
          returning("java.io.File", "getParent", 0),
          returning("java.io.File", "getParentFile", 0),
          returning("java.nio.file.Path", "getParent", 0),
          returning("java.nio.file.Path", "getFileName", 0),
          returning("java.nio.file.Path", "getRoot", 0),
          returning("java.lang.ref.Reference", "get", 0),
          returning("java.util.Queue", "poll", 0),
          returning("java.util.Queue", "peek", 0),
          returning("java.util.Deque", "pollFirst", 0),
          returning("java.util.Deque", "pollLast", 0),
          returning("java.util.Deque", "peekFirst", 0),
          returning("java.util.Deque", "peekLast", 0),
          returning("java.lang.Throwable", "getCause", 0),
          returning("java.lang.Throwable", "getMessage", 0));

  /** {@code Optional.of}: throws NullPointerException on null. */
  public static final MethodRef OPTIONAL_OF = new MethodRef(OPTIONAL, "of");

  /** {@code Optional.ofNullable}: what {@link #OPTIONAL_OF} of a value that may be null should be. */
  public static final MethodRef OPTIONAL_OF_NULLABLE = new MethodRef(OPTIONAL, "ofNullable");

  /** {@code Optional.empty}: what a null Optional should be. */
  public static final MethodRef OPTIONAL_EMPTY = new MethodRef(OPTIONAL, "empty");

  /** {@code Optional.orElse}: with a null argument, hands null out of the Optional. */
  public static final MethodRef OPTIONAL_OR_ELSE = new MethodRef(OPTIONAL, "orElse");

  /** {@code Optional.orElseGet}: with a supplier that returns null, hands null out of the Optional. */
  public static final MethodRef OPTIONAL_OR_ELSE_GET = new MethodRef(OPTIONAL, "orElseGet");

  /** The stream type whose picking operations throw on a null element. */
  public static final String STREAM = "java.util.stream.Stream";

  /**
   * Stream operations that return an Optional of one element and throw NullPointerException when that
   * element is null (their javadoc: "@throws NullPointerException if the element selected is null").
   */
  public static final Set<String> STREAM_PICKING_OPERATIONS = Ordered.set("findFirst", "findAny", "min", "max");

  /**
   * Stream operations that keep null elements out: after one of them, a picking operation is safe even if
   * an earlier {@code map} produced nulls. {@code filter} counts only with a null test ({@code
   * Objects::nonNull}, {@code x -> x != null}); {@code flatMap}/{@code mapMulti} only with an {@code
   * Optional::stream}-like mapper. Engines that cannot tell the argument apart stay silent after any of
   * them.
   */
  public static final Set<String> STREAM_NULL_REMOVING_OPERATIONS = Ordered.set("filter", "flatMap", "mapMulti");

  /** Stream operations that may put nulls into a stream. */
  public static final Set<String> STREAM_MAPPING_OPERATIONS = Ordered.set("map");

  /** {@code Stream.of(…)}: a null literal among its arguments is a null element. */
  public static final MethodRef STREAM_OF = new MethodRef(STREAM, "of");

  /**
   * Stream operations that hand on the elements they receive unchanged (some of them, in another order or
   * fewer of them): a null that reaches one reaches the next operation. Walking a pipeline back from a
   * picking operation goes through these; any other operation ends the walk in silence.
   */
  public static final Set<String> STREAM_ELEMENT_PRESERVING_OPERATIONS =
      Ordered.set(
          "sorted", "distinct", "limit", "skip", "peek", "parallel", "sequential", "unordered", "onClose",
          "takeWhile", "dropWhile");

  /** Calls that prove their argument non-null after they return (or throw). */
  public static final List<MethodRef> NON_NULL_ASSERTIONS =
      List.of(
          new MethodRef("java.util.Objects", "requireNonNull"),
          new MethodRef("com.google.common.base.Preconditions", "checkNotNull"),
          new MethodRef("com.google.common.base.Verify", "verifyNotNull"),
          new MethodRef("org.springframework.util.Assert", "notNull"),
          new MethodRef("org.junit.jupiter.api.Assertions", "assertNotNull"));

  /** Calls that are true when their argument is null: a branch on one is a null check. */
  public static final List<MethodRef> IS_NULL_TESTS = List.of(new MethodRef("java.util.Objects", "isNull"));

  /** Calls that are true when their argument is not null (the opposite of {@link #IS_NULL_TESTS}). */
  public static final List<MethodRef> NON_NULL_TESTS = List.of(new MethodRef("java.util.Objects", "nonNull"));

  /** Calls that take a null argument and give a default for it: code that calls them expects null. */
  public static final List<MethodRef> NULL_DEFAULTS =
      List.of(
          new MethodRef("java.util.Objects", "requireNonNullElse"),
          new MethodRef("java.util.Objects", "requireNonNullElseGet"));

  /**
   * {@code map.containsKey(k)} proves that {@code map.get(k)} (the same map and key) finds an entry: the
   * key test and the lookup it guards. A map may hold null values, but code that tests the key first
   * treats the value as present, and so do the engines.
   */
  public static final MethodRef MAP_KEY_TEST = new MethodRef("java.util.Map", "containsKey");

  /** The lookup {@link #MAP_KEY_TEST} guards. */
  public static final MethodRef MAP_GET = new MethodRef("java.util.Map", "get");

  /**
   * {@link ControlFlowKnowledge#NEVER_RETURNING_METHODS}: a branch that ends in one cannot reach what follows
   * ({@code if (x == null) System.exit(1);}).
   */
  public static final List<MethodRef> NEVER_RETURNING_METHODS = ControlFlowKnowledge.NEVER_RETURNING_METHODS;

  /**
   * Names of test helpers that always throw, whatever class declares them: JUnit's, TestNG's and AssertJ's
   * {@code fail(…)} and every project's own. Matched by name like {@link #NULL_OR_EMPTY_TESTS}.
   */
  public static final Set<String> NEVER_RETURNING_METHOD_NAMES = Ordered.set("fail");

  /**
   * Map methods whose elements are the map's own keys ({@code for (K k : map.keySet()) map.get(k)}): a
   * lookup with one of them finds its entry, so a null-returning lookup on the same map is consulted, not
   * a guess.
   */
  public static final Set<String> KEY_SOURCES = Ordered.set("keySet", "navigableKeySet", "descendingKeySet", "entrySet");

  /**
   * Test assertions that run a lambda expecting it to throw (JUnit 5 and 4.13, TestNG, AssertJ): a null
   * passed inside that lambda is passed on purpose, to see it rejected. Matched by name, whatever class
   * declares them, like {@link #NEVER_RETURNING_METHOD_NAMES}.
   */
  public static final Set<String> EXPECTED_EXCEPTION_ASSERTIONS =
      Ordered.set(
          "assertThrows",
          "assertThrowsExactly",
          "expectThrows",
          "assertThatThrownBy",
          "isThrownBy",
          "catchThrowable",
          "catchThrowableOfType",
          "catchException");

  /**
   * Map methods whose function may return null by contract, meaning "remove the entry" (or "add
   * nothing"): a lambda handed to one that returns null is not an Optional escaping, even when the map's
   * values are Optionals.
   */
  public static final List<MethodRef> NULL_MEANS_REMOVE =
      List.of(
          new MethodRef("java.util.Map", "compute"),
          new MethodRef("java.util.Map", "computeIfAbsent"),
          new MethodRef("java.util.Map", "computeIfPresent"),
          new MethodRef("java.util.Map", "merge"));

  /**
   * Names of static, null-safe "is it empty" tests of utility libraries (Apache Commons {@code
   * StringUtils}/{@code CollectionUtils}, Spring {@code StringUtils}/{@code ObjectUtils}/{@code
   * CollectionUtils}, Guava {@code Strings}, and the same helper written in-house, as javaparser's {@code
   * Utils.isNullOrEmpty}): a static method of one of these names taking the value, returning boolean, is a
   * null test whose <em>false</em> branch has the value non-null. Matched by name, because every library
   * and most projects have their own.
   */
  public static final Set<String> NULL_OR_EMPTY_TESTS = Ordered.set("isEmpty", "isBlank", "isNullOrEmpty", "isNullOrBlank");

  /** Their opposites: the <em>true</em> branch has the value non-null ({@code StringUtils.hasText(x)}). */
  public static final Set<String> NOT_NULL_OR_EMPTY_TESTS =
      Ordered.set("isNotEmpty", "isNotBlank", "hasText", "hasLength", "notEmpty", "notBlank");

  /**
   * What went wrong, each with the phrase it puts into the catalog message's origin slot ({@code {1}}).
   * The subject slot ({@code {0}}) names the method, variable, field or call at fault. Error Prone and
   * SpotBugs use these phrases; PMD, whose XPath rule has one message, uses {@link #PMD_ORIGIN}.
   */
  public enum Kind implements FindingKind {
    RETURNS_NULL("returns null although its type is Optional"),
    STORES_NULL("is set to null although its type is Optional"),
    PASSES_NULL("is passed null for a parameter whose type is Optional"),
    NEVER_ASSIGNED("is never assigned by a constructor or initialiser, so it stays null although its type is Optional"),
    OF_MAY_BE_NULL("may be null and is passed to Optional.of, which then throws"),
    DEREFERENCES_OR_ELSE_NULL("is null when the Optional is empty (orElse(null)) and is dereferenced unchecked"),
    UNBOXES_OR_ELSE_NULL("is null when the Optional is empty (orElse(null)) and is unboxed unchecked"),
    PICKS_NULL_ELEMENT("throws instead of returning an Optional when the element it picks is null, and this stream may hold nulls");

    private final String phrase;

    Kind(String phrase) {
      this.phrase = phrase;
    }

    @Override
    public String phrase() {
      return phrase;
    }
  }

  /** The origin-slot phrase of the PMD rule, which has one message for every kind. */
  public static final String PMD_ORIGIN = "is or may be null where an Optional, or a value taken out of one, must not be";

  private static NullReturning returning(String owner, String name, int arity) {
    return new NullReturning(new MethodRef(owner, name), arity);
  }
}
