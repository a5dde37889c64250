package dev.crashguard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crashguard.corpus.Corpus;
import dev.crashguard.corpus.CoverageTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog's own rules (sonar-java's GeneratedCheckListTest idea): names are unique and well formed,
 * every implemented hazard has its docs page and its corpus folder with cases. Each engine's module
 * checks its own registrations against the catalog with {@code CatalogAgreement}.
 */
class CatalogTest {

  private static final Path ROOT = Path.of(System.getProperty("crashguard.root", "..")).toAbsolutePath();

  @Test
  void allSixHazardsAreListed() {
    assertEquals(
        List.of(
            "UnsynchronizedMapWrite",
            "NullEscapingOptional",
            "DoubleClose",
            "ExecutorLeak",
            "UnsafeMemoryMisuse",
            "BadAnnotationAttribute"),
        Stream.of(Hazard.values()).map(Hazard::catalogName).toList());
  }

  @Test
  void namesAndBugTypesAreUniqueAndDerivedFromEachOther() {
    Set<String> names = new HashSet<>();
    Set<String> bugTypes = new HashSet<>();
    for (Hazard h : Hazard.values()) {
      assertTrue(names.add(h.catalogName()), "duplicate name " + h.catalogName());
      assertTrue(bugTypes.add(h.bugType()), "duplicate bug type " + h.bugType());
      assertTrue(h.catalogName().matches("[A-Z][A-Za-z]+"), "catalog names are UpperCamelCase: " + h);
      String snake = h.catalogName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      assertEquals("CG_" + snake, h.bugType(), "bug type of " + h.catalogName());
      assertEquals(snake, h.name(), "enum constant of " + h.catalogName());
    }
  }

  @Test
  void textsAreWellFormed() {
    for (Hazard h : Hazard.values()) {
      assertTrue(h.summary().endsWith("."), h + ": summary is a sentence");
      assertTrue(!h.summary().contains("\n"), h + ": summary is one line");
      String template = h.messageTemplate();
      assertEquals(1, count(template, "{0}"), h + ": template names the subject once");
      assertEquals(1, count(template, "{1}"), h + ": template names the origin once");
      String message = h.message("m", "a task handed to ExecutorService.submit");
      assertTrue(h.messagePattern().matcher(message).matches(), h + ": a filled message matches its pattern");
      assertTrue(!h.messagePattern().matcher("something else").matches(), h + ": the pattern is not vacuous");
      assertTrue(h.cwe() > 0, h + ": CWE");
      assertTrue(h.docsUrl().endsWith("/" + h.catalogName() + ".md"), h + ": docs URL");
    }
  }

  @Test
  void docsBaseUrlIsTheBuildProperty() {
    String property = System.getProperty("crashguard.docs.base.url");
    assertTrue(property != null && !property.isBlank(), "the build passes crashguard.docs.base.url to the tests");
    assertEquals(property, Hazard.DOCS_BASE_URL, "the root pom's crashguard.docs.base.url, compiled in");
    assertTrue(Hazard.DOCS_BASE_URL.matches("https://\\S+/"), "an absolute https URL ending in /: " + Hazard.DOCS_BASE_URL);
    assertEquals(Hazard.DOCS_BASE_URL + "UnsynchronizedMapWrite.md", Hazard.UNSYNCHRONIZED_MAP_WRITE.docsUrl());
  }

  @Test
  void messageFillsSlotsLiterally() {
    Hazard h = Hazard.UNSYNCHRONIZED_MAP_WRITE;
    String message = h.message("$cache\\", "{1}");
    assertTrue(message.startsWith("'$cache\\' is written without a lock {1};"), message);
  }

