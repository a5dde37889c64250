package dev.crashguard.reports;

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
  public String toJson(List<Finding> findings) {
    Set<Engine> engines = EnumSet.noneOf(Engine.class);
    findings.forEach(f -> engines.add(f.engine()));
    return toJson(findings, engines);
  }

  /**
   * A run for each of {@code engines}, in catalog order, even one without results: an empty run says the
   * engine ran and found nothing, which lets a code-scanning service close earlier alerts.
   */
  public String toJson(List<Finding> findings, Set<Engine> engines) {
    List<Object> runs = new ArrayList<>();
    for (Engine engine : union(engines, findings)) {
      List<Finding> results = new ArrayList<>(findings.stream().filter(f -> f.engine() == engine).toList());
      results.sort(Finding.ORDER);
      runs.add(run(engine, results));
    }
    return Json.write(
        Json.object().put("$schema", SCHEMA_URI).put("version", "2.1.0").put("runs", runs));
  }

  public void write(List<Finding> findings, Set<Engine> engines, Path out) throws ReportException {
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

  private Json.Obj run(Engine engine, List<Finding> results) {
    List<Hazard> hazards = Rules.used(results);
    List<Object> rules = new ArrayList<>();
    for (Hazard hazard : hazards) {
      rules.add(rule(hazard));
    }
    List<Object> out = new ArrayList<>();
    for (Finding finding : results) {
      out.add(result(finding, hazards.indexOf(finding.hazard())));
    }
    Json.Obj driver = Json.object().put("name", "crashguard-" + engine.id()).put("rules", rules);
    return Json.object().put("tool", Json.object().put("driver", driver)).put("results", out);
  }

  private static Json.Obj rule(Hazard hazard) {
    return Json.object()
        .put("id", hazard.catalogName())
        .put("name", hazard.catalogName())
        .put("shortDescription", Json.object().put("text", hazard.summary()))
        .put("fullDescription", Json.object().put("text", Rules.description(hazard)))
        .put("helpUri", hazard.docsUrl())
        .put(
            "help",
            Json.object()
                .put("text", Rules.description(hazard))
                .put(
                    "markdown",
                    hazard.summary() + " [What crashes, how to fix it, examples](" + hazard.docsUrl() + ")"))
        .put("defaultConfiguration", Json.object().put("level", level(hazard.severity())))
        .put(
            "properties",
            Json.object()
                .put(
                    "tags",
                    List.of(
                        "crashguard",
                        "reliability",
                        Rules.lower(hazard.category()),
                        "external/cwe/cwe-" + hazard.cwe()))
                .put("cwe", "CWE-" + hazard.cwe()));
  }

  private Json.Obj result(Finding finding, int ruleIndex) {
    Json.Obj physical =
        Json.object()
            .put(
                "artifactLocation",
                Json.object()
                    .put("uri", uriReference(paths.fromProjectRoot(finding.file())))
                    .put("uriBaseId", SRCROOT))
            .put("region", finding.line() > 0 ? Json.object().put("startLine", finding.line()) : null);
    return Json.object()
        .put("ruleId", finding.hazard().catalogName())
        .put("ruleIndex", ruleIndex)
        .put("level", level(finding.hazard().severity()))
        .put("message", Json.object().put("text", Rules.message(finding)))
        .put("locations", List.of(Json.object().put("physicalLocation", physical)));
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
