package dev.crashguard.reports;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.crashguard.catalog.Hazard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes findings in SonarQube's generic external issue format, the one with a top-level {@code rules}
 * array (SonarQube Server 10.3+ and SonarQube Cloud; import with {@code sonar.externalIssuesReportPaths}):
 *
 * <pre>{@code
 * {"rules": [{"id": "UnsynchronizedMapWrite", "name": "Unsynchronized map write", "description": "...",
 *             "engineId": "crashguard", "cleanCodeAttribute": "LOGICAL", "type": "BUG", "severity": "CRITICAL",
 *             "impacts": [{"softwareQuality": "RELIABILITY", "severity": "HIGH"}]}],
 *  "issues": [{"ruleId": "UnsynchronizedMapWrite",
 *              "primaryLocation": {"message": "...", "filePath": "src/main/java/dev/x/Foo.java",
 *                                  "textRange": {"startLine": 12}}}]}
 * }</pre>
 *
 * <p>What SonarQube's scanner checks (its {@code ExternalIssueReportValidator}), and so what this writes:
 * every rule has {@code id}, {@code name}, {@code engineId}, and {@code impacts} (non-empty) or
 * {@code type}, and {@code type} and {@code severity} come together; rule ids are unique; every issue names
 * a rule of the same report and carries <em>no</em> {@code severity} or {@code type} (those are the
 * deprecated format and make the import fail); the primary location has {@code filePath} and
 * {@code message}, and {@code startLine} when it has a text range. 10.3 to 10.x also require
 * {@code cleanCodeAttribute}, so it is always written. {@code type}/{@code severity} are optional since
 * 10.3 and are what the "standard experience" mode shows, so they are written too, from the catalog.
 *
 * <p>Choices: rule id = catalog name (engine {@code crashguard}, so SonarQube's rule key is
 * {@code external_crashguard:UnsynchronizedMapWrite}); only hazards that have issues get a rule entry,
 * because external rules are not listed on SonarQube's Rules page anyway and an unused entry would only
 * create an empty ad hoc rule; the same hazard reported at the same file and line by several engines is
 * one issue ({@link MergedFinding}: the SonarQube rule is the hazard, not the engine; the most specific
 * engine's message is shown). No {@code effortMinutes}: the catalog has no estimate, and SonarQube defaults to 0.
 * {@code filePath} is relative to the project base directory; a finding without a line (0) has no
 * {@code textRange} and lands on the file.
 */
public final class SonarGenericIssuesWriter {
  /** The {@code engineId} of every rule; SonarQube shows it and keys rules as {@code external_crashguard:…}. */
  public static final String ENGINE_ID = "crashguard";

  private static final String SOFTWARE_QUALITY = "RELIABILITY";
  private static final String RULE_TYPE = "BUG";

  private final ProjectPaths paths;

  public SonarGenericIssuesWriter(ProjectPaths paths) {
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  /** The report for findings already merged ({@link MergedFinding#merge}): one issue each. */
  public String toJson(List<MergedFinding> issues) {
    JsonArray rules = new JsonArray();
    for (Hazard hazard : Rules.used(issues.stream().map(MergedFinding::hazard).toList())) {
      JsonObject rule = new JsonObject();
      rule.addProperty("id", hazard.catalogName());
      rule.addProperty("name", Rules.displayName(hazard));
      rule.addProperty("description", Rules.description(hazard));
      rule.addProperty("engineId", ENGINE_ID);
      rule.addProperty("cleanCodeAttribute", hazard.category().sonarCleanCodeAttribute());
      rule.addProperty("type", RULE_TYPE);
      rule.addProperty("severity", hazard.severity().sonarSeverity());
      JsonObject impact = new JsonObject();
      impact.addProperty("softwareQuality", SOFTWARE_QUALITY);
      impact.addProperty("severity", hazard.severity().sonarImpactSeverity());
      JsonArray impacts = new JsonArray();
      impacts.add(impact);
      rule.add("impacts", impacts);
      rules.add(rule);
    }
    JsonArray out = new JsonArray();
    for (MergedFinding finding : issues) {
      JsonObject location = new JsonObject();
      location.addProperty("message", Rules.message(finding.hazard(), finding.message()));
      location.addProperty("filePath", paths.fromProjectRoot(finding.file()));
      if (finding.line() > 0) {
        JsonObject range = new JsonObject();
        range.addProperty("startLine", finding.line());
        location.add("textRange", range);
      }
      JsonObject issue = new JsonObject();
      issue.addProperty("ruleId", finding.hazard().catalogName());
      issue.add("primaryLocation", location);
      out.add(issue);
    }
    JsonObject root = new JsonObject();
    root.add("rules", rules);
    root.add("issues", out);
    return Reports.GSON.toJson(root) + "\n";
  }

  public void write(List<MergedFinding> findings, Path out) throws ReportException {
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, toJson(findings), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException(out, "cannot write: " + e, e);
    }
  }

}
