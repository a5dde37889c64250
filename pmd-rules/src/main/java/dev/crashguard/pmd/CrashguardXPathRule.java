package dev.crashguard.pmd;

import java.util.List;
import net.sourceforge.pmd.lang.LanguageProcessor;
import net.sourceforge.pmd.lang.ast.Node;
import net.sourceforge.pmd.lang.rule.AbstractRule;
import net.sourceforge.pmd.lang.rule.RuleTargetSelector;
import net.sourceforge.pmd.lang.rule.xpath.PmdXPathException;
import net.sourceforge.pmd.lang.rule.xpath.XPathRule;
import net.sourceforge.pmd.lang.rule.xpath.XPathVersion;
import net.sourceforge.pmd.lang.rule.xpath.internal.DeprecatedAttrLogger;
import net.sourceforge.pmd.lang.rule.xpath.internal.SaxonXPathRuleQuery;
import net.sourceforge.pmd.properties.PropertyDescriptor;
import net.sourceforge.pmd.properties.PropertyFactory;
import net.sourceforge.pmd.reporting.RuleContext;

/**
 * A crashguard rule: an XPath query in the ruleset, exactly as for PMD's own {@link XPathRule}, whose
 * findings name the thing at fault. PMD's XPathRule fills a message's {@code {0}} with the reported node's
 * image, so a {@code return null} reads "'null' is or may be null…"; this rule names what {@link Subjects}
 * finds instead: the method that returns null, the variable or parameter a null goes to. The query and its
 * results are PMD's: only the message argument differs.
 *
 * <p>The query is evaluated with PMD's own XPath engine ({@code SaxonXPathRuleQuery}, which PMD's XPathRule
 * uses; internal to PMD, unchanged in 7.x). On a PMD whose engine differs, the rule falls back to a plain
 * XPathRule with the same query: the same findings, named as PMD names them.
 */
public final class CrashguardXPathRule extends AbstractRule {

  private static final PropertyDescriptor<String> XPATH =
      PropertyFactory.stringProperty("xpath").desc("XPath expression").defaultValue("").build();

  private SaxonXPathRuleQuery query;
  private XPathRule fallback;

  public CrashguardXPathRule() {
    definePropertyDescriptor(XPATH);
  }

  @Override
  public void initialize(LanguageProcessor languageProcessor) {
    String xpath = getProperty(XPATH);
    try {
      query =
          new SaxonXPathRuleQuery(
              xpath,
              XPathVersion.DEFAULT,
              getPropertiesByPropertyDescriptor(),
              languageProcessor.services().getXPathHandler(),
              DeprecatedAttrLogger.noop());
    } catch (PmdXPathException e) {
      throw e.addRuleName(getName());
    } catch (LinkageError e) {
      fallback = new XPathRule(XPathVersion.DEFAULT, xpath);
      fallback.setName(getName());
      fallback.initialize(languageProcessor);
    }
  }

  /** The query runs once per file, from its root: crashguard's queries relate nodes across the file. */
  @Override
  protected RuleTargetSelector buildTargetSelector() {
    return RuleTargetSelector.forRootOnly();
  }

  @Override
  public void apply(Node target, RuleContext ctx) {
    if (fallback != null) {
      fallback.apply(target, ctx);
      return;
    }
    if (query == null) {
      throw new IllegalStateException("Not initialized");
    }
    List<Node> found;
    try {
      found = query.evaluate(target);
    } catch (PmdXPathException e) {
      throw e.addRuleName(getName());
    }
    for (Node node : found) {
      ctx.addViolation(node, Subjects.of(node));
    }
  }

  @Override
  public String dysfunctionReason() {
    return getProperty(XPATH).isBlank() ? "Missing XPath expression" : null;
  }
}
