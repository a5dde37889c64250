package dev.crashguard.testdata.executorleak;

import dev.crashguard.annotations.SuppressHazard;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Each engine's own suppression silences only that engine; {@code @SuppressHazard} silences all three. The
 * engine-only cases below are still reported by the other two engines, which the markers say. A
 * suppression of another hazard, or of another SpotBugs pattern, silences nothing here.
 */
public class Suppression {

  static int work() {
    return 1;
  }

  static class NoncompliantSuppressedForErrorProneOnly {
    @SuppressWarnings("ExecutorLeak")
    Future<Integer> once() {
      ExecutorService pool = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak (not: errorprone — @SuppressWarnings with the check name silences Error Prone only)
      return pool.submit(Suppression::work);
    }
  }

  static class NoncompliantSuppressedForPmdOnly {
    @SuppressWarnings("PMD.ExecutorLeak")
    Future<Integer> once() {
      ExecutorService pool = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak (not: pmd — @SuppressWarnings("PMD.ExecutorLeak") silences PMD only)
      return pool.submit(Suppression::work);
    }

    Future<Integer> again() {
      ExecutorService pool = Executors.newSingleThreadExecutor(); // NOPMD - reviewed: PMD only // hazard: ExecutorLeak (not: pmd — NOPMD silences PMD only)
      return pool.submit(Suppression::work);
    }
  }

  static class NoncompliantSuppressedForSpotBugsOnly {
    @SuppressFBWarnings(value = "CG_EXECUTOR_LEAK", justification = "corpus case")
    Future<Integer> once() {
      ExecutorService pool = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak (not: spotbugs — @SuppressFBWarnings silences SpotBugs only)
      return pool.submit(Suppression::work);
    }
  }

  static class CompliantSuppressedEverywhere {
    @SuppressHazard(value = "ExecutorLeak", because = "a command-line tool: the process exits with System.exit")
    Future<Integer> once() {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      return pool.submit(Suppression::work);
    }
  }

  @SuppressHazard("ExecutorLeak")
  static class CompliantSuppressedOnClass {
    private final ExecutorService forever = Executors.newFixedThreadPool(2);

    Future<Integer> once() {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      pool.submit(Suppression::work);
      return forever.submit(Suppression::work);
    }
  }

  static class NoncompliantOtherHazardSuppressed {
    @SuppressHazard("DoubleClose")
    @SuppressFBWarnings(value = "HES_LOCAL_EXECUTOR_SERVICE", justification = "another pattern")
    Future<Integer> once() {
      ExecutorService pool = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak
      return pool.submit(Suppression::work);
    }
  }

  static class Fixed {
    int once() throws Exception {
      try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
        return pool.submit(Suppression::work).get();
      }
    }
  }
}
