package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scan of a small project written in all four formats, each checked field by field; the SARIF against
 * the official 2.1.0 schema. The project's source holds {@code <script>} next to the finding, and its
 * folder name holds {@code &} and a space, so every string the HTML takes from code must be escaped.
 */
final class FormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Hazard HAZARD = Hazard.UNSYNCHRONIZED_MAP_WRITE;

  static final String SOURCE =
      """
      package shop;

      import java.util.HashMap;
      import java.util.Map;
      import java.util.concurrent.ExecutorService;

      public class Cart {
        private final Map<String, Integer> items = new HashMap<>();

        public void add(ExecutorService pool, String item) {
          String banner = "<script>alert('cart')</script>";
          pool.execute(() -> items.merge(item, 1, Integer::sum));
          System.out.println(banner + " & done");
        }
      }
      """;
  static final int LINE = 12;

  @TempDir static Path tmp;
  static Path project;
  static CliRuns.Run run;
  static Path out;

  @BeforeAll
  static void scan() throws Exception {
    project = CliRuns.project(tmp.resolve("my shop & co"), Map.of("shop/Cart.java", SOURCE));
    Path classes = CliRuns.compile(project);
    out = tmp.resolve("reports");
    run =
        CliRuns.inProcess(
            "scan", project.toString(), "--classes", classes.toString(),
            "--format", "console", "--format", "sarif,sonar,html", "--output", out.toString());
    assertEquals(1, run.exit(), run.toString());
  }

  @Test
  void console() {
    assertEquals(
        List.of(
            "",
            HAZARD.catalogName() + " (error, 1 finding) " + HAZARD.docsUrl(),
            "  src/main/java/shop/Cart.java:" + LINE + "  [errorprone pmd spotbugs]",
            "      "
                + HAZARD.message(
                    "items",
                    "by a task handed to Executor.execute on 'pool' at line " + LINE,
                    UnsynchronizedMapWriteKnowledge.remedyFor("java.util.HashMap")),
            "",
            "crashguard: 1 finding (1 error, 0 warning) in 1 file; seen by errorprone 1, pmd 1, spotbugs 1"),
        run.out().lines().toList());
    assertTrue(run.errLines().contains("crashguard: wrote " + out.resolve("crashguard.sarif")), run.err());
    assertTrue(run.errLines().contains("crashguard: wrote " + out.resolve("crashguard-sonar.json")), run.err());
    assertTrue(run.errLines().contains("crashguard: wrote " + out.resolve("crashguard.html")), run.err());
  }

  @Test
  void sarifIsValidAgainstTheSchemaWithOneRunFingerprintsAndTheToolVersion() throws Exception {
    JsonNode sarif = JSON.readTree(out.resolve("crashguard.sarif").toFile());
    Path schemaFile = Path.of(System.getProperty("crashguard.sarif.schema"));
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
              .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertEquals(Set.of(), errors, () -> "schema violations in " + sarif.toPrettyString());

    assertEquals("2.1.0", sarif.get("version").asText());
    JsonNode runs = sarif.get("runs");
    assertEquals(1, runs.size(), "one run: GitHub code scanning shows each run's results as alerts of their own");
    JsonNode r = runs.get(0);
    assertEquals("crashguard", r.at("/tool/driver/name").asText());
    assertEquals(dev.crashguard.reports.Reports.VERSION, r.at("/tool/driver/version").asText());
    assertEquals("[\"errorprone\",\"pmd\",\"spotbugs\"]", r.at("/properties/engines").toString());
    JsonNode rule = r.at("/tool/driver/rules/0");
    assertEquals(1, r.at("/tool/driver/rules").size());
    assertEquals(HAZARD.catalogName(), rule.get("id").asText());
    assertEquals(HAZARD.summary(), rule.at("/shortDescription/text").asText());
    assertTrue(rule.at("/fullDescription/text").asText().contains(HAZARD.docsUrl()));
    assertEquals(HAZARD.docsUrl(), rule.get("helpUri").asText());
    assertTrue(rule.at("/help/text").asText().startsWith(HAZARD.summary()), rule.toPrettyString());
    assertTrue(rule.at("/help/markdown").asText().startsWith("# " + HAZARD.catalogName() + "\n"), "the docs page itself");
    assertTrue(rule.at("/help/markdown").asText().contains("## How to fix"));
    assertEquals("error", rule.at("/defaultConfiguration/level").asText());

    assertEquals(1, r.get("results").size(), r.toPrettyString());
    JsonNode result = r.at("/results/0");
    assertEquals(HAZARD.catalogName(), result.get("ruleId").asText());
    assertEquals(0, result.get("ruleIndex").asInt());
    assertEquals("error", result.get("level").asText());
    assertEquals("[\"errorprone\",\"pmd\",\"spotbugs\"]", result.at("/properties/engines").toString());
    assertTrue(result.at("/partialFingerprints/crashguard~1v1").asText().matches("[0-9a-f]{32}:1"), result.toString());
    assertTrue(HAZARD.messagePattern().matcher(result.at("/message/text").asText()).matches(), result.toString());
    JsonNode location = result.at("/locations/0/physicalLocation");
    assertEquals("src/main/java/shop/Cart.java", location.at("/artifactLocation/uri").asText(), "relative to the project root");
    assertEquals("%SRCROOT%", location.at("/artifactLocation/uriBaseId").asText());
    assertEquals(LINE, location.at("/region/startLine").asInt());
    assertEquals(true, r.at("/invocations/0/executionSuccessful").asBoolean());
  }

  @Test
  void sonarGenericIssues() throws Exception {
    JsonNode sonar = JSON.readTree(out.resolve("crashguard-sonar.json").toFile());
    assertEquals(1, sonar.get("rules").size());
    JsonNode rule = sonar.at("/rules/0");
    assertEquals(HAZARD.catalogName(), rule.get("id").asText());
    assertEquals("Unsynchronized map write", rule.get("name").asText());
    assertEquals("crashguard", rule.get("engineId").asText());
    assertEquals("LOGICAL", rule.get("cleanCodeAttribute").asText());
    assertEquals("BUG", rule.get("type").asText());
    assertEquals("CRITICAL", rule.get("severity").asText());
    assertEquals("RELIABILITY", rule.at("/impacts/0/softwareQuality").asText());
    assertEquals("HIGH", rule.at("/impacts/0/severity").asText());

    assertEquals(1, sonar.get("issues").size(), "three engines, one issue");
    JsonNode issue = sonar.at("/issues/0");
    assertEquals(HAZARD.catalogName(), issue.get("ruleId").asText());
    assertFalse(issue.has("type") || issue.has("severity"), "issues never carry type/severity: " + issue);
    assertEquals("src/main/java/shop/Cart.java", issue.at("/primaryLocation/filePath").asText());
    assertEquals(LINE, issue.at("/primaryLocation/textRange/startLine").asInt());
    assertTrue(HAZARD.messagePattern().matcher(issue.at("/primaryLocation/message").asText()).matches());
  }

  @Test
  void htmlIsSelfContainedEscapedAndComplete() throws Exception {
    String html = Files.readString(out.resolve("crashguard.html"), StandardCharsets.UTF_8);

    assertTrue(html.contains("<span id=\"finding-count\">1</span> finding (1 error, 0 warning)"), "machine-readable count");
    assertTrue(html.contains("crashguard <span id=\"version\">" + dev.crashguard.reports.Reports.VERSION + "</span>"), "which crashguard");
    assertTrue(Pattern.compile("<time id=\"scanned\" datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</time>")
        .matcher(html).find(), "when");
    assertTrue(html.contains("<tr class=\"file\"><td><a href=\"#f-"), "per-file summary");
    assertTrue(html.contains("<code>src/main/java/shop/Cart.java</code></a></td><td>1</td><td>1</td><td>0</td><td>UnsynchronizedMapWrite</td></tr>"), html);
    assertEquals(2, count(html, "<span class=\"sev sev-error\">error</span>"), "severity on the hazard and on the finding");
    assertTrue(html.contains("<details class=\"page\"><summary>"), "the docs page, folded");
    assertTrue(html.contains("<h4>Noncompliant code</h4>") && html.contains("<pre><code>"), "rendered from the page");
    assertTrue(html.contains("<section id=\"checked\">"), "what was checked");
    assertTrue(html.contains("<span id=\"checked-file-count\">1</span> Java files"));
    assertFalse(html.contains("id=\"clean\""), "not clean");
    assertEquals(1, count(html, "<article class=\"finding\""));
    assertEquals(1, count(html, "<section class=\"hazard\" id=\"" + HAZARD.catalogName() + "\">"));
    assertTrue(html.contains("<span class=\"loc\">src/main/java/shop/Cart.java:" + LINE + "</span>"));
    assertTrue(html.contains("<span class=\"engines\">errorprone, pmd, spotbugs</span>"));
    assertTrue(html.contains("<p class=\"signature\">In a production log (<code>crashguard explain</code> finds these): <a href=\""
        + HAZARD.docsUrl() + "#concurrent-modification\" data-signature=\"unsynchronized-map-write/concurrent-modification\">"),
        "each finding links the crash signatures it would produce");
    assertTrue(html.contains("<tr><td>SpotBugs</td><td>1 finding, "), "each engine's outcome");
    assertTrue(html.contains("<p class=\"message\">&#39;items&#39; is written without a lock"), "message escaped");

    // The code around the line, escaped; the finding's own line marked.
    assertTrue(html.contains("   11      String banner = &quot;&lt;script&gt;alert(&#39;cart&#39;)&lt;/script&gt;&quot;;"), html);
    assertTrue(html.contains("<span class=\"hit\">   12      pool.execute(() -&gt; items.merge(item, 1, Integer::sum));</span>"), html);
    assertTrue(html.contains("System.out.println(banner + &quot; &amp; done&quot;);"));
    assertTrue(html.contains("my shop &amp; co"), "the project path is escaped too");
    assertEquals(0, count(html, "<script"), "no script element at all, and none from the source");

    // Self-contained: nothing loaded from anywhere; the only URL is the docs link.
    for (String loader : List.of("<link", "<img", "<iframe", " src=", "@import", "url(")) {
      assertFalse(html.contains(loader), "loads nothing: " + loader);
    }
    Matcher urls = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    while (urls.find()) {
      assertTrue(urls.group(1).equals(HAZARD.docsUrl()) || urls.group(1).startsWith(HAZARD.docsUrl() + "#")
              || urls.group(1).startsWith("#f-"),
          "only the docs page (and its crash-signature rows) is linked, and findings within the page: " + urls.group(1));
    }
    // The docs page's fix advice.
    assertTrue(html.contains("<h3>How to fix</h3>"));
    assertTrue(html.contains("<li>Use a concurrent collection: <code>ConcurrentHashMap</code> for <code>HashMap</code>"), html);
  }

  @Test
  void aCleanScanSaysWhatWasChecked() throws Exception {
    Path clean = CliRuns.project(tmp.resolve("clean"), Map.of("shop/Safe.java", CliRuns.SAFE_COUNTER.replace("package demo;", "package shop;").replace("SafeCounter", "Safe")));
    Path html = tmp.resolve("clean.html");
    CliRuns.Run run = CliRuns.inProcess("scan", clean.toString(), "-f", "html", "-o", html.toString());
    assertEquals(0, run.exit(), run.toString());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("<p class=\"clean\" id=\"clean\">No hazard found."), page);
    assertTrue(page.contains("<tr><td>UnsynchronizedMapWrite</td><td class=\"checked\">checked</td><td class=\"checked\">checked</td>"
        + "<td class=\"skipped\">skipped</td></tr>"), "hazards by engines; SpotBugs had no classes:\n" + page);
    assertTrue(page.contains("<tr><td>" + CliRuns.aPlannedHazard() + "</td><td class=\"planned\">planned</td>"), page);
    assertTrue(page.contains("<li><code>src/main/java/shop/Safe.java</code></li>"), "the files");
    assertFalse(page.contains("<h2>Files</h2>"), "no file table without findings");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
