package dev.crashguard.pmd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.java.JavaLanguageModule;
import net.sourceforge.pmd.reporting.Report;

/**
 * Runs the shipped ruleset through PMD's own API, the way a build plugin does, and turns every kind of
 * trouble PMD only logs or records (a rule that throws, a file it cannot parse, a ruleset it cannot load)
 * into a test failure.
 */
final class PmdRuns {

  /** The ruleset users reference; loaded from the classpath, as PMD does for {@code category/...} paths. */
  static final String RULESET = "category/java/crashguard.xml";

  /** The corpus targets Java 21 (Thread.ofVirtual()); so do the rule tests. */
  static final String JAVA_VERSION = "21";

  private PmdRuns() {}

  /** The test JVM's classpath: the corpus' dependencies (Spring, servlet API, the annotations). */
  static String testClasspath() {
    return System.getProperty("java.class.path");
  }

  /**
   * An auxclasspath with the JDK only, as for a user who did not configure one. (Leaving it unset is not
   * the same here: PMD then falls back to its own class loader, which in a test holds the whole test
   * classpath, Spring included.)
   */
  static String jdkOnlyClasspath() {
    return Path.of(System.getProperty("java.home"), "lib", "jrt-fs.jar").toString();
  }

  /** Analyses {@code files} with the shipped ruleset, resolving types against {@code auxclasspath}. */
  static Report analyse(Collection<Path> files, String auxclasspath) {
    PMDConfiguration config = new PMDConfiguration();
    config.setDefaultLanguageVersion(JavaLanguageModule.getInstance().getVersion(JAVA_VERSION));
    config.addRuleSet(RULESET);
    config.setIgnoreIncrementalAnalysis(true);
    config.setThreads(0);
    config.setAuxClasspath(auxclasspath);
    files.forEach(config::addInputPath);
    try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
      if (pmd.getRulesets().stream().noneMatch(rs -> rs.getRuleByName("UnsynchronizedMapWrite") != null)) {
        throw new AssertionError("PMD did not load " + RULESET + " from the classpath");
      }
      Report report = pmd.performAnalysisAndCollectReport();
      List<String> problems = new ArrayList<>();
      report.getProcessingErrors()
          .forEach(e -> problems.add("processing error in " + e.getFileId() + ": " + e.getDetail()));
      report.getConfigurationErrors()
          .forEach(e -> problems.add("configuration error in " + e.rule().getName() + ": " + e.issue()));
      if (pmd.getReporter().numErrors() > 0) {
        problems.add(pmd.getReporter().numErrors() + " error(s) logged by PMD (see the test output)");
      }
      if (!problems.isEmpty()) {
        throw new AssertionError("PMD reported errors:\n  " + String.join("\n  ", problems));
      }
      return report;
    }
  }
}
