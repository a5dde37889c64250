package dev.crashguard.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.crashguard.catalog.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonar.api.SonarEdition;
import org.sonar.api.SonarQubeSide;
import org.sonar.api.SonarRuntime;
import org.sonar.api.batch.fs.InputFile;
import org.sonar.api.batch.fs.internal.TestInputFileBuilder;
import org.sonar.api.batch.sensor.Sensor;
import org.sonar.api.batch.sensor.internal.DefaultSensorDescriptor;
import org.sonar.api.batch.sensor.internal.SensorContextTester;
import org.sonar.api.batch.sensor.issue.ExternalIssue;
import org.sonar.api.internal.SonarRuntimeImpl;
import org.sonar.api.utils.Version;

/**
 * Feeds the sample reports to SonarQube's own importers, sonar-java's {@code PmdSensor} and
 * {@code SpotBugsSensor} (the code behind {@code sonar.java.pmd.reportPaths} and
 * {@code sonar.java.spotbugs.reportPaths}), running on the plugin API's {@code SensorContextTester}, and
 * checks that SonarQube imports exactly what our readers read: same files, lines and messages.
 *
 * <p>The plugin jar is not a dependency (its POM's parent is not on Central): the build copies it to
 * target/sonar-plugins and surefire puts it on the class path, so its classes are loaded by name here.
 *
 * <p>What SonarQube makes of them, pinned so a change in sonar-java shows up here: rule keys
 * {@code external_pmd:<rule>} and {@code external_spotbugs:<type>}; every issue a CODE_SMELL; PMD severity
 * from the report's priority (1 BLOCKER, 2 CRITICAL, 3 MAJOR, 4 MINOR, 5 INFO), so our priority 1 becomes
 * BLOCKER, not the catalog's CRITICAL; SpotBugs severity MAJOR for every CG_ type, because sonar-java only
 * knows the severities of the bug types in its bundled rule lists and ignores the report's priority.
 */
class SonarJavaImportersTest {
  private static final SonarRuntime RUNTIME =
      SonarRuntimeImpl.forSonarQube(Version.create(10, 6), SonarQubeSide.SCANNER, SonarEdition.COMMUNITY);

  @TempDir Path dir;
  private SampleProject project;
  private SensorContextTester context;

  @BeforeEach
  void setUp() throws IOException {
    project = new SampleProject(dir);
    context = SensorContextTester.create(project.root);
    context.setRuntime(RUNTIME);
    // Only the main sources are indexed, as in a default Maven analysis without sonar.tests.
    for (String source : SampleProject.SOURCES) {
      if (source.startsWith("src/main/")) {
        InputFile file = TestInputFileBuilder.create("shop", source)
            .setModuleBaseDir(project.root)
            .setLanguage("java")
            .setType(InputFile.Type.MAIN)
            .setCharset(StandardCharsets.UTF_8)
            .setContents(Files.readString(project.root.resolve(source)))
            .build();
        context.fileSystem().add(file);
      }
    }
  }

  @Test
  void pmdSensorImportsOurViolationsAsWeReadThem() throws Exception {
    Path report = project.pmdReport();
    context.settings().setProperty("sonar.java.pmd.reportPaths", report.toString());
    Sensor sensor = sensor("org.sonar.java.externalreport.PmdSensor");
    assertRunsOnJavaWhenReportPathIsSet(sensor, "sonar.java.pmd.reportPaths");

    sensor.execute(context);

    List<String> crashguard = new ArrayList<>();
    for (ExternalIssue issue : context.allExternalIssues()) {
      if (issue.ruleKey().rule().equals("UnsynchronizedMapWrite")) {
        assertEquals("external_pmd", issue.ruleKey().repository());
        assertEquals("pmd", issue.engineId());
        assertEquals(org.sonar.api.batch.rule.Severity.BLOCKER, issue.severity(), "PMD priority 1");
        assertEquals(org.sonar.api.rules.RuleType.CODE_SMELL, issue.type());
        crashguard.add(describe(issue));
      }
    }
    assertEquals(
        List.of(
            "src/main/java/dev/shop/Inventory.java:13:'stock' is written without a lock by a task submitted to an executor"
                + SampleProject.MAP_WRITE_TAIL,
            "src/main/java/dev/shop/Inventory.java:17:'stock' is written without a lock by a task submitted to an executor"
                + SampleProject.MAP_WRITE_TAIL,
            "src/main/java/dev/shop/Ledger.java:12:'totals' is written without a lock by a thread started in post()"
                + SampleProject.MAP_WRITE_TAIL),
        crashguard.stream().sorted().toList());
    assertEquals(expected(new PmdReportReader(project.sourceRoot()).read(report)),
        crashguard.stream().sorted().toList(), "SonarQube imports what our reader reads");
    assertEquals(4, context.allExternalIssues().size(), "plus PMD's own UnusedPrivateField; the test file is not indexed");
  }

