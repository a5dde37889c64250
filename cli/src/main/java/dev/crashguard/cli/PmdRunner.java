package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.pmd.PmdScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * PMD through {@link PmdScanner}: the ruleset {@value PmdScanner#RULESET} from the crashguard-pmd-rules jar
 * on the CLI's class path, only its rules named like the chosen hazards, types resolved against the
 * project's classes and dependencies (PMD's auxclasspath), Java parsed as PMD's newest version. A file PMD
 * cannot parse is a file problem; PMD goes on with the rest by itself.
 */
final class PmdRunner implements EngineRunner {

  @Override
  public Engine engine() {
    return Engine.PMD;
  }

  @Override
  public Optional<String> cannotRun(Project project) {
    return Optional.empty();
  }

  @Override
  public Result run(Project project, Set<Hazard> hazards, Consumer<String> log) throws EngineException {
    List<Path> aux = new ArrayList<>(project.classDirs());
    aux.addAll(project.classpath());
    PmdScanner scanner;
    try {
      scanner =
          PmdScanner.of(aux)
              .onlyRules(hazards.stream().map(Hazard::catalogName).collect(Collectors.toSet()))
              .withLog(log);
    } catch (RuntimeException | LinkageError e) {
      throw new EngineException(
          "cannot load the PMD ruleset " + PmdScanner.RULESET + " (crashguard-pmd-rules jar): " + e, e);
    }
    if (scanner.rules().isEmpty()) {
      return new Result(List.of(), List.of());
    }
    PmdScanner.Result result;
    try {
      result = scanner.scan(project.javaFiles());
    } catch (RuntimeException e) {
      throw new EngineException("PMD failed: " + e, e);
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings(project::relative)) {
      if (hazards.contains(f.hazard())) {
        findings.add(f);
      }
    }
    List<String> problems = new ArrayList<>();
    for (PmdScanner.ProcessingError e : result.processingErrors()) {
      problems.add(project.relative(e.file()) + ": PMD cannot parse it (" + e.firstLine() + ")");
    }
    for (PmdScanner.ConfigurationError e : result.configurationErrors()) {
      problems.add("rule " + e.rule() + ": " + e.issue());
    }
    return new Result(findings, problems);
  }
}
