package dev.crashguard.reports;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes findings as SARIF 2.1.0: one run per engine, tool {@code crashguard-<engine id>}, rules keyed by
 * catalog name, artifact URIs relative to {@code %SRCROOT%} (the project root, as GitHub code scanning and
 * SonarQube's SARIF import expect).
 *
 * <p>Choices: a run lists as rules only the hazards its results use, and results point at them with
 * {@code ruleIndex}; {@code level} is {@code error} for {@link Severity#ERROR} and {@code warning} for
 * {@link Severity#WARNING}; rule properties carry {@code tags} (with GitHub's {@code external/cwe/cwe-N}
 * convention) and {@code cwe}, but no {@code security-severity}: GitHub files a rule that has one as a
 * security alert, and these are reliability hazards. A finding without a line (0) has no {@code region}.
 */
public final class SarifWriter {
  /** The schema URI written as {@code $schema}: the OASIS 2.1.0 schema with the approved errata. */
  public static final String SCHEMA_URI =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  /** The base id for artifact locations; consumers map it to the checkout. */
  public static final String SRCROOT = "%SRCROOT%";

  private final ProjectPaths paths;

  public SarifWriter(ProjectPaths paths) {
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  /** A run for each engine that has findings. */
  public String toJson(List<MergedFinding> findings) {
    Set<Engine> engines = EnumSet.noneOf(Engine.class);
    findings.forEach(f -> engines.addAll(f.engines()));
    return toJson(findings, engines);
  }

  /**
   * A run for each of {@code engines}, in catalog order, even one without results: an empty run says the
   * engine ran and found nothing, which lets a code-scanning service close earlier alerts.
   */
  public String toJson(List<MergedFinding> merged, Set<Engine> engines) {
    List<Finding> findings = merged.stream().flatMap(f -> f.perEngine().stream()).toList();
    JsonArray runs = new JsonArray();
    for (Engine engine : union(engines, findings)) {
      List<Finding> results = new ArrayList<>(findings.stream().filter(f -> f.engine() == engine).toList());
      results.sort(Finding.ORDER);
      runs.add(run(engine, results));
    }
    JsonObject root = new JsonObject();
    root.addProperty("$schema", SCHEMA_URI);
    root.addProperty("version", "2.1.0");
    root.add("runs", runs);
    return Reports.GSON.toJson(root) + "\n";
  }

  public void write(List<MergedFinding> findings, Set<Engine> engines, Path out) throws ReportException {
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, toJson(findings, engines), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException(out, "cannot write: " + e, e);
    }
  }

  private static Set<Engine> union(Set<Engine> engines, List<Finding> findings) {
    Set<Engine> all = EnumSet.noneOf(Engine.class);
    all.addAll(engines);
    findings.forEach(f -> all.add(f.engine()));
    return all;
  }

  private JsonObject run(Engine engine, List<Finding> results) {
    List<Hazard> hazards = Rules.used(results.stream().map(Finding::hazard).toList());
    JsonArray rules = new JsonArray();
    for (Hazard hazard : hazards) {
      rules.add(rule(hazard));
    }
    JsonArray out = new JsonArray();
    for (Finding finding : results) {
      out.add(result(finding, hazards.indexOf(finding.hazard())));
    }
    JsonObject driver = new JsonObject();
    driver.addProperty("name", "crashguard-" + engine.id());
    driver.add("rules", rules);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    JsonObject run = new JsonObject();
    run.add("tool", tool);
    run.add("results", out);
    return run;
  }

  private static JsonObject rule(Hazard hazard) {
    JsonObject rule = new JsonObject();
    rule.addProperty("id", hazard.catalogName());
    rule.addProperty("name", hazard.catalogName());
    rule.add("shortDescription", text(hazard.summary()));
    rule.add("fullDescription", text(Rules.description(hazard)));
    rule.addProperty("helpUri", hazard.docsUrl());
    JsonObject help = text(Rules.description(hazard));
    help.addProperty(
        "markdown", hazard.summary() + " [What crashes, how to fix it, examples](" + hazard.docsUrl() + ")");
    rule.add("help", help);
    JsonObject configuration = new JsonObject();
    configuration.addProperty("level", level(hazard.severity()));
    rule.add("defaultConfiguration", configuration);
    JsonArray tags = new JsonArray();
    for (String tag :
        List.of("crashguard", "reliability", Rules.lower(hazard.category()), "external/cwe/cwe-" + hazard.cwe())) {
      tags.add(tag);
    }
    JsonObject properties = new JsonObject();
    properties.add("tags", tags);
    properties.addProperty("cwe", "CWE-" + hazard.cwe());
    rule.add("properties", properties);
    return rule;
  }

  private JsonObject result(Finding finding, int ruleIndex) {
    JsonObject artifact = new JsonObject();
    artifact.addProperty("uri", uriReference(paths.fromProjectRoot(finding.file())));
    artifact.addProperty("uriBaseId", SRCROOT);
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifact);
    if (finding.line() > 0) {
      JsonObject region = new JsonObject();
      region.addProperty("startLine", finding.line());
      physical.add("region", region);
    }
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    JsonArray locations = new JsonArray();
    locations.add(location);
    JsonObject result = new JsonObject();
    result.addProperty("ruleId", finding.hazard().catalogName());
    result.addProperty("ruleIndex", ruleIndex);
    result.addProperty("level", level(finding.hazard().severity()));
    result.add("message", text(Rules.message(finding.hazard(), finding.message())));
    result.add("locations", locations);
    return result;
  }

  private static JsonObject text(String text) {
    JsonObject object = new JsonObject();
    object.addProperty("text", text);
    return object;
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
    };
  }

  /**
   * A relative URI reference for a {@code /}-separated path (RFC 3986): unreserved characters, sub-delims,
   * {@code @} and {@code /} stay, everything else (spaces, {@code %}, {@code :}, {@code #}, {@code ?},
   * non-ASCII as UTF-8) is percent-encoded.
   */
  static String uriReference(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=@/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
