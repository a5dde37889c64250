package dev.crashguard.catalog;

/**
 * The suppression every crashguard engine honours besides its own ({@code @SuppressWarnings} for Error
 * Prone and PMD, {@code // NOPMD}, {@code @SuppressFBWarnings}): {@code @SuppressHazard("Name")} on a
 * class, method, constructor or field, naming catalog hazards. The annotation lives in the
 * crashguard-annotations artifact, a dependency of users' code, never of an engine: engines recognise it by
 * name, which is written here once.
 */
public final class Suppression {

  /** The binary name of {@code @SuppressHazard}. */
  public static final String ANNOTATION = "dev.crashguard.annotations.SuppressHazard";

  /** Its element naming the hazards (a string or an array of them). */
  public static final String VALUE = "value";

  private Suppression() {}
}
