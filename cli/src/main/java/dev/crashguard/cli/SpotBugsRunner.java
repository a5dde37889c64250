package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.spotbugs.SpotBugsScanner;
import edu.umd.cs.findbugs.PluginException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SpotBugs through {@link SpotBugsScanner}, on one module's class files, with the module's class path as the
 * aux class path. A thin adapter: the scanner knows how to drive SpotBugs. A finding in a class whose source
 * is not among the module's scanned files (a generated source, an excluded file) is left out.
 */
final class SpotBugsRunner implements EngineRunner {

  @Override
  public Engine engine() {
    return Engine.SPOTBUGS;
  }

  @Override
  public Optional<String> cannotRun(Module module) {
    if (module.classDirs().isEmpty()) {
      return Optional.of(
          "SpotBugs reads class files and none were given: compile the project and pass --classes DIR");
    }
    return Optional.empty();
  }

  @Override
  public Result run(Project project, Module module, Set<Hazard> hazards, Consumer<String> log) throws EngineException {
    SpotBugsScanner.Result result;
    try {
      result =
          SpotBugsScanner.of(module.classDirs())
              .withAuxClasspath(module.classpath())
              .withSourceDirs(module.sourceRoots())
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
    Set<String> files = new HashSet<>();
    module.javaFiles().forEach(f -> files.add(project.relative(f)));
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings(packagePath -> project.fromPackagePath(module, packagePath).orElse(packagePath))) {
      if (!hazards.contains(f.hazard())) {
        continue;
      }
      if (files.contains(f.file())) {
        findings.add(f);
      } else {
        log.accept("spotbugs: " + f.file() + ":" + f.line() + " " + f.hazard().catalogName()
            + " is in a class whose source is not scanned; left out");
      }
    }
    return new Result(findings, List.of());
  }
}
