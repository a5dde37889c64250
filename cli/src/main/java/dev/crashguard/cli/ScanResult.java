package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import dev.crashguard.reports.MergedFinding;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scan produced, for every report format.
 *
 * @param findings the merged rows that count (baseline matches removed), sorted by hazard, file, line
 * @param baselined how many merged rows the baseline removed
 * @param engines each chosen engine's outcome, in catalog order
 * @param fileProblems files an engine could not read or parse ("engine: path: why")
 */
record ScanResult(
    Project project,
    Set<Hazard> hazards,
    List<MergedFinding> findings,
    int baselined,
    Map<Engine, EngineOutcome> engines,
    List<String> fileProblems) {

  /** How one engine went: ran (with its count and time), skipped (why) or failed (why). */
  record EngineOutcome(Engine engine, Status status, int findings, long millis, String reason) {
    enum Status {
      RAN,
      SKIPPED,
      FAILED
    }
  }

  /** Engines that ran; SARIF gets a run for each, empty or not. */
  Set<Engine> enginesRan() {
    Set<Engine> out = EnumSet.noneOf(Engine.class);
    engines.values().stream().filter(o -> o.status() == EngineOutcome.Status.RAN).forEach(o -> out.add(o.engine()));
    return out;
  }


  long count(Severity severity) {
    return findings.stream().filter(f -> f.hazard().severity() == severity).count();
  }

  boolean incomplete() {
    return !fileProblems.isEmpty()
        || engines.values().stream().anyMatch(o -> o.status() == EngineOutcome.Status.FAILED);
  }
}
