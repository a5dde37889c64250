package dev.crashguard.pmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ruleset over odd but harmless Java (sealed types, records and record patterns, switch patterns with
 * guards, generics, local and anonymous classes, lambdas and constructor references in field initialisers,
 * shadowed names, types that do not resolve) must neither fail nor report: PMD records an exception in a
 * rule as a processing error, which {@link PmdRuns} turns into a failure.
 */
final class PmdRobustnessTest {

  @ParameterizedTest(name = "whole test classpath: {0}")
  @ValueSource(booleans = {true, false})
  void oddCodeIsAnalysedSilently(boolean wholeClasspath) throws IOException, URISyntaxException {
    List<Path> files = robustnessSources();
    PmdScanner.Result result =
        PmdRuns.analyse(files, wholeClasspath ? PmdRuns.testClasspath() : PmdRuns.jdkOnlyClasspath());
    assertEquals(
        List.of(),
        result.violations().stream().map(v -> v.file().getFileName() + ":" + v.line()).toList(),
        "findings on code that has no hazard");
  }

  private static List<Path> robustnessSources() throws IOException, URISyntaxException {
    Path dir = Path.of(PmdRobustnessTest.class.getResource("robustness").toURI());
    try (Stream<Path> walk = Files.list(dir)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      assertEquals(3, files.size(), "robustness sources not found in " + dir);
      return files;
    }
  }
}
