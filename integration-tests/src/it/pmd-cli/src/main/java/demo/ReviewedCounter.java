package demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

public class ReviewedCounter {
  private final Map<String, Integer> counts = new HashMap<>();

  @SuppressWarnings("PMD.UnsynchronizedMapWrite")
  public void countAll(ExecutorService pool, List<String> words) {
    for (String word : words) {
      pool.execute(() -> counts.merge(word, 1, Integer::sum));
    }
  }

  public void countAgain(ExecutorService pool, List<String> words) {
    for (String word : words) {
      pool.execute(() -> counts.merge(word, 2, Integer::sum)); // NOPMD - one worker thread
    }
  }
}
