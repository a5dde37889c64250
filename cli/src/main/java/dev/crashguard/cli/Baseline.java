package dev.crashguard.cli;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A saved SARIF report (any earlier {@code crashguard scan --format sarif}, or another SARIF 2.1.0 file
 * using catalog names as rule ids): a finding whose hazard, file and line appear in it is not counted.
 * Keys are (ruleId, artifact URI, start line); the engine does not matter, so a baseline taken with one
 * engine also covers the same finding from another.
 */
final class Baseline {
  private final Set<List<Object>> keys;

  private Baseline(Set<List<Object>> keys) {
    this.keys = keys;
  }

  static Baseline none() {
    return new Baseline(Set.of());
  }

  static Baseline read(Path file) throws UsageException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot read the baseline (" + ProjectResolver.why(e) + ")");
    }
    Object json;
    try {
      json = MiniJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(file + ": the baseline is not JSON (" + e.getMessage() + ")");
    }
    if (!(json instanceof Map<?, ?> root) || !(root.get("runs") instanceof List<?> runs)) {
      throw new UsageException(file + ": the baseline is not a SARIF report (no \"runs\" array)");
    }
    Set<List<Object>> keys = new HashSet<>();
    for (Object run : runs) {
      if (!(run instanceof Map<?, ?> r) || !(r.get("results") instanceof List<?> results)) {
        continue;
      }
      for (Object result : results) {
        if (!(result instanceof Map<?, ?> res) || !(res.get("ruleId") instanceof String ruleId)) {
          continue;
        }
        if (!(res.get("locations") instanceof List<?> locations)) {
          continue;
        }
        for (Object location : locations) {
          Object physical = location instanceof Map<?, ?> l ? l.get("physicalLocation") : null;
          if (!(physical instanceof Map<?, ?> p) || !(p.get("artifactLocation") instanceof Map<?, ?> artifact)) {
            continue;
          }
          if (!(artifact.get("uri") instanceof String uri)) {
            continue;
          }
          int line = 0;
          if (p.get("region") instanceof Map<?, ?> region && region.get("startLine") instanceof Double start) {
            line = start.intValue();
          }
          keys.add(List.of(ruleId, URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8), line));
        }
      }
    }
    return new Baseline(keys);
  }

  boolean contains(MergedFinding finding) {
    return keys.contains(List.of(finding.hazard().catalogName(), finding.file(), finding.line()));
  }
}
