package demo;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class SafeReportMailer {
  public String send(String to) throws InterruptedException, ExecutionException {
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      return pool.submit(() -> "report sent to " + to).get();
    }
  }
}
