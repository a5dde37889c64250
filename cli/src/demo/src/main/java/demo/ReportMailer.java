package demo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class ReportMailer {
  public Future<String> send(String to) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    return pool.submit(() -> "report sent to " + to);
  }
}
