package dev.crashguard.corpus;

import dev.crashguard.catalog.Severity;

/**
 * What one engine declares about one of its rules, read from that engine's own metadata (an Error Prone
 * {@code @BugPattern}, a PMD ruleset entry, SpotBugs' {@code findbugs.xml}/{@code messages.xml}). A
 * {@code null} field is one the engine has no place for; every other field must agree with the catalog.
 *
 * @param name the name the engine registers (catalog name; for SpotBugs, the catalog name of the bug type)
 * @param summary one-line description
 * @param severity the engine's severity translated back to the catalog scale
 * @param message the finding message as a user reads it, engine placeholders left in (they stand in the
 *     template's slots)
 * @param docsUrl link to the hazard's docs page
 * @param bugType SpotBugs bug type
 * @param category SpotBugs category
 * @param cwe CWE id
 */
public record RuleMetadata(
    String name,
    String summary,
    Severity severity,
    String message,
    String docsUrl,
    String bugType,
    String category,
    Integer cwe) {

  public static RuleMetadata of(String name) {
    return new RuleMetadata(name, null, null, null, null, null, null, null);
  }

  public RuleMetadata withSummary(String value) {
    return new RuleMetadata(name, value, severity, message, docsUrl, bugType, category, cwe);
  }

  public RuleMetadata withSeverity(Severity value) {
    return new RuleMetadata(name, summary, value, message, docsUrl, bugType, category, cwe);
  }

  public RuleMetadata withMessage(String value) {
    return new RuleMetadata(name, summary, severity, value, docsUrl, bugType, category, cwe);
  }

  public RuleMetadata withDocsUrl(String value) {
    return new RuleMetadata(name, summary, severity, message, value, bugType, category, cwe);
  }

  public RuleMetadata withBugType(String value) {
    return new RuleMetadata(name, summary, severity, message, docsUrl, value, category, cwe);
  }

  public RuleMetadata withCategory(String value) {
    return new RuleMetadata(name, summary, severity, message, docsUrl, bugType, value, cwe);
  }

  public RuleMetadata withCwe(Integer value) {
    return new RuleMetadata(name, summary, severity, message, docsUrl, bugType, category, value);
  }
}
