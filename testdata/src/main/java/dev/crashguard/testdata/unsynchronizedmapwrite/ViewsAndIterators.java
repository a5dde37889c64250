package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * keySet(), values(), entrySet(), headMap() and the like are live views of the map, and an iterator of a
 * map view or of a set (descendingIterator() too) is tied to its collection: removing through one removes
 * from the collection behind it, a write that races like the map's own remove(). Reading through a view,
 * or iterating without remove(), writes nothing.
 */
public class ViewsAndIterators {

  /** Removals through views and iterators, in tasks; the reads next to them write nothing. */
  static class Noncompliant {
    private final Map<String, Integer> counts = new HashMap<>();
    private final NavigableMap<String, Integer> sorted = new TreeMap<>();
    private final NavigableSet<String> names = new TreeSet<>();

    void forget(ExecutorService pool, String key) {
      pool.execute(() -> counts.keySet().remove(key)); // hazard: UnsynchronizedMapWrite
      pool.execute(() -> counts.values().removeIf(v -> v == 0)); // hazard: UnsynchronizedMapWrite
      pool.execute(() -> sorted.headMap(key).clear()); // hazard: UnsynchronizedMapWrite
      pool.execute(() -> counts.keySet().contains(key));
      pool.execute(() -> counts.get(key));
    }

    void drain(ExecutorService pool) {
      pool.execute(
          () -> {
            Iterator<String> it = counts.keySet().iterator();
            while (it.hasNext()) {
              it.next();
              it.remove(); // hazard: UnsynchronizedMapWrite
            }
          });
    }

    void pruneBackwards(ExecutorService pool) {
      pool.execute(
          () -> {
            Iterator<String> it = names.descendingIterator();
            while (it.hasNext()) {
              if (it.next().isEmpty()) {
                it.remove(); // hazard: UnsynchronizedMapWrite
              }
            }
          });
    }
  }

  /** A lock around some writes; the write through a view elsewhere skips it. */
  static class NoncompliantViewWriteSkipsTheLock {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Integer> routes = new TreeMap<>();

    public void add(String route) {
      lock.lock();
      try {
        routes.put(route, 1);
      } finally {
        lock.unlock();
      }
    }

    public void drop(String route) {
      routes.entrySet().removeIf(e -> e.getKey().equals(route)); // hazard: UnsynchronizedMapWrite
    }

    public void addLater(java.util.concurrent.Executor requests, String route) {
      requests.execute(() -> add(route));
    }
  }

  /** Filled before any task starts, then only read, through views and iterators too. */
  static class Compliant {
    private final Map<String, Integer> counts = new HashMap<>(Map.of("a", 1));

    void report(ExecutorService pool, String key) {
      pool.execute(() -> System.out.println(counts.keySet().contains(key)));
      pool.execute(() -> System.out.println(counts.values().stream().mapToInt(Integer::intValue).sum()));
      pool.execute(
          () -> {
            for (Iterator<String> it = counts.keySet().iterator(); it.hasNext(); ) {
              System.out.println(it.next());
            }
          });
    }
  }

  static class Fixed {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final NavigableMap<String, Integer> sorted = new ConcurrentSkipListMap<>();
    private final NavigableSet<String> names = new ConcurrentSkipListSet<>();

    void forget(ExecutorService pool, String key) {
      pool.execute(() -> counts.keySet().remove(key));
      pool.execute(() -> counts.values().removeIf(v -> v == 0));
      pool.execute(() -> sorted.headMap(key).clear());
    }

    void drain(ExecutorService pool) {
      pool.execute(
          () -> {
            Iterator<String> it = counts.keySet().iterator();
            while (it.hasNext()) {
              it.next();
              it.remove();
            }
          });
    }

    void pruneBackwards(ExecutorService pool) {
      pool.execute(
          () -> {
            Iterator<String> it = names.descendingIterator();
            while (it.hasNext()) {
              if (it.next().isEmpty()) {
                it.remove();
              }
            }
          });
    }
  }

  static class FixedViewWriteSkipsTheLock {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Integer> routes = new TreeMap<>();

    public void add(String route) {
      lock.lock();
      try {
        routes.put(route, 1);
      } finally {
        lock.unlock();
      }
    }

    public void drop(String route) {
      lock.lock();
      try {
        routes.entrySet().removeIf(e -> e.getKey().equals(route));
      } finally {
        lock.unlock();
      }
    }
  }
}
