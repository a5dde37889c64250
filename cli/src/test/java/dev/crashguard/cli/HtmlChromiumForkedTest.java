package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real browser, Debian's headless Chromium, offline: a screenshot is taken
 * (kept in target/ for review) and the finding count is read from the page's DOM after it loaded. Skipped,
 * with the reason, when chromium is not installed ({@code apt-get install -y chromium}).
 */
final class HtmlChromiumForkedTest {
  @TempDir Path tmp;

  @org.junit.jupiter.api.BeforeEach
  void onlyAfterPackage() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Boolean.getBoolean("crashguard.forked"), "runs in the integration-test phase, on the packaged jar");
  }

  @Test
  void reportRendersInChromiumWithItsCount() throws Exception {
    Path chromium = chromium();
    assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium): HTML browser test skipped");

    Path project = CliRuns.project(tmp.resolve("p"), Map.of("shop/Cart.java", FormatsTest.SOURCE));
    Path classes = CliRuns.compile(project);
    Path html = tmp.resolve("report.html");
    CliRuns.Run run = CliRuns.forked(tmp, Map.of(), "scan", "p", "--classes", classes.toString(), "-f", "html", "-o", html.toString());
    assertEquals(1, run.exit(), run.toString());

    Path screenshot = Path.of("target", "crashguard-report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    browse(chromium, "--screenshot=" + screenshot, "--window-size=1280,1600", html.toUri().toString());
    assertTrue(Files.size(screenshot) > 10_000, "a real screenshot: " + screenshot);

    String dom = browse(chromium, "--dump-dom", html.toUri().toString());
    Matcher count = Pattern.compile("<span id=\"finding-count\">(\\d+)</span>").matcher(dom);
    assertTrue(count.find(), dom);
    assertEquals("1", count.group(1), "the count as the browser sees it");
    assertEquals(1, Pattern.compile("<article class=\"finding\"").matcher(dom).results().count());
    assertTrue(dom.contains("&lt;script&gt;alert('cart')&lt;/script&gt;"), "the source's <script> is text, not a script");
    assertTrue(!dom.contains("<script"), "no script element in the rendered page");
  }

  private Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private String browse(Path chromium, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile")));
    command.addAll(List.of(args));
    Path out = tmp.resolve("chromium-out.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(tmp.resolve("chromium-err.txt").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(tmp.resolve("chromium-err.txt")));
    return read(out);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
