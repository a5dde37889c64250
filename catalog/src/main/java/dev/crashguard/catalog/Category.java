package dev.crashguard.catalog;

/** What kind of failure a hazard leads to; decides the SpotBugs category and the SonarQube attribute. */
public enum Category {
  CONCURRENCY("MT_CORRECTNESS", "LOGICAL"),
  NULL_SAFETY("CORRECTNESS", "LOGICAL"),
  RESOURCES("CORRECTNESS", "COMPLETE"),
  MEMORY("CORRECTNESS", "LOGICAL"),
  CONFIGURATION("CORRECTNESS", "LOGICAL");

  private final String spotbugsCategory;
  private final String sonarCleanCodeAttribute;

  Category(String spotbugsCategory, String sonarCleanCodeAttribute) {
    this.spotbugsCategory = spotbugsCategory;
    this.sonarCleanCodeAttribute = sonarCleanCodeAttribute;
  }

  /** The SpotBugs {@code BugCategory} the hazard's bug pattern belongs to. */
  public String spotbugsCategory() {
    return spotbugsCategory;
  }

  /** SonarQube clean-code attribute for imported issues. */
  public String sonarCleanCodeAttribute() {
    return sonarCleanCodeAttribute;
  }
}
