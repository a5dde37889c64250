package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * A new thread runs its Runnable concurrently with the thread that started it: a lambda, a method
 * reference (to whichever overload it names), or the run() of an anonymous Thread subclass. start() of a
 * Runnable that is no Thread starts nothing.
 */
public class ThreadStartedWithWrite {

  static class Noncompliant {
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, Long> sortedSeen = new TreeMap<>();

    void touchInBackground(String key) {
      new Thread(() -> lastSeen.put(key, System.nanoTime())).start(); // hazard: UnsynchronizedMapWrite
    }

    void touchOnPlatformThread(String key) {
      Thread.ofPlatform().start(() -> sortedSeen.put(key, System.nanoTime())); // hazard: UnsynchronizedMapWrite
    }

    void touchOnVirtualThread(String key) {
      Thread.ofVirtual().start(() -> lastSeen.remove(key)); // hazard: UnsynchronizedMapWrite
    }

    void touchFromFactory(ThreadFactory factory, String key) {
      factory.newThread(() -> lastSeen.put(key, System.nanoTime())).start(); // hazard: UnsynchronizedMapWrite
    }

    void clearWithMethodReference() {
      new Thread(this::forgetAll).start();
    }

    private void forgetAll() {
      lastSeen.clear(); // hazard: UnsynchronizedMapWrite
    }
  }

  static class Compliant {
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> sortedSeen = new ConcurrentSkipListMap<>();

    void touchInBackground(String key) {
      new Thread(() -> lastSeen.put(key, System.nanoTime())).start();
    }

    void touchOnPlatformThread(String key) {
      Thread.ofPlatform().start(() -> sortedSeen.put(key, System.nanoTime()));
    }

    void clearWithMethodReference() {
      new Thread(this::forgetAll).start();
    }

    private void forgetAll() {
      lastSeen.clear();
    }

    /** The thread fills a map that only it can see, then hands the result over. */
    void ownMapInThread() {
      new Thread(
              () -> {
                Map<String, Long> mine = new HashMap<>();
                mine.put("started", System.nanoTime());
                System.out.println(mine);
              })
          .start();
    }
  }

  static class Fixed {
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> sortedSeen = new ConcurrentSkipListMap<>();

    void touchInBackground(String key) {
      new Thread(() -> lastSeen.put(key, System.nanoTime())).start();
    }

    void touchOnPlatformThread(String key) {
      Thread.ofPlatform().start(() -> sortedSeen.put(key, System.nanoTime()));
    }

    void touchOnVirtualThread(String key) {
      Thread.ofVirtual().start(() -> lastSeen.remove(key));
    }

    void touchFromFactory(ThreadFactory factory, String key) {
      factory.newThread(() -> lastSeen.put(key, System.nanoTime())).start();
    }

    void clearWithMethodReference() {
      new Thread(this::forgetAll).start();
    }

    private void forgetAll() {
      lastSeen.clear();
    }
  }

  /**
   * More ways to start a thread: Thread.startVirtualThread, and an anonymous Thread subclass writing the
   * enclosing object's map. A method reference naming an overloaded method runs that overload on the pool.
   */
  static class NoncompliantMoreStarters {
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, Long> firstSeen = new TreeMap<>();

    void touchOnNewVirtualThread(String key) {
      Thread.startVirtualThread(() -> lastSeen.remove(key)); // hazard: UnsynchronizedMapWrite
    }

    void forgetInAnonymousThread() {
      new Thread() {
        @Override
        public void run() {
          lastSeen.clear(); // hazard: UnsynchronizedMapWrite
        }
      }.start();
    }

    void forgetLater(ExecutorService pool) {
      pool.execute(this::forget);
    }

    private void forget() {
      firstSeen.clear(); // hazard: UnsynchronizedMapWrite (not: pmd — XPath cannot tell which overload a method reference names)
    }

    private void forget(String key) {
      firstSeen.remove(key);
    }
  }

  /** start() of a Runnable that is no Thread is a plain call: run() happens on the caller's thread. */
  static class CompliantStartOnNonThread {
    private final Map<String, Long> lastSeen = new HashMap<>();

    final class Job implements Runnable {
      @Override
      public void run() {
        lastSeen.put("a", 1L);
      }

      public void start() {
        run();
      }
    }

    void go() {
      new Job().start();
    }
  }

  /** The task's target is synchronized, and it is the map's only writer. */
  static class CompliantSynchronizedTarget {
    private final Map<String, Long> lastSeen = new HashMap<>();

    void startLocked(ExecutorService pool) {
      pool.execute(this::forgetLocked);
    }

    private synchronized void forgetLocked() {
      lastSeen.clear();
    }
  }

  /** The class starts a thread, but the thread runs a method that leaves the map alone. */
  static class CompliantWriterNoThreadRuns {
    private final Map<String, Long> lastSeen = new HashMap<>();

    void start() {
      new Thread(this::idle).start();
    }

    private void idle() {}

    void notATask() {
      lastSeen.put("x", 1L);
    }
  }

  static class FixedMoreStarters {
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeen = new ConcurrentSkipListMap<>();

    void touchOnNewVirtualThread(String key) {
      Thread.startVirtualThread(() -> lastSeen.remove(key));
    }

    void forgetInAnonymousThread() {
      new Thread() {
        @Override
        public void run() {
          lastSeen.clear();
        }
      }.start();
    }

    void forgetLater(ExecutorService pool) {
      pool.execute(this::forget);
    }

    private void forget() {
      firstSeen.clear();
    }

    private void forget(String key) {
      firstSeen.remove(key);
    }
  }
}
