package dev.crashguard.cli;

import static dev.crashguard.cli.CliRuns.COUNTER;
import static dev.crashguard.cli.CliRuns.COUNTER_LINE;
import static dev.crashguard.cli.CliRuns.SAFE_COUNTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.corpus.Corpus;
import dev.crashguard.corpus.CorpusCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI, in this JVM: what it finds, how engines merge, and every option that changes the result. */
final class ScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void demoShowsEveryHazardFromAllThreeEnginesAndNoTwin() {
    CliRuns.Run run = CliRuns.inProcess("scan");

    assertEquals(1, run.exit(), run.toString());
    List<String> rows = run.out().lines().filter(l -> l.startsWith("  src/")).toList();
    assertEquals(
        List.of(
            "  src/main/java/demo/PriceIndex.java:14   [errorprone pmd spotbugs]",
            "  src/main/java/demo/VisitLog.java:13     [errorprone pmd spotbugs]",
            "  src/main/java/demo/VisitLog.java:19     [errorprone pmd spotbugs]",
            "  src/main/java/demo/WordCounter.java:14  [errorprone pmd spotbugs]",
            "  src/main/java/demo/UserDirectory.java:15  [errorprone pmd spotbugs]",
            "  src/main/java/demo/UserDirectory.java:20  [errorprone pmd spotbugs]"),
        rows,
        run.toString());
    assertTrue(
        run.out().contains(
            "crashguard: 6 findings (6 error, 0 warning) in 4 files; seen by errorprone 6, pmd 6, spotbugs 6"),
        run.toString());
    assertFalse(run.out().contains("Safe"), "compliant twins are never reported");
    for (String engine : List.of("errorprone", "pmd", "spotbugs")) {
      assertTrue(
          run.errLines().stream().anyMatch(l -> l.matches("  " + engine + " +6 findings in \\d+\\.\\d s")),
          "a progress line with the time for " + engine + ":\n" + run.err());
    }
  }

  @Test
  void corpusFindingsAreEachEnginesOwn() throws IOException {
    Path sarif = tmp.resolve("corpus.sarif");
    Corpus corpus = Corpus.fromBuild();
    Path root = corpus.sourceRoot();
    CliRuns.Run run =
        CliRuns.inProcess(
            "scan", root.toString(),
            "--sources", root.toString(),
            "--classes", Corpus.classesDir().toString(),
            "--classpath", CliRuns.testClasspath(),
            "--release", "21",
            "--format", "sarif", "--output", sarif.toString());
    assertEquals(1, run.exit(), run.toString());

    JsonNode runs = JSON.readTree(sarif.toFile()).get("runs");
    assertEquals(3, runs.size(), "one SARIF run per engine");
    List<String> failures = new ArrayList<>();
    for (JsonNode sarifRun : runs) {
      String tool = sarifRun.at("/tool/driver/name").asText();
      Engine engine = Engine.byId(tool.substring("crashguard-".length())).orElseThrow();
      List<Finding> findings = new ArrayList<>();
      for (JsonNode result : sarifRun.get("results")) {
        findings.add(
            new Finding(
                engine,
                Hazard.byName(result.get("ruleId").asText()).orElseThrow(),
                result.at("/locations/0/physicalLocation/artifactLocation/uri").asText(),
                result.at("/locations/0/physicalLocation/region/startLine").asInt(),
                result.at("/message/text").asText()));
      }
      CorpusCheck check = CorpusCheck.of(corpus, engine, findings);
      System.out.println(check.coverageMatrix());
      if (!check.passed()) {
        failures.add(check.failureReport());
      }
    }
    assertEquals(List.of(), failures, "the CLI must agree with the corpus in every engine");
  }

  @Test
  void threeEnginesAgreeingIsOneRowAndOneSonarIssue() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    Path classes = CliRuns.compile(project);
    Path out = tmp.resolve("out");
    CliRuns.Run run =
        CliRuns.inProcess(
            "scan", project.toString(), "--classes", classes.toString(), "-f", "console,sarif,sonar", "-o", out.toString());

    assertEquals(1, run.exit(), run.toString());
    assertEquals(
        List.of("  src/main/java/demo/Counter.java:" + COUNTER_LINE + "  [errorprone pmd spotbugs]"),
        run.out().lines().filter(l -> l.startsWith("  src/")).toList());
    JsonNode sarif = JSON.readTree(out.resolve("crashguard.sarif").toFile());
    for (JsonNode r : sarif.get("runs")) {
      assertEquals(1, r.get("results").size(), "each engine's run has its one result: " + r);
    }
    JsonNode sonar = JSON.readTree(out.resolve("crashguard-sonar.json").toFile());
    assertEquals(1, sonar.get("issues").size(), "three engines, one SonarQube issue");
  }

  @Test
  void enginesOptionRunsOnlyThoseEngines() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    Path sarif = tmp.resolve("r.sarif");
    CliRuns.Run run = CliRuns.inProcess("scan", project.toString(), "--engines", "pmd", "-f", "sarif", "-o", sarif.toString());

    assertEquals(1, run.exit(), run.toString());
    JsonNode runs = JSON.readTree(sarif.toFile()).get("runs");
    assertEquals(1, runs.size());
    assertEquals("crashguard-pmd", runs.get(0).at("/tool/driver/name").asText());
    assertTrue(run.errLines().stream().noneMatch(l -> l.contains("errorprone") || l.contains("spotbugs")), run.err());
  }

  @Test
  void plannedHazardIsANoteAndFindsNothing() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    CliRuns.Run run = CliRuns.inProcess("scan", project.toString(), "--hazards", "DoubleClose");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.err().contains("crashguard: note: DoubleClose is planned; no engine implements it yet"), run.err());
    assertTrue(run.out().contains("crashguard: 0 findings"), run.out());
  }

  @Test
  void hazardsOptionKeepsTheNamedHazard() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    CliRuns.Run run = CliRuns.inProcess("scan", project.toString(), "--hazards", "UnsynchronizedMapWrite", "--engines", "ep");

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("demo/Counter.java:" + COUNTER_LINE + "  [errorprone]"), run.out());
  }

  @Test
  void failOnDecidesTheExitStatus() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    assertEquals(0, CliRuns.inProcess("scan", project.toString(), "--engines", "pmd", "--fail-on", "never").exit());
    assertEquals(1, CliRuns.inProcess("scan", project.toString(), "--engines", "pmd", "--fail-on", "warning").exit());
    assertEquals(1, CliRuns.inProcess("scan", project.toString(), "--engines", "pmd", "--fail-on", "ERROR").exit());

    Path clean = CliRuns.project(tmp.resolve("clean"), Map.of("demo/SafeCounter.java", SAFE_COUNTER));
    CliRuns.Run run = CliRuns.inProcess("scan", clean.toString(), "--classes", CliRuns.compile(clean).toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("crashguard: 0 findings (0 error, 0 warning) in 0 files; seen by errorprone 0, pmd 0, spotbugs 0"), run.out());
  }

  @Test
  void withoutClassesSpotBugsIsSkippedWithTheReasonAndNoClassFileIsWritten() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    CliRuns.Run run = CliRuns.inProcess("scan", project.toString());

    assertEquals(1, run.exit(), run.toString());
    assertTrue(
        run.errLines().contains(
            "  spotbugs   skipped: SpotBugs reads class files and none were given: compile the project and pass"
                + " --classes DIR"),
        run.err());
    assertTrue(run.out().contains("[errorprone pmd]"), run.out());
    try (Stream<Path> files = Files.walk(project)) {
      assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".class")).toList(), "Error Prone writes no class file");
    }
  }

  @Test
  void baselineFindingsAreNotCounted() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    Path baseline = tmp.resolve("baseline.sarif");
    assertEquals(1, CliRuns.inProcess("scan", project.toString(), "-f", "sarif", "-o", baseline.toString()).exit());

    CliRuns.Run again = CliRuns.inProcess("scan", project.toString(), "--baseline", baseline.toString());
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains("crashguard: 0 findings") && again.out().contains("1 more in the baseline, not counted"), again.out());

    Files.writeString(
        project.resolve("src/main/java/demo/Counter2.java"), COUNTER.replace("class Counter", "class Counter2"));
    CliRuns.Run later = CliRuns.inProcess("scan", project.toString(), "--baseline", baseline.toString());
    assertEquals(1, later.exit(), later.toString());
    assertEquals(
        List.of("  src/main/java/demo/Counter2.java:" + COUNTER_LINE + "  [errorprone pmd]"),
        later.out().lines().filter(l -> l.startsWith("  src/")).toList(),
        "only the new finding counts");
  }

  @Test
  void unparsableSourceIsReportedAndTheRestIsScanned() throws IOException {
    Path project =
        CliRuns.project(
            tmp.resolve("p"),
            Map.of("demo/Counter.java", COUNTER, "demo/Broken.java", "package demo;\n\nclass Broken {\n  void m( {\n}\n"));
    CliRuns.Run run = CliRuns.inProcess("scan", project.toString());

    assertEquals(2, run.exit(), "an incomplete scan is an input error: " + run);
    assertTrue(run.out().contains("src/main/java/demo/Counter.java:" + COUNTER_LINE + "  [errorprone pmd]"), run.out());
    List<String> notAnalysed = run.errLines().stream().filter(l -> l.startsWith("crashguard: not analysed: ")).toList();
    assertEquals(2, notAnalysed.size(), run.err());
    assertTrue(notAnalysed.get(0).startsWith("crashguard: not analysed: errorprone: src/main/java/demo/Broken.java: does not compile (line 4: "), notAnalysed.get(0));
    assertTrue(notAnalysed.get(1).startsWith("crashguard: not analysed: pmd: src/main/java/demo/Broken.java: PMD cannot parse it ("), notAnalysed.get(1));
  }

  @Test
  void verboseShowsEngineOutput() throws IOException {
    Path project =
        CliRuns.project(tmp.resolve("p"), Map.of("demo/Broken.java", "package demo;\n\nclass Broken {\n  void m( {\n}\n"));
    CliRuns.Run quiet = CliRuns.inProcess("scan", project.toString(), "--engines", "ep");
    CliRuns.Run verbose = CliRuns.inProcess("scan", project.toString(), "--engines", "ep", "--verbose");

    String javacLine = "  | errorprone: " + project.resolve("src/main/java/demo/Broken.java") + ":4: ERROR: ";
    assertTrue(verbose.errLines().stream().anyMatch(l -> l.startsWith(javacLine)), "javac's own diagnostic:\n" + verbose.err());
    assertTrue(quiet.errLines().stream().noneMatch(l -> l.startsWith("  | ")), "nothing from the engines without --verbose");
  }

  @Test
  void helpAndVersionExitZero() {
    CliRuns.Run help = CliRuns.inProcess("scan", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("Usage: crashguard scan "), help.out());
    CliRuns.Run version = CliRuns.inProcess("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("crashguard "), version.out());
  }
}