  @Test
  void spotBugsSensorImportsOurBugInstancesAsWeReadThem() throws Exception {
    Path report = project.spotbugsReport();
    context.settings().setProperty("sonar.java.spotbugs.reportPaths", report.toString());
    Sensor sensor = sensor("org.sonar.java.externalreport.SpotBugsSensor");
    assertRunsOnJavaWhenReportPathIsSet(sensor, "sonar.java.spotbugs.reportPaths");

    sensor.execute(context);

    List<String> crashguard = new ArrayList<>();
    for (ExternalIssue issue : context.allExternalIssues()) {
      if (issue.ruleKey().rule().startsWith("CG_")) {
        assertEquals("external_spotbugs", issue.ruleKey().repository());
        assertEquals("CG_UNSYNCHRONIZED_MAP_WRITE", issue.ruleKey().rule());
        assertEquals("spotbugs", issue.engineId());
        assertEquals(org.sonar.api.batch.rule.Severity.MAJOR, issue.severity(), "unknown type: sonar-java's default");
        assertEquals(org.sonar.api.rules.RuleType.CODE_SMELL, issue.type());
        crashguard.add(describe(issue));
      }
    }
    assertEquals(
        List.of(
            "src/main/java/dev/shop/Inventory.java:13:'stock' is written without a lock by a task submitted to an executor in"
                + " dev.shop.Inventory.restock(ExecutorService, String)" + SampleProject.MAP_WRITE_TAIL,
            "src/main/java/dev/shop/Ledger.java:12:'totals' is written without a lock by a thread started in"
                + " dev.shop.Ledger.post(String, long)" + SampleProject.MAP_WRITE_TAIL),
        crashguard.stream().sorted().toList());
    assertEquals(expected(new SpotBugsReportReader(project.sourceRoot()).read(report)),
        crashguard.stream().sorted().toList(), "SonarQube imports what our reader reads");
    assertEquals(3, context.allExternalIssues().size(), "plus SpotBugs' own UUF_UNUSED_FIELD");
  }

  private static void assertRunsOnJavaWhenReportPathIsSet(Sensor sensor, String property) {
    DefaultSensorDescriptor descriptor = new DefaultSensorDescriptor();
    sensor.describe(descriptor);
    assertEquals(List.of("java"), List.copyOf(descriptor.languages()));
    assertNotNull(descriptor.configurationPredicate());
  }

  private List<String> expected(Collection<Finding> findings) {
    String prefix = new ProjectPaths("src/main/java").fromProjectRoot("");
    return findings.stream().map(f -> prefix + f.file() + ":" + f.line() + ":" + f.message()).sorted().toList();
  }

  /** {@code path:line:message}, the path relative to the project (what SonarQube shows). */
  private String describe(ExternalIssue issue) {
    InputFile file = (InputFile) issue.primaryLocation().inputComponent();
    return SourceRoot.slashes(project.root.relativize(Path.of(file.uri()))) + ":"
        + issue.primaryLocation().textRange().start().line() + ":" + issue.primaryLocation().message();
  }

  private static Sensor sensor(String className) throws ReflectiveOperationException {
    return (Sensor) Class.forName(className).getConstructor(SonarRuntime.class).newInstance(RUNTIME);
  }
}
