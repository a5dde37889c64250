package demo;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Remembers visitors from a background thread and from pool tasks: one HashSet, no lock. */
public class VisitLog {
  private final Set<String> visitors = new HashSet<>();

  public Thread recordLater(String visitor) {
    Thread worker = new Thread(() -> visitors.add(visitor));
    worker.start();
    return worker;
  }

  public Future<?> forget(ExecutorService pool, String visitor) {
    return pool.submit(() -> visitors.remove(visitor));
  }
}
