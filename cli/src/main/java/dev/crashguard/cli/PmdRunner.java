package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.java.JavaLanguageModule;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;
import net.sourceforge.pmd.util.log.PmdReporter;
import org.slf4j.event.Level;

/**
 * PMD through {@link PmdAnalysis}: the ruleset {@value #RULESET} from the crashguard-pmd-rules jar on the
 * CLI's class path, only its rules named like the chosen hazards, types resolved against the project's
 * classes and dependencies (PMD's auxclasspath). A file PMD cannot parse is a file problem; PMD goes on
 * with the rest by itself.
 */
final class PmdRunner implements EngineRunner {
  /** The ruleset users reference in their own PMD set-up. */
  static final String RULESET = "category/java/crashguard.xml";

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
    PMDConfiguration config = new PMDConfiguration();
    config.setReporter(new LogReporter(log));
    config.setDefaultLanguageVersion(JavaLanguageModule.getInstance().getDefaultVersion());
    config.setSourceEncoding(StandardCharsets.UTF_8);
    config.setIgnoreIncrementalAnalysis(true);
    config.setThreads(0);
    List<String> aux = new ArrayList<>();
    project.classDirs().forEach(p -> aux.add(p.toString()));
    // PMD opens every auxclasspath entry that is not a directory as a zip and fails the whole run on one
    // that is not (a .tar.gz or .pom that a dependency tree drags in); javac ignores those, and so do we.
    project.classpath().stream()
        .filter(p -> Files.isDirectory(p) || isArchive(p))
        .forEach(p -> aux.add(p.toString()));
    // Without an auxclasspath PMD resolves types with its own class loader (the CLI's): say JDK only.
    aux.add(Path.of(System.getProperty("java.home"), "lib", "jrt-fs.jar").toString());
    config.setAuxClasspath(String.join(File.pathSeparator, aux));
    project.javaFiles().forEach(config::addInputPath);

    RuleSet ruleset;
    try {
      ruleset = new RuleSetLoader().loadResourcesWith(PmdRunner.class.getClassLoader()).loadFromResource(RULESET);
    } catch (RuntimeException e) {
      throw new EngineException("cannot load the PMD ruleset " + RULESET + " (crashguard-pmd-rules jar): " + e, e);
    }
    List<String> problems = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
      for (Rule rule : ruleset.getRules()) {
        Optional<Hazard> hazard = Hazard.byName(rule.getName());
        if (hazard.isPresent() && hazards.contains(hazard.get())) {
          pmd.addRuleSet(RuleSet.forSingleRule(rule));
        }
      }
      if (pmd.getRulesets().isEmpty()) {
        return new Result(List.of(), List.of());
      }
      Report report = pmd.performAnalysisAndCollectReport();
      for (RuleViolation v : report.getViolations()) {
        Optional<Hazard> hazard = Hazard.byName(v.getRule().getName());
        if (hazard.isPresent()) {
          findings.add(
              new Finding(
                  Engine.PMD,
                  hazard.get(),
                  project.relative(Path.of(v.getFileId().getAbsolutePath())),
                  v.getBeginLine(),
                  v.getDescription()));
        }
      }
      for (Report.ProcessingError e : report.getProcessingErrors()) {
        String msg = e.getMsg() == null ? "" : e.getMsg().lines().findFirst().orElse("");
        problems.add(project.relative(Path.of(e.getFileId().getAbsolutePath())) + ": PMD cannot parse it (" + msg + ")");
      }
      for (Report.ConfigurationError e : report.getConfigurationErrors()) {
        problems.add("rule " + e.rule().getName() + ": " + e.issue());
      }
    } catch (RuntimeException e) {
      throw new EngineException("PMD failed: " + e, e);
    }
    return new Result(findings, problems);
  }

  /** Whether a class path entry is a jar or zip PMD can open (by name, then by its zip signature). */
  static boolean isArchive(Path entry) {
    String name = entry.getFileName() == null ? "" : entry.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".jar") || name.endsWith(".zip")) || !Files.isRegularFile(entry)) {
      return false;
    }
    try (java.io.InputStream in = Files.newInputStream(entry)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** PMD's messages go to the verbose log; errors are counted by PMD itself. */
  private static final class LogReporter implements PmdReporter {
    private final Consumer<String> log;
    private int errors;

    LogReporter(Consumer<String> log) {
      this.log = log;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.toInt() >= Level.INFO.toInt();
    }

    @Override
    public void logEx(Level level, String message, Object[] formatArgs, Throwable error) {
      if (!isLoggable(level)) {
        return;
      }
      if (level == Level.ERROR) {
        errors++;
      }
      String text = message == null ? "" : java.text.MessageFormat.format(message.replace("'", "''"), formatArgs);
      log.accept("pmd " + level + ": " + text + (error == null ? "" : " (" + error + ")"));
    }

    @Override
    public int numErrors() {
      return errors;
    }
  }
}
