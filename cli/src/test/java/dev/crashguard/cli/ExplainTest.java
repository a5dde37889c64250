package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crashguard.testdata.doubleclose.Incident;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crashguard explain} in this JVM, on failures the corpus' code really throws here. */
class ExplainTest {

  @TempDir Path dir;

  private static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out, true));
    return out.toString();
  }

  private Path log(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void namesTheHazardWithTheLinesThatMatchAndTheDocsPage() throws IOException {
    Path log = log("app.log", trace(assertThrows(IllegalMonitorStateException.class, Incident::drainEmptyQueue)));
    CliRuns.Run run = CliRuns.inProcess("explain", log.toString());
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("DoubleClose (error): caused by this hazard: IllegalMonitorStateException out of a"
        + " java.util.concurrent lock's unlock  [double-close/lock-released-twice]"), run.out());
    assertTrue(run.out().contains("    1: java.lang.IllegalMonitorStateException\n"), run.out());
    assertTrue(run.out().contains("docs/DoubleClose.md#lock-released-twice"), run.out());
    assertTrue(run.out().startsWith("crashguard: read " + log + ": 1 stack trace (IllegalMonitorStateException) in "), run.out());
  }

  @Test
  void jsonHasTheSignatureAndTheMatchingLines() throws IOException {
    Path log = log("app.log", trace(assertThrows(IllegalMonitorStateException.class, Incident::drainEmptyQueue)));
    CliRuns.Run run = CliRuns.inProcess("explain", log.toString(), "--format", "json");
    assertEquals(1, run.exit(), run.toString());
    JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals("stack-traces", json.getAsJsonObject("log").get("kind").getAsString());
    JsonObject match = json.getAsJsonArray("matches").get(0).getAsJsonObject();
    assertEquals("double-close/lock-released-twice", match.get("signature").getAsString());
    assertEquals("DoubleClose", match.get("hazard").getAsString());
    assertEquals("caused-by", match.get("strength").getAsString());
    assertEquals(1, match.getAsJsonArray("lines").get(0).getAsJsonObject().get("number").getAsInt());
    assertTrue(!json.has("findings"), "no --project, no findings");
  }

  @Test
  void anUnrelatedFailureMatchesNothingAndShowsWhatWasRead() throws IOException {
    Object nothing = null;
    Path log = log("npe.log", trace(assertThrows(NullPointerException.class, () -> nothing.hashCode())));
    CliRuns.Run run = CliRuns.inProcess("explain", log.toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("crashguard: no crash signature matched. What was read:\n  1: java.lang.NullPointerException"),
        run.out());

    Path text = log("notes.txt", "deploy went fine\nno errors\n");
    CliRuns.Run plain = CliRuns.inProcess("explain", text.toString(), "--project", dir.toString());
    assertEquals(0, plain.exit(), plain.toString());
    assertTrue(plain.out().contains("no Java stack trace"), plain.out());
    assertTrue(plain.err().contains("the log holds no stack trace, thread dump or crash report, so " + dir + " was not scanned"),
        plain.err());
  }

  @Test
  void writesTheReportToAFile() throws IOException {
    Path log = log("app.log", trace(assertThrows(IllegalMonitorStateException.class, Incident::drainEmptyQueue)));
    Path out = dir.resolve("out/explain.json");
    CliRuns.Run run = CliRuns.inProcess("explain", log.toString(), "-f", "json", "-o", out.toString());
    assertEquals(1, run.exit(), run.toString());
    assertEquals("", run.out());
    assertTrue(Files.readString(out).contains("\"double-close/lock-released-twice\""));
  }

  @Test
  void badInputGetsOneLineAndExitTwo() throws IOException {
    assertEquals("crashguard: " + dir.resolve("missing.log") + ": no such file",
        CliRuns.inProcess("explain", dir.resolve("missing.log").toString()).onlyErrorLine());
    assertEquals("crashguard: " + dir + ": is a directory; give the log file",
        CliRuns.inProcess("explain", dir.toString()).onlyErrorLine());
    Path log = log("app.log", "x\n");
    assertEquals("crashguard: unknown format 'xml': use console or json",
        CliRuns.inProcess("explain", log.toString(), "-f", "xml").onlyErrorLine());
    assertEquals("crashguard: --sources, --classes, --classpath, --engines, --maven-args and --no-compile need --project DIR",
        CliRuns.inProcess("explain", log.toString(), "--engines", "ep").onlyErrorLine());
    CliRuns.Run none = CliRuns.inProcess("explain");
    assertEquals(2, none.exit());
    assertTrue(none.onlyErrorLine().startsWith("crashguard: Missing required parameter: 'LOG'"), none.err());
  }
}
