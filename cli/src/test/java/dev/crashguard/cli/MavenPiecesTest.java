package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** How a Maven project is read: the effective POM, the JDK chosen, what a failed build said. */
final class MavenPiecesTest {
  @TempDir Path tmp;

  private static Element xml(String text) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  private static final String EFFECTIVE_POM =
      """
      <project>
        <groupId>shop</groupId><artifactId>web</artifactId><version>1.0</version>
        <properties>
          <maven.compiler.release>11</maven.compiler.release>
          <project.build.sourceEncoding>ISO-8859-1</project.build.sourceEncoding>
        </properties>
        <dependencies>
          <dependency><groupId>shop</groupId><artifactId>core</artifactId><version>1.0</version><type>test-jar</type><scope>test</scope></dependency>
          <dependency><groupId>shop</groupId><artifactId>app</artifactId><version>1.0</version></dependency>
        </dependencies>
        <build>
          <directory>/w/web/target</directory>
          <sourceDirectory>/w/web/src/main/java</sourceDirectory>
          <outputDirectory>/w/web/target/classes</outputDirectory>
          <plugins>
            <plugin>
              <artifactId>maven-enforcer-plugin</artifactId>
              <executions><execution><configuration><rules>
                <requireJavaVersion><version>[17,18)</version></requireJavaVersion>
              </rules></configuration></execution></executions>
            </plugin>
            <plugin>
              <artifactId>maven-compiler-plugin</artifactId>
              <configuration>
                <compilerArgs><arg>-Amapstruct.defaultComponentModel=spring</arg><arg>-parameters</arg></compilerArgs>
                <annotationProcessorPaths>
                  <path><groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><version>1.18.42</version></path>
                </annotationProcessorPaths>
              </configuration>
              <executions><execution><id>default-compile</id><configuration><release>17</release></configuration></execution></executions>
            </plugin>
          </plugins>
        </build>
      </project>
      """;

  @Test
  void theEffectivePomGivesReleaseEncodingArgsProcessorsAndJavaVersions() throws Exception {
    MavenProject.Pom pom = MavenProject.pom(xml(EFFECTIVE_POM), Path.of("/w"));
    assertEquals(Path.of("/w/web"), pom.basedir(), "one file for the whole reactor: the build directory tells");
    assertEquals("17", pom.release(), "the default-compile execution's release wins over the property");
    assertEquals("ISO-8859-1", pom.encoding());
    assertEquals(List.of("-Amapstruct.defaultComponentModel=spring", "-parameters"), pom.compilerArgs());
    assertEquals(1, pom.processorPaths().size());
    assertFalse(pom.procNone());
    assertEquals(List.of(new Jdks.Range("[17,18)")), pom.javaVersions());
    assertEquals(Path.of("/w/web/src/main/java"), pom.sourceDirectory());
    assertEquals("shop:web", pom.key());
    assertTrue(MavenProject.needsTestCompile(List.of(pom, MavenProject.pom(xml(
        "<project><groupId>shop</groupId><artifactId>core</artifactId></project>"), Path.of("/w/core")))),
        "a sibling's test-jar needs its test classes built");
    assertFalse(MavenProject.needsTestCompile(List.of(pom)), "a test-jar from elsewhere comes from the repository");
  }

  @Test
  void releaseFallsBackToTargetThenSourceAndReadsOldSpellings() throws Exception {
    assertEquals("8", MavenProject.pom(xml(
        "<project><artifactId>a</artifactId><properties><maven.compiler.source>1.8</maven.compiler.source></properties></project>"),
        tmp).release());
    assertNull(MavenProject.pom(xml("<project><artifactId>a</artifactId></project>"), tmp).release());
    assertTrue(MavenProject.pom(xml(
        "<project><artifactId>a</artifactId><build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId>"
            + "<configuration><proc>none</proc></configuration></plugin></plugins></build></project>"), tmp).procNone());
  }

