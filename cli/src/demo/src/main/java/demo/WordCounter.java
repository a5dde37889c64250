package demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Counts words on a pool: every task merges into one HashMap, so counts get lost or the map breaks. */
public class WordCounter {
  private final Map<String, Integer> counts = new HashMap<>();

  public void countAll(ExecutorService pool, List<String> words) {
    for (String word : words) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }

  public Map<String, Integer> counts() {
    return counts;
  }
}
