package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.pmd.PmdScanner;
import dev.crashguard.reports.MergedFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces under the command line, each on its own. */
final class PiecesTest {
  private static final Hazard H = Hazard.UNSYNCHRONIZED_MAP_WRITE;

  @TempDir Path tmp;

  @Test
  void mergeIsOneRowPerFileLineAndHazardWithEveryEngine() {
    List<MergedFinding> rows =
        MergedFinding.merge(
            List.of(
                new Finding(Engine.SPOTBUGS, H, "src/B.java", 3, "sb"),
                new Finding(Engine.ERROR_PRONE, H, "src/B.java", 3, "ep first lambda"),
                new Finding(Engine.ERROR_PRONE, H, "src/B.java", 3, "ep second lambda"),
                new Finding(Engine.PMD, H, "src/A.java", 9, "pmd"),
                new Finding(Engine.PMD, H, "src/B.java", 4, "pmd")));

    assertEquals(3, rows.size());
    assertEquals(List.of("src/A.java:9", "src/B.java:3", "src/B.java:4"), rows.stream().map(r -> r.file() + ":" + r.line()).toList());
    MergedFinding both = rows.get(1);
    assertEquals(Set.of(Engine.ERROR_PRONE, Engine.SPOTBUGS), both.engines());
    assertEquals("ep first lambda", both.message(), "the first engine in catalog order speaks for the row");
    assertEquals(
        List.of(new Finding(Engine.ERROR_PRONE, H, "src/B.java", 3, "ep first lambda"), new Finding(Engine.SPOTBUGS, H, "src/B.java", 3, "sb")),
        both.perEngine());
  }

  @Test
  void baselineMatchesRuleFileAndLineWhateverTheEngine() throws Exception {
    Path sarif =
        Files.writeString(
            tmp.resolve("b.sarif"),
            """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other"}}, "results": [
              {"ruleId": "UnsynchronizedMapWrite", "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "src/my%20dir/A.java", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 9}}}]}]}]}
            """);
    Baseline baseline = Baseline.read(sarif);
    assertTrue(baseline.contains(new MergedFinding(H, "src/my dir/A.java", 9, Map.of(Engine.PMD, "m")), "f:1"));
    assertTrue(!baseline.contains(new MergedFinding(H, "src/my dir/A.java", 10, Map.of(Engine.PMD, "m")), "f:1"));
    assertTrue(!baseline.contains(new MergedFinding(Hazard.DOUBLE_CLOSE, "src/my dir/A.java", 9, Map.of(Engine.PMD, "m")), null));
  }

  @Test
  void baselineMatchesCrashguardsFingerprintWhereverTheLineMoved() throws Exception {
    Path sarif =
        Files.writeString(
            tmp.resolve("b.sarif"),
            """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "crashguard"}}, "results": [
              {"ruleId": "UnsynchronizedMapWrite", "partialFingerprints": {"crashguard/v1": "abc:1"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/A.java"}, "region": {"startLine": 9}}}]}]}]}
            """);
    Baseline baseline = Baseline.read(sarif);
    assertTrue(baseline.contains(new MergedFinding(H, "src/A.java", 40, Map.of(Engine.PMD, "m")), "abc:1"), "moved: same fingerprint");
    assertFalse(baseline.contains(new MergedFinding(H, "src/A.java", 9, Map.of(Engine.PMD, "m")), "def:1"),
        "same line, other code: a new finding");
    assertFalse(baseline.contains(new MergedFinding(Hazard.NULL_ESCAPING_OPTIONAL, "src/A.java", 9, Map.of(Engine.PMD, "m")), "abc:1"),
        "the hazard is part of the match");
  }

