package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Tasks handed to an executor run on its threads, concurrently with each other and with the caller. */
public class TaskSubmittedToExecutor {

  /** A field written from lambdas, an anonymous Callable and a captured local, all run on the pool. */
  static class Noncompliant {
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    void countAll(ExecutorService pool, List<String> words) {
      for (String word : words) {
        pool.execute(() -> counts.merge(word, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite
      }
    }

    Future<?> remember(ExecutorService pool, String word) {
      return pool.submit(() -> seen.add(word)); // hazard: UnsynchronizedMapWrite
    }

    Future<Integer> removeLater(ExecutorService pool, String word) {
      return pool.submit(
          new Callable<Integer>() {
            @Override
            public Integer call() {
              return counts.remove(word); // hazard: UnsynchronizedMapWrite
            }
          });
    }

    Map<String, Integer> lengthsDirect(ExecutorService pool, String a, String b) throws InterruptedException {
      Map<String, Integer> lengths = new HashMap<>();
      pool.invokeAll(List.of(() -> lengths.put(a, a.length()), () -> lengths.put(b, b.length()))); // hazard: UnsynchronizedMapWrite
      return lengths;
    }
  }

  /** Thread-safe maps, and maps that never leave the task that made them. */
  static class Compliant {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, Integer> synced = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, Integer> table = new Hashtable<>();
    private final Map<String, Integer> sorted = new ConcurrentSkipListMap<>();

    void countAll(ExecutorService pool, List<String> words) {
      for (String word : words) {
        pool.execute(() -> counts.merge(word, 1, Integer::sum));
        pool.execute(() -> synced.merge(word, 1, Integer::sum));
        pool.execute(() -> table.merge(word, 1, Integer::sum));
        pool.execute(() -> sorted.merge(word, 1, Integer::sum));
      }
    }

    Future<Map<String, Integer>> ownMap(ExecutorService pool, List<String> words) {
      return pool.submit(
          () -> {
            Map<String, Integer> local = new HashMap<>();
            for (String word : words) {
              local.merge(word, 1, Integer::sum);
            }
            return local;
          });
    }

    void localWrittenInCaller(List<String> words) {
      Map<String, Integer> local = new HashMap<>();
      for (String word : words) {
        local.put(word, word.length());
      }
    }
  }

  /** Noncompliant after Error Prone's fix: the same code on ConcurrentHashMap. */
  static class Fixed {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    void countAll(ExecutorService pool, List<String> words) {
      for (String word : words) {
        pool.execute(() -> counts.merge(word, 1, Integer::sum));
      }
    }

    Future<?> remember(ExecutorService pool, String word) {
      return pool.submit(() -> seen.add(word));
    }

    Map<String, Integer> lengthsDirect(ExecutorService pool, String a, String b) throws InterruptedException {
      Map<String, Integer> lengths = new ConcurrentHashMap<>();
      pool.invokeAll(List.of(() -> lengths.put(a, a.length()), () -> lengths.put(b, b.length())));
      return lengths;
    }
  }
}
