package dev.crashguard.testdata.nullescapingoptional;

import dev.crashguard.annotations.SuppressHazard;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Each engine's own suppression silences only that engine; {@code @SuppressHazard} silences all three.
 * The engine-only cases below are still reported by the other two engines, which the markers say. A
 * suppression reaches the lambdas in the annotated method, and one on a field covers what is stored into
 * it; a SpotBugs suppression of another bug pattern silences nothing.
 */
public class Suppression {

  static class NoncompliantSuppressedForErrorProneOnly {
    @SuppressWarnings("NullEscapingOptional")
    Optional<String> find() {
      return null; // hazard: NullEscapingOptional (not: errorprone — @SuppressWarnings with the check name silences Error Prone only)
    }
  }

  static class NoncompliantSuppressedForPmdOnly {
    @SuppressWarnings("PMD.NullEscapingOptional")
    Optional<String> find() {
      return null; // hazard: NullEscapingOptional (not: pmd — @SuppressWarnings("PMD.NullEscapingOptional") silences PMD only)
    }

    Optional<String> findAgain() {
      return null; // NOPMD - reviewed: PMD only // hazard: NullEscapingOptional (not: pmd — NOPMD silences PMD only)
    }
  }

  static class NoncompliantSuppressedForSpotBugsOnly {
    @SuppressFBWarnings(value = "CG_NULL_ESCAPING_OPTIONAL", justification = "corpus case")
    Optional<String> find() {
      return null; // hazard: NullEscapingOptional (not: spotbugs — @SuppressFBWarnings silences SpotBugs only)
    }
  }

  static class CompliantSuppressedEverywhere {
    @SuppressHazard(value = "NullEscapingOptional", because = "legacy callers test for null")
    Optional<String> find() {
      return null;
    }
  }

  @SuppressHazard("NullEscapingOptional")
  static class CompliantSuppressedOnClass {
    private Optional<String> never;

    Optional<String> find() {
      return Optional.of(never.orElse(null).trim());
    }
  }

  static class CompliantSuppressedOnField {
    @SuppressHazard(value = "NullEscapingOptional", because = "set by reflection before use")
    private Optional<String> injected;

    String read() {
      return injected.orElse("");
    }
  }

  static class NoncompliantOtherHazardSuppressed {
    @SuppressHazard("UnsynchronizedMapWrite")
    Optional<String> find() {
      return null; // hazard: NullEscapingOptional
    }
  }

  static class Fixed {
    Optional<String> find() {
      return Optional.empty();
    }
  }

  /**
   * {@code @SuppressHazard} reaches the lambda a method returns, works in the array form, and on a field
   * silences the null stored into it.
   */
  static class CompliantSuppressedShapes {
    @SuppressHazard(value = "NullEscapingOptional", because = "legacy callers test for null")
    private Optional<String> cleared = Optional.empty();

    @SuppressHazard("NullEscapingOptional")
    Supplier<Optional<String>> lookup() {
      return () -> null;
    }

    @SuppressHazard({"UnsynchronizedMapWrite", "NullEscapingOptional"})
    Optional<String> find() {
      return null;
    }

    void clear() {
      cleared = null;
    }
  }

  /** {@code @SuppressFBWarnings} silences SpotBugs in the returned lambda too, and only SpotBugs. */
  static class NoncompliantSuppressedForSpotBugsOnlyInLambda {
    @SuppressFBWarnings(value = "CG_NULL_ESCAPING_OPTIONAL", justification = "corpus case")
    Supplier<Optional<String>> lookup() {
      return () -> null; // hazard: NullEscapingOptional (not: spotbugs — @SuppressFBWarnings silences SpotBugs only)
    }
  }

  /** A SpotBugs suppression of another bug pattern silences nothing here. */
  static class NoncompliantOtherSpotBugsPatternSuppressed {
    @SuppressFBWarnings(value = "NP_NULL_ON_SOME_PATH", justification = "another pattern")
    Optional<String> find() {
      return null; // hazard: NullEscapingOptional
    }
  }

  static class FixedLookup {
    Supplier<Optional<String>> lookup() {
      return Optional::empty;
    }
  }
}
