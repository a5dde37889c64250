package dev.crashguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Severity;
import dev.crashguard.corpus.CatalogAgreement;
import dev.crashguard.corpus.RuleMetadata;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every check this module registers (found as javac finds them: through
 * {@code META-INF/services/com.google.errorprone.bugpatterns.BugChecker}, which also proves AutoService
 * wrote it) agrees with the catalog: name, summary, severity, docs link, and the message a real finding
 * produces on the check's sample ({@code src/test/resources/samples/<Name>.java}).
 */
final class ErrorProneCatalogConsistencyTest {

  @Test
  void registeredChecksAgreeWithTheCatalog() {
    List<Class<? extends BugChecker>> checks = ErrorProneScanner.registeredChecks();
    assertFalse(checks.isEmpty(), "no crashguard check in META-INF/services: did AutoService run?");
    List<RuleMetadata> metadata = new ArrayList<>();
    for (Class<? extends BugChecker> check : checks) {
      BugPattern pattern = check.getAnnotation(BugPattern.class);
      String name = ErrorProneScanner.checkName(check);
      assertEquals(LinkType.CUSTOM, pattern.linkType(), name + ": the link must be the catalog's docs page");
      metadata.add(
          RuleMetadata.of(name)
              .withSummary(pattern.summary())
              .withSeverity(severity(pattern.severity()))
              .withDocsUrl(pattern.link())
              .withMessage(sampleMessage(name)));
    }
    CatalogAgreement.assertAgrees(Engine.ERROR_PRONE, metadata);
  }

  @Test
  void severitiesTranslate() {
    assertEquals(Severity.ERROR, severity(BugPattern.SeverityLevel.ERROR));
    assertEquals(Severity.WARNING, severity(BugPattern.SeverityLevel.WARNING));
  }

  /** Error Prone's scale onto the catalog's; SUGGESTION has no catalog level (no crash hazard is one). */
  static Severity severity(BugPattern.SeverityLevel level) {
    return switch (level) {
      case ERROR -> Severity.ERROR;
      case WARNING -> Severity.WARNING;
      case SUGGESTION -> throw new AssertionError("SUGGESTION is not a crashguard severity");
    };
  }

  private static String sampleMessage(String name) {
    URL sample = ErrorProneCatalogConsistencyTest.class.getResource("/samples/" + name + ".java");
    if (sample == null) {
      throw new AssertionError(name + " has no sample in src/test/resources/samples/" + name + ".java");
    }
    ErrorProneScanner.Result run;
    try {
      run = ErrorProneRun.compile(List.of(Path.of(sample.toURI())));
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
    assertEquals(List.of(), run.problems(), name + "'s sample must compile cleanly");
    return run.crashguardReports().stream()
        .filter(r -> r.check().equals(name))
        .map(ErrorProneScanner.Report::message)
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " reports nothing on its own sample"));
  }
}
