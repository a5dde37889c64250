package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock is taken by a private boolean helper around tryLock (spring-context's
 * AbstractApplicationContext.tryLockForShutdown, guarding doClose on the shutdown-hook thread): after
 * {@code if (!helper()) return;} the lock is held exactly as after {@code if (!lock.tryLock()) return;}.
 * A boolean helper that takes no lock guards nothing.
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
  }
}
