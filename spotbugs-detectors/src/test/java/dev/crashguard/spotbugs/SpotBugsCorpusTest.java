package dev.crashguard.spotbugs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.corpus.Corpus;
import dev.crashguard.corpus.CorpusCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real SpotBugs engine, with this plugin and only crashguard's detectors, over the compiled shared
 * corpus: every marker must be found (or declared a SpotBugs gap), nothing else reported, and every message
 * must be an instance of the catalog template. Analysis errors (a detector that threw or logged one) fail
 * the run.
 */
class SpotBugsCorpusTest {

  @Test
  void corpusAgreesWithSpotBugs() {
    Corpus corpus = Corpus.fromBuild();
    List<Finding> findings = CrashguardAnalysis.scan(Corpus.classesDir()).findings(path -> path);
    findings.stream().sorted(Finding.ORDER).forEach(System.out::println);
    CorpusCheck check = CorpusCheck.of(corpus, Engine.SPOTBUGS, findings);
    check.assertPassed();
    assertFalse(check.reportedHazards().isEmpty(), "SpotBugs reported nothing at all: the run is vacuous");
  }
}
