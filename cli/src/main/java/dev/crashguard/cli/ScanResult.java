package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import dev.crashguard.reports.MergedFinding;
import dev.crashguard.reports.SarifWriter;
import java.time.Instant;
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
 * @param fileProblems files an engine could not read or parse
 * @param fingerprints every merged row's fingerprint (baselined ones too)
 * @param started when the scan began
 */
record ScanResult(
    Project project,
    Set<Hazard> hazards,
    List<MergedFinding> findings,
    int baselined,
    Map<Engine, EngineOutcome> engines,
    List<FileProblem> fileProblems,
    Map<MergedFinding, String> fingerprints,
    Instant started) {

  /**
   * How one engine went: ran (with its count, time, and a note such as modules it skipped), skipped (why)
   * or failed (why).
   */
  record EngineOutcome(Engine engine, Status status, int findings, long millis, String reason) {
    enum Status {
      RAN,
      SKIPPED,
      FAILED
    }
  }

  /** Engines that ran to the end (SARIF's {@code properties.engines}); a failed one is a notification. */
  Set<Engine> enginesRan() {
    Set<Engine> out = EnumSet.noneOf(Engine.class);
    engines.values().stream().filter(o -> o.status() == EngineOutcome.Status.RAN).forEach(o -> out.add(o.engine()));
    return out;
  }

  /** File problems and failed engines, as SARIF's tool execution notifications. */
  List<SarifWriter.Notification> notifications() {
    List<SarifWriter.Notification> out = new java.util.ArrayList<>();
    fileProblems.forEach(p -> out.add(new SarifWriter.Notification(p.engine(), p.file(), "not analysed: " + p.why())));
    engines.values().stream()
        .filter(o -> o.status() == EngineOutcome.Status.FAILED)
        .forEach(o -> out.add(new SarifWriter.Notification(o.engine(), null, "failed: " + o.reason())));
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
