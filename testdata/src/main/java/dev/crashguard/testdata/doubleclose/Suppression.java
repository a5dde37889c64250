package dev.crashguard.testdata.doubleclose;

import dev.crashguard.annotations.SuppressHazard;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Each engine's own suppression silences only that engine; {@code @SuppressHazard} silences all three. The
 * engine-only cases below are still reported by the other two engines, which the markers say. A
 * suppression of another hazard, or of another SpotBugs pattern, silences nothing here.
 */
public class Suppression {

  static class NoncompliantSuppressedForErrorProneOnly {
    private final ReentrantLock lock = new ReentrantLock();

    @SuppressWarnings("DoubleClose")
    void twice() {
      lock.lock();
      lock.unlock();
      lock.unlock(); // hazard: DoubleClose (not: errorprone — @SuppressWarnings with the check name silences Error Prone only)
    }
  }

  static class NoncompliantSuppressedForPmdOnly {
    private final ReentrantLock lock = new ReentrantLock();

    @SuppressWarnings("PMD.DoubleClose")
    void twice() {
      lock.lock();
      lock.unlock();
      lock.unlock(); // hazard: DoubleClose (not: pmd — @SuppressWarnings("PMD.DoubleClose") silences PMD only)
    }

    void again() {
      lock.lock();
      lock.unlock();
      lock.unlock(); // NOPMD - reviewed: PMD only // hazard: DoubleClose (not: pmd — NOPMD silences PMD only)
    }
  }

  static class NoncompliantSuppressedForSpotBugsOnly {
    private final ReentrantLock lock = new ReentrantLock();

    @SuppressFBWarnings(value = "CG_DOUBLE_CLOSE", justification = "corpus case")
    void twice() {
      lock.lock();
      lock.unlock();
      lock.unlock(); // hazard: DoubleClose (not: spotbugs — @SuppressFBWarnings silences SpotBugs only)
    }
  }

  static class CompliantSuppressedEverywhere {
    private final ReentrantLock lock = new ReentrantLock();

    @SuppressHazard(value = "DoubleClose", because = "the test asserts the IllegalMonitorStateException")
    void twice() {
      lock.lock();
      lock.unlock();
      lock.unlock();
    }
  }

  @SuppressHazard("DoubleClose")
  static class CompliantSuppressedOnClass {
    private final ReentrantLock lock = new ReentrantLock();

    void twice() {
      lock.lock();
      lock.unlock();
      lock.unlock();
    }
  }

  static class NoncompliantOtherHazardSuppressed {
    private final ReentrantLock lock = new ReentrantLock();

    @SuppressHazard("UnsynchronizedMapWrite")
    @SuppressFBWarnings(value = "UL_UNRELEASED_LOCK", justification = "another pattern")
    void twice() {
      lock.lock();
      lock.unlock();
      lock.unlock(); // hazard: DoubleClose
    }
  }

  static class Fixed {
    private final ReentrantLock lock = new ReentrantLock();

    void once() {
      lock.lock();
      lock.unlock();
    }
  }
}
