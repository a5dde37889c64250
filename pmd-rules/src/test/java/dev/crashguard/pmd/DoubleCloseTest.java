package dev.crashguard.pmd;

import java.util.List;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.test.PmdRuleTst;

/**
 * The rule's XML tests, in PMD's own idiom: {@code xml/DoubleClose.xml} next to this class holds
 * positive and negative cases for every shape, the suppressions, and the exact message.
 *
 * <p>{@link PmdRuleTst} derives the ruleset from the test's package ({@code ...lang.java.rule.<category>});
 * ours lives in {@code dev.crashguard.pmd}, so the shipped ruleset is named here instead.
 */
final class DoubleCloseTest extends PmdRuleTst {

  @Override
  protected List<Rule> getRules() {
    return List.of(findRule(PmdRuns.RULESET, "DoubleClose"));
  }
}
