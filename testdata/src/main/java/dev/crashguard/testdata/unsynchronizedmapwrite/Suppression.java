package dev.crashguard.testdata.unsynchronizedmapwrite;

import dev.crashguard.annotations.SuppressHazard;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Each engine's own suppression silences only that engine; {@code @SuppressHazard} silences all three.
 * The engine-only cases below are still reported by the other two engines, which the markers say.
 */
public class Suppression {

  static class NoncompliantSuppressedForErrorProneOnly {
    private final Map<String, Integer> counts = new HashMap<>();

    @SuppressWarnings("UnsynchronizedMapWrite")
    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite (not: errorprone — @SuppressWarnings with the check name silences Error Prone only)
    }
  }

  static class NoncompliantSuppressedForPmdOnly {
    private final Map<String, Integer> counts = new HashMap<>();

    @SuppressWarnings("PMD.UnsynchronizedMapWrite")
    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite (not: pmd — @SuppressWarnings("PMD.UnsynchronizedMapWrite") silences PMD only)
    }

    void countAgain(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 2, Integer::sum)); // NOPMD - reviewed: PMD only // hazard: UnsynchronizedMapWrite (not: pmd — NOPMD silences PMD only)
    }
  }

  static class NoncompliantSuppressedForSpotBugsOnly {
    private final Map<String, Integer> counts = new HashMap<>();

    @SuppressFBWarnings(value = "CG_UNSYNCHRONIZED_MAP_WRITE", justification = "corpus case")
    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite (not: spotbugs — @SuppressFBWarnings silences SpotBugs only)
    }
  }

  /** One annotation, every engine. */
  static class CompliantSuppressedEverywhere {
    private final Map<String, Integer> counts = new HashMap<>();

    @SuppressHazard(value = "UnsynchronizedMapWrite", because = "the pool has one thread")
    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }

  @SuppressHazard("UnsynchronizedMapWrite")
  static class CompliantSuppressedOnClass {
    private final Map<String, Integer> counts = new HashMap<>();

    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }

  /** On the map's field: every write to that map is silenced, wherever it is. */
  static class CompliantSuppressedOnField {
    @SuppressHazard(value = "UnsynchronizedMapWrite", because = "only one pool thread writes")
    private final Map<String, Integer> counts = new HashMap<>();

    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }

  /** Suppressing another hazard leaves this one reported. */
  static class NoncompliantOtherHazardSuppressed {
    private final Map<String, Integer> counts = new HashMap<>();

    @SuppressHazard("DoubleClose")
    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite
    }
  }

  static class Fixed {
    private final Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();

    void count(ExecutorService pool, String word) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }
}
