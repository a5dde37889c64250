package dev.crashguard.testdata.unsynchronizedmapwrite;

import dev.crashguard.annotations.SuppressHazard;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Each engine's own suppression silences only that engine; {@code @SuppressHazard} silences all three.
 * The engine-only cases below are still reported by the other two engines, which the markers say.
 * {@code @SuppressHazard} works on a class (and everything nested in it), a method or constructor (and the
 * lambdas and anonymous classes in it), and a field (the map, or the task it holds), by simple or qualified
 * name, with one value or an array; it silences only the declaration it stands on and only the hazards it
 * names.
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

  /**
   * The annotation by its qualified name, and in the array form on a constructor; it reaches lambdas nested
   * in the task and anonymous classes.
   */
  static class CompliantSuppressedShapes {
    private final Map<String, Integer> counts = new HashMap<>();

    @SuppressHazard({"DoubleClose", "UnsynchronizedMapWrite"})
    CompliantSuppressedShapes(ExecutorService pool) {
      pool.execute(() -> counts.put("created", 1));
    }

    @dev.crashguard.annotations.SuppressHazard("UnsynchronizedMapWrite")
    void nested(ExecutorService pool, List<String> words) {
      pool.execute(() -> words.forEach(w -> pool.execute(() -> counts.put(w, 1))));
    }

    @SuppressHazard("UnsynchronizedMapWrite")
    void anonymous(ExecutorService pool) {
      pool.execute(
          new Runnable() {
            @Override
            public void run() {
              counts.clear();
            }
          });
    }
  }

  /** On the field that holds the task, which is handed over (and would be reported otherwise). */
  static class CompliantSuppressedOnTaskField {
    private final Map<String, Integer> counts = new HashMap<>();

    @SuppressHazard(value = "UnsynchronizedMapWrite", because = "the pool has one thread")
    private final Runnable clear = () -> counts.clear();

    void start(ExecutorService pool) {
      pool.execute(clear);
    }
  }

  /** On an outer class: the classes nested in it, static or inner, are suppressed too. */
  @SuppressHazard("UnsynchronizedMapWrite")
  static class CompliantSuppressedOnOuterClass {
    static class Nested {
      private final Map<String, Integer> counts = new HashMap<>();

      void count(ExecutorService pool, String w) {
        pool.execute(() -> counts.put(w, 1));
      }

      class Inner {
        void clear(ExecutorService pool) {
          pool.execute(() -> counts.clear());
        }
      }
    }
  }

  /**
   * Not suppressed: another map than the annotated field, a sibling method's annotation, the hazard's name
   * only in {@code because}, and a SpotBugs suppression of another bug pattern.
   */
  static class NoncompliantSuppressionElsewhere {
    @SuppressHazard(value = "UnsynchronizedMapWrite", because = "only one pool thread writes")
    private final Map<String, Integer> counts = new HashMap<>();

    private final Map<String, Integer> others = new HashMap<>();

    void other(ExecutorService pool, String w) {
      pool.execute(() -> others.put(w, 1)); // hazard: UnsynchronizedMapWrite
    }

    @SuppressHazard("UnsynchronizedMapWrite")
    void sibling() {}

    @SuppressHazard(value = "DoubleClose", because = "UnsynchronizedMapWrite")
    void again(ExecutorService pool, String w) {
      pool.execute(() -> others.merge(w, 2, Integer::sum)); // hazard: UnsynchronizedMapWrite
    }

    @SuppressFBWarnings(value = "IS2_INCONSISTENT_SYNC", justification = "another pattern")
    void spotBugsOther(ExecutorService pool, String w) {
      pool.execute(() -> others.remove(w)); // hazard: UnsynchronizedMapWrite
    }

    void suppressedFieldStillSilent(ExecutorService pool, String w) {
      pool.execute(() -> counts.put(w, 1));
    }
  }
}
