package dev.crashguard.errorprone;

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
 * Error Prone over the whole shared corpus, exactly as a user's build runs it: every marker must be
 * reported (or declared a gap), nothing else, each message an instance of the catalog template.
 */
final class ErrorProneCorpusTest {

  @Test
  void agreesWithTheCorpus() {
    Corpus corpus = Corpus.fromBuild();
    ErrorProneScanner.Result run = ErrorProneRun.compile(corpus.files());

    assertEquals(List.of(), run.problems(), "the corpus must compile, and no check may crash");
    assertEquals(
        run.crashguardReports().size(),
        run.findings(corpus::relativize).size(),
        "every check the scanner reports must be a catalog hazard");

    List<Finding> findings = run.findings(corpus::relativize);
    findings.forEach(System.out::println);
    CorpusCheck check = CorpusCheck.of(corpus, Engine.ERROR_PRONE, findings);
    check.assertPassed();
    assertTrue(
        check.reportedHazards().contains(Hazard.UNSYNCHRONIZED_MAP_WRITE.catalogName()),
        "the run reported nothing: the checks did not load");
  }
}
