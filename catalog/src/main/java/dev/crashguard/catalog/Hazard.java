package dev.crashguard.catalog;

import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog: every crash hazard crashguard knows, with everything the engines, reports and docs say
 * about it. This enum is the single source of truth; each engine's metadata is checked against it by
 * that engine's consistency test, and the catalog's own test checks the docs pages and corpus folders.
 *
 * <p>The catalog {@link #catalogName() name} is public API: it is the Error Prone check name, the PMD rule
 * name, the SARIF {@code ruleId}, the SonarQube rule key and the value of {@code @SuppressHazard}. Like a
 * SpotBugs bug type, it is never renamed once shipped.
 *
 * <p>Messages are templates with two slots: {@code {0}} names the thing at fault (a map, an Optional, a
 * resource) and {@code {1}} says where the danger comes from (the thread entry point, the earlier close).
 * Every engine fills both slots with what it can see; the sentence around them is the same everywhere. A
 * template may end in a third slot, {@code {2}}, the remedy, when the right fix depends on what is at fault
 * (a TreeMap needs another replacement than a HashMap): an engine that knows fills it, the others get the
 * hazard's default remedy.
 */
public enum Hazard {
  UNSYNCHRONIZED_MAP_WRITE(
      "UnsynchronizedMapWrite",
      "CG_UNSYNCHRONIZED_MAP_WRITE",
      Category.CONCURRENCY,
      Severity.ERROR,
      362,
      "A non-thread-safe map or set (HashMap, TreeMap, HashSet, ...) is written from several threads"
          + " without a lock.",
      "'{0}' is written without a lock {1}; concurrent writes lose entries, loop forever or throw"
          + " ConcurrentModificationException. {2}",
      UnsynchronizedMapWriteKnowledge.REMEDY_FOR_ANY_MAP,
      true),

  NULL_ESCAPING_OPTIONAL(
      "NullEscapingOptional",
      "CG_NULL_ESCAPING_OPTIONAL",
      Category.NULL_SAFETY,
      Severity.ERROR,
      476,
      "An Optional that is itself null, or a null taken out of an Optional, reaches a dereference.",
      "'{0}' {1}; the NullPointerException comes at run time, often far from this line. Return"
          + " Optional.empty(), wrap with Optional.ofNullable(), or check for null before use.",
      null,
      true),

  DOUBLE_CLOSE(
      "DoubleClose",
      "CG_DOUBLE_CLOSE",
      Category.RESOURCES,
      Severity.ERROR,
      675,
      "A resource is closed, a lock released or a buffer freed twice on one path.",
      // {1} carries the verb ("is released again here, after unlock() at line 12 on the same path"): the
      // kinds are a second release, a use after release, an escape from try-with-resources and an unlock
      // with nothing to unlock, which no single verb in the template could cover.
      "'{0}' {1}; a second release or a use after release throws (IllegalMonitorStateException,"
          + " IllegalReferenceCountException, IllegalStateException, IOException: Stream closed) or frees"
          + " what another owner still uses. Release it exactly once, after its last use: in"
          + " try-with-resources, or acquire before the try and release in its finally block.",
      null,
      true),

  EXECUTOR_LEAK(
      "ExecutorLeak",
      "CG_EXECUTOR_LEAK",
      Category.RESOURCES,
      Severity.ERROR,
      772,
      "An executor or timer is created and never shut down.",
      // {1} carries the verb ("is created on every pass of a loop and never shut down", "starts a non-daemon
      // timer thread that is never cancelled", "is shut down only on the normal path, …"): a Timer is
      // cancelled, not shut down, and a pool shut down on the normal path only is not "never shut down".
      "'{0}' {1}; every pool or timer left running keeps its threads, which pile up until"
          + " \"OutOfMemoryError: unable to create native thread\" or keep the JVM from exiting. Shut it down"
          + " (cancel a Timer) in a finally block or in its owner's close(), use try-with-resources (Java 19+),"
          + " or share one long-lived executor.",
      null,
      true),

  UNSAFE_MEMORY_MISUSE(
      "UnsafeMemoryMisuse",
      "CG_UNSAFE_MEMORY_MISUSE",
      Category.MEMORY,
      Severity.ERROR,
      416,
      "Off-heap memory from sun.misc.Unsafe is leaked, freed twice, used after free or addressed out of"
          + " bounds.",
      // {1} carries the verb ("is freed again here, after freeMemory at line 12 on the same path", "asks
      // objectFieldOffset for a static field, …"); {2} the remedy of that kind.
      "'{0}' {1}; the JVM checks none of Unsafe's addresses and offsets: a mistake kills it (SIGSEGV,"
          + " \"double free detected\"), corrupts the heap silently or leaks native memory. {2}",
      UnsafeMemoryMisuseKnowledge.DEFAULT_REMEDY,
      true),

  BAD_ANNOTATION_ATTRIBUTE(
      "BadAnnotationAttribute",
      "CG_BAD_ANNOTATION_ATTRIBUTE",
      Category.CONFIGURATION,
      Severity.ERROR,
      20,
      "An annotation attribute (regex, date pattern, cron, JSON name) is invalid and fails only at run"
          + " time.",
      "'{0}' {1}; javac checks an attribute's type, never its content. Correct the value so that the"
          + " library's own parser accepts it.",
      null,
      true);

  /**
   * Where the docs pages are published. The repository's {@code docs/} folder holds the same pages; the
   * catalog test checks that every implemented hazard has one. Set once, as the root pom's
   * {@code crashguard.docs.base.url} property, which the build writes into {@link DocsBase}.
   */
  public static final String DOCS_BASE_URL = DocsBase.URL;

  private static final Pattern SLOT = Pattern.compile("\\{([012])}");

  private final String catalogName;
  private final String bugType;
  private final Category category;
  private final Severity severity;
  private final int cwe;
  private final String summary;
  private final String messageTemplate;
  private final String defaultRemedy;
  private final boolean implemented;

  Hazard(
      String catalogName,
      String bugType,
      Category category,
      Severity severity,
      int cwe,
      String summary,
      String messageTemplate,
      String defaultRemedy,
      boolean implemented) {
    this.catalogName = catalogName;
    this.bugType = bugType;
    this.category = category;
    this.severity = severity;
    this.cwe = cwe;
    this.summary = summary;
    this.messageTemplate = messageTemplate;
    this.defaultRemedy = defaultRemedy;
    this.implemented = implemented;
  }

  /** The public name: Error Prone check, PMD rule, SARIF ruleId, SonarQube rule key. */
  public String catalogName() {
    return catalogName;
  }

  /** The SpotBugs bug type ({@code CG_...}). */
  public String bugType() {
    return bugType;
  }

  public Category category() {
    return category;
  }

  public Severity severity() {
    return severity;
  }

  /** The CWE id that fits best. */
  public int cwe() {
    return cwe;
  }

  /** One line: the Error Prone summary, the SpotBugs short description, the SARIF short description. */
  public String summary() {
    return summary;
  }

  /** The finding message with its two slots, {@code {0}} (what) and {@code {1}} (where from). */
  public String messageTemplate() {
    return messageTemplate;
  }

  /**
   * Whether all three engines implement the hazard. A hazard that is not implemented is registered in no
   * engine; one that is must be registered in all three (each engine's consistency test checks it).
   */
  public boolean implemented() {
    return implemented;
  }

  /** The docs page, relative to the repository root. */
  public String docsPath() {
    return "docs/" + catalogName + ".md";
  }

  public String docsUrl() {
    return DOCS_BASE_URL + catalogName + ".md";
  }

  /** The corpus package for this hazard: {@code dev.crashguard.testdata.<lower-case name>}. */
  public String corpusPackage() {
    return "dev.crashguard.testdata." + catalogName.toLowerCase(java.util.Locale.ROOT);
  }

  /** The finding message with both slots filled, and the default remedy where the template has one. */
  public String message(String subject, String origin) {
    return message(subject, origin, defaultRemedy);
  }

  /** The finding message with its slots filled; {@code remedy} only counts where the template has {@code {2}}. */
  public String message(String subject, String origin, String remedy) {
    StringBuilder out = new StringBuilder();
    Matcher m = SLOT.matcher(messageTemplate);
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "0" -> subject;
            case "1" -> origin;
            default -> remedy == null ? "" : remedy;
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The remedy a template's {@code {2}} gets when the engine cannot tell a better one; null without one. */
  public String defaultRemedy() {
    return defaultRemedy;
  }

  /** Whether the template ends in a remedy slot, {@code {2}}. */
  public boolean hasRemedySlot() {
    return messageTemplate.contains("{2}");
  }

  /**
   * A pattern every reported message of this hazard must match: the template with each slot standing for
   * any text. The corpus harness checks real findings against it, so no engine can drift in wording.
   */
  public Pattern messagePattern() {
    StringBuilder regex = new StringBuilder();
    Matcher m = SLOT.matcher(messageTemplate);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(messageTemplate.substring(last, m.start()))).append(".+?");
      last = m.end();
    }
    regex.append(Pattern.quote(messageTemplate.substring(last)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Finds a hazard by its catalog name (exact, case-sensitive: names are API). */
  public static Optional<Hazard> byName(String catalogName) {
    return Arrays.stream(values()).filter(h -> h.catalogName.equals(catalogName)).findFirst();
  }

  /** Finds a hazard by its SpotBugs bug type. */
  public static Optional<Hazard> byBugType(String bugType) {
    return Arrays.stream(values()).filter(h -> h.bugType.equals(bugType)).findFirst();
  }
}
