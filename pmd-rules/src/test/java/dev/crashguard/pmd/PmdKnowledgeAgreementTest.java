package dev.crashguard.pmd;

import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NullReturning;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.properties.PropertyDescriptor;
import org.junit.jupiter.api.Test;

/**
 * PMD's XPath cannot call Java, so each rule keeps its own copy of its catalog knowledge ({@code
 * UnsynchronizedMapWriteKnowledge}, {@code NullEscapingOptionalKnowledge}) in the {@code let} bindings of
 * its "Library knowledge" section. This test reads those bindings from the shipped ruleset, loaded the way
 * PMD loads it, and holds each to its catalog set: change the catalog, and this test says which XPath list
 * to update.
 *
 * <p>Deliberate differences in UnsynchronizedMapWrite, all on the side of working without the auxclasspath
 * (PMD's type tests need it for anything but the names imports spell out):
 *
 * <ul>
 *   <li>Locks ({@code $lockMethods}, {@code $tryLockMethods}, {@code $unlockMethods}), task-list factories
 *       ({@code $taskListFactories}) and parallel-stream starts ({@code $parallelStreamStarts}) are matched
 *       by method name only, so the lists hold the catalog's <em>names</em>. A same-named method of another
 *       type counts: a lock there keeps PMD silent; a factory still needs a task starter around it; a
 *       parallel start is also checked to return a {@code BaseStream}.
 *   <li>{@code @Scope} is matched by its simple name (its values by {@code $springSingletonScopes}).
 *   <li>PMD sees one file: it does not follow a user's annotation to {@code @Component} (the catalog's
 *       {@code SPRING_COMPONENT}), so only the listed stereotypes make a Spring singleton.
 *   <li>{@code SERIAL_STREAM_OPERATIONS} has no list: PMD reports only {@code $concurrentStreamOps}, and
 *       the catalog's own test makes the two sets disjoint.
 * </ul>
 *
 * <p>In NullEscapingOptional:
 *
 * <ul>
 *   <li>{@code $nullReturningMethods} spells each method as a {@code matchesSig} signature whose parameters
 *       give the catalog's arity ({@code _} per parameter, {@code _*} for every overload).
 *   <li>{@code $nonNullAssertions} holds the catalog's methods, but the XPath matches them by method name
 *       only, so that {@code checkNotNull} proves a value non-null even when Guava does not resolve (no
 *       auxclasspath): a same-named method of another type makes PMD silent, never noisy.
 *   <li>{@code Optional.of}, {@code orElse} and {@code orElseGet} are lists of one ({@code 'owner#name'});
 *       the XPath appends the parameters.
 * </ul>
 */
final class PmdKnowledgeAgreementTest {

  private static final String RULE = "UnsynchronizedMapWrite";
  private static final String NULL_RULE = "NullEscapingOptional";

  /** One {@code $name := ( 'a', 'b' )} or {@code $name := 'a'} binding, comments already removed. */
  private static final Pattern BINDING =
      Pattern.compile("\\$(\\w+)\\s*:=\\s*(\\((?:\\s*'[^']*'\\s*,?)*\\s*\\)|'[^']*')");

  private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

  /** Each XPath list, to the catalog knowledge it must equal. */
  private static final Map<String, Collection<String>> EXPECTED = expected();

