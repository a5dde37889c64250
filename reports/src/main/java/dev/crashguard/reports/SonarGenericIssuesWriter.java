package dev.crashguard.reports;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * one issue (the SonarQube rule is the hazard, not the engine; the first engine in catalog order keeps its
 * message). No {@code effortMinutes}: the catalog has no estimate, and SonarQube defaults to 0.
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

  public String toJson(List<Finding> findings) {
    List<Finding> issues = distinct(findings);
    List<Object> rules = new ArrayList<>();
    for (Hazard hazard : Rules.used(issues)) {
      rules.add(
          Json.object()
              .put("id", hazard.catalogName())
              .put("name", Rules.displayName(hazard))
              .put("description", Rules.description(hazard))
              .put("engineId", ENGINE_ID)
              .put("cleanCodeAttribute", hazard.category().sonarCleanCodeAttribute())
              .put("type", RULE_TYPE)
              .put("severity", hazard.severity().sonarSeverity())
              .put(
                  "impacts",
                  List.of(
                      Json.object()
                          .put("softwareQuality", SOFTWARE_QUALITY)
                          .put("severity", hazard.severity().sonarImpactSeverity()))));
    }
    List<Object> out = new ArrayList<>();
    for (Finding finding : issues) {
      Json.Obj location =
          Json.object()
              .put("message", Rules.message(finding))
              .put("filePath", paths.fromProjectRoot(finding.file()))
              .put("textRange", finding.line() > 0 ? Json.object().put("startLine", finding.line()) : null);
      out.add(Json.object().put("ruleId", finding.hazard().catalogName()).put("primaryLocation", location));
    }
    return Json.write(Json.object().put("rules", rules).put("issues", out));
  }

  public void write(List<Finding> findings, Path out) throws ReportException {
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

  private static List<Finding> distinct(List<Finding> findings) {
    // One issue per hazard, file and line; its message from the engine that says most (Engine.MESSAGE_DETAIL).
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparing(f -> f.hazard().catalogName())
            .thenComparing(Finding::engine, Engine.MESSAGE_DETAIL));
    Set<List<Object>> seen = new HashSet<>();
    List<Finding> out = new ArrayList<>();
    for (Finding f : sorted) {
      if (seen.add(List.of(f.hazard(), f.file(), f.line()))) {
        out.add(f);
      }
    }
    return out;
  }
}
