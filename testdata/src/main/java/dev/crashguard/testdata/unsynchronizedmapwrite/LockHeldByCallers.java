package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A helper that writes without taking the lock itself, because each of its callers holds it (jackson's
 * DeserializerCache._createAndCache2, protected, called only inside _incompleteDeserializersLock). The
 * helper is not public, so callers outside the class and its package cannot skip the lock; the engines
 * look at its callers within the class. One caller without the lock makes the helper's writes a race.
 *
 * <p>A method with no caller in the class is called from elsewhere (by reflection, serialization, a
 * subclass): nothing says its callers hold the lock, so its unlocked write is reported, and a call it makes
 * counts as unlocked (jackson's package-private DeserializerCache.writeReplace, a true finding). A write
 * whose only lock is the one its callers hold is evidence of locking like any other: a public method that
 * writes the same map without that lock races with it (spring-context's addApplicationListener against
 * doClose).
 */
public class LockHeldByCallers {

  static class CompliantHelperCalledUnderLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    public Integer create(String type) {
      lock.lock();
      try {
        return createLocked(type);
      } finally {
        lock.unlock();
      }
    }

    /** Called with {@code lock} held. */
    protected Integer createLocked(String type) {
      incomplete.put(type, 1);
      try {
        return type.length();
      } finally {
        incomplete.remove(type);
      }
    }
  }

  static class NoncompliantHelperAlsoCalledWithoutLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    public Integer create(String type) {
      lock.lock();
      try {
        return createLocked(type);
      } finally {
        lock.unlock();
      }
    }

    public Integer createFast(String type) {
      return createLocked(type);
    }

    protected Integer createLocked(String type) {
      incomplete.put(type, 1); // hazard: UnsynchronizedMapWrite
      return type.length();
    }
  }

  static class NoncompliantHelperWithNoCaller {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    /** Called by Java serialization, never by this class. */
    Object writeReplace() {
      incomplete.clear(); // hazard: UnsynchronizedMapWrite
      return this;
    }
  }

  static class NoncompliantPublicWriterSkipsTheCallersLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> listeners = new HashMap<>();

    public void close() {
      lock.lock();
      try {
        doClose();
      } finally {
        lock.unlock();
      }
    }

    protected void doClose() {
      listeners.clear();
    }

    public void addListener(String name, Runnable listener) {
      listeners.put(name, listener); // hazard: UnsynchronizedMapWrite
    }
  }

  static class Fixed {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    public Integer createFast(String type) {
      lock.lock();
      try {
        return createLocked(type);
      } finally {
        lock.unlock();
      }
    }

    protected Integer createLocked(String type) {
      incomplete.put(type, 1);
      return type.length();
    }
  }
}
