package demo;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** The compliant twin of VisitLog: every access holds the same lock. */
public class SafeVisitLog {
  private final Set<String> visitors = new HashSet<>();

  public Thread recordLater(String visitor) {
    Thread worker =
        new Thread(
            () -> {
              synchronized (visitors) {
                visitors.add(visitor);
              }
            });
    worker.start();
    return worker;
  }

  public Future<?> forget(ExecutorService pool, String visitor) {
    return pool.submit(
        () -> {
          synchronized (visitors) {
            return visitors.remove(visitor);
          }
        });
  }
}
