package demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/** Builds an index with invokeAll: the tasks run at the same time, so the local map is shared. */
public class PriceIndex {

  public Map<String, Integer> lengths(ExecutorService pool, String a, String b) throws InterruptedException {
    Map<String, Integer> lengths = new HashMap<>();
    pool.invokeAll(List.of(() -> lengths.put(a, a.length()), () -> lengths.put(b, b.length())));
    return lengths;
  }

  /** Compliant: the same with a concurrent map. */
  public Map<String, Integer> safeLengths(ExecutorService pool, String a, String b) throws InterruptedException {
    Map<String, Integer> lengths = new ConcurrentHashMap<>();
    pool.invokeAll(List.of(() -> lengths.put(a, a.length()), () -> lengths.put(b, b.length())));
    return lengths;
  }
}
