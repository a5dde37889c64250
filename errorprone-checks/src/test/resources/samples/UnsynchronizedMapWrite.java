package samples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** The smallest code that makes UnsynchronizedMapWrite report: its message goes to the consistency test. */
class UnsynchronizedMapWriteSample {
  private final Map<String, Integer> counts = new HashMap<>();

  void count(ExecutorService pool, String word) {
    pool.execute(() -> counts.merge(word, 1, Integer::sum));
  }
}
