package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.errorprone.ErrorProneScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;

/**
 * Error Prone through {@link ErrorProneScanner}: javac on the running JDK with the plugin loaded from the
 * CLI's own class path, no class files written.
 *
 * <p>Error Prone reports nothing in a compilation unit javac could not attribute, so a file that does not
 * compile is reported as a file problem and javac runs again without it (a few rounds at most: a file can
 * fail only because another one was dropped).
 */
final class ErrorProneRunner implements EngineRunner {
  private static final int MAX_ROUNDS = 4;

  private final String release;

  ErrorProneRunner() {
    this(null);
  }

  ErrorProneRunner(String release) {
    this.release = release;
  }

  @Override
  public Engine engine() {
    return Engine.ERROR_PRONE;
  }

  @Override
  public Optional<String> cannotRun(Project project) {
    if (Runtime.version().feature() < 21) {
      return Optional.of("Error Prone needs a JDK 21 or newer; this is Java " + Runtime.version().feature());
    }
    return Optional.empty();
  }

  @Override
  public Result run(Project project, Set<Hazard> hazards, Consumer<String> log) throws EngineException {
    List<Path> classpath = new ArrayList<>(project.classDirs());
    classpath.addAll(project.classpath());
    ErrorProneScanner scanner;
    try {
      scanner =
          ErrorProneScanner.of(classpath, SelfClasspath.entries())
              .withRelease(release)
              .onlyChecks(hazards.stream().map(Hazard::catalogName).collect(Collectors.toSet()));
    } catch (RuntimeException | LinkageError e) {
      throw new EngineException("cannot load the Error Prone checks: " + e, e);
    }
    if (scanner.checks().isEmpty()) {
      return new Result(List.of(), List.of());
    }
    List<Path> sources = new ArrayList<>(project.javaFiles());
    Map<Path, String> dropped = new LinkedHashMap<>();
    ErrorProneScanner.Result result;
    int round = 0;
    while (true) {
      try {
        result = scanner.scan(sources);
      } catch (IllegalAccessError e) {
        throw new EngineException(
            "javac internals are closed to Error Prone: start the JVM with the --add-exports/--add-opens flags"
                + " for jdk.compiler (./crashguard and java -jar do)",
            e);
      } catch (RuntimeException | LinkageError e) {
        throw new EngineException("javac with Error Prone failed: " + e, e);
      }
      result.reports().stream()
          .filter(r -> !r.isCrashguard() && r.kind() != Diagnostic.Kind.NOTE)
          .forEach(r -> log.accept(r.toString()));
      if (!result.output().isBlank()) {
        log.accept(result.output().strip());
      }
      Set<Path> bad = result.filesWithErrors();
      bad.retainAll(sources);
      if (bad.isEmpty() || ++round >= MAX_ROUNDS) {
        break;
      }
      for (Path file : bad) {
        dropped.put(file, firstError(result, file));
      }
      sources.removeAll(bad);
      if (sources.isEmpty()) {
        break;
      }
    }
    List<String> problems = new ArrayList<>();
    dropped.forEach((file, why) -> problems.add(project.relative(file) + ": " + why));
    for (ErrorProneScanner.Report report : result.reports()) {
      if (report.raw().contains(ErrorProneScanner.CRASH)) {
        problems.add((report.file() == null ? "?" : project.relative(report.file())) + ": Error Prone crashed");
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings(project::relative)) {
      if (hazards.contains(f.hazard())) {
        findings.add(f);
      }
    }
    return new Result(findings, problems);
  }

  private static String firstError(ErrorProneScanner.Result result, Path file) {
    return result.reports().stream()
        .filter(r -> file.equals(r.file()) && r.kind() == Diagnostic.Kind.ERROR && !r.isCrashguard())
        .findFirst()
        .map(r -> "does not compile (line " + r.line() + ": " + r.raw().lines().findFirst().orElse("") + ")")
        .orElse("does not compile");
  }
}
