package dev.crashguard.pmd;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The rule tests' use of {@link PmdScanner}: the shipped ruleset over Java 21 sources, and every kind of
 * trouble PMD only logs or records (a rule that throws, a file it cannot parse, a rule it cannot configure,
 * a violation of a rule the catalog does not know) turned into a test failure.
 */
final class PmdRuns {

  /** The ruleset users reference; loaded from the classpath, as PMD does for {@code category/...} paths. */
  static final String RULESET = PmdScanner.RULESET;

  /** The corpus targets Java 21 (Thread.ofVirtual()); so do the rule tests. */
  static final String JAVA_VERSION = "21";

  private PmdRuns() {}

  /** The test JVM's classpath: the corpus' dependencies (Spring, servlet API, the annotations). */
  static List<Path> testClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .toList();
  }

  /**
   * An auxclasspath with the JDK only, as for a user who did not configure one: {@link PmdScanner} always
   * adds the running JDK, so nothing else.
   */
  static List<Path> jdkOnlyClasspath() {
    return List.of();
  }

  /** Analyses {@code files} with the shipped ruleset, resolving types against {@code auxclasspath}. */
  static PmdScanner.Result analyse(Collection<Path> files, List<Path> auxclasspath) {
    PmdScanner scanner = PmdScanner.of(auxclasspath).withJavaVersion(JAVA_VERSION).withLog(System.err::println);
    if (!scanner.rules().contains("UnsynchronizedMapWrite")) {
      throw new AssertionError("PMD did not load " + RULESET + " from the classpath");
    }
    PmdScanner.Result result = scanner.scan(List.copyOf(files));
    List<String> problems = result.problems();
    if (!problems.isEmpty()) {
      throw new AssertionError("PMD reported errors:\n  " + String.join("\n  ", problems));
    }
    return result;
  }
}
