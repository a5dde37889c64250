package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import dev.crashguard.reports.MergedFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console table: findings grouped by hazard, each as {@code file:line  engines} with the message
 * under it, then a summary line with counts. Plain text, no colours, so it reads the same in a CI log.
 */
final class ConsoleReport {
  private ConsoleReport() {}

  static String render(ScanResult result) {
    StringBuilder out = new StringBuilder();
    Map<Hazard, List<MergedFinding>> byHazard = new LinkedHashMap<>();
    result.findings().forEach(f -> byHazard.computeIfAbsent(f.hazard(), h -> new ArrayList<>()).add(f));
    for (Map.Entry<Hazard, List<MergedFinding>> group : byHazard.entrySet()) {
      Hazard hazard = group.getKey();
      out.append('\n')
          .append(hazard.catalogName())
          .append(" (")
          .append(hazard.severity().name().toLowerCase(Locale.ROOT))
          .append(", ")
          .append(group.getValue().size())
          .append(group.getValue().size() == 1 ? " finding" : " findings")
          .append(") ")
          .append(hazard.docsUrl())
          .append('\n');
      int width = group.getValue().stream().mapToInt(f -> location(f).length()).max().orElse(0);
      for (MergedFinding f : group.getValue()) {
        out.append("  ")
            .append(pad(location(f), width))
            .append("  [")
            .append(f.engines().stream().map(Engine::id).collect(Collectors.joining(" ")))
            .append("]\n");
        out.append("      ").append(f.message().replace("\n", "\n      ")).append('\n');
      }
    }
    if (!result.fileProblems().isEmpty()) {
      out.append("\nNot analysed:\n");
      result.fileProblems().forEach(p -> out.append("  ").append(p).append('\n'));
    }
    out.append('\n').append(summary(result)).append('\n');
    return out.toString();
  }

  /** "3 findings (3 error) in 2 files; engines: errorprone 3, pmd 2, spotbugs skipped; 1 in baseline". */
  static String summary(ScanResult result) {
    int n = result.findings().size();
    long files = result.findings().stream().map(MergedFinding::file).distinct().count();
    StringBuilder s = new StringBuilder("crashguard: ");
    s.append(n).append(n == 1 ? " finding" : " findings");
    s.append(" (")
        .append(result.count(Severity.ERROR))
        .append(" error, ")
        .append(result.count(Severity.WARNING))
        .append(" warning) in ")
        .append(files)
        .append(files == 1 ? " file" : " files");
    List<String> engines = new ArrayList<>();
    for (ScanResult.EngineOutcome o : result.engines().values()) {
      switch (o.status()) {
        case RAN -> {
          long seen = result.findings().stream().filter(f -> f.engines().contains(o.engine())).count();
          engines.add(o.engine().id() + " " + seen);
        }
        case SKIPPED -> engines.add(o.engine().id() + " skipped");
        case FAILED -> engines.add(o.engine().id() + " failed");
      }
    }
    s.append("; seen by ").append(String.join(", ", engines));
    if (result.baselined() > 0) {
      s.append("; ").append(result.baselined()).append(" more in the baseline, not counted");
    }
    if (!result.fileProblems().isEmpty()) {
      s.append("; ").append(result.fileProblems().size()).append(" file problem(s)");
    }
    return s.toString();
  }

  private static String location(MergedFinding f) {
    return f.file() + ":" + f.line();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
