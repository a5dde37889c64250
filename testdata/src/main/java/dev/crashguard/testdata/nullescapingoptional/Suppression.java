package dev.crashguard.testdata.nullescapingoptional;

import dev.crashguard.annotations.SuppressHazard;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.Optional;

/**
 * Each engine's own suppression silences only that engine; {@code @SuppressHazard} silences all three.
 * The engine-only cases below are still reported by the other two engines, which the markers say.
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
}