  @Test
  void theToolchainsPluginsJdkVersionIsRead() throws Exception {
    MavenProject.Pom pom = MavenProject.pom(xml(
        "<project><artifactId>a</artifactId><build><plugins><plugin><artifactId>maven-toolchains-plugin</artifactId>"
            + "<executions><execution><goals><goal>toolchain</goal></goals><configuration><toolchains><jdk>"
            + "<version>17</version></jdk></toolchains></configuration></execution></executions></plugin></plugins>"
            + "</build></project>"), tmp);
    assertEquals(List.of(new Jdks.Range("17")), pom.toolchainVersions());
    MavenProject.Pom select = MavenProject.pom(xml(
        "<project><artifactId>a</artifactId><build><plugins><plugin><artifactId>maven-toolchains-plugin</artifactId>"
            + "<executions><execution><goals><goal>select-jdk-toolchain</goal></goals><configuration>"
            + "<version>[21,)</version></configuration></execution></executions></plugin></plugins></build></project>"), tmp);
    assertEquals(List.of(new Jdks.Range("[21,)")), select.toolchainVersions());
    List<Jdks.Jdk> candidates = MavenProject.candidates(List.of(select), null, tmp);
    assertTrue(candidates.get(0).feature() >= 21, "a JDK the toolchain accepts comes first: " + candidates);
  }

  @Test
  void modulesComeAfterTheModulesTheyDependOn() throws Exception {
    MavenProject.Pom web = MavenProject.pom(xml(EFFECTIVE_POM), Path.of("/w/web"));
    MavenProject.Pom app = MavenProject.pom(xml(
        "<project><groupId>shop</groupId><artifactId>app</artifactId><dependencies><dependency><groupId>shop</groupId>"
            + "<artifactId>core</artifactId></dependency></dependencies></project>"), Path.of("/w/app"));
    MavenProject.Pom core = MavenProject.pom(xml("<project><groupId>shop</groupId><artifactId>core</artifactId></project>"), Path.of("/w/core"));
    assertEquals(List.of("core", "app", "web"),
        MavenProject.reactorOrder(List.of(web, app, core)).stream().map(MavenProject.Pom::artifactId).toList());
  }

  @Test
  void javaVersionRangesAsTheEnforcerReadsThem() {
    List<Integer> jdk17 = Jdks.parse("17.0.15");
    List<Integer> jdk25 = Jdks.parse("25.0.3");
    assertTrue(new Jdks.Range("[17,18)").contains(jdk17));
    assertFalse(new Jdks.Range("[17,18)").contains(jdk25));
    assertTrue(new Jdks.Range("17").contains(jdk25), "a plain version is that version or later");
    assertFalse(new Jdks.Range("21").contains(jdk17));
    assertTrue(new Jdks.Range("[1.8,)").contains(jdk17));
    assertTrue(new Jdks.Range("(,17]").contains(jdk17), "17.0.15 is within 17]");
    assertFalse(new Jdks.Range("(,17)").contains(jdk17));
    assertTrue(new Jdks.Range("[11,12),[17,18)").contains(jdk17));
    assertEquals(List.of(8, 0, 392), Jdks.parse("1.8.0_392"));
    assertEquals(List.of(21), Jdks.parse("21-ea"));
  }

  @Test
  void jdksAreFoundByTheirReleaseFile() throws Exception {
    Path fake = tmp.resolve("fake-jdk");
    Files.createDirectories(fake.resolve("bin"));
    for (String tool : List.of("java", "javac")) {
      Path bin = Files.writeString(fake.resolve("bin/" + tool), "#!/bin/sh\n");
      bin.toFile().setExecutable(true);
    }
    Files.writeString(fake.resolve("release"), "JAVA_VERSION=\"11.0.2\"\nIMPLEMENTOR=\"x\"\n");
    assertEquals(List.of(11, 0, 2), Jdks.at(fake).orElseThrow().version());
    Files.delete(fake.resolve("bin/javac"));
    assertTrue(Jdks.at(fake).isEmpty(), "a JRE is not a JDK");
    assertTrue(Jdks.installed().stream().anyMatch(j -> j.feature() == Runtime.version().feature()), "the running JDK");
  }

