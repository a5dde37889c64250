package dev.crashguard.cli;

import static dev.crashguard.cli.CliRuns.COUNTER;
import static dev.crashguard.cli.CliRuns.COUNTER_LINE;
import static dev.crashguard.cli.CliRuns.SAFE_COUNTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI as users start it: {@code java -jar target/crashguard-cli-VERSION.jar}, no flags (the
 * manifest opens jdk.compiler to Error Prone and names target/lib). Runs after {@code package}.
 */
final class JarForkedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @org.junit.jupiter.api.BeforeEach
  void onlyAfterPackage() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Boolean.getBoolean("crashguard.forked"), "runs in the integration-test phase, on the packaged jar");
  }

  @Test
  void demoFromTheJar() throws Exception {
    CliRuns.Run run = CliRuns.forked(tmp, Map.of(), "scan");

    assertEquals(1, run.exit(), run.toString());
    assertEquals(9, run.out().lines().filter(l -> l.endsWith("[errorprone pmd spotbugs]")).count(), run.toString());
    assertTrue(
        run.out().contains("crashguard: 11 findings (11 error, 0 warning) in 8 files; seen by errorprone 10, pmd 10, spotbugs 10"),
        run.toString());
  }

  @Test
  void badInputFromTheJarIsOneLineAndExit2() throws Exception {
    CliRuns.Run run = CliRuns.forked(tmp, Map.of(), "scan", "does-not-exist");

    assertEquals(2, run.exit(), run.toString());
    assertEquals("crashguard: " + tmp.resolve("does-not-exist") + ": no such project directory", run.onlyErrorLine());
  }

  @Test
  void mavenProjectInAllFourFormats() throws Exception {
    Path project =
        CliRuns.project(tmp.resolve("consumer"), Map.of("demo/Counter.java", COUNTER, "demo/SafeCounter.java", SAFE_COUNTER));
    Files.writeString(
        project.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>demo</groupId>
          <artifactId>consumer</artifactId>
          <version>1.0</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.0</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """);
    Path root = Path.of(System.getProperty("crashguard.root"));
    Path out = tmp.resolve("reports");
    CliRuns.Run run =
        CliRuns.forked(
            tmp,
            Map.of("CRASHGUARD_MAVEN", root.resolve("mvnw").toString(), "JAVA_HOME", System.getProperty("java.home")),
            "scan", "consumer", "-f", "console,sarif,sonar,html", "-o", out.toString());

    assertEquals(1, run.exit(), run.toString());
    assertTrue(
        run.err().contains("(Maven project, 2 Java files, 1 class directory, 0 classpath entries)"),
        "Maven compiled the project (classes were missing) and described it: " + run.err());
    assertEquals(
        List.of("  src/main/java/demo/Counter.java:" + COUNTER_LINE + "  [errorprone pmd spotbugs]"),
        run.out().lines().filter(l -> l.startsWith("  src/")).toList());
    JsonNode sarif = JSON.readTree(out.resolve("crashguard.sarif").toFile());
    assertEquals(1, sarif.get("runs").size());
    List<String> uris = new ArrayList<>();
    sarif.at("/runs/0/results").forEach(r -> uris.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()));
    assertEquals(List.of("src/main/java/demo/Counter.java"), uris);
    assertEquals(1, JSON.readTree(out.resolve("crashguard-sonar.json").toFile()).get("issues").size());
    assertTrue(Files.readString(out.resolve("crashguard.html")).contains("<span id=\"finding-count\">1</span>"));
    try (var files = Files.list(project.resolve("target"))) {
      assertEquals(
          List.of(), files.filter(p -> p.getFileName().toString().startsWith("crashguard-")).toList(),
          "the files Maven wrote for crashguard are removed");
    }
  }

  @Test
  void multiModuleMavenProject() throws Exception {
    Path root = tmp.resolve("multi");
    Files.createDirectories(root);
    Files.writeString(
        root.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>m</groupId><artifactId>parent</artifactId><version>1.0</version><packaging>pom</packaging>
          <modules><module>core</module><module>app</module></modules>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <build><pluginManagement><plugins><plugin>
            <groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version>
          </plugin></plugins></pluginManagement></build>
        </project>
        """);
    for (String module : List.of("core", "app")) {
      Files.createDirectories(root.resolve(module));
      Files.writeString(
          root.resolve(module + "/pom.xml"),
          """
          <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <parent><groupId>m</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
            <artifactId>%s</artifactId>
            %s
          </project>
          """
              .formatted(
                  module,
                  module.equals("app")
                      ? "<dependencies><dependency><groupId>m</groupId><artifactId>core</artifactId>"
                          + "<version>1.0</version></dependency></dependencies>"
                      : ""));
    }
    CliRuns.project(root.resolve("core"), Map.of("m/core/Store.java", "package m.core;\n\npublic class Store {\n  public final java.util.Map<String, String> data = new java.util.HashMap<>();\n}\n"));
    CliRuns.project(root.resolve("app"), Map.of("m/app/Counter.java", COUNTER.replace("package demo;", "package m.app;")));
    Path mvn = Path.of(System.getProperty("crashguard.root")).resolve("mvnw");
    CliRuns.Run run =
        CliRuns.forked(tmp, Map.of("JAVA_HOME", System.getProperty("java.home")), "scan", "multi", "--maven", mvn.toString());

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().contains("(Maven project, 2 modules, 2 Java files, 2 class directories, "), run.err());
    assertEquals(
        List.of("  app/src/main/java/m/app/Counter.java:" + COUNTER_LINE + "  [errorprone pmd spotbugs]"),
        run.out().lines().filter(l -> l.startsWith("  app/") || l.startsWith("  core/")).toList(),
        run.toString());
    try (var files = Files.walk(root)) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("crashguard-")).toList());
    }
  }

  @Test
  void mavenThatFailsIsOneLineAndExit2() throws Exception {
    Path project = CliRuns.project(tmp.resolve("broken"), Map.of("demo/Counter.java", COUNTER));
    Files.writeString(project.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion></project>");
    Path mvn = Path.of(System.getProperty("crashguard.root")).resolve("mvnw");
    CliRuns.Run run =
        CliRuns.forked(tmp, Map.of("JAVA_HOME", System.getProperty("java.home")), "scan", "broken", "--maven", mvn.toString());

    assertEquals(2, run.exit(), run.toString());
    String line = run.onlyErrorLine();
    assertTrue(
        line.startsWith("crashguard: Maven could not read " + project + " (")
            && line.endsWith("); run with --verbose for Maven's output, or scan plain sources with --sources/--classes/--classpath"),
        line);
  }
}
