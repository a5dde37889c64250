package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock is taken by a private boolean helper around tryLock (spring-context's
 * AbstractApplicationContext.tryLockForShutdown, guarding doClose on the shutdown-hook thread): after
 * {@code if (!helper()) return;} the lock is held exactly as after {@code if (!lock.tryLock()) return;}.
 * The positive form {@code if (helper()) { ... }} works the same, with a helper that waits for tryLock in a
 * loop or calls lock(). A boolean helper guards nothing when it takes no lock, gives it back before it
 * returns, or takes another object's lock. The classes register a shutdown hook, as spring's context does:
 * teardown then runs on another thread, concurrently with the writers it clears away.
 */
public class LockTakenByHelper {

  static class CompliantLockTakenByHelper {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> listeners = new HashMap<>();

    public void register(String name, Runnable listener) {
      lock.lock();
      try {
        listeners.put(name, listener);
      } finally {
        lock.unlock();
      }
    }

    public void closeOnShutdown() {
      Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    public void close() {
      if (!lockForClose()) {
        return;
      }
      try {
        listeners.clear();
      } finally {
        lock.unlock();
      }
    }

    /** Takes the lock, waiting at most a second; true when it is held. */
    private boolean lockForClose() {
      try {
        return lock.tryLock(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  static class NoncompliantHelperTakesNoLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> listeners = new HashMap<>();
    private volatile boolean closed;

    public void register(String name, Runnable listener) {
      lock.lock();
      try {
        listeners.put(name, listener);
      } finally {
        lock.unlock();
      }
    }

    public void close() {
      if (!markClosed()) {
        return;
      }
      listeners.clear(); // hazard: UnsynchronizedMapWrite
    }

    private boolean markClosed() {
      boolean wasOpen = !closed;
      closed = true;
      return wasOpen;
    }

    /** spring's registerShutdownHook: close runs on the shutdown-hook thread, concurrently with register. */
    void registerShutdownHook() {
      Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }
  }

  static class Fixed {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> listeners = new HashMap<>();
    private volatile boolean closed;

    public void register(String name, Runnable listener) {
      lock.lock();
      try {
        listeners.put(name, listener);
      } finally {
        lock.unlock();
      }
    }

    public void close() {
      lock.lock();
      try {
        if (!closed) {
          closed = true;
          listeners.clear();
        }
      } finally {
        lock.unlock();
      }
    }

    /** spring's registerShutdownHook: close runs on the shutdown-hook thread, concurrently with register. */
    void registerShutdownHook() {
      Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }
  }

  /**
   * The positive form {@code if (helper()) { write; unlock(); }}, with a helper that waits for tryLock in
   * a loop and one that calls lock(), also this-qualified and as the last operand of {@code &&}: the lock
   * is held whenever they return true.
   */
  static class CompliantOtherLockingHelpers {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> listeners = new HashMap<>();

    public void register(String name, Runnable listener) {
      lock.lock();
      try {
        listeners.put(name, listener);
      } finally {
        lock.unlock();
      }
    }

    public void closeNow() {
      if (lockWaiting()) {
        listeners.clear();
        lock.unlock();
      }
    }

    public void close() {
      if (acquire()) {
        try {
          listeners.clear();
        } finally {
          lock.unlock();
        }
      }
    }

    public void forget(String name) {
      if (!name.isEmpty() && this.acquire()) {
        try {
          listeners.remove(name);
        } finally {
          lock.unlock();
        }
      }
    }

    private boolean lockWaiting() {
      try {
        while (!lock.tryLock(1, TimeUnit.SECONDS)) {
          if (Thread.interrupted()) {
            return false;
          }
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private boolean acquire() {
      lock.lock();
      return true;
    }
  }

  /** A lock of some other object, for the case below. */
  static class OtherLock {
    private final Lock lock = new ReentrantLock();

    boolean tryTake() {
      return lock.tryLock();
    }

    void release() {
      lock.unlock();
    }
  }

  /**
   * In the positive form too, a helper guards nothing when it takes no lock, gives the lock back before
   * it returns, or takes another object's lock.
   */
  static class NoncompliantHelpersThatHoldNothing {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> handlers = new HashMap<>();
    private volatile boolean closed;

    public void register(String name, Runnable handler) {
      lock.lock();
      try {
        handlers.put(name, handler);
      } finally {
        lock.unlock();
      }
    }

    public void closeNow() {
      if (markClosed()) {
        handlers.clear(); // hazard: UnsynchronizedMapWrite
      }
    }

    public void closeChecked() {
      if (isFree()) {
        handlers.clear(); // hazard: UnsynchronizedMapWrite
      }
    }

    public void closeShared(OtherLock other) {
      if (other.tryTake()) {
        try {
          handlers.clear(); // hazard: UnsynchronizedMapWrite
        } finally {
          other.release();
        }
      }
    }

    private boolean markClosed() {
      boolean wasOpen = !closed;
      closed = true;
      return wasOpen;
    }

    private boolean isFree() {
      if (lock.tryLock()) {
        lock.unlock();
        return true;
      }
      return false;
    }

    /** spring's registerShutdownHook: close runs on the shutdown-hook thread, concurrently with register. */
    void registerShutdownHook() {
      Runtime.getRuntime().addShutdownHook(new Thread(this::closeNow));
    }
  }

  static class FixedHelpersThatHoldNothing {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> handlers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public void register(String name, Runnable handler) {
      lock.lock();
      try {
        handlers.put(name, handler);
      } finally {
        lock.unlock();
      }
    }

    public void closeNow() {
      if (markClosed()) {
        handlers.clear();
      }
    }

    public void closeChecked() {
      if (isFree()) {
        handlers.clear();
      }
    }

    public void closeShared(OtherLock other) {
      if (other.tryTake()) {
        try {
          handlers.clear();
        } finally {
          other.release();
        }
      }
    }

    private boolean markClosed() {
      boolean wasOpen = !closed;
      closed = true;
      return wasOpen;
    }

    private boolean isFree() {
      if (lock.tryLock()) {
        lock.unlock();
        return true;
      }
      return false;
    }

    /** spring's registerShutdownHook: close runs on the shutdown-hook thread, concurrently with register. */
    void registerShutdownHook() {
      Runtime.getRuntime().addShutdownHook(new Thread(this::closeNow));
    }
  }
}
