package dev.crashguard.catalog;

/**
 * How sure a hazard is to crash when it is reported. Each engine has its own scale; the mapping lives
 * here so that every engine, report and importer translates the same way.
 */
public enum Severity {
  /** Crashes, hangs or corrupts memory whenever the reported path runs concurrently or at all. */
  ERROR(1, 1, "CRITICAL", "HIGH"),
  /** Crashes under conditions the analysis cannot see (load, input, timing). */
  WARNING(3, 2, "MAJOR", "MEDIUM");

  private final int pmdPriority;
  private final int spotbugsPriority;
  private final String sonarSeverity;
  private final String sonarImpactSeverity;

  Severity(int pmdPriority, int spotbugsPriority, String sonarSeverity, String sonarImpactSeverity) {
    this.pmdPriority = pmdPriority;
    this.spotbugsPriority = spotbugsPriority;
    this.sonarSeverity = sonarSeverity;
    this.sonarImpactSeverity = sonarImpactSeverity;
  }

  /** PMD rule priority, 1 (high) to 5 (low). */
  public int pmdPriority() {
    return pmdPriority;
  }

  /** SpotBugs priority of reported instances: 1 high, 2 normal, 3 low. */
  public int spotbugsPriority() {
    return spotbugsPriority;
  }

  /** SonarQube's legacy severity (BLOCKER … INFO). */
  public String sonarSeverity() {
    return sonarSeverity;
  }

  /** SonarQube's software-quality impact severity (HIGH, MEDIUM, LOW). */
  public String sonarImpactSeverity() {
    return sonarImpactSeverity;
  }
}
