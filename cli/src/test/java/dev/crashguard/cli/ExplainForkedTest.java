package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar crashguard.jar explain LOG --project testdata}: a JVM running the corpus' own noncompliant
 * code dies of it, its stderr is the log, and explain names the hazard and ranks the corpus line that
 * caused it first. README's example is this run's real output (regenerate with
 * {@code -Dcrashguard.readme.update=true}); JDK frames' line numbers are compared without their digits, as
 * they differ between JDK builds.
 */
final class ExplainForkedTest {

  private static final Path ROOT = Path.of(System.getProperty("crashguard.root"));
  private static final String BEGIN = "<!-- explain-example:begin (ExplainForkedTest writes this; -Dcrashguard.readme.update=true) -->";
  private static final String END = "<!-- explain-example:end -->";
  /** crashguard runs Maven on testdata with the repository's wrapper, on this JDK. */
  private static final Map<String, String> MAVEN =
      Map.of("CRASHGUARD_MAVEN", ROOT.resolve("mvnw").toString(), "JAVA_HOME", System.getProperty("java.home"));

  @Test
  void aDyingServicesLogPointsAtTheCorpusLineThatKilledIt() throws Exception {
    String logText = incident("dev.crashguard.testdata.doubleclose.Incident", "target/incident.log");
    assertTrue(logText.startsWith("Exception in thread \"order-drainer\" java.lang.IllegalMonitorStateException"), logText);

    CliRuns.Run run = CliRuns.forked(ROOT, MAVEN,
        "explain", "target/incident.log", "--project", "testdata", "--top", "3");
    assertEquals(1, run.exit(), run.toString());
    List<String> ranked = run.out().lines().filter(l -> l.matches("  \\d+\\. .*")).toList();
    assertTrue(ranked.get(0).startsWith("  1. src/main/java/dev/crashguard/testdata/doubleclose/LockReleasedTwice.java:57"
        + "  [errorprone pmd spotbugs]  on a frame of the trace: "), run.toString());

    CliRuns.Run json = CliRuns.forked(ROOT, MAVEN,
        "explain", "target/incident.log", "--project", "testdata", "--engines", "ep", "-f", "json");
    assertEquals(1, json.exit(), json.toString());
    com.google.gson.JsonObject first = com.google.gson.JsonParser.parseString(json.out()).getAsJsonObject()
        .getAsJsonArray("findings").get(0).getAsJsonObject();
    assertEquals("src/main/java/dev/crashguard/testdata/doubleclose/LockReleasedTwice.java", first.get("file").getAsString());
    assertEquals(57, first.get("line").getAsInt());
    assertEquals("on-the-frame-line", first.get("link").getAsString());
    assertEquals(5, first.get("frameLogLine").getAsInt());

    String block = "```\n$ java -cp testdata/target/classes:cli/target/test-classes dev.crashguard.testdata.doubleclose.Incident"
        + " 2> target/incident.log\n$ cat target/incident.log\n" + logText + "$ ./crashguard explain target/incident.log"
        + " --project testdata --top 3\n" + run.out() + "```\n";
    Path readme = ROOT.resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int from = text.indexOf(BEGIN);
    int to = text.indexOf(END);
    assertTrue(from >= 0 && to > from, "README.md has the explain example markers");
    String current = text.substring(from + BEGIN.length() + 1, to);
    if (!withoutJdkLines(current).equals(withoutJdkLines(block))) {
      if (Boolean.getBoolean("crashguard.readme.update")) {
        Files.writeString(readme, text.substring(0, from + BEGIN.length() + 1) + block + text.substring(to), StandardCharsets.UTF_8);
      } else {
        assertEquals(withoutJdkLines(block), withoutJdkLines(current),
            "README's explain example is not what explain prints; regenerate with -Dcrashguard.readme.update=true");
      }
    }
  }

  @Test
  void aFailureNoSignatureDescribesIsTiedToTheFindingItsStackPassesThrough() throws Exception {
    String logText = incident("dev.crashguard.testdata.nullescapingoptional.OptionalIncident", "target/optional-incident.log");
    assertTrue(logText.contains("java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"value\" is null"),
        logText);

    CliRuns.Run run = CliRuns.forked(ROOT, MAVEN,
        "explain", "target/optional-incident.log", "--project", "testdata", "--engines", "ep");
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("crashguard: no crash signature matched. What was read:"), run.out());
    assertTrue(run.out().contains("But the stack passes through what crashguard finds in testdata"), run.out());
    List<String> ranked = run.out().lines().filter(l -> l.matches("  \\d+\\. .*")).toList();
    assertTrue(ranked.get(0).startsWith("  1. src/main/java/dev/crashguard/testdata/nullescapingoptional/OrElseNullDereferenced.java:33"
        + "  NullEscapingOptional  [errorprone]  on a frame of the trace: "), run.toString());
  }

  /** Runs {@code mainClass} (a corpus incident) in a JVM of its own; its stderr, the log, goes to {@code log}. */
  private static String incident(String mainClass, String log) throws IOException, InterruptedException {
    Path file = ROOT.resolve(log);
    Files.createDirectories(file.getParent());
    Process incident = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", CliRuns.testClasspath(), mainClass)
        .redirectError(file.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    assertTrue(incident.waitFor(1, TimeUnit.MINUTES), "the incident JVM ended");
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static final Pattern JDK_LINE = Pattern.compile("(java\\.base/[\\w$.]+\\([\\w$]+\\.java:)\\d+\\)");

  private static String withoutJdkLines(String s) throws IOException {
    Matcher m = JDK_LINE.matcher(s);
    return m.replaceAll("$1N)");
  }
}
