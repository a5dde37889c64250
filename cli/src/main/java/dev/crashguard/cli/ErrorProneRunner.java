package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.errorprone.ErrorProneScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 * CLI's own class path, no class files written, one module at a time with that module's class path,
 * release ({@code --release}, so a library built for 11 is read as Java 11 and nothing is skipped; 8 and
 * older with {@code -source}/{@code -target}, so that Java 8 code sees the JDK internals it could read), source
 * encoding, {@code -A} options and annotation processors (Lombok, MapStruct, AutoValue...: the code they
 * generate is attributed like the rest).
 *
 * <p>Error Prone reports nothing in a compilation unit javac could not attribute, so a file that does not
 * compile is reported as a file problem and javac runs again without it (a few rounds at most: a file can
 * fail only because another one was dropped). {@code module-info.java} is left out: the module path is the
 * build's business, and the descriptor holds no code.
 */
final class ErrorProneRunner implements EngineRunner {
  private static final int MAX_ROUNDS = 4;

  /** --release from the command line: overrides every module's own. */
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
  public Optional<String> cannotRun(Module module) {
    int running = Runtime.version().feature();
    if (running < 21) {
      return Optional.of("Error Prone needs a JDK 21 or newer; this is Java " + running);
    }
    String wanted = release(module);
    if (wanted != null && Integer.parseInt(wanted) > running) {
      return Optional.of("module " + module.name() + " is written for Java " + wanted + " and crashguard runs on Java "
          + running + "; run it on a JDK " + wanted + "+ ($CRASHGUARD_JAVA_HOME)");
    }
    return Optional.empty();
  }

  private String release(Module module) {
    return release != null ? release : module.release();
  }

  @Override
  public Result run(Project project, Module module, Set<Hazard> hazards, Consumer<String> log) throws EngineException {
    List<Path> classpath = new ArrayList<>(module.classDirs());
    classpath.addAll(module.classpath());
    ErrorProneScanner plain;
    try {
      plain =
          ErrorProneScanner.of(classpath, SelfClasspath.entries())
              .withRelease(release(module))
              .withEncoding(module.encoding())
              .withCompilerOptions(module.compilerOptions())
              .onlyChecks(hazards.stream().map(Hazard::catalogName).collect(Collectors.toSet()));
    } catch (RuntimeException | LinkageError e) {
      throw new EngineException("cannot load the Error Prone checks: " + e, e);
    }
    if (plain.checks().isEmpty()) {
      return new Result(List.of(), List.of());
    }
    ErrorProneScanner scanner = plain.withAnnotationProcessors(module.processorPath(), module.processors());
    String processorFailure = null;
    List<Path> sources = new ArrayList<>(module.javaFiles().stream().filter(f -> !f.endsWith("module-info.java")).toList());
    Set<Path> scanned = new HashSet<>(sources);
    Map<Path, String> dropped = new LinkedHashMap<>();
    ErrorProneScanner.Result result = null;
    int round = 0;
    while (!sources.isEmpty()) {
      try {
        result = scanner.scan(sources);
      } catch (IllegalAccessError e) {
        throw new EngineException(
            "javac internals are closed to Error Prone: start the JVM with the --add-exports/--add-opens flags"
                + " for jdk.compiler (./crashguard and java -jar do)",
            e);
      } catch (RuntimeException | LinkageError e) {
        if (scanner != plain) {
          // javac hands a processor's exception out of call(): the project's processor cannot run on this
          // javac (Lombok older than the JDK, say). Go on without processors; what needs them is named below.
          processorFailure = "its annotation processors fail on javac " + Runtime.version().feature() + " ("
              + rootCause(e) + "); run crashguard on a JDK they support ($CRASHGUARD_JAVA_HOME)";
          log.accept("module " + module.name() + ": " + processorFailure);
          scanner = plain;
          continue;
        }
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
        dropped.put(file, firstError(result, file) + (processorFailure == null ? "" : "; " + processorFailure));
      }
      sources.removeAll(bad);
    }
    List<FileProblem> problems = new ArrayList<>();
    dropped.forEach((file, why) -> problems.add(new FileProblem(engine(), project.relative(file), why)));
    List<Finding> findings = new ArrayList<>();
    if (result != null) {
      for (ErrorProneScanner.Report report : result.reports()) {
        if (report.raw().contains(ErrorProneScanner.CRASH)) {
          problems.add(new FileProblem(engine(), report.file() == null ? null : project.relative(report.file()), "Error Prone crashed"));
        }
      }
      for (Finding f : result.findings(project::relative)) {
        // Sources a processor generated lie in javac's temporary output: not the project's to fix.
        if (hazards.contains(f.hazard()) && scanned.contains(project.root().resolve(f.file()).normalize())) {
          findings.add(f);
        }
      }
    }
    return new Result(findings, problems);
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String s = t.toString();
    return s.lines().findFirst().orElse(s);
  }

  private static String firstError(ErrorProneScanner.Result result, Path file) {
    return result.reports().stream()
        .filter(r -> file.equals(r.file()) && r.kind() == Diagnostic.Kind.ERROR && !r.isCrashguard())
        .findFirst()
        .map(r -> "does not compile (line " + r.line() + ": " + r.raw().lines().findFirst().orElse("") + ")")
        .orElse("does not compile");
  }
}