  private static Map<String, Collection<String>> expected() {
    Map<String, Collection<String>> expected = new LinkedHashMap<>();
    expected.put("unsafeMapClasses", UNSAFE_COLLECTIONS);
    expected.put("writeMethods", WRITE_METHODS);
    expected.put("viewMethods", VIEW_METHODS);
    // matchesSig spells a constructor 'new' and takes any arguments.
    expected.put(
        "taskStarters",
        map(TASK_HANDOFFS, m -> m.owner() + "#" + (m.isConstructor() ? "new" : m.name()) + "(_*)"));
    expected.put("asyncStageType", List.of(ASYNC_STAGE_TYPE));
    expected.put("asyncSuffix", List.of(ASYNC_METHOD_SUFFIX));
    expected.put("taskListFactories", names(TASK_CONTAINERS));
    expected.put("threadEntryMethods", map(THREAD_ENTRY_METHODS, MethodRef::toString));
    expected.put("parallelStreamStarts", names(PARALLEL_STREAM_STARTS));
    expected.put("sequentialStreamSwitch", List.of(SEQUENTIAL_STREAM_SWITCH.name()));
    expected.put("concurrentStreamOps", CONCURRENT_STREAM_OPERATIONS);
    expected.put("springSingletonAnnotations", SPRING_STEREOTYPES);
    expected.put("springSingletonScopes", SPRING_SINGLETON_SCOPES);
    expected.put("springSetupAnnotations", BEAN_SETUP_ANNOTATIONS);
    expected.put("springLifecycleMethods", BEAN_LIFECYCLE_METHODS);
    expected.put("servletTypes", SERVLET_TYPES);
    expected.put("servletRequestMethods", SERVLET_REQUEST_METHODS);
    expected.put("lockMethods", names(LOCK_ACQUIRES));
    expected.put("tryLockMethods", names(LOCK_TRY_ACQUIRES));
    expected.put("unlockMethods", names(LOCK_RELEASES));
    return expected;
  }

  /** Each NullEscapingOptional XPath list, to the catalog knowledge it must equal. */
  private static final Map<String, Collection<String>> NULL_EXPECTED = nullExpected();

  private static Map<String, Collection<String>> nullExpected() {
    Map<String, Collection<String>> expected = new LinkedHashMap<>();
    expected.put("optionalType", List.of(NullEscapingOptionalKnowledge.OPTIONAL));
    expected.put("nullableAnnotations", NullEscapingOptionalKnowledge.NULLABLE_ANNOTATIONS);
    expected.put(
        "nullReturningMethods",
        NullEscapingOptionalKnowledge.NULL_RETURNING_METHODS.stream()
            .map(PmdKnowledgeAgreementTest::signature)
            .toList());
    expected.put("optionalOf", List.of(NullEscapingOptionalKnowledge.OPTIONAL_OF.toString()));
    expected.put("optionalOrElse", List.of(NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE.toString()));
    expected.put("optionalOrElseGet", List.of(NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE_GET.toString()));
    expected.put("streamType", List.of(NullEscapingOptionalKnowledge.STREAM));
    expected.put("streamPickingOps", NullEscapingOptionalKnowledge.STREAM_PICKING_OPERATIONS);
    expected.put("streamNullRemovingOps", NullEscapingOptionalKnowledge.STREAM_NULL_REMOVING_OPERATIONS);
    expected.put("streamMappingOps", NullEscapingOptionalKnowledge.STREAM_MAPPING_OPERATIONS);
    expected.put("nonNullAssertions", map(NullEscapingOptionalKnowledge.NON_NULL_ASSERTIONS, MethodRef::toString));
    expected.put("nullTests", map(java.util.stream.Stream.concat(NullEscapingOptionalKnowledge.IS_NULL_TESTS.stream(), NullEscapingOptionalKnowledge.NON_NULL_TESTS.stream()).toList(), MethodRef::toString));
    return expected;
  }

  /** A null-returning method as matchesSig spells it: {@code owner#name(_,_)}, {@code (_*)} for any arity. */
  private static String signature(NullReturning m) {
    String params =
        m.arity() == NullEscapingOptionalKnowledge.ANY_ARITY
            ? "_*"
            : IntStream.range(0, m.arity()).mapToObj(i -> "_").collect(Collectors.joining(","));
    return m.method() + "(" + params + ")";
  }

  @Test
  void everyLibraryListEqualsItsCatalogSet() {
    assertListsAgree(RULE, EXPECTED, "UnsynchronizedMapWriteKnowledge");
  }

  @Test
  void everyNullEscapingOptionalListEqualsItsCatalogSet() {
    assertListsAgree(NULL_RULE, NULL_EXPECTED, "NullEscapingOptionalKnowledge");
  }

