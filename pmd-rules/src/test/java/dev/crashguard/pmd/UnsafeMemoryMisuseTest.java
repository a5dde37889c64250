package dev.crashguard.pmd;

import java.util.List;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.test.PmdRuleTst;

/**
 * The rule's XML tests, in PMD's own idiom: {@code xml/UnsafeMemoryMisuse.xml} next to this class holds what is
 * PMD's own (the subject the message names, the exact message, the suppressions, the owner type matched by its
 * resolved name, the edges of what XPath settles alone); the behaviours are held by the shared corpus
 * ({@link PmdCorpusTest}).
 *
 * <p>{@link PmdRuleTst} derives the ruleset from the test's package ({@code ...lang.java.rule.<category>});
 * ours lives in {@code dev.crashguard.pmd}, so the shipped ruleset is named here instead.
 */
final class UnsafeMemoryMisuseTest extends PmdRuleTst {

  @Override
  protected List<Rule> getRules() {
    return List.of(findRule(PmdRuns.RULESET, "UnsafeMemoryMisuse"));
  }
}
