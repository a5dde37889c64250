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
            "  src/main/java/demo/UserDirectory.java:20  [errorprone pmd spotbugs]",
            "  src/main/java/demo/LogTail.java:12  [errorprone pmd spotbugs]",
            "  src/main/java/demo/ReportMailer.java:9  [errorprone pmd spotbugs]",
            "  src/main/java/demo/NativeChecksum.java:21  [errorprone pmd spotbugs]",
            // A class file keeps no line for a field's annotation: SpotBugs reports the read of the field.
            "  src/main/java/demo/SignupForm.java:6   [errorprone pmd]",
            "  src/main/java/demo/SignupForm.java:10  [spotbugs]"),
        rows,
        run.toString());
    assertTrue(
        run.out().contains(
            "crashguard: 11 findings (11 error, 0 warning) in 8 files; seen by errorprone 10, pmd 10, spotbugs 10"),
        run.toString());
    assertFalse(run.out().contains("Safe"), "compliant twins are never reported");
    for (String engine : List.of("errorprone", "pmd", "spotbugs")) {
      assertTrue(
          run.errLines().stream().anyMatch(l -> l.matches("  " + engine + " +10 findings in \\d+\\.\\d s")),
          "a progress line with the time for " + engine + ":\n" + run.err());
    }
  }

  @Test
  void corpusFindingsAreEachEnginesOwn() throws Exception {
    Corpus corpus = Corpus.fromBuild();
    Path root = corpus.sourceRoot();
    // The CLI's own pipeline (resolver, runners, scan, merge), keeping each engine's own message.
    Project project =
        ProjectResolver.plain(root, "sources", List.of(root.toString()), List.of(Corpus.classesDir().toString()),
            List.of(CliRuns.testClasspath()));
    ScanResult result =
        Scan.run(project, List.of(new ErrorProneRunner("21"), new PmdRunner("21"), new SpotBugsRunner()),
            java.util.EnumSet.allOf(Hazard.class), Baseline.none(), f -> false, line -> {}, line -> {}, line -> {});
    assertEquals(List.of(), result.fileProblems());
    List<String> failures = new ArrayList<>();
    for (Engine engine : Engine.values()) {
      List<Finding> findings =
          result.findings().stream().flatMap(f -> f.perEngine().stream()).filter(f -> f.engine() == engine).toList();
      CorpusCheck check = CorpusCheck.of(corpus, engine, findings);
      System.out.println(check.coverageMatrix());
      if (!check.passed()) {
        failures.add(check.failureReport());
      }
    }
    assertEquals(List.of(), failures, "the CLI must agree with the corpus in every engine");
  }

  @Test
  void threeEnginesAgreeingIsOneRowOneSarifResultAndOneSonarIssue() throws IOException {
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
    assertEquals(1, sarif.get("runs").size(), "one run");
    assertEquals(1, sarif.at("/runs/0/results").size(), "one result for three engines: one alert");
    assertEquals("[\"errorprone\",\"pmd\",\"spotbugs\"]", sarif.at("/runs/0/results/0/properties/engines").toString());
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
    assertEquals("crashguard", runs.get(0).at("/tool/driver/name").asText());
    assertEquals("[\"pmd\"]", runs.get(0).at("/properties/engines").toString());
    assertTrue(run.errLines().stream().noneMatch(l -> l.contains("errorprone") || l.contains("spotbugs")), run.err());
  }

  @Test
  void plannedHazardIsANoteAndFindsNothing() throws IOException {
    String planned = CliRuns.aPlannedHazard();
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    CliRuns.Run run = CliRuns.inProcess("scan", project.toString(), "--hazards", planned);

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.err().contains("crashguard: note: " + planned + " is planned; no engine implements it yet"), run.err());
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
  void aBaselinedFindingStaysBaselinedWhenLinesAreAddedAboveIt() throws IOException {
    Path project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
    Path baseline = tmp.resolve("baseline.sarif");
    assertEquals(1, CliRuns.inProcess("scan", project.toString(), "-f", "sarif", "-o", baseline.toString()).exit());
    JsonNode result = JSON.readTree(baseline.toFile()).at("/runs/0/results/0");
    assertTrue(result.at("/partialFingerprints/crashguard~1v1").asText().matches("[0-9a-f]{32}:1"), result.toString());

    Path file = project.resolve("src/main/java/demo/Counter.java");
    Files.writeString(file, COUNTER.replace("public class Counter {", "/**\n * Counts words.\n * Three lines more.\n */\npublic class Counter {\n  private int unused;\n"));
    CliRuns.Run moved = CliRuns.inProcess("scan", project.toString(), "--baseline", baseline.toString());
    assertEquals(0, moved.exit(), moved.toString());
    assertTrue(moved.out().contains("crashguard: 0 findings") && moved.out().contains("1 more in the baseline, not counted"), moved.out());

    // The flagged code itself changed: a new finding.
    Files.writeString(file, Files.readString(file).replace("counts.merge(word, 1, Integer::sum)", "counts.merge(word, 2, Integer::sum)"));
    CliRuns.Run changed = CliRuns.inProcess("scan", project.toString(), "--baseline", baseline.toString());
    assertEquals(1, changed.exit(), changed.toString());
    assertEquals(List.of("  src/main/java/demo/Counter.java:" + (COUNTER_LINE + 6) + "  [errorprone pmd]"),
        changed.out().lines().filter(l -> l.startsWith("  src/")).toList());
  }

  @Test
  void excludedFilesAreNotScanned() throws IOException {
    Path project =
        CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER, "gen/Counter2.java",
            COUNTER.replace("package demo;", "package gen;").replace("class Counter", "class Counter2")));
    CliRuns.Run all = CliRuns.inProcess("scan", project.toString(), "--engines", "pmd");
    assertEquals(2, all.out().lines().filter(l -> l.startsWith("  src/")).count(), all.out());
    CliRuns.Run run = CliRuns.inProcess("scan", project.toString(), "--engines", "pmd", "--exclude", "src/main/java/gen/**");
    assertEquals(List.of("  src/main/java/demo/Counter.java:" + COUNTER_LINE + "  [pmd]"),
        run.out().lines().filter(l -> l.startsWith("  src/")).toList(), run.toString());
    assertTrue(run.err().contains("(directory, 1 Java file, "), run.err());
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
    String both = run.out() + run.err();
    List<String> notAnalysed = both.lines().filter(l -> l.contains("src/main/java/demo/Broken.java")).toList();
    assertEquals(2, notAnalysed.size(), "each problem once, not on stdout and stderr both:\n" + both);
    assertTrue(notAnalysed.get(0).startsWith("  errorprone: src/main/java/demo/Broken.java: does not compile (line 4: "), notAnalysed.get(0));
    assertTrue(notAnalysed.get(1).startsWith("  pmd: src/main/java/demo/Broken.java: PMD cannot parse it ("), notAnalysed.get(1));
    assertTrue(run.out().contains("\nNot analysed:\n"), run.out());

    Path sarif = tmp.resolve("r.sarif");
    CliRuns.Run toFile = CliRuns.inProcess("scan", project.toString(), "-f", "sarif", "-o", sarif.toString());
    assertEquals(2, toFile.exit());
    assertEquals(2, toFile.errLines().stream().filter(l -> l.startsWith("crashguard: not analysed: ")).count(),
        "no console on stdout: on stderr, once\n" + toFile.err());
    JsonNode notes = JSON.readTree(sarif.toFile()).at("/runs/0/invocations/0/toolExecutionNotifications");
    assertEquals(2, notes.size(), notes.toString());
    assertEquals("src/main/java/demo/Broken.java", notes.at("/0/locations/0/physicalLocation/artifactLocation/uri").asText());
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
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"scan", "-V"},
        new String[] {"scan", "--version"})) {
      CliRuns.Run version = CliRuns.inProcess(args);
      assertEquals(0, version.exit(), version.toString());
      assertEquals("crashguard " + dev.crashguard.reports.Reports.VERSION + "\n", version.out(), String.join(" ", args));
      assertEquals("", version.err());
    }
    assertTrue(dev.crashguard.reports.Reports.VERSION.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), dev.crashguard.reports.Reports.VERSION);
  }
}