  @Test
  void theProjectsOwnJdkIsTheOldestTheBuildAccepts() throws Exception {
    List<Jdks.Jdk> installed = Jdks.installed();
    MavenProject.Pom release11 = MavenProject.pom(xml(
        "<project><artifactId>a</artifactId><properties><maven.compiler.release>11</maven.compiler.release></properties></project>"), tmp);
    List<Jdks.Jdk> candidates = MavenProject.candidates(List.of(release11), Jdks.defaultJdk().orElseThrow(), tmp);
    assertEquals(installed.stream().filter(j -> j.feature() >= 11).findFirst().orElseThrow().home(), candidates.get(0).home());

    MavenProject.Pom tooNew = MavenProject.pom(xml(
        "<project><artifactId>a</artifactId><properties><maven.compiler.release>99</maven.compiler.release></properties></project>"), tmp);
    UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
        () -> MavenProject.candidates(List.of(tooNew), null, tmp));
    assertTrue(e.getMessage().startsWith(tmp + " is built for Java 99 and the newest JDK here is older (found "), e.getMessage());

    MavenProject.Pom impossible = MavenProject.pom(xml(
        "<project><artifactId>a</artifactId><build><plugins><plugin><artifactId>maven-enforcer-plugin</artifactId>"
            + "<configuration><rules><requireJavaVersion><version>[9,10)</version></requireJavaVersion></rules>"
            + "</configuration></plugin></plugins></build></project>"), tmp);
    e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
        () -> MavenProject.candidates(List.of(impossible), null, tmp));
    assertTrue(e.getMessage().startsWith(tmp + " requires Java [9,10) (maven-enforcer-plugin requireJavaVersion) and no JDK here matches"),
        e.getMessage());
  }

  @Test
  void aFailedBuildIsTheCompilersFirstError() {
    Path base = Path.of("/w");
    List<String> compile =
        List.of(
            "[INFO] Building app 1.0 [2/3]",
            "[ERROR] COMPILATION ERROR : ",
            "[ERROR] /w/app/src/main/java/shop/Ledger.java:[14,41] cannot find symbol",
            "  symbol:   method getOwner()",
            "[ERROR] /w/app/src/main/java/shop/Other.java:[3,1] class, interface expected",
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.14.0:compile (default-compile) on project app: Compilation failure: Compilation failure: ",
            "[ERROR] -> [Help 1]");
    assertEquals("module app: app/src/main/java/shop/Ledger.java:14: cannot find symbol (symbol:   method getOwner())",
        MavenProject.firstError(compile, base));

    List<String> enforcer =
        List.of(
            "[ERROR] Rule 0: org.apache.maven.enforcer.rules.version.RequireJavaVersion failed with message:",
            "[ERROR] Detected JDK version 25.0.3 (JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64) is not in the allowed range [17,18).",
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:3.5.0:enforce (enforce) on project legacy: ",
            "[ERROR] Rule 0: org.apache.maven.enforcer.rules.version.RequireJavaVersion failed with message:");
    assertEquals("module legacy: Detected JDK version 25.0.3 (JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64) is not in the allowed"
            + " range [17,18). (org.apache.maven.enforcer.rules.version.RequireJavaVersion)",
        MavenProject.firstError(enforcer, base));

    List<String> resolution =
        List.of(
            "[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project shop:app:jar:1.0: "
                + "The following artifacts could not be resolved: shop:core:jar:tests:1.0 (absent) -> [Help 1]");
    assertEquals("Could not resolve dependencies for project shop:app:jar:1.0: The following artifacts could not be"
            + " resolved: shop:core:jar:tests:1.0 (absent)",
        MavenProject.firstError(resolution, base).replaceFirst("^module app: ", ""));
    assertEquals("Non-parseable POM /w/pom.xml: end tag name </x> must match",
        MavenProject.firstError(List.of("[ERROR] ", "[ERROR] Non-parseable POM /w/pom.xml: end tag name </x> must match"), base));
  }

  @Test
  void onlyArgumentsAboutArtifactsGoToTheProcessorPathRun() {
    assertEquals(List.of("-o", "-s", "my settings.xml", "-Dmaven.repo.local=/r"),
        MavenProject.settingsArgs(List.of("-o", "-pl", "app", "-s", "my settings.xml", "-Pci", "-Dmaven.repo.local=/r")));
  }

  @Test
  void processorsAreDiscoveredFromServiceFiles() throws Exception {
    Path dir = tmp.resolve("classes/META-INF/services");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("javax.annotation.processing.Processor"), "# comment\na.B\n\nc.D$E # inner\n");
    assertEquals(List.of("a.B", "c.D$E"), MavenProject.discoverProcessors(List.of(tmp.resolve("classes"), tmp.resolve("none.jar"))));
  }
}
