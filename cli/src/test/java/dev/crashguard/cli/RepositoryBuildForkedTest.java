package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The repository's own build, as README promises it: {@code ./mvnw install -DskipTests} skips the consumer
 * builds in integration-tests/ too (they are tests), so an install takes seconds. Asked of Maven itself:
 * the value of {@code invoker.skip} in that module's effective POM with and without {@code -DskipTests}.
 */
final class RepositoryBuildForkedTest {

  /** {@code invoker.skip} in the module's effective POM (absent: null). */
  private static String invokerSkip(String... extra) throws Exception {
    Path root = Path.of(System.getProperty("crashguard.root"));
    Path pom = Files.createTempFile("crashguard-effective", ".xml");
    List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-o", "-q", "-f",
        root.resolve("integration-tests/pom.xml").toString(), MavenProject.HELP_PLUGIN, "-Doutput=" + pom));
    command.addAll(List.of(extra));
    Path out = Files.createTempFile("crashguard-evaluate", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("Maven did not answer in 5 minutes");
      }
      String printed = Files.readString(out, StandardCharsets.UTF_8).strip();
      assertEquals(0, process.exitValue(), printed);
      // The project's own properties, after profile activation (the profiles themselves are listed too).
      org.w3c.dom.Element project =
          javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
      org.w3c.dom.Element value = MavenProject.child(MavenProject.child(project, "properties"), "invoker.skip");
      return value == null ? null : value.getTextContent().strip();
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(pom);
    }
  }

  @Test
  void skipTestsSkipsTheConsumerBuilds() throws Exception {
    assumeTrue(Boolean.getBoolean("crashguard.forked"), "runs in the integration-test phase");
    assertEquals("true", invokerSkip("-DskipTests"));
    assertEquals("true", invokerSkip("-Dmaven.test.skip=true"));
    assertEquals(null, invokerSkip(), "without -DskipTests the consumers run");
  }
}
