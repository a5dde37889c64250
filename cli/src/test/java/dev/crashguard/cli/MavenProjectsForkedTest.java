package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Maven projects, built here from text and scanned with {@code java -jar}, each shaped like a project
 * that crashguard could not scan before: modules with a sibling dependency, a test-jar dependency and the
 * same class name; Lombok found on the class path and Lombok in {@code annotationProcessorPaths}; a
 * library built for release 11 whose code does not compile as Java 21+; a build only JDK 17 may run; a
 * build that fails. Maven runs offline ({@code --maven-args -o}): every plugin and Lombok version used here
 * is in the local repository (cli/pom.xml copies the Lombok jars during the build for that).
 */
final class MavenProjectsForkedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String LOMBOK = System.getProperty("crashguard.test.lombok", "1.18.42");
  static final String OLD_LOMBOK = System.getProperty("crashguard.test.lombok.old", "1.18.32");

  @TempDir Path tmp;
  private Map<String, String> env;

  @BeforeEach
  void onlyAfterPackage() {
    assumeTrue(Boolean.getBoolean("crashguard.forked"), "runs in the integration-test phase, on the packaged jar");
    env =
        Map.of(
            "CRASHGUARD_MAVEN", Path.of(System.getProperty("crashguard.root")).resolve("mvnw").toString(),
            "JAVA_HOME", System.getProperty("java.home"),
            "CI", "true");
  }

  private static boolean jdk17() {
    return Jdks.installed().stream().anyMatch(j -> j.feature() == 17);
  }

  static final String PLUGINS =
      """
      <pluginManagement><plugins>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId><version>3.5.0</version></plugin>
      </plugins></pluginManagement>
      """;

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String module(String artifactId, String properties, String dependencies, String build) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent><groupId>shop</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
          <artifactId>%s</artifactId>
          <properties>%s</properties>
          <dependencies>%s</dependencies>
          <build>%s</build>
        </project>
        """.formatted(artifactId, properties, dependencies, build);
  }

  private static String lombok(String version) {
    return "<dependency><groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><version>" + version
        + "</version><scope>provided</scope></dependency>";
  }

  /** A hazard at line {@code 14} of a class {@code pkg.name} whose code needs Lombok's getter. */
  private static String lombokHazard(String pkg, String name) {
    return """
        package %s;

        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        import lombok.Getter;

        public class %s {
          @Getter private final String owner = "main";
          private final Map<String, Long> totals = new HashMap<>();

          public void post(ExecutorService pool, String account) {
            // getOwner() exists once Lombok has run.
            pool.execute(() -> totals.merge(getOwner() + account, 1L, Long::sum));
          }
        }
        """.formatted(pkg, name);
  }

  /** The multi-module project: core (release 11, a test-jar), app (Lombok on the class path), web (Lombok as a processor path). */
  private Path shop() throws IOException {
    Path root = tmp.resolve("shop");
    write(root.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>shop</groupId><artifactId>parent</artifactId><version>1.0</version><packaging>pom</packaging>
          <modules><module>web</module><module>app</module><module>core</module></modules>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>
          <build>%s</build>
        </project>
        """.formatted(PLUGINS));
    write(root.resolve("core/pom.xml"), module("core", "<maven.compiler.release>11</maven.compiler.release>", "",
        """
        <plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId>
          <executions><execution><goals><goal>test-jar</goal></goals></execution></executions>
        </plugin></plugins>
        """));
    write(root.resolve("core/src/main/java/shop/core/Stack2.java"), """
        package shop.core;

        import java.util.ArrayList;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;

        /** Java 11 code: on 21+, getLast() would clash with List.getLast(). */
        public class Stack2<E> extends ArrayList<E> {
          private final transient Map<String, Integer> counts = new HashMap<>();

          public Object getLast() {
            return isEmpty() ? null : get(size() - 1);
          }

          public void countAll(ExecutorService pool, String word) {
            pool.execute(() -> counts.merge(word, 1, Integer::sum));
          }
        }
        """);
    write(root.resolve("core/src/main/java/shop/Application.java"), "package shop;\n\npublic class Application {}\n");
    write(root.resolve("core/src/test/java/shop/core/Fixtures.java"),
        "package shop.core;\n\npublic final class Fixtures {\n  public static final String WORD = \"w\";\n}\n");
    write(root.resolve("app/pom.xml"), module("app", "",
        """
        <dependency><groupId>shop</groupId><artifactId>core</artifactId><version>1.0</version></dependency>
        <dependency><groupId>shop</groupId><artifactId>core</artifactId><version>1.0</version><type>test-jar</type><scope>test</scope></dependency>
        """ + lombok(LOMBOK), ""));
    write(root.resolve("app/src/main/java/shop/app/Ledger.java"), lombokHazard("shop.app", "Ledger"));
    write(root.resolve("app/src/test/java/shop/app/LedgerTest.java"),
        "package shop.app;\n\nclass LedgerTest {\n  String word = shop.core.Fixtures.WORD;\n}\n");
    write(root.resolve("web/pom.xml"), module("web", "",
        "<dependency><groupId>shop</groupId><artifactId>app</artifactId><version>1.0</version></dependency>" + lombok(LOMBOK),
        """
        <plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
          <configuration><annotationProcessorPaths><path>
            <groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><version>%s</version>
          </path></annotationProcessorPaths></configuration>
        </plugin></plugins>
        """.formatted(LOMBOK)));
    write(root.resolve("web/src/main/java/shop/web/Sessions.java"), lombokHazard("shop.web", "Sessions"));
    // The same class name as core's: one compilation of every module would say "duplicate class".
    write(root.resolve("web/src/main/java/shop/Application.java"),
        "package shop;\n\npublic class Application {\n  shop.app.Ledger ledger = new shop.app.Ledger();\n}\n");
    return root;
  }

  @Test
  void multiModuleProjectIsScannedModuleByModuleWithItsReleaseAndProcessors() throws Exception {
    Path root = shop();
    Path out = tmp.resolve("reports");
    CliRuns.Run run = CliRuns.forked(tmp, env, "scan", "shop", "--maven-args", "-o", "-f", "console,sarif,html", "-o", out.toString());

    assertEquals(1, run.exit(), run.toString());
    assertEquals(
        List.of(
            "  app/src/main/java/shop/app/Ledger.java:14    [errorprone pmd spotbugs]",
            "  core/src/main/java/shop/core/Stack2.java:17  [errorprone pmd spotbugs]",
            "  web/src/main/java/shop/web/Sessions.java:14  [errorprone pmd spotbugs]"),
        run.out().lines().filter(l -> l.matches("  (app|core|web)/.*")).sorted().toList(),
        run.toString());
    assertFalse(run.out().contains("Not analysed") || run.err().contains("not analysed"),
        "every file that compiles with the project's build is analysed:\n" + run);
    assertTrue(run.err().contains("(Maven project, 3 modules, 5 Java files, 3 class directories, "), run.err());
    assertTrue(run.err().lines().anyMatch(l -> l.matches("  errorprone +3 findings in \\d+\\.\\d s \\(3 modules\\)")), run.err());
    if (jdk17()) {
      assertTrue(run.err().lines().anyMatch(l -> l.matches("crashguard: Maven ran on JDK 17[.\\d]* \\(the project's release is 17\\)")),
          "the oldest JDK that builds release 17:\n" + run.err());
    }
    assertFalse(run.err().contains("\r"), "CI set: no status lines");
    JsonNode sarif = JSON.readTree(out.resolve("crashguard.sarif").toFile());
    assertEquals(1, sarif.get("runs").size());
    assertEquals(3, sarif.at("/runs/0/results").size());
    assertFalse(sarif.at("/runs/0/invocations/0").has("toolExecutionNotifications"), sarif.toPrettyString());
    assertTrue(Files.readString(out.resolve("crashguard.html")).contains("<span id=\"checked-file-count\">5</span> Java files in 3 modules"));
    try (Stream<Path> files = Files.walk(root)) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("crashguard-")).toList(),
          "the files Maven wrote for crashguard are removed");
    }
  }

  @Test
  void withoutReleaseAndProcessorsTheSameCodeWouldNotCompile() throws Exception {
    // What the scan above is protecting against, shown with plain sources: no release, no Lombok.
    Path root = shop();
    CliRuns.Run run =
        CliRuns.forked(tmp, env, "scan", root.toString(), "--sources", "core/src/main/java", "--sources",
            "app/src/main/java", "--engines", "ep");
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.out().contains("errorprone: core/src/main/java/shop/core/Stack2.java: does not compile"), run.out());
    assertTrue(run.out().contains("errorprone: app/src/main/java/shop/app/Ledger.java: does not compile"), run.out());
  }

  @Test
  void aBuildThatOnlyJdk17MayRunIsBuiltOnJdk17() throws Exception {
    assumeTrue(jdk17(), "needs a JDK 17 under /usr/lib/jvm");
    Path root = tmp.resolve("legacy");
    write(root.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>legacy</groupId><artifactId>legacy</artifactId><version>1.0</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.source>1.8</maven.compiler.source>
            <maven.compiler.target>1.8</maven.compiler.target>
          </properties>
          <build>%s
            <plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId>
              <executions><execution><id>jdk</id><goals><goal>enforce</goal></goals><configuration><rules>
                <requireJavaVersion><version>[17,18)</version></requireJavaVersion>
              </rules></configuration></execution></executions>
            </plugin></plugins>
          </build>
        </project>
        """.formatted(PLUGINS));
    write(root.resolve("src/main/java/demo/Counter.java"), CliRuns.COUNTER);
    CliRuns.Run run = CliRuns.forked(tmp, env, "scan", "legacy", "--maven-args", "-o");

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().lines().anyMatch(l -> l.matches("crashguard: Maven ran on JDK 17[.\\d]* \\(the build requires Java \\[17,18\\)\\)")),
        run.err());
    assertEquals(List.of("  src/main/java/demo/Counter.java:" + CliRuns.COUNTER_LINE + "  [errorprone pmd spotbugs]"),
        run.out().lines().filter(l -> l.startsWith("  src/")).toList(), run.toString());
  }

  @Test
  void aProcessorThatCannotRunOnThisJavacIsNamedWithTheRemedy() throws Exception {
    assumeTrue(jdk17() && Runtime.version().feature() >= 25, "Lombok " + OLD_LOMBOK + " builds on JDK 17 and fails on javac 25");
    Path root = tmp.resolve("old-lombok");
    write(root.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>old</groupId><artifactId>old</artifactId><version>1.0</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>
          <dependencies>%s</dependencies>
          <build>%s</build>
        </project>
        """.formatted(lombok(OLD_LOMBOK), PLUGINS));
    write(root.resolve("src/main/java/old/Ledger.java"), lombokHazard("old", "Ledger"));
    CliRuns.Run run = CliRuns.forked(tmp, env, "scan", "old-lombok", "--maven-args", "-o");

    assertEquals(2, run.exit(), "incomplete: " + run);
    assertTrue(run.out().contains("  src/main/java/old/Ledger.java:14  [pmd spotbugs]"), "Maven built it on JDK 17:\n" + run);
    List<String> notAnalysed = run.out().lines().filter(l -> l.startsWith("  errorprone: ")).toList();
    assertEquals(1, notAnalysed.size(), run.out());
    assertTrue(notAnalysed.get(0).contains("; its annotation processors fail on javac " + Runtime.version().feature() + " ("), notAnalysed.get(0));
    assertTrue(notAnalysed.get(0).endsWith("); run crashguard on a JDK they support ($CRASHGUARD_JAVA_HOME)"), notAnalysed.get(0));
  }

  @Test
  void aBuildThatFailsSaysTheCompilersFirstError() throws Exception {
    Path root = tmp.resolve("broken");
    write(root.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>b</groupId><artifactId>broken</artifactId><version>1.0</version>
          <properties><maven.compiler.release>17</maven.compiler.release></properties>
          <build>%s</build>
        </project>
        """.formatted(PLUGINS));
    write(root.resolve("src/main/java/b/Uses.java"), "package b;\n\nclass Uses {\n  Missing field;\n}\n");
    CliRuns.Run run = CliRuns.forked(tmp, env, "scan", "broken", "--maven-args", "-o");

    assertEquals(2, run.exit(), run.toString());
    List<String> lines = run.errLines();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("crashguard: Maven could not build " + java.util.regex.Pattern.quote(root.toString())
            + " on JDK \\d+ \\(module broken: src/main/java/b/Uses.java:4: cannot find symbol \\(symbol: +class Missing\\)\\)"
            + java.util.regex.Pattern.quote(MavenProject.HINT)),
        last);
    assertTrue(lines.size() <= 2 && lines.stream().noneMatch(l -> l.contains("\tat ")), run.err());
    assertEquals("", run.out());
    List<String> tried = new ArrayList<>(lines.subList(0, lines.size() - 1));
    tried.forEach(l -> assertTrue(l.startsWith("crashguard: Maven failed on JDK ") && l.contains("; trying JDK "), l));
  }
}
