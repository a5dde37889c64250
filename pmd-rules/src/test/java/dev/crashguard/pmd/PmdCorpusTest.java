package dev.crashguard.pmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.corpus.Corpus;
import dev.crashguard.corpus.CorpusCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PMD with the shipped ruleset over the whole shared corpus: every marker found (or its gap declared),
 * nothing reported off a marker, every message an instance of the catalog template, and no error from PMD
 * (an exception in a rule surfaces as a processing error and fails the run).
 */
final class PmdCorpusTest {

  private static final Corpus CORPUS = Corpus.fromBuild();

  @Test
  void findsEveryMarkerAndNothingElse() {
    List<Finding> findings = findings(PmdRuns.analyse(CORPUS.files(), PmdRuns.testClasspath()));
    CorpusCheck check = CorpusCheck.of(CORPUS, Engine.PMD, findings);
    check.assertPassed();
    for (Hazard hazard : List.of(
        Hazard.UNSYNCHRONIZED_MAP_WRITE, Hazard.NULL_ESCAPING_OPTIONAL, Hazard.DOUBLE_CLOSE, Hazard.EXECUTOR_LEAK,
        Hazard.BAD_ANNOTATION_ATTRIBUTE, Hazard.UNSAFE_MEMORY_MISUSE)) {
      assertTrue(
          check.reportedHazards().contains(hazard.catalogName()),
          "the corpus run reported no " + hazard.catalogName() + ": the rule is not doing its work");
    }
  }

  /**
   * A user who does not configure the auxclasspath must get no false alarm: PMD then knows the JDK and the
   * names in imports only (Spring and the servlet API do not resolve), and the rule stays silent on what
   * it cannot decide. Missing markers are allowed here.
   */
  @Test
  void withJdkOnlyReportsNothingOffAMarker() {
    List<Finding> findings = findings(PmdRuns.analyse(CORPUS.files(), PmdRuns.jdkOnlyClasspath()));
    CorpusCheck check = CorpusCheck.of(CORPUS, Engine.PMD, findings);
    assertEquals(List.of(), check.unexpected(), "false alarms without the auxclasspath");
    assertEquals(List.of(), check.offTemplate(), "messages off the catalog template");
    assertEquals(List.of(), check.staleGaps(), "declared gaps reported after all");
  }

  private static List<Finding> findings(PmdScanner.Result result) {
    return result.findings(CORPUS::relativize);
  }
}
