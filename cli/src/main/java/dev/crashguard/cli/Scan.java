package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.cli.ScanResult.EngineOutcome;
import dev.crashguard.cli.ScanResult.EngineOutcome.Status;
import dev.crashguard.reports.MergedFinding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Runs the chosen engines one after the other, then merges and applies the baseline. */
final class Scan {
  private Scan() {}

  /**
   * @param progress one line per engine as it finishes (the console's progress lines)
   * @param log engine output, for {@code --verbose}
   */
  static ScanResult run(
      Project project,
      List<EngineRunner> runners,
      Set<Hazard> hazards,
      Baseline baseline,
      Consumer<String> progress,
      Consumer<String> log) {
    List<Finding> all = new ArrayList<>();
    Map<Engine, EngineOutcome> outcomes = new EnumMap<>(Engine.class);
    List<String> problems = new ArrayList<>();
    for (EngineRunner runner : runners) {
      Engine engine = runner.engine();
      Optional<String> cannot = runner.cannotRun(project);
      if (cannot.isPresent()) {
        outcomes.put(engine, new EngineOutcome(engine, Status.SKIPPED, 0, 0, cannot.get()));
        progress.accept(String.format("%-10s skipped: %s", engine.id(), cannot.get()));
        continue;
      }
      long start = System.nanoTime();
      try {
        EngineRunner.Result result = runner.run(project, hazards, line -> log.accept(engine.id() + ": " + line));
        long millis = (System.nanoTime() - start) / 1_000_000;
        all.addAll(result.findings());
        result.fileProblems().forEach(p -> problems.add(engine.id() + ": " + p));
        // Two reports of one hazard on one line (two lambdas on it) are one finding.
        int distinct = MergedFinding.merge(result.findings()).size();
        outcomes.put(engine, new EngineOutcome(engine, Status.RAN, distinct, millis, null));
        progress.accept(
            String.format(
                Locale.ROOT,
                "%-10s %3d finding%s in %.1f s%s",
                engine.id(),
                distinct,
                distinct == 1 ? " " : "s",
                millis / 1000.0,
                result.fileProblems().isEmpty() ? "" : " (" + result.fileProblems().size() + " file(s) skipped)"));
      } catch (EngineRunner.EngineException | RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        // An engine that throws (a bug in it or in our rules, an assert under -ea, a deep recursion) fails
        // alone: the other engines' findings are still reported, and the run exits 2 as incomplete.
        long millis = (System.nanoTime() - start) / 1_000_000;
        String why = e instanceof EngineRunner.EngineException ? e.getMessage() : "internal error: " + e;
        outcomes.put(engine, new EngineOutcome(engine, Status.FAILED, 0, millis, why));
        progress.accept(String.format("%-10s failed: %s", engine.id(), why));
        if (e.getCause() != null) {
          log.accept(engine.id() + ": " + e.getCause());
        }
      }
    }
    List<MergedFinding> merged = MergedFinding.merge(all);
    List<MergedFinding> counted = merged.stream().filter(f -> !baseline.contains(f)).toList();
    return new ScanResult(project, hazards, counted, merged.size() - counted.size(), outcomes, problems);
  }
}
