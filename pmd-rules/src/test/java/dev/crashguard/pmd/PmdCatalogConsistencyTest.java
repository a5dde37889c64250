package dev.crashguard.pmd;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Severity;
import dev.crashguard.corpus.CatalogAgreement;
import dev.crashguard.corpus.RuleMetadata;
import java.util.Arrays;
import java.util.List;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import org.junit.jupiter.api.Test;

/**
 * The ruleset, loaded the way PMD loads it, agrees with the catalog: every rule is a catalog hazard, every
 * implemented hazard has a rule, and name, priority, message, link and summary match.
 */
final class PmdCatalogConsistencyTest {

  @Test
  void rulesetAgreesWithCatalog() {
    RuleSet ruleSet = new RuleSetLoader().warnDeprecated(false).loadFromResource(PmdRuns.RULESET);
    assertFalse(ruleSet.getRules().isEmpty(), PmdRuns.RULESET + " has no rules");
    List<RuleMetadata> metadata = ruleSet.getRules().stream().map(PmdCatalogConsistencyTest::metadataOf).toList();
    CatalogAgreement.assertAgrees(Engine.PMD, metadata);
  }

  private static RuleMetadata metadataOf(Rule rule) {
    return RuleMetadata.of(rule.getName())
        .withSummary(summaryOf(rule))
        .withSeverity(severityOf(rule))
        // PMD formats messages with MessageFormat: '' is one quote in what users read.
        .withMessage(rule.getMessage().replace("''", "'"))
        .withDocsUrl(rule.getExternalInfoUrl());
  }

  /** The description starts with the summary, alone on its first line. */
  private static String summaryOf(Rule rule) {
    return rule.getDescription().strip().lines().findFirst().orElse("").strip();
  }

  /** The priority mapped back through the catalog's PMD scale; a priority no severity uses fails. */
  private static Severity severityOf(Rule rule) {
    int priority = rule.getPriority().getPriority();
    return Arrays.stream(Severity.values())
        .filter(s -> s.pmdPriority() == priority)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(rule.getName() + " has priority " + priority + ", which no catalog Severity maps to"));
  }
}
