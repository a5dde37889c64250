package dev.crashguard.pmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Locale;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.test.PmdRuleTst;
import org.junit.jupiter.api.Test;

/**
 * The rule's XML tests, in PMD's own idiom: {@code xml/BadAnnotationAttribute.xml} next to this class holds
 * what is PMD's own (the subject the message names, the suppressions, the exact message) and the edges of
 * what the XPath decides by itself (cron fields, path braces, duration forms, constants, concatenations);
 * the behaviours are held by the shared corpus ({@link PmdCorpusTest}).
 *
 * <p>{@link PmdRuleTst} derives the ruleset from the test's package ({@code ...lang.java.rule.<category>});
 * ours lives in {@code dev.crashguard.pmd}, so the shipped ruleset is named here instead.
 */
final class BadAnnotationAttributeTest extends PmdRuleTst {

  @Override
  protected List<Rule> getRules() {
    return List.of(findRule(PmdRuns.RULESET, "BadAnnotationAttribute"));
  }

  /** The letters the rule takes for SimpleDateFormat's are the ones the running JDK accepts, exactly. */
  @Test
  void simpleDateFormatLettersAreTheJdks() {
    StringBuilder accepted = new StringBuilder();
    for (char c = 'A'; c <= 'z'; c++) {
      if (Character.isLetter(c)) {
        try {
          new SimpleDateFormat(String.valueOf(c), Locale.ROOT);
          accepted.append(c);
        } catch (IllegalArgumentException e) {
          // not a pattern letter
        }
      }
    }
    assertEquals(
        sorted(BadAnnotationAttributeKnowledge.SIMPLE_DATE_FORMAT_LETTERS), sorted(accepted.toString()));
  }

  private static String sorted(String s) {
    return s.chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
