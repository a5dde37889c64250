package dev.crashguard.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Field by field against SonarQube's generic issue format (SonarQube Server 10.3+, "generic issue import
 * format" docs page) and against what the scanner's {@code ExternalIssueReportValidator} checks before
 * importing (read in SonarSource/sonarqube, {@code sonar-scanner-engine/.../externalissue/}); no testable
 * importer for this format is published on Maven Central (sonar-scanner-engine stops at 9.7, before the
 * format existed), so the real-server end-to-end run is the final proof.
 */
class SonarGenericIssuesWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Hazard MAP_WRITE = Hazard.UNSYNCHRONIZED_MAP_WRITE;
  private static final Hazard LEAK = Hazard.EXECUTOR_LEAK;

  private final SonarGenericIssuesWriter writer =
      new SonarGenericIssuesWriter(new ProjectPaths("src/main/java"));

  @Test
  void writesOneRulePerUsedHazardAndOneIssuePerFinding() throws Exception {
    JsonNode report = MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of(
        new Finding(Engine.PMD, MAP_WRITE, "dev/shop/Ledger.java", 12, "m1"),
        new Finding(Engine.SPOTBUGS, LEAK, "dev/shop/Pool.java", 5, "m2"),
        new Finding(Engine.PMD, MAP_WRITE, "dev/shop/Inventory.java", 13, "m3")))));

    assertEquals(List.of("rules", "issues"), fieldNames(report));

    JsonNode rules = report.get("rules");
    assertEquals(2, rules.size(), "only hazards with issues; catalog order");
    JsonNode rule = rules.get(0);
    assertEquals(List.of("id", "name", "description", "engineId", "cleanCodeAttribute", "type", "severity", "impacts"),
        fieldNames(rule));
    assertEquals("UnsynchronizedMapWrite", rule.get("id").textValue());
    assertEquals("Unsynchronized map write", rule.get("name").textValue());
    assertEquals(MAP_WRITE.summary() + " Why it fails, how to fix it, and examples: "
        + "https://github.com/crashguard/crashguard/blob/main/docs/UnsynchronizedMapWrite.md",
        rule.get("description").textValue());
    assertEquals("crashguard", rule.get("engineId").textValue());
    assertEquals("LOGICAL", rule.get("cleanCodeAttribute").textValue());
    assertEquals("BUG", rule.get("type").textValue());
    assertEquals("CRITICAL", rule.get("severity").textValue());
    assertEquals("[{\"softwareQuality\":\"RELIABILITY\",\"severity\":\"HIGH\"}]", rule.get("impacts").toString());
    assertEquals("ExecutorLeak", rules.get(1).get("id").textValue());
    assertEquals("COMPLETE", rules.get(1).get("cleanCodeAttribute").textValue(), "RESOURCES category");

    JsonNode issues = report.get("issues");
    assertEquals(3, issues.size());
    JsonNode issue = issues.get(0);
    assertEquals(List.of("ruleId", "primaryLocation"), fieldNames(issue));
    assertEquals("UnsynchronizedMapWrite", issue.get("ruleId").textValue());
    assertEquals(List.of("message", "filePath", "textRange"), fieldNames(issue.get("primaryLocation")));
    assertEquals("m3", issue.at("/primaryLocation/message").textValue());
    assertEquals("src/main/java/dev/shop/Inventory.java", issue.at("/primaryLocation/filePath").textValue());
    assertEquals("{\"startLine\":13}", issue.at("/primaryLocation/textRange").toString());
    assertTrue(issue.at("/primaryLocation/textRange/startLine").isInt());
    assertEquals("src/main/java/dev/shop/Ledger.java", issues.get(1).at("/primaryLocation/filePath").textValue());
    assertEquals("ExecutorLeak", issues.get(2).get("ruleId").textValue());
  }

  @Test
  void theSameHazardOnTheSameLineFromTwoEnginesIsOneIssueWithTheMostSpecificMessage() throws Exception {
    JsonNode report = MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of(
        new Finding(Engine.SPOTBUGS, MAP_WRITE, "dev/shop/Ledger.java", 12, "from spotbugs"),
        new Finding(Engine.PMD, MAP_WRITE, "dev/shop/Ledger.java", 12, "from pmd"),
        new Finding(Engine.PMD, MAP_WRITE, "dev/shop/Ledger.java", 13, "next line")))));

    JsonNode issues = report.get("issues");
    assertEquals(2, issues.size());
    // SpotBugs fills the template per finding; PMD's XPath rule has one message: SpotBugs' is shown.
    assertEquals("from spotbugs", issues.get(0).at("/primaryLocation/message").textValue());
    assertEquals(1, report.get("rules").size());
  }

  @Test
  void aFindingWithoutALineIsAFileLevelIssueAndAnEmptyMessageGetsTheSummary() throws Exception {
    JsonNode issue = MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of(
        new Finding(Engine.SPOTBUGS, MAP_WRITE, "dev/shop/Ledger.java", 0, " "))))).at("/issues/0");

    assertEquals(List.of("message", "filePath"), fieldNames(issue.get("primaryLocation")));
    assertEquals(MAP_WRITE.summary(), issue.at("/primaryLocation/message").textValue());
  }

  @Test
  void noFindingsIsStillAValidNewFormatReport() throws Exception {
    assertEquals("{\"rules\":[],\"issues\":[]}", MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of()))).toString());
  }

  @Test
  void sourceRootAtTheProjectRootAddsNoPrefix() throws Exception {
    JsonNode report = MAPPER.readTree(new SonarGenericIssuesWriter(new ProjectPaths("")).toJson(MergedFinding.merge(
        List.of(new Finding(Engine.PMD, MAP_WRITE, "dev/shop/Ledger.java", 1, "m")))));
    assertEquals("dev/shop/Ledger.java", report.at("/issues/0/primaryLocation/filePath").textValue());
  }

  /**
   * Every hazard in the catalog, written once, passes what SonarQube checks and uses only values its
   * enums accept ({@code valueOf} on the plugin API's own enums, as the importer does).
   */
  @Test
  void everyHazardPassesTheScannersChecksAndUsesSonarQubesOwnEnumValues() throws Exception {
    List<Finding> findings = new ArrayList<>();
    for (Hazard h : Hazard.values()) {
      findings.add(new Finding(Engine.PMD, h, "dev/x/" + h.catalogName() + ".java", 3, h.summary()));
    }
    JsonNode report = MAPPER.readTree(writer.toJson(MergedFinding.merge(findings)));

    assertPassesExternalIssueReportValidator(report);
    for (JsonNode rule : report.get("rules")) {
      org.sonar.api.rules.CleanCodeAttribute.valueOf(rule.get("cleanCodeAttribute").textValue());
      org.sonar.api.rules.RuleType.valueOf(rule.get("type").textValue());
      org.sonar.api.batch.rule.Severity.valueOf(rule.get("severity").textValue());
      for (JsonNode impact : rule.get("impacts")) {
        org.sonar.api.issue.impact.SoftwareQuality.valueOf(impact.get("softwareQuality").textValue());
        org.sonar.api.issue.impact.Severity.valueOf(impact.get("severity").textValue());
      }
    }
    assertEquals(Hazard.values().length, report.get("rules").size());
  }

  /** The checks of SonarQube's scanner (ExternalIssueReportValidator, new format), restated. */
  static void assertPassesExternalIssueReportValidator(JsonNode report) {
    assertTrue(report.isObject());
    assertTrue(report.get("rules").isArray(), "both 'rules' and 'issues' present selects the new format");
    assertTrue(report.get("issues").isArray());
    Set<String> ids = new HashSet<>();
    for (JsonNode rule : report.get("rules")) {
      for (String field : List.of("id", "name", "engineId", "cleanCodeAttribute")) {
        assertNonEmptyString(rule, field); // cleanCodeAttribute: mandatory in 10.3 to 10.x
      }
      assertTrue(rule.has("type") || rule.has("impacts"), "either type, impacts or both");
      assertEquals(rule.has("type"), rule.has("severity"), "type and severity come together");
      if (rule.has("impacts")) {
        assertTrue(rule.get("impacts").isArray() && !rule.get("impacts").isEmpty(), "impacts populated");
        assertFalse("SECURITY_HOTSPOT".equals(rule.path("type").textValue()));
        for (JsonNode impact : rule.get("impacts")) {
          assertNonEmptyString(impact, "softwareQuality");
          assertNonEmptyString(impact, "severity");
        }
      }
      assertTrue(!rule.has("description") || rule.get("description").isTextual());
      assertTrue(ids.add(rule.get("id").textValue()), "duplicate rule ID");
    }
    for (JsonNode issue : report.get("issues")) {
      assertNonEmptyString(issue, "ruleId");
      assertTrue(ids.contains(issue.get("ruleId").textValue()), "rule present in the same report");
      assertFalse(issue.has("severity"), "deprecated 'severity' on an issue fails the import");
      assertFalse(issue.has("type"), "deprecated 'type' on an issue fails the import");
      assertTrue(!issue.has("effortMinutes") || issue.get("effortMinutes").isInt());
      JsonNode location = issue.get("primaryLocation");
      assertNotNull(location, "primaryLocation");
      assertNonEmptyString(location, "filePath");
      assertTrue(location.get("message").isTextual(), "message");
      if (location.has("textRange")) {
        assertTrue(location.at("/textRange/startLine").isInt(), "startLine of the text range");
        assertTrue(location.at("/textRange/startLine").intValue() >= 1);
      }
    }
  }

  private static void assertNonEmptyString(JsonNode node, String field) {
    assertTrue(node.has(field) && node.get(field).isTextual() && !node.get(field).textValue().isEmpty(),
        () -> "missing mandatory field '" + field + "' in " + node);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void catalogValuesAreAllowedBySonarQube() {
    // The catalog's own strings, not only those written above: a new Severity or Category is caught here.
    Arrays.stream(dev.crashguard.catalog.Severity.values()).forEach(s -> {
      org.sonar.api.batch.rule.Severity.valueOf(s.sonarSeverity());
      org.sonar.api.issue.impact.Severity.valueOf(s.sonarImpactSeverity());
    });
    Arrays.stream(dev.crashguard.catalog.Category.values())
        .forEach(c -> org.sonar.api.rules.CleanCodeAttribute.valueOf(c.sonarCleanCodeAttribute()));
  }
}
