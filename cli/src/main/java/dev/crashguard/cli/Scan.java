package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.cli.ScanResult.EngineOutcome;
import dev.crashguard.cli.ScanResult.EngineOutcome.Status;
import dev.crashguard.reports.Fingerprints;
import dev.crashguard.reports.MergedFinding;
import dev.crashguard.reports.ProjectPaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs the chosen engines one after the other, each over every module in build order, then merges, takes
 * each finding's fingerprint and applies the baseline.
 */
final class Scan {
  private Scan() {}

  /**
   * @param progress one line per engine as it finishes (the console's progress lines)
   * @param status what is running now (a terminal's status line), replaced by the next
   * @param excluded files (project-relative) whose findings are dropped, whichever engine reports them
   * @param log engine output, for {@code --verbose}
   */
  static ScanResult run(
      Project project,
      List<EngineRunner> runners,
      Set<Hazard> hazards,
      Baseline baseline,
      Predicate<String> excluded,
      Consumer<String> progress,
      Consumer<String> status,
      Consumer<String> log) {
    Instant started = Instant.now();
    List<Finding> all = new ArrayList<>();
    Map<Engine, EngineOutcome> outcomes = new EnumMap<>(Engine.class);
    List<FileProblem> problems = new ArrayList<>();
    List<Module> modules = project.modules();
    for (EngineRunner runner : runners) {
      Engine engine = runner.engine();
      long start = System.nanoTime();
      List<Finding> found = new ArrayList<>();
      Map<String, String> skipped = new LinkedHashMap<>();
      String failed = null;
      int skippedFiles = 0;
      for (int i = 0; i < modules.size(); i++) {
        Module module = modules.get(i);
        Optional<String> cannot = runner.cannotRun(module);
        if (cannot.isPresent()) {
          skipped.put(module.name(), cannot.get());
          continue;
        }
        status.accept(engine.id() + ": " + (modules.size() == 1 ? "" : "module " + (i + 1) + "/" + modules.size() + " "
            + module.name() + ", ") + module.javaFiles().size() + " Java files");
        try {
          EngineRunner.Result result =
              runner.run(project, module, hazards, line -> log.accept(engine.id() + ": " + line));
          result.findings().stream().filter(f -> !excluded.test(f.file())).forEach(found::add);
          problems.addAll(result.fileProblems());
          skippedFiles += result.fileProblems().size();
        } catch (EngineRunner.EngineException | RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
          // An engine that throws (a bug in it or in our rules, an assert under -ea, a deep recursion) fails
          // alone: the other engines' findings are still reported, and the run exits 2 as incomplete.
          String why = e instanceof EngineRunner.EngineException ? e.getMessage() : "internal error: " + e;
          if (failed == null) {
            failed = (modules.size() == 1 ? "" : "module " + module.name() + ": ") + why;
          }
          if (e.getCause() != null) {
            log.accept(engine.id() + ": " + e.getCause());
          }
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      all.addAll(found);
      // Two reports of one hazard on one line (two lambdas on it) are one finding.
      int distinct = MergedFinding.merge(found).size();
      if (failed != null) {
        outcomes.put(engine, new EngineOutcome(engine, Status.FAILED, distinct, millis, failed));
        progress.accept(String.format("%-10s failed: %s", engine.id(), failed));
      } else if (skipped.size() == modules.size()) {
        String why = skipped.values().iterator().next();
        outcomes.put(engine, new EngineOutcome(engine, Status.SKIPPED, 0, 0, why));
        progress.accept(String.format("%-10s skipped: %s", engine.id(), why));
      } else {
        String note = skipped.isEmpty() ? null : "skipped " + String.join(", ", skipped.keySet()) + ": " + skipped.values().iterator().next();
        outcomes.put(engine, new EngineOutcome(engine, Status.RAN, distinct, millis, note));
        List<String> extra = new ArrayList<>();
        if (modules.size() > 1) {
          extra.add((modules.size() - skipped.size()) + " modules");
        }
        if (skippedFiles > 0) {
          extra.add(skippedFiles + " file(s) skipped");
        }
        if (note != null) {
          extra.add(note);
        }
        progress.accept(
            String.format(
                Locale.ROOT,
                "%-10s %3d finding%s in %.1f s%s",
                engine.id(),
                distinct,
                distinct == 1 ? " " : "s",
                millis / 1000.0,
                extra.isEmpty() ? "" : " (" + String.join("; ", extra) + ")"));
      }
    }
    List<MergedFinding> merged = MergedFinding.merge(all);
    Map<MergedFinding, String> fingerprints =
        Fingerprints.of(merged, Fingerprints.under(project.root(), new ProjectPaths("")));
    List<MergedFinding> counted =
        merged.stream().filter(f -> !baseline.contains(f, fingerprints.get(f))).toList();
    return new ScanResult(
        project, hazards, counted, merged.size() - counted.size(), outcomes, problems, fingerprints, started);
  }
}
