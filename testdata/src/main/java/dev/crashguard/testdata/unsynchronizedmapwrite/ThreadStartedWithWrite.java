package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadFactory;

/** A new thread runs its Runnable concurrently with the thread that started it. */
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
}
