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
 * module's classes and dependencies (PMD's auxclasspath), Java parsed as the module's release (PMD's
 * newest when unknown, or when PMD does not know that release). A file PMD cannot parse is a file problem;
 * PMD goes on with the rest by itself.
 */
final class PmdRunner implements EngineRunner {
  private final String release;

  PmdRunner() {
    this(null);
  }

  PmdRunner(String release) {
    this.release = release;
  }

  @Override
  public Engine engine() {
    return Engine.PMD;
  }

  @Override
  public Optional<String> cannotRun(Module module) {
    return Optional.empty();
  }

  /** PMD's name for a Java release: 1.8 for 8, else the number. */
  static String pmdVersion(String release) {
    if (release == null) {
      return null;
    }
    return Integer.parseInt(release) <= 8 ? "1." + release : release;
  }

  @Override
  public Result run(Project project, Module module, Set<Hazard> hazards, Consumer<String> log) throws EngineException {
    List<Path> aux = new ArrayList<>(module.classDirs());
    aux.addAll(module.classpath());
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
    String version = pmdVersion(release != null ? release : module.release());
    PmdScanner.Result result;
    try {
      result = scanner.withJavaVersion(version).scan(module.javaFiles());
      if (version != null && result.violations().isEmpty() && result.configurationErrors().stream()
          .anyMatch(e -> e.issue().startsWith("PMD knows no Java version"))) {
        log.accept("PMD knows no Java version " + version + "; parsing as its newest");
        result = scanner.scan(module.javaFiles());
      }
    } catch (RuntimeException e) {
      throw new EngineException("PMD failed: " + e, e);
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings(project::relative)) {
      if (hazards.contains(f.hazard())) {
        findings.add(f);
      }
    }
    List<FileProblem> problems = new ArrayList<>();
    for (PmdScanner.ProcessingError e : result.processingErrors()) {
      problems.add(new FileProblem(engine(), project.relative(e.file()), "PMD cannot parse it (" + e.firstLine() + ")"));
    }
    for (PmdScanner.ConfigurationError e : result.configurationErrors()) {
      problems.add(new FileProblem(engine(), null, "rule " + e.rule() + ": " + e.issue()));
    }
    return new Result(findings, problems);
  }
}
