package dev.crashguard.reports;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes findings as SARIF 2.1.0: one run, tool {@code crashguard} with its version, one result per hazard
 * site ({@link MergedFinding}: the engines that saw it are the result's {@code properties.engines}), rules
 * keyed by catalog name (each engine's own wording in {@code properties.engineMessages}), artifact URIs
 * relative to {@code %SRCROOT%} (the project root, as GitHub code
 * scanning and SonarQube's SARIF import expect).
 *
 * <p>One run, not one per engine: a code-scanning service shows each run's results as alerts of their own,
 * so three engines agreeing would be three alerts for one bug. Each result carries
 * {@code partialFingerprints["crashguard/v1"]} ({@link Fingerprints}), so an alert survives edits above it.
 * Files an engine could not analyse are the invocation's {@code toolExecutionNotifications}.
 *
 * <p>Choices: the run lists as rules only the hazards its results use, and results point at them with
 * {@code ruleIndex}; {@code level} is {@code error} for {@link Severity#ERROR} and {@code warning} for
 * {@link Severity#WARNING}; a rule's {@code help.markdown} is the hazard's whole docs page ({@link Docs}), so
 * the advice is readable where the link is not; rule properties carry {@code tags} (with GitHub's
 * {@code external/cwe/cwe-N} convention) and {@code cwe}, but no {@code security-severity}: GitHub files a
 * rule that has one as a security alert, and these are reliability hazards. A finding without a line (0)
 * has no {@code region}. A run without results is still written: it tells a code-scanning service that
 * crashguard ran and found nothing, which closes earlier alerts.
 */
public final class SarifWriter {
  /** The schema URI written as {@code $schema}: the OASIS 2.1.0 schema with the approved errata. */
  public static final String SCHEMA_URI =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  /** The base id for artifact locations; consumers map it to the checkout. */
  public static final String SRCROOT = "%SRCROOT%";

  /** The tool's name in every run. */
  public static final String TOOL = "crashguard";

  /**
   * Something an engine could not do: a file it did not analyse ({@code file} relative to the source root,
   * like a finding's), or, with no file, the engine failing as a whole.
   */
  public record Notification(Engine engine, String file, String message) {
    public Notification {
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(message, "message");
    }
  }

  private final ProjectPaths paths;
  private final Fingerprints.Sources sources;

  public SarifWriter(ProjectPaths paths) {
    this(paths, file -> java.util.Optional.empty());
  }

  private SarifWriter(ProjectPaths paths, Fingerprints.Sources sources) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.sources = sources;
  }

  /** The same writer reading sources under {@code projectRoot}, for fingerprints computed here. */
  public SarifWriter withSources(Path projectRoot) {
    return new SarifWriter(paths, Fingerprints.under(projectRoot, paths));
  }

  /** The engines that saw the findings ran. */
  public String toJson(List<MergedFinding> findings) {
    Set<Engine> engines = EnumSet.noneOf(Engine.class);
    findings.forEach(f -> engines.addAll(f.engines()));
    return toJson(findings, engines);
  }

  /** {@code engines} ran (the run's {@code properties.engines}), found {@code findings}, analysed every file. */
  public String toJson(List<MergedFinding> merged, Set<Engine> engines) {
    return toJson(merged, engines, List.of(), Map.of());
  }

  /**
   * The log.
   *
   * @param fingerprints each finding's fingerprint when the caller computed them (over more findings than
   *     it writes, say before a baseline removed some); a finding without one gets it computed here
   */
  public String toJson(
      List<MergedFinding> merged,
      Set<Engine> engines,
      List<Notification> notifications,
      Map<MergedFinding, String> fingerprints) {
    List<MergedFinding> results = new ArrayList<>(merged);
    results.sort(MergedFinding.ORDER);
    Map<MergedFinding, String> computed = Fingerprints.of(results, sources, paths);
    List<Hazard> hazards = Rules.used(results.stream().map(MergedFinding::hazard).toList());
    JsonArray rules = new JsonArray();
    for (Hazard hazard : hazards) {
      rules.add(rule(hazard));
    }
    JsonArray out = new JsonArray();
    for (MergedFinding finding : results) {
      String fingerprint = fingerprints.getOrDefault(finding, computed.get(finding));
      out.add(result(finding, hazards.indexOf(finding.hazard()), fingerprint));
    }
    JsonObject driver = new JsonObject();
    driver.addProperty("name", TOOL);
    driver.addProperty("version", Reports.VERSION);
    driver.addProperty("semanticVersion", Reports.VERSION);
    driver.addProperty("informationUri", Hazard.DOCS_BASE_URL);
    driver.add("rules", rules);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    JsonObject run = new JsonObject();
    run.add("tool", tool);
    run.add("invocations", invocations(notifications));
    run.add("results", out);
    JsonArray ran = new JsonArray();
    Set<Engine> all = EnumSet.noneOf(Engine.class);
    all.addAll(engines);
    results.forEach(f -> all.addAll(f.engines()));
    all.forEach(e -> ran.add(e.id()));
    JsonObject properties = new JsonObject();
    properties.add("engines", ran);
    run.add("properties", properties);
    JsonArray runs = new JsonArray();
    runs.add(run);
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

  private JsonArray invocations(List<Notification> notifications) {
    JsonArray list = new JsonArray();
    boolean complete = true;
    for (Notification n : notifications) {
      JsonObject notification = new JsonObject();
      notification.addProperty("level", n.file() == null ? "error" : "warning");
      notification.add("message", text(n.engine().id() + ": " + n.message()));
      if (n.file() != null) {
        JsonArray locations = new JsonArray();
        locations.add(location(n.file(), 0));
        notification.add("locations", locations);
      } else {
        complete = false;
      }
      JsonObject properties = new JsonObject();
      properties.addProperty("engine", n.engine().id());
      notification.add("properties", properties);
      list.add(notification);
    }
    JsonObject invocation = new JsonObject();
    invocation.addProperty("executionSuccessful", complete);
    if (!list.isEmpty()) {
      invocation.add("toolExecutionNotifications", list);
    }
    JsonArray invocations = new JsonArray();
    invocations.add(invocation);
    return invocations;
  }

  /** The whole docs page; for a hazard whose page is not bundled (a planned one), a link to it. */
  static String helpMarkdown(Hazard hazard, Optional<String> page) {
    return page.orElse(hazard.summary() + " [What crashes, how to fix it, examples](" + hazard.docsUrl() + ")");
  }

  private static JsonObject rule(Hazard hazard) {
    JsonObject rule = new JsonObject();
    rule.addProperty("id", hazard.catalogName());
    rule.addProperty("name", hazard.catalogName());
    rule.add("shortDescription", text(hazard.summary()));
    rule.add("fullDescription", text(Rules.description(hazard)));
    rule.addProperty("helpUri", hazard.docsUrl());
    JsonObject help = text(Rules.description(hazard));
    help.addProperty("markdown", helpMarkdown(hazard, Docs.page(hazard)));
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

  private JsonObject result(MergedFinding finding, int ruleIndex, String fingerprint) {
    JsonArray locations = new JsonArray();
    locations.add(location(finding.file(), finding.line()));
    JsonObject result = new JsonObject();
    result.addProperty("ruleId", finding.hazard().catalogName());
    result.addProperty("ruleIndex", ruleIndex);
    result.addProperty("level", level(finding.hazard().severity()));
    result.add("message", text(Rules.message(finding.hazard(), finding.message())));
    result.add("locations", locations);
    JsonObject partial = new JsonObject();
    partial.addProperty(Fingerprints.KEY, fingerprint);
    result.add("partialFingerprints", partial);
    JsonArray engines = new JsonArray();
    finding.engines().forEach(e -> engines.add(e.id()));
    JsonObject messages = new JsonObject();
    finding.messages().forEach((engine, message) -> messages.addProperty(engine.id(), Rules.message(finding.hazard(), message)));
    JsonObject properties = new JsonObject();
    properties.add("engines", engines);
    properties.add("engineMessages", messages);
    result.add("properties", properties);
    return result;
  }

  private JsonObject location(String file, int line) {
    JsonObject artifact = new JsonObject();
    artifact.addProperty("uri", uriReference(paths.fromProjectRoot(file)));
    artifact.addProperty("uriBaseId", SRCROOT);
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifact);
    if (line > 0) {
      JsonObject region = new JsonObject();
      region.addProperty("startLine", line);
      physical.add("region", region);
    }
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    return location;
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
