package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Handing a map from one thread to another is safe when there is a happens-before edge and only one
 * side writes: filled before the tasks are submitted and only read inside them, or written by the caller
 * only after get(), join() or awaitTermination(). ThreadLocal and immutable maps are never shared
 * mutably at all.
 */
public class HandOverBetweenThreads {

  static class Noncompliant {
    Map<String, Integer> prices(ExecutorService pool, List<String> items) throws Exception {
      Map<String, Integer> prices = new HashMap<>();
      Future<?> loading = pool.submit(() -> prices.put("default", 0)); // hazard: UnsynchronizedMapWrite
      // The caller's writes below race with the task's too; the finding on the task's write is enough to
      // fix the map, so engines report that one only.
      for (String item : items) {
        prices.put(item, item.length());
      }
      loading.get();
      return prices;
    }
  }

  static class Compliant {
    private static final ThreadLocal<Map<String, Integer>> SCRATCH = ThreadLocal.withInitial(HashMap::new);
    private final Map<String, Integer> defaults = Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1)));

    /** Filled first, then only read by the tasks. */
    int total(ExecutorService pool, List<String> items) throws InterruptedException, ExecutionException {
      Map<String, Integer> prices = new HashMap<>();
      for (String item : items) {
        prices.put(item, item.length());
      }
      Future<Integer> sum = pool.submit(() -> prices.values().stream().mapToInt(Integer::intValue).sum());
      return sum.get();
    }

    /** The caller writes only after the task is done. */
    Map<String, Integer> afterGet(ExecutorService pool) throws InterruptedException, ExecutionException {
      Map<String, Integer> result = new HashMap<>();
      Future<Integer> size = pool.submit(() -> 42);
      result.put("size", size.get());
      return result;
    }

    Map<String, Integer> afterJoin() {
      Map<String, Integer> result = new HashMap<>();
      int value = CompletableFuture.supplyAsync(() -> 7).join();
      result.put("value", value);
      return result;
    }

    Map<String, Integer> afterAwait(ExecutorService pool) throws InterruptedException {
      Map<String, Integer> result = new HashMap<>();
      pool.execute(() -> System.out.println("work"));
      pool.shutdown();
      if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
        result.put("done", 1);
      }
      return result;
    }

    /** Each thread has its own map. */
    void perThread(ExecutorService pool, String key) {
      pool.execute(() -> SCRATCH.get().put(key, 1));
    }

    /** An immutable map read from tasks. */
    void readDefaults(ExecutorService pool) {
      pool.execute(() -> System.out.println(defaults.get("a")));
    }
  }

  static class Fixed {
    Map<String, Integer> prices(ExecutorService pool, List<String> items) throws Exception {
      Map<String, Integer> prices = new ConcurrentHashMap<>();
      Future<?> loading = pool.submit(() -> prices.put("default", 0));
      for (String item : items) {
        prices.put(item, item.length());
      }
      loading.get();
      return prices;
    }
  }

  /**
   * A local map filled by its creator before the one thread that writes it afterwards is even created, and
   * read by the creator only after join() or get(): one writer at a time, each handing over to the next.
   */
  static class CompliantFilledBeforeTheOnlyOtherWriter {
    Map<String, Integer> loadInBackground(List<String> items) throws InterruptedException {
      Map<String, Integer> sizes = new HashMap<>();
      sizes.put("", 0);
      Thread loader = new Thread(() -> items.forEach(i -> sizes.put(i, i.length())));
      loader.start();
      loader.join();
      return sizes;
    }

    Map<String, Integer> viaPool(ExecutorService pool, String key) throws Exception {
      Map<String, Integer> result = new HashMap<>();
      result.put("start", 1);
      pool.submit(() -> result.put(key, key.length())).get();
      result.put("end", 2);
      return result;
    }
  }

  /** The same map handed to a task created once per item, or written by two tasks: they race each other. */
  static class NoncompliantSeveralTasksWrite {
    Map<String, Integer> perItem(ExecutorService pool, List<String> items) throws InterruptedException {
      Map<String, Integer> sizes = new HashMap<>();
      sizes.put("", 0);
      for (String item : items) {
        pool.execute(() -> sizes.put(item, item.length())); // hazard: UnsynchronizedMapWrite
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
      return sizes;
    }

    Map<String, Integer> twoThreads() throws InterruptedException {
      Map<String, Integer> seen = new HashMap<>();
      Thread a = new Thread(() -> seen.put("a", 1)); // hazard: UnsynchronizedMapWrite
      Thread b = new Thread(() -> seen.put("b", 2)); // hazard: UnsynchronizedMapWrite
      a.start();
      b.start();
      a.join();
      b.join();
      return seen;
    }
  }

  static class FixedSeveralTasksWrite {
    Map<String, Integer> perItem(ExecutorService pool, List<String> items) throws InterruptedException {
      Map<String, Integer> sizes = new ConcurrentHashMap<>();
      sizes.put("", 0);
      for (String item : items) {
        pool.execute(() -> sizes.put(item, item.length()));
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
      return sizes;
    }
  }
}