  @Test
  void everyImplementedHazardHasItsDocsPageAndCorpusFolder() throws IOException {
    List<String> problems = new ArrayList<>();
    Corpus corpus = Corpus.fromBuild();
    for (Hazard h : Hazard.values()) {
      if (!h.implemented()) {
        continue;
      }
      Path page = ROOT.resolve(h.docsPath());
      if (!Files.isRegularFile(page)) {
        problems.add(h.catalogName() + ": no docs page at " + h.docsPath());
      } else {
        String text = Files.readString(page);
        for (String section :
            List.of("# " + h.catalogName(), "## Noncompliant", "## Compliant", "## How to fix",
                "## What each engine sees", "## Suppressing")) {
          if (!text.contains(section)) {
            problems.add(h.docsPath() + ": missing section '" + section + "'");
          }
        }
      }
      Path folder = corpus.folderOf(h);
      if (!Files.isDirectory(folder)) {
        problems.add(h.catalogName() + ": no corpus folder " + folder);
      }
      long markers = corpus.markers().stream().filter(m -> m.hazard() == h).count();
      if (markers < 12) {
        problems.add(h.catalogName() + ": only " + markers + " noncompliant markers; an implemented hazard has 12 or more");
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  /**
   * The docs' coverage table is generated from the corpus. After changing markers, regenerate it with
   * {@code ./mvnw -pl catalog test -Dcrashguard.docs.update=true}.
   */
  @Test
  void docsCoverageTablesMatchTheCorpus() throws IOException {
    Corpus corpus = Corpus.fromBuild();
    boolean update = Boolean.getBoolean("crashguard.docs.update");
    List<String> stale = new ArrayList<>();
    for (Hazard h : Hazard.values()) {
      Path page = ROOT.resolve(h.docsPath());
      if (!h.implemented() || !Files.isRegularFile(page)) {
        continue;
      }
      String text = Files.readString(page);
      String expected = CoverageTable.replaceIn(text, CoverageTable.render(corpus, h));
      if (!expected.equals(text)) {
        if (update) {
          Files.writeString(page, expected);
        } else {
          stale.add(h.docsPath());
        }
      }
    }
    if (!stale.isEmpty()) {
      fail("coverage tables out of date in " + stale
          + "; regenerate with ./mvnw -pl catalog test -Dcrashguard.docs.update=true");
    }
  }

  /**
   * Each page's "In a crash log" section lists the hazard's crash signatures from the catalog
   * ({@code crashguard explain} links to it), between generated markers placed before "## Known
   * limitations". Regenerated like the coverage tables.
   */
  @Test
  void docsCrashSignatureSectionsMatchTheCatalog() throws IOException {
    boolean update = Boolean.getBoolean("crashguard.docs.update");
    List<String> stale = new ArrayList<>();
    String begin = "<!-- signatures:begin (generated from CrashSignatures; do not edit) -->";
    String end = "<!-- signatures:end -->";
    for (Hazard h : Hazard.values()) {
      Path page = ROOT.resolve(h.docsPath());
      if (!h.implemented() || !Files.isRegularFile(page)) {
        continue;
      }
      String text = Files.readString(page);
      StringBuilder block = new StringBuilder(begin).append("\n");
      block.append("`crashguard explain LOG` names this hazard when a log, thread dump or JVM crash report shows one of these;")
          .append(" each is matched by the crash proofs against the failure the corpus' noncompliant code really produces.\n\n");
      block.append("| signature | | what the log shows | what it means |\n|---|---|---|---|\n");
      for (dev.crashguard.catalog.crash.CrashSignature sig : dev.crashguard.catalog.knowledge.CrashSignatures.of(h)) {
        block.append("| <a id=\"").append(sig.id().substring(sig.id().indexOf('/') + 1)).append("\"></a>`")
            .append(sig.id()).append("` | ").append(sig.strength().phrase()).append(" | ")
            .append(sig.title().replace("|", "\\|")).append(" | ").append(sig.meaning().replace("|", "\\|")).append(" |\n");
      }
      block.append(end);
      String expected;
      int from = text.indexOf(begin);
      int to = text.indexOf(end);
      if (from >= 0 && to > from) {
        expected = text.substring(0, from) + block + text.substring(to + end.length());
      } else {
        int at = text.indexOf("## Known limitations");
        at = at < 0 ? text.indexOf("## Suppressing") : at;
        expected = text.substring(0, at) + "## In a crash log\n\n" + block + "\n\n" + text.substring(at);
      }
      if (!expected.equals(text)) {
        if (update) {
          Files.writeString(page, expected);
        } else {
          stale.add(h.docsPath());
        }
      }
    }
    if (!stale.isEmpty()) {
      fail("crash-signature sections out of date in " + stale
          + "; regenerate with ./mvnw -pl catalog test -Dcrashguard.docs.update=true");
    }
  }

  /**
   * README's catalog table says exactly which hazards are implemented, in catalog order, with each one's
   * summary. Regenerated like the coverage tables.
   */
  @Test
  void readmeCatalogTableMatchesTheCatalog() throws IOException {
    Path readme = ROOT.resolve("README.md");
    String text = Files.readString(readme);
    String start = "<!-- catalog:start";
    String end = "<!-- catalog:end -->";
    int from = text.indexOf('\n', text.indexOf(start)) + 1;
    int to = text.indexOf(end);
    assertTrue(text.contains(start) && to > from, "README.md has no catalog table between its markers");
    StringBuilder table = new StringBuilder("| hazard | status | what fails |\n|---|---|---|\n");
    for (Hazard h : Hazard.values()) {
      String name = h.implemented() ? "[`" + h.catalogName() + "`](" + h.docsPath() + ")" : "`" + h.catalogName() + "`";
      String status = h.implemented() ? "Error Prone, PMD, SpotBugs" : "planned";
      table.append("| ").append(name).append(" | ").append(status).append(" | ").append(h.summary()).append(" |\n");
    }
    String expected = text.substring(0, from) + table + text.substring(to);
    if (!expected.equals(text) && Boolean.getBoolean("crashguard.docs.update")) {
      Files.writeString(readme, expected);
      return;
    }
    assertEquals(expected, text, "README.md's catalog table is out of date; regenerate with"
        + " ./mvnw -pl catalog test -Dcrashguard.docs.update=true");
  }

  /**
   * A hazard's corpus comes before its engines (CONTRIBUTING.md, steps 2 and 3), so a hazard that is not
   * implemented yet may have markers; the engines' corpus checks do not require them until it is switched
   * on. What must not happen is a corpus folder for such a hazard that breaks the corpus rules: those hold
   * from the first file.
   */
  @Test
  void unimplementedHazardsMayHaveCorpusMarkersThatFollowTheRules() {
    Corpus corpus = Corpus.fromBuild();
    List<String> problems = new ArrayList<>();
    for (Hazard h : Hazard.values()) {
      if (h.implemented()) {
        continue;
      }
      String folder = Corpus.ROOT_PACKAGE_DIR + h.catalogName().toLowerCase(Locale.ROOT) + "/";
      corpus.problems().stream().filter(p -> p.startsWith(folder)).forEach(problems::add);
    }
    assertEquals(List.of(), problems, "corpus rule violations in the folders of hazards not implemented yet");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
