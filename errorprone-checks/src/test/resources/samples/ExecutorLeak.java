package samples;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The smallest code that makes ExecutorLeak report: its message goes to the consistency test. */
class ExecutorLeakSample {
  Future<Integer> once() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    return pool.submit(() -> 1);
  }
}
