package dev.crashguard.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness must fail in each way it promises, on small corpora made here. */
class CorpusHarnessTest {

  private static final Hazard H = Hazard.UNSYNCHRONIZED_MAP_WRITE;
  private static final String FILE = "dev/crashguard/testdata/unsynchronizedmapwrite/Case.java";

  @TempDir Path root;

  private Corpus corpusWith(String body) throws IOException {
    Path file = root.resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "package dev.crashguard.testdata.unsynchronizedmapwrite;\n" // line 1
            + "class Case {\n" // 2
            + "  static class Noncompliant {\n" // 3
            + body // 4 and on
            + "  }\n"
            + "  static class Compliant {}\n"
            + "  static class Fixed {}\n"
            + "}\n");
    return Corpus.load(root);
  }

  private static Finding at(int line) {
    return new Finding(Engine.PMD, H, FILE, line, H.message("m", "a task handed to Executor.execute"));
  }

  @Test
  void passesWhenFindingsMatchMarkers() throws IOException {
    Corpus corpus = corpusWith("    void a() {} // hazard: UnsynchronizedMapWrite\n");
    assertEquals(List.of(), corpus.problems());
    CorpusCheck check = CorpusCheck.of(corpus, Engine.PMD, List.of(at(4)));
    assertTrue(check.passed(), check::failureReport);
  }

  @Test
  void failsOnAMissedMarker() throws IOException {
    Corpus corpus = corpusWith("    void a() {} // hazard: UnsynchronizedMapWrite\n");
    CorpusCheck check = CorpusCheck.of(corpus, Engine.PMD, List.of());
    assertFalse(check.passed());
    assertEquals(1, check.missing().size());
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    assertThrows(AssertionError.class, () -> check.assertPassed(new java.io.PrintStream(printed)));
    assertTrue(printed.toString().contains("pmd: 0 found, 1 missed"), printed::toString);
  }

  @Test
  void failsOnAnUnmarkedFinding() throws IOException {
    Corpus corpus = corpusWith("    void a() {} // hazard: UnsynchronizedMapWrite\n");
    CorpusCheck check = CorpusCheck.of(corpus, Engine.PMD, List.of(at(4), at(5)));
    assertFalse(check.passed());
    assertEquals(List.of(at(5)), check.unexpected());
  }

  @Test
  void declaredGapIsNotExpectedButAStaleGapFails() throws IOException {
    Corpus corpus =
        corpusWith("    void a() {} // hazard: UnsynchronizedMapWrite (not: pmd — XPath cannot see it)\n");
    assertTrue(CorpusCheck.of(corpus, Engine.PMD, List.of()).passed());
    CorpusCheck stale = CorpusCheck.of(corpus, Engine.PMD, List.of(at(4)));
    assertFalse(stale.passed());
    assertEquals(1, stale.staleGaps().size());
    // The gap is for PMD only: Error Prone must still find it.
    assertFalse(CorpusCheck.of(corpus, Engine.ERROR_PRONE, List.of()).passed());
  }

  @Test
  void failsOnAMessageThatIsNotTheTemplate() throws IOException {
    Corpus corpus = corpusWith("    void a() {} // hazard: UnsynchronizedMapWrite\n");
    Finding odd = new Finding(Engine.PMD, H, FILE, 4, "HashMap is not thread-safe");
    CorpusCheck check = CorpusCheck.of(corpus, Engine.PMD, List.of(odd));
    assertFalse(check.passed());
    assertEquals(List.of(odd), check.offTemplate());
  }

  @Test
  void unknownHazardsEnginesAndBadSyntaxAreProblems() throws IOException {
    Corpus corpus =
        corpusWith(
            "    void a() {} // hazard: NoSuchHazard\n"
                + "    void b() {} // hazard: UnsynchronizedMapWrite (not: eclipse — no such engine)\n"
                + "    void c() {} // hazard: UnsynchronizedMapWrite (not: pmd)\n"
                + "    void d() {} // hazard UnsynchronizedMapWrite\n"
                + "    void e() {} // hazard: UnsynchronizedMapWrite (not: pmd — )\n");
    List<String> problems = corpus.problems();
    for (String expected :
        List.of(
            "Case.java:4: marker names an unknown hazard 'NoSuchHazard'",
            "Case.java:5: unknown engine 'eclipse'",
            "Case.java:6: cannot read the gap declaration",
            "Case.java:7: marker does not follow",
            "Case.java:8: gap declared without a reason")) {
      assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), expected + " in " + problems);
    }
    assertFalse(CorpusCheck.of(corpus, Engine.PMD, List.of()).passed());
  }

  @Test
  void readsSeveralMarkersGapsAndMarkersAfterOtherComments() throws IOException {
    Corpus corpus =
        corpusWith(
            "    void a() {} // hazard: UnsynchronizedMapWrite (not: pmd, spotbugs — bytecode (and XPath) lose it)\n"
                + "    void b() {} // NOPMD - reason // hazard: UnsynchronizedMapWrite (not: pmd — NOPMD)\n");
    assertEquals(List.of(), corpus.problems());
    assertEquals(2, corpus.markers().size());
    Marker first = corpus.markers().get(0);
    assertEquals("bytecode (and XPath) lose it", first.gaps().get(Engine.SPOTBUGS));
    assertTrue(first.expectedFrom(Engine.ERROR_PRONE));
    assertFalse(corpus.markers().get(1).expectedFrom(Engine.PMD));
  }

  @Test
  void markersOutsideNoncompliantAndMissingTwinsAreProblems() throws IOException {
    Path file = root.resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "package dev.crashguard.testdata.unsynchronizedmapwrite;\n"
            + "class Case {\n"
            + "  static class Noncompliant { void a() {} }\n"
            + "  static class Compliant { void b() {} // hazard: UnsynchronizedMapWrite\n }\n"
            + "}\n");
    List<String> problems = Corpus.load(root).problems();
    assertTrue(problems.stream().anyMatch(p -> p.contains("Noncompliant has no marker")), problems::toString);
    assertTrue(problems.stream().anyMatch(p -> p.contains("must stay silent")), problems::toString);
    assertTrue(problems.stream().anyMatch(p -> p.contains("no Fixed*")), problems::toString);
  }

  /**
   * A library's own class in a file of its own (no marker, no nested class) is a support file, used by cases
   * of other files; a file with a nested class or a marker is a behaviour file again.
   */
  @Test
  void aSupportFileHoldsNoCase() throws IOException {
    Path file = root.resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "package dev.crashguard.testdata.unsynchronizedmapwrite;\n"
            + "public class Case extends java.io.OutputStream {\n"
            + "  @Override public void write(int b) {}\n"
            + "}\n");
    assertEquals(List.of(), Corpus.load(root).problems());
    Files.writeString(
        file,
        "package dev.crashguard.testdata.unsynchronizedmapwrite;\n"
            + "public class Case {\n"
            + "  void a() {} // hazard: UnsynchronizedMapWrite\n"
            + "}\n");
    List<String> problems = Corpus.load(root).problems();
    assertTrue(problems.stream().anyMatch(p -> p.contains("a behaviour file needs")), problems::toString);
  }

  @Test
  void theRealCorpusObeysItsRules() {
    Corpus corpus = Corpus.fromBuild();
    assertEquals(List.of(), corpus.problems());
    assertTrue(corpus.markers().size() >= 12, "the corpus has markers");
  }

  /**
   * A hazard's corpus is written before its engines: its markers are not required until the catalog
   * switches it on, but they must parse and the file must follow the corpus rules.
   */
  @Test
  void markersOfAHazardNotImplementedYetAreNotRequired() throws IOException {
    Hazard planned =
        java.util.Arrays.stream(Hazard.values()).filter(h -> !h.implemented()).findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(planned != null, "every hazard is implemented");
    Corpus corpus = corpusWith("    void a() {} // hazard: " + planned.catalogName() + "\n");
    assertEquals(List.of(), corpus.problems());
    CorpusCheck check = CorpusCheck.of(corpus, Engine.PMD, List.of());
    assertTrue(check.passed(), check::failureReport);
    assertEquals(List.of(), check.missing());

    Corpus broken = corpusWith("    void a() {} // hazard " + planned.catalogName() + "\n");
    assertFalse(CorpusCheck.of(broken, Engine.PMD, List.of()).passed(), "a marker that does not parse still fails");
  }

  @Test
  void findingsFromAnotherEngineAreRejected() throws IOException {
    Corpus corpus = corpusWith("    void a() {} // hazard: UnsynchronizedMapWrite\n");
    assertThrows(IllegalArgumentException.class, () -> CorpusCheck.of(corpus, Engine.SPOTBUGS, List.of(at(4))));
  }
}
