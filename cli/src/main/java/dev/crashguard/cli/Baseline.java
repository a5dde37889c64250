package dev.crashguard.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.crashguard.reports.Fingerprints;
import dev.crashguard.reports.MergedFinding;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A saved SARIF report (any earlier {@code crashguard scan --format sarif}, or another SARIF 2.1.0 file
 * using catalog names as rule ids): a finding already in it is not counted. A result carrying crashguard's
 * fingerprint ({@code partialFingerprints["crashguard/v1"]}, see {@link Fingerprints}: hazard, file,
 * enclosing member and the flagged code) matches by that, so lines added or removed above a baselined
 * finding do not bring it back. A result without one (another tool's SARIF, an older crashguard) matches by
 * (ruleId, artifact URI, start line). The engine never matters: a baseline taken with one engine also
 * covers the same finding from another.
 */
final class Baseline {
  private final Set<List<Object>> keys;
  private final Set<String> fingerprints;

  private Baseline(Set<List<Object>> keys, Set<String> fingerprints) {
    this.keys = keys;
    this.fingerprints = fingerprints;
  }

  static Baseline none() {
    return new Baseline(Set.of(), Set.of());
  }

  static Baseline read(Path file) throws UsageException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot read the baseline (" + ProjectResolver.why(e) + ")");
    }
    JsonElement json;
    try {
      json = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new UsageException(file + ": the baseline is not JSON (" + firstLine(e) + ")");
    }
    if (!(json instanceof JsonObject root) || !(root.get("runs") instanceof JsonArray runs)) {
      throw new UsageException(file + ": the baseline is not a SARIF report (no \"runs\" array)");
    }
    Set<List<Object>> keys = new HashSet<>();
    Set<String> fingerprints = new HashSet<>();
    for (JsonElement run : runs) {
      if (!(run instanceof JsonObject r) || !(r.get("results") instanceof JsonArray results)) {
        continue;
      }
      for (JsonElement result : results) {
        if (!(result instanceof JsonObject res) || !(string(res.get("ruleId")) instanceof String ruleId)) {
          continue;
        }
        if (res.get("partialFingerprints") instanceof JsonObject partial
            && string(partial.get(Fingerprints.KEY)) instanceof String fingerprint) {
          fingerprints.add(ruleId + "\u0000" + fingerprint);
          continue;
        }
        if (!(res.get("locations") instanceof JsonArray locations)) {
          continue;
        }
        for (JsonElement location : locations) {
          JsonElement physical = location instanceof JsonObject l ? l.get("physicalLocation") : null;
          if (!(physical instanceof JsonObject p) || !(p.get("artifactLocation") instanceof JsonObject artifact)
              || !(string(artifact.get("uri")) instanceof String uri)) {
            continue;
          }
          int line = 0;
          if (p.get("region") instanceof JsonObject region
              && region.get("startLine") instanceof JsonPrimitive start
              && start.isNumber()) {
            line = start.getAsInt();
          }
          keys.add(List.of(ruleId, URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8), line));
        }
      }
    }
    return new Baseline(keys, fingerprints);
  }

  private static String string(JsonElement element) {
    return element instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
  }

  /** Where Gson stopped reading, as a reader of the file says it: "malformed at line 1, column 6". */
  private static String firstLine(JsonParseException e) {
    java.util.regex.Matcher at =
        java.util.regex.Pattern.compile("at line (\\d+) column (\\d+)").matcher(String.valueOf(e.getMessage()));
    return at.find() ? "malformed at line " + at.group(1) + ", column " + at.group(2) : "malformed";
  }

  /** Whether {@code finding}, whose fingerprint is {@code fingerprint} (null: none known), is in the baseline. */
  boolean contains(MergedFinding finding, String fingerprint) {
    return (fingerprint != null && fingerprints.contains(finding.hazard().catalogName() + "\u0000" + fingerprint))
        || keys.contains(List.of(finding.hazard().catalogName(), finding.file(), finding.line()));
  }
}
