package dev.crashguard.cli;

import static dev.crashguard.cli.CliRuns.COUNTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input: exit 2, one line on stderr that says what and where, nothing on stdout, no stack trace.
 * Each case fails before any engine runs (they take seconds), except the unparsable file (ScanTest).
 */
final class BadInputTest {
  @TempDir Path tmp;
  private Path project;

  @BeforeEach
  void project() throws IOException {
    project = CliRuns.project(tmp.resolve("p"), Map.of("demo/Counter.java", COUNTER));
  }

  private String fails(String... args) {
    CliRuns.Run run = CliRuns.inProcess(args);
    assertEquals(2, run.exit(), run.toString());
    return run.onlyErrorLine();
  }

  @Test
  void missingPath() {
    Path missing = tmp.resolve("nope");
    assertEquals("crashguard: " + missing + ": no such project directory", fails("scan", missing.toString()));
  }

  @Test
  void pathIsAFile() {
    Path file = project.resolve("src/main/java/demo/Counter.java");
    assertEquals("crashguard: " + file + ": not a directory", fails("scan", file.toString()));
  }

  @Test
  void noJavaFiles() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no code here");
    assertEquals("crashguard: no Java files under " + empty, fails("scan", empty.toString()));
  }

  @Test
  void missingSourcesDirectory() {
    assertEquals(
        "crashguard: " + project.resolve("src/gen") + ": no such source directory",
        fails("scan", project.toString(), "--sources", "src/gen"));
  }

  @Test
  void missingClasspathEntry() {
    Path jar = tmp.resolve("lib/missing.jar");
    assertEquals(
        "crashguard: " + jar + ": classpath entry does not exist",
        fails("scan", project.toString(), "--classpath", jar.toString()));
  }

  @Test
  void missingClassesDirectory() {
    assertEquals(
        "crashguard: " + project.resolve("target/classes") + ": no such classes directory or jar",
        fails("scan", project.toString(), "--classes", "target/classes"));
  }

  @Test
  void unknownEngine() {
    assertEquals(
        "crashguard: unknown engine 'checkstyle': use ep (errorprone), pmd, spotbugs (sb)",
        fails("scan", project.toString(), "--engines", "pmd,checkstyle"));
  }

  @Test
  void unknownHazard() {
    assertEquals(
        "crashguard: unknown hazard 'UnsynchronisedMapWrite': the catalog has UnsynchronizedMapWrite,"
            + " NullEscapingOptional, DoubleClose, ExecutorLeak, UnsafeMemoryMisuse, BadAnnotationAttribute",
        fails("scan", project.toString(), "--hazards", "UnsynchronisedMapWrite"));
  }

  @Test
  void unknownFormat() {
    assertEquals(
        "crashguard: unknown format 'xml': use console, sarif, sonar, html",
        fails("scan", project.toString(), "--format", "xml"));
  }

  @Test
  void unknownFailOnLevel() {
    assertEquals(
        "crashguard: unknown --fail-on level 'info': use error, warning, never",
        fails("scan", project.toString(), "--fail-on", "info"));
  }

  @Test
  void unwritableOutputPath() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path out = file.resolve("report.sarif");
    assertEquals(
        "crashguard: " + out + ": cannot write the report (" + file + " is not a directory)",
        fails("scan", project.toString(), "-f", "sarif", "-o", out.toString()));
  }

  @Test
  void outputIsADirectoryForOneFileFormat() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("out/crashguard.sarif"));
    assertEquals(
        "crashguard: " + dir + ": is a directory, cannot write the report there",
        fails("scan", project.toString(), "-f", "sarif,html", "-o", dir.getParent().toString()));
  }

  @Test
  void missingBaseline() {
    Path baseline = tmp.resolve("old.sarif");
    assertEquals(
        "crashguard: " + baseline + ": cannot read the baseline (no such file)",
        fails("scan", project.toString(), "--baseline", baseline.toString()));
  }

  @Test
  void baselineNotJson() throws IOException {
    Path baseline = Files.writeString(tmp.resolve("old.sarif"), "<xml/>");
    assertEquals(
        "crashguard: " + baseline + ": the baseline is not JSON (malformed at line 1, column 6)",
        fails("scan", project.toString(), "--baseline", baseline.toString()));
  }

  @Test
  void baselineNotSarif() throws IOException {
    Path baseline = Files.writeString(tmp.resolve("old.json"), "{\"issues\": []}");
    assertEquals(
        "crashguard: " + baseline + ": the baseline is not a SARIF report (no \"runs\" array)",
        fails("scan", project.toString(), "--baseline", baseline.toString()));
  }

  @Test
  void unknownOption() {
    assertEquals(
        "crashguard: Unknown option: '--colour' (see crashguard scan --help)",
        fails("scan", project.toString(), "--colour"));
  }

  @Test
  void optionWithoutValue() {
    assertEquals(
        "crashguard: Missing required parameter for option '--engines' (ENGINE) (see crashguard scan --help)",
        fails("scan", project.toString(), "--engines"));
  }

  @Test
  void noCommand() {
    assertEquals("crashguard: give a command: crashguard scan [DIR], or crashguard explain LOG (see crashguard --help)", fails());
  }

  @Test
  void unknownCommand() {
    assertEquals("crashguard: Unmatched argument at index 0: 'scna' (see crashguard --help)", fails("scna"));
  }

  @Test
  void releaseThisJdkCannotRead() {
    int newest = javax.lang.model.SourceVersion.latestSupported().ordinal();
    String expected = "crashguard: --release 99: javac " + Runtime.version().feature() + " reads releases 8 to " + newest;
    assertEquals(expected, fails("scan", project.toString(), "--release", "99"));
    assertEquals(expected.replace("99", "seven"), fails("scan", project.toString(), "--release", "seven"));
  }

  @Test
  void oneOutputFileForSeveralFormats() throws IOException {
    Path file = tmp.resolve("report.sarif");
    assertEquals(
        "crashguard: -o " + file + " names a file, but 2 formats (sarif, html) each write one: give a directory",
        fails("scan", project.toString(), "-f", "sarif,html", "-o", file.toString()));
    Path existing = Files.writeString(tmp.resolve("existing"), "x");
    assertEquals(
        "crashguard: -o " + existing + " names a file, but 2 formats (sarif, sonar) each write one: give a directory",
        fails("scan", project.toString(), "-f", "sarif,sonar", "-o", existing.toString()));
  }

  @Test
  void gradleBuildWithoutPom() throws IOException {
    Files.writeString(project.resolve("build.gradle.kts"), "plugins { java }\n");
    assertEquals(
        "crashguard: " + project + " is a Gradle build (build.gradle.kts), which crashguard does not run: build it, then"
            + " pass --sources src/main/java --classes build/classes/java/main --classpath <its compileClasspath>",
        fails("scan", project.toString()));
    CliRuns.Run withOptions = CliRuns.inProcess("scan", project.toString(), "--sources", "src/main/java", "--engines", "pmd");
    assertEquals(1, withOptions.exit(), "with the options it is plain sources: " + withOptions);
  }

  @Test
  void mavenOptionsWithoutAMavenProject() {
    assertEquals(
        "crashguard: --maven-args applies to Maven projects, and " + project + " has no pom.xml",
        fails("scan", project.toString(), "--maven-args", "-Pci"));
    assertEquals(
        "crashguard: --no-compile applies to Maven projects, and --sources/--classes/--classpath scan without Maven",
        fails("scan", project.toString(), "--sources", "src/main/java", "--no-compile"));
    assertEquals(
        "crashguard: --maven-args needs a Maven project: give its directory (crashguard scan DIR)",
        fails("scan", "--maven-args", "-o"));
  }

  @Test
  void mavenArgsThatCrashguardSets() throws IOException {
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    assertEquals(
        "crashguard: --maven-args: -f is set by crashguard; give the project as DIR",
        fails("scan", project.toString(), "--maven-args", "-o -f other/pom.xml"));
    assertEquals(
        "crashguard: --maven-args: unmatched ' in -Dx='a b",
        fails("scan", project.toString(), "--maven-args", "-Dx='a b"));
  }

  @Test
  void excludeEverything() {
    assertEquals(
        "crashguard: --exclude leaves no Java file to scan under " + project,
        fails("scan", project.toString(), "--exclude", "**/*.java"));
  }

  @Test
  void mavenThatCannotRun() throws IOException {
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Path mvn = tmp.resolve("no-such-mvn");
    assertEquals(
        "crashguard: cannot run Maven (" + mvn + "): no such program, or not executable; give --maven PATH",
        fails("scan", project.toString(), "--maven", mvn.toString()));
  }
}