  /** The few names NullEscapingOptional spells inline rather than in a list, and how it uses the lists. */
  @Test
  void nullEscapingOptionalInlineUses() {
    String xpath = xpath(NULL_RULE);
    assertTrue(xpath.contains("concat($streamType, '#of(_*)')"), "Stream.of is the stream type's of");
    assertTrue(
        xpath.contains("$nonNullAssertions ! substring-after(., '#')"),
        "non-null assertions are matched by the names of the catalog's methods");
    assertTrue(xpath.contains("concat($optionalOf, '(_)')"), "Optional.of takes one argument");
  }

  private static void assertListsAgree(
      String rule, Map<String, Collection<String>> expectedLists, String catalogClass) {
    Map<String, List<String>> lists = libraryKnowledge(xpath(rule));
    assertEquals(
        expectedLists.keySet(),
        lists.keySet(),
        rule + ": the XPath's library lists and this test's map must name the same lists (add a new list here)");
    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, Collection<String>> entry : expectedLists.entrySet()) {
      List<String> xpathList = lists.get(entry.getKey());
      Set<String> xpathSet = new LinkedHashSet<>(xpathList);
      if (xpathSet.size() != xpathList.size()) {
        disagreements.add("$" + entry.getKey() + " lists a value twice: " + xpathList);
      }
      Set<String> catalog = new LinkedHashSet<>(entry.getValue());
      if (!xpathSet.equals(catalog)) {
        Set<String> missing = new LinkedHashSet<>(catalog);
        missing.removeAll(xpathSet);
        Set<String> extra = new LinkedHashSet<>(xpathSet);
        extra.removeAll(catalog);
        disagreements.add("$" + entry.getKey() + ": missing " + missing + ", not in the catalog " + extra);
      }
    }
    if (!disagreements.isEmpty()) {
      fail(rule + " in crashguard.xml disagrees with " + catalogClass + ":\n" + String.join("\n", disagreements));
    }
  }

  /** The few names the XPath spells inline rather than in a list, still the catalog's. */
  @Test
  void inlineNamesAreTheCatalogs() {
    String xpath = xpath(RULE);
    assertTrue(xpath.contains("pmd-java:typeIs('" + THREAD_TYPE + "')"), "anonymous Thread subclasses");
    assertTrue(SPRING_SCOPE.endsWith(".Scope") && xpath.contains("@SimpleName = 'Scope'"), "@Scope by simple name");
    assertTrue(
        !xpath.contains("starts-with(@MethodName, 'unlock')"),
        "unlock calls come from $unlockMethods (StampedLock.unlockRead does not release a write lock)");
  }

  /** The {@code let} bindings of the "Library knowledge" section, by name, each as its string literals. */
  static Map<String, List<String>> libraryKnowledge(String xpath) {
    int start = xpath.indexOf("Library knowledge");
    int end = xpath.indexOf("Shared definitions");
    assertTrue(
        start >= 0 && end > start, "the XPath has no \"Library knowledge\" section before \"Shared definitions\"");
    String section = xpath.substring(start, end).replaceAll("(?s)\\(:.*?:\\)", " ");
    Map<String, List<String>> lists = new LinkedHashMap<>();
    Matcher binding = BINDING.matcher(section);
    while (binding.find()) {
      List<String> values = new ArrayList<>();
      Matcher literal = LITERAL.matcher(binding.group(2));
      while (literal.find()) {
        values.add(literal.group(1));
      }
      lists.put(binding.group(1), values);
    }
    int declared = section.split(":=", -1).length - 1;
    assertEquals(
        declared, lists.size(), "a binding in \"Library knowledge\" is not a list of string literals: " + section);
    return lists;
  }

  private static String xpath(String name) {
    RuleSet ruleSet = new RuleSetLoader().warnDeprecated(false).loadFromResource(PmdRuns.RULESET);
    Rule rule = ruleSet.getRuleByName(name);
    assertTrue(rule != null, PmdRuns.RULESET + " has no rule " + name);
    PropertyDescriptor<?> descriptor = rule.getPropertyDescriptor("xpath");
    assertTrue(descriptor != null, name + " has no xpath property");
    return String.valueOf(rule.getProperty(descriptor));
  }

  private static List<String> map(List<MethodRef> methods, Function<MethodRef, String> spelling) {
    return methods.stream().map(spelling).toList();
  }
}
