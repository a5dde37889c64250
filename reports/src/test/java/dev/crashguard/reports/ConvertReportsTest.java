package dev.crashguard.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashguard.catalog.Hazard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertReportsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ConvertReports.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void convertsBothReportsToSonarAndSarif() throws Exception {
    SampleProject project = new SampleProject(dir);
    Path sonar = dir.resolve("target/crashguard/sonar.json");
    Path sarif = dir.resolve("target/crashguard/crashguard.sarif");

    int status = run("--pmd", project.pmdReport().toString(), "--spotbugs", project.spotbugsReport().toString(),
        "--source-root", project.sourceRoot().toString(), "--project-root", project.root.toString(),
        "--sonar", sonar.toString(), "--sarif", sarif.toString());

    assertEquals(0, status, this::err);
    assertEquals("crashguard-reports: 5 findings (pmd 3, spotbugs 2); wrote " + sonar + ", " + sarif + "\n",
        out.toString(StandardCharsets.UTF_8));
    List<String> warnings = err().lines().toList();
    assertEquals(2, warnings.size(), this::err);
    assertTrue(warnings.stream().allMatch(w -> w.startsWith("crashguard-reports: warning: ")));

    JsonNode issues = MAPPER.readTree(sonar.toFile());
    SonarGenericIssuesWriterTest.assertPassesExternalIssueReportValidator(issues);
    assertEquals(3, issues.get("issues").size(), "Inventory 13 and Ledger 12 found by both engines count once");
    assertEquals("src/main/java/dev/shop/Inventory.java", issues.at("/issues/0/primaryLocation/filePath").textValue());

    JsonNode log = MAPPER.readTree(sarif.toFile());
    SarifWriterTest.loadSchema();
    SarifWriterTest.assertValidSarif(log);
    assertEquals(1, log.get("runs").size(), "one run for both engines");
    assertEquals(3, log.at("/runs/0/results").size(), "Inventory 13 and Ledger 12 found by both engines count once");
    assertEquals("src/main/java/dev/shop/Ledger.java",
        log.at("/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri").textValue());
    assertEquals("[\"pmd\",\"spotbugs\"]", log.at("/runs/0/properties/engines").toString());
    assertEquals(
        Fingerprints.of(
            Hazard.UNSYNCHRONIZED_MAP_WRITE,
            "src/main/java/dev/shop/Ledger.java",
            Files.readAllLines(project.sourceRoot().resolve("dev/shop/Ledger.java")),
            12),
        log.at("/runs/0/results/2/partialFingerprints").get(Fingerprints.KEY).textValue(),
        "fingerprints are read from the sources under the project root");
  }

  @Test
  void aMissingReportIsExitTwoWithOneLine() {
    SampleProject project = new SampleProject(dir);
    Path missing = dir.resolve("target/pmd.xml");

    int status = run("--pmd", missing.toString(), "--source-root", project.sourceRoot().toString(),
        "--project-root", dir.toString(), "--sarif", dir.resolve("out.sarif").toString());

    assertEquals(2, status);
    assertEquals("crashguard-reports: " + missing + ": no such file\n", err());
    assertFalse(Files.exists(dir.resolve("out.sarif")), "nothing is written when an input is bad");
  }

  @Test
  void aReportThatIsNotXmlIsExitTwoWithOneLine() throws Exception {
    SampleProject project = new SampleProject(dir);
    Path report = Files.writeString(dir.resolve("spotbugsXml.xml"), "{\"not\": \"xml\"}");

    int status = run("--spotbugs", report.toString(), "--source-root", project.sourceRoot().toString(),
        "--project-root", dir.toString(), "--sonar", dir.resolve("out.json").toString());

    assertEquals(2, status);
    assertEquals(1, err().lines().count(), this::err);
    assertTrue(err().startsWith("crashguard-reports: " + report + ": not well-formed XML"), this::err);
  }

  @Test
  void badUsageIsExitTwoWithTheReasonAndTheUsage() {
    assertEquals(2, run("--pmd", "a.xml", "--source-root", "src"));
    assertEquals("crashguard-reports: give at least one output: --sonar FILE or --sarif FILE", err().lines().findFirst().orElseThrow());
    assertTrue(err().lines().skip(1).findFirst().orElseThrow().startsWith("usage: ConvertReports"));
  }

  @Test
  void unknownOptionsMissingValuesAndAWrongSourceRootAreBadUsage() {
    assertEquals(2, run("--pdm", "a.xml"));
    assertTrue(err().startsWith("crashguard-reports: unknown option --pdm"), this::err);
    err.reset();
    assertEquals(2, run("--pmd"));
    assertTrue(err().startsWith("crashguard-reports: --pmd needs a value"), this::err);
    err.reset();
    assertEquals(2, run("--pmd", "a.xml", "--source-root", dir.resolve("nope").toString(), "--sarif", "x"));
    assertEquals("crashguard-reports: " + dir.resolve("nope") + ": source root is not a directory\n", err());
    err.reset();
    SampleProject project = new SampleProject(dir);
    assertEquals(2, run("--pmd", project.pmdReport().toString(), "--source-root", project.sourceRoot().toString(),
        "--project-root", project.sourceRoot().resolve("dev").toString(), "--sarif", "x"));
    assertTrue(err().contains("is not inside the project root"), this::err);
  }

  /** The real entry point in its own JVM: the exit status a build or CI script sees, and no stack trace. */
  @Test
  void mainExitsWithTwoAndOneLineInAFreshJvm() throws Exception {
    Path missing = dir.resolve("target/spotbugsXml.xml");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        ConvertReports.class.getName(), "--spotbugs", missing.toString(), "--source-root", dir.toString(),
        "--project-root", dir.toString(), "--sarif", dir.resolve("out.sarif").toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));

    assertEquals(2, process.exitValue(), output);
    assertEquals("crashguard-reports: " + missing + ": no such file\n", output);
  }
}