  @Test
  void demoIndexListsExactlyTheDemoFiles() throws Exception {
    Path demo = Path.of(System.getProperty("crashguard.cli.demo"));
    List<String> onDisk;
    try (Stream<Path> walk = Files.walk(demo)) {
      onDisk =
          walk.filter(Files::isRegularFile)
              .map(p -> demo.relativize(p).toString().replace('\\', '/'))
              .filter(p -> !p.equals("files.txt"))
              .sorted()
              .toList();
    }
    List<String> index = Demo.index();
    assertEquals(onDisk, index.stream().filter(f -> !f.startsWith(Demo.LIB)).sorted().toList(),
        "cli/src/demo/files.txt must list every demo file");
    for (String jar : index.stream().filter(f -> f.startsWith(Demo.LIB)).toList()) {
      assertTrue(jar.endsWith(".jar"), jar + ": only jars belong under " + Demo.LIB);
      assertTrue(Demo.class.getClassLoader().getResource(Demo.RESOURCE_DIR + jar) != null,
          jar + " is in the index but the build did not bundle it (cli/pom.xml, demo-dependencies)");
    }
  }

  @Test
  void projectPathsAreRelativeToTheRootWithSlashes() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("r/src/main/java/a"));
    Files.writeString(root.resolve("A.java"), "package a; class A {}");
    Project p = ProjectResolver.plain(tmp.resolve("r"), "sources", List.of(), List.of(), List.of());
    assertEquals(1, p.modules().size());
    assertEquals(List.of(tmp.resolve("r/src/main/java").toAbsolutePath()), p.sourceRoots(), "src/main/java by default");
    assertEquals("src/main/java/a/A.java", p.relative(p.javaFiles().get(0)));
    assertEquals("src/main/java/a/A.java", p.fromPackagePath("a/A.java").orElseThrow(), "bytecode's package path");
    assertTrue(p.fromPackagePath("b/B.java").isEmpty());
  }

  @Test
  void anEngineThatFailsIsReportedAndTheOthersStillCount() throws Exception {
    Files.createDirectories(tmp.resolve("r/src/main/java"));
    Files.writeString(tmp.resolve("r/src/main/java/A.java"), "class A {}");
    Project project = ProjectResolver.plain(tmp.resolve("r"), "sources", List.of(), List.of(), List.of());
    EngineRunner broken =
        stub(Engine.PMD, () -> {
          throw new EngineRunner.EngineException("cannot load the PMD ruleset", new IllegalStateException("boom"));
        });
    EngineRunner working =
        stub(
            Engine.SPOTBUGS,
            () -> new EngineRunner.Result(
                List.of(new Finding(Engine.SPOTBUGS, H, "src/main/java/A.java", 1, "m")), List.of()));
    List<String> progress = new java.util.ArrayList<>();
    ScanResult result =
        Scan.run(project, List.of(broken, working), Set.of(H), Baseline.none(), f -> false, progress::add, line -> {}, line -> {});

    assertEquals(ScanResult.EngineOutcome.Status.FAILED, result.engines().get(Engine.PMD).status());
    assertEquals("pmd        failed: cannot load the PMD ruleset", progress.get(0));
    assertEquals(1, result.findings().size());
    assertTrue(result.incomplete(), "a failed engine makes the scan incomplete: exit 2");
  }

  /** Found by the real-world harness: PMD's own assert under -ea escaped as an Error and ended the scan. */
  @Test
  void anEngineThatThrowsAnErrorFailsAloneAndTheScanGoesOn() throws Exception {
    Files.createDirectories(tmp.resolve("e/src/main/java"));
    Files.writeString(tmp.resolve("e/src/main/java/A.java"), "class A {}");
    Project project = ProjectResolver.plain(tmp.resolve("e"), "sources", List.of(), List.of(), List.of());
    EngineRunner asserting =
        stub(Engine.PMD, () -> {
          throw new AssertionError("Empty most specific for bounds");
        });
    List<String> progress = new java.util.ArrayList<>();
    ScanResult result =
        Scan.run(project, List.of(asserting), Set.of(H), Baseline.none(), f -> false, progress::add, line -> {}, line -> {});

    assertEquals(ScanResult.EngineOutcome.Status.FAILED, result.engines().get(Engine.PMD).status());
    assertTrue(progress.get(0).startsWith("pmd        failed: internal error: java.lang.AssertionError"), progress::toString);
    assertTrue(result.incomplete());
  }

  /** Found by the real-world harness: one .tar.gz on the class path made PMD fail the whole run. */
  @Test
  void onlyRealArchivesGoOnPmdsAuxClasspath() throws Exception {
    Path jar = tmp.resolve("lib.jar");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.zip.ZipEntry("a/A.class"));
      out.closeEntry();
    }
    Path notAJar = Files.writeString(tmp.resolve("fake.jar"), "not a zip");
    Path tarball = Files.write(tmp.resolve("svm.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
    assertTrue(PmdScanner.isArchive(jar));
    assertFalse(PmdScanner.isArchive(notAJar));
    assertFalse(PmdScanner.isArchive(tarball));
    assertFalse(PmdScanner.isArchive(tmp.resolve("missing.jar")));
  }

  @Test
  void excludesMatchPathsFromTheRootAndBareNames() throws Exception {
    Excludes excludes = Excludes.of(List.of("**/generated/**", "demo/", "*Generated.java"));
    assertTrue(excludes.matches("generated/a/B.java"), "**/ also at the top");
    assertTrue(excludes.matches("app/target/generated/a/B.java"));
    assertTrue(excludes.matches("demo/src/main/java/A.java"));
    assertTrue(excludes.matches("app/src/main/java/x/FooGenerated.java"), "a glob without / is a file name");
    assertFalse(excludes.matches("app/src/main/java/x/Foo.java"));
    UsageException bad = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> Excludes.of(List.of("a[b")));
    assertTrue(bad.getMessage().startsWith("--exclude 'a[b': not a glob ("), bad.getMessage());
  }

  @Test
  void progressRewritesOneStatusLineOnATerminalAndIsQuietInCi() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    Progress live = new Progress(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), true);
    live.status("maven: module 1/2 core");
    live.status("maven: module 2/2 app");
    live.line("kept");
    assertEquals("\r\033[2Kmaven: module 1/2 core\r\033[2Kmaven: module 2/2 app\r\033[2Kkept\n",
        bytes.toString(java.nio.charset.StandardCharsets.UTF_8));

    java.io.ByteArrayOutputStream ci = new java.io.ByteArrayOutputStream();
    Progress quiet = new Progress(new java.io.PrintStream(ci, true, java.nio.charset.StandardCharsets.UTF_8), false);
    quiet.status("maven: module 1/2 core");
    quiet.line("kept");
    assertEquals("kept\n", ci.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(Progress.isInteractive(Map.of("CI", "true")), "CI set: quiet, whatever the terminal");
    assertFalse(Progress.isInteractive(Map.of()), "tests run without a terminal");
  }

  @Test
  void unwritableReportPathsSayWhy() throws Exception {
    // sysfs refuses new files even to root: the one place a test run as root sees "permission denied".
    Path sys = Path.of("/sys/crashguard-report.sarif");
    if (Files.isDirectory(Path.of("/sys/kernel"))) {
      UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> ScanCommand.checkWritable(sys));
      assertEquals(sys + ": cannot write the report (permission denied in /sys)", e.getMessage());
    }
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
        () -> ScanCommand.checkWritable(file.resolve("r.sarif")));
    assertEquals(file.resolve("r.sarif") + ": cannot write the report (" + file + " is not a directory)", e.getMessage());
  }

  /** What a stub engine does when run. */
  private interface StubRun {
    EngineRunner.Result run() throws EngineRunner.EngineException;
  }

  /** An engine that can always run and does {@code body} when it does. */
  private static EngineRunner stub(Engine engine, StubRun body) {
    return new EngineRunner() {
      @Override
      public Engine engine() {
        return engine;
      }

      @Override
      public java.util.Optional<String> cannotRun(Module m) {
        return java.util.Optional.empty();
      }

      @Override
      public Result run(Project p, Module m, Set<Hazard> hazards, java.util.function.Consumer<String> log)
          throws EngineException {
        return body.run();
      }
    };
  }
}
