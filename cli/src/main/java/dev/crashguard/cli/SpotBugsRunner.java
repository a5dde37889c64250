package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.spotbugs.SpotBugsScanner;
import edu.umd.cs.findbugs.PluginException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SpotBugs through {@link SpotBugsScanner}, on the project's class files, with the project's dependencies as
 * the aux class path. A thin adapter: the scanner knows how to drive SpotBugs.
 */
final class SpotBugsRunner implements EngineRunner {

  @Override
  public Engine engine() {
    return Engine.SPOTBUGS;
  }

  @Override
  public Optional<String> cannotRun(Project project) {
    if (project.classDirs().isEmpty()) {
      return Optional.of(
          "SpotBugs reads class files and none were given: compile the project and pass --classes DIR");
    }
    return Optional.empty();
  }

  @Override
  public Result run(Project project, Set<Hazard> hazards, Consumer<String> log) throws EngineException {
    SpotBugsScanner.Result result;
    try {
      result =
          SpotBugsScanner.of(project.classDirs())
              .withAuxClasspath(project.classpath())
              .withSourceDirs(project.sourceRoots())
              .scan();
    } catch (PluginException e) {
      throw new EngineException(e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new EngineException("SpotBugs failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("SpotBugs was interrupted", e);
    }
    result.output().lines().forEach(line -> log.accept("spotbugs: " + line));
    result.errors().forEach(error -> log.accept("spotbugs error: " + error));
    List<Finding> findings =
        result.findings(packagePath -> project.fromPackagePath(packagePath).orElse(packagePath)).stream()
            .filter(f -> hazards.contains(f.hazard()))
            .toList();
    return new Result(findings, List.of());
  }

}
