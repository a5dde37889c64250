package dev.crashguard.pmd;

import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crashguard.catalog.knowledge.MethodRef;
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
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.properties.PropertyDescriptor;
import org.junit.jupiter.api.Test;

/**
 * PMD's XPath cannot call Java, so the rule keeps its own copy of the catalog's {@code
 * UnsynchronizedMapWriteKnowledge} in the {@code let} bindings of its "Library knowledge" section. This
 * test reads those bindings from the shipped ruleset, loaded the way PMD loads it, and holds each to its
 * catalog set: change the catalog, and this test says which XPath list to update.
 *
 * <p>Deliberate differences, all on the side of working without the auxclasspath (PMD's type tests need it
 * for anything but the names imports spell out):
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
 */
final class PmdKnowledgeAgreementTest {

  private static final String RULE = "UnsynchronizedMapWrite";

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

  @Test
  void everyLibraryListEqualsItsCatalogSet() {
    Map<String, List<String>> lists = libraryKnowledge(xpath());
    assertEquals(
        EXPECTED.keySet(),
        lists.keySet(),
        "the XPath's library lists and this test's map must name the same lists (add a new list here)");
    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, Collection<String>> entry : EXPECTED.entrySet()) {
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
      fail("crashguard.xml disagrees with UnsynchronizedMapWriteKnowledge:\n" + String.join("\n", disagreements));
    }
  }

  /** The few names the XPath spells inline rather than in a list, still the catalog's. */
  @Test
  void inlineNamesAreTheCatalogs() {
    String xpath = xpath();
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

  private static String xpath() {
    RuleSet ruleSet = new RuleSetLoader().warnDeprecated(false).loadFromResource(PmdRuns.RULESET);
    Rule rule = ruleSet.getRuleByName(RULE);
    assertTrue(rule != null, PmdRuns.RULESET + " has no rule " + RULE);
    PropertyDescriptor<?> descriptor = rule.getPropertyDescriptor("xpath");
    assertTrue(descriptor != null, RULE + " has no xpath property");
    return String.valueOf(rule.getProperty(descriptor));
  }

  private static List<String> map(List<MethodRef> methods, Function<MethodRef, String> spelling) {
    return methods.stream().map(spelling).toList();
  }
}
