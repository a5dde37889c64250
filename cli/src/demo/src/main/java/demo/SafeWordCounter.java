package demo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/** The compliant twin of WordCounter: ConcurrentHashMap.merge is atomic. */
public class SafeWordCounter {
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  public void countAll(ExecutorService pool, List<String> words) {
    for (String word : words) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }

  public Map<String, Integer> counts() {
    return counts;
  }
}
