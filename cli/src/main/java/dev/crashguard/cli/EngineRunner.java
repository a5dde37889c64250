package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One engine, driven through its own scanner class, one {@link Module} at a time. Implementations know
 * nothing about hazards beyond the catalog: they run every crashguard check the engine's artifact registers
 * and keep the findings whose hazard was asked for, so a hazard added to the catalog and to the engines
 * needs no change here.
 */
interface EngineRunner {

  Engine engine();

  /** Why this engine cannot look at the module (say, no class files for SpotBugs), or empty. */
  Optional<String> cannotRun(Module module);

  /**
   * Runs the engine on one module. Findings carry paths relative to {@link Project#root()}, and only files
   * of {@code module}.
   *
   * @param log receives engine output lines, shown with {@code --verbose}
   */
  Result run(Project project, Module module, Set<Hazard> hazards, Consumer<String> log) throws EngineException;

  /**
   * What a run found.
   *
   * @param findings the crashguard findings, paths relative to the project root
   * @param fileProblems files the engine could not read or parse; the run went on without them
   */
  record Result(List<Finding> findings, List<FileProblem> fileProblems) {
    public Result {
      findings = List.copyOf(findings);
      fileProblems = List.copyOf(fileProblems);
    }
  }

  /** The engine could not run at all; the message is one line. */
  final class EngineException extends Exception {
    private static final long serialVersionUID = 1L;

    EngineException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
