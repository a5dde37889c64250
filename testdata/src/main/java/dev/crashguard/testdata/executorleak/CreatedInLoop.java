package dev.crashguard.testdata.executorleak;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A pool created in a loop body and not shut down in the same pass: one pool per element, all alive at
 * once. Even {@code ForkJoinPool}'s daemon workers, which end after 60 s idle, pile up faster than that in a
 * tight loop; a Guava exiting executor adds a shutdown hook per pass that keeps every pool reachable until
 * the JVM exits. Reported on the creation.
 *
 * <p>Written from scala/bug#11097 ("OutOfMemoryError after repeatedly creating a ForkJoinPool", and the
 * docs fix scala/docs.scala-lang#1137), apache/incubator-kie#2247 ("run this in a loop of 4000, it will
 * start throwing OOME"), and PebbleTemplates/pebble#30 (executors in tests, never shut down: "unable to
 * create native thread").
 *
 * <p>The compliant twins create the pool once, before the loop, and end it after; create one per pass and
 * close it in that pass; or keep each pool created in the loop in a collection that the owner shuts down.
 */
public class CreatedInLoop {

  static long square(long n) {
    return n * n;
  }

  /** scala/bug#11097: a ForkJoinPool per batch. */
  static class NoncompliantForkJoinPoolPerBatch {
    List<Long> sums(List<List<Long>> batches) throws InterruptedException, ExecutionException {
      List<Long> out = new ArrayList<>();
      for (List<Long> batch : batches) {
        ForkJoinPool pool = new ForkJoinPool(4); // hazard: ExecutorLeak
        out.add(pool.submit(() -> batch.parallelStream().mapToLong(CreatedInLoop::square).sum()).get());
      }
      return out;
    }
  }

  /** A fixed pool per retry round, in a while loop. */
  static class NoncompliantPoolPerRound {
    int retry(List<Runnable> jobs, int rounds) {
      int done = 0;
      while (done < rounds) {
        ExecutorService round = Executors.newFixedThreadPool(jobs.size()); // hazard: ExecutorLeak
        for (Runnable job : jobs) {
          round.execute(job);
        }
        done++;
      }
      return done;
    }
  }

  /** Guava's exiting executor per pass: daemon threads, but one pool and one shutdown hook per element. */
  static class NoncompliantExitingExecutorPerElement {
    List<Future<Long>> squares(List<Long> values) {
      List<Future<Long>> out = new ArrayList<>();
      for (Long v : values) {
        ExecutorService each = MoreExecutors.getExitingExecutorService((ThreadPoolExecutor) Executors.newFixedThreadPool(1)); // hazard: ExecutorLeak
        out.add(each.submit(() -> square(v)));
      }
      return out;
    }
  }

  /** One pool for the whole loop, ended after it. */
  static class CompliantOnePoolForTheLoop {
    List<Long> sums(List<List<Long>> batches) throws InterruptedException, ExecutionException {
      ForkJoinPool pool = new ForkJoinPool(4);
      try {
        List<Long> out = new ArrayList<>();
        for (List<Long> batch : batches) {
          out.add(pool.submit(() -> batch.parallelStream().mapToLong(CreatedInLoop::square).sum()).get());
        }
        return out;
      } finally {
        pool.shutdown();
      }
    }
  }

  /** A pool per pass, closed in that pass by try-with-resources. */
  static class CompliantClosedInEachPass {
    int retry(List<Runnable> jobs, int rounds) {
      int done = 0;
      while (done < rounds) {
        try (ExecutorService round = Executors.newFixedThreadPool(jobs.size())) {
          for (Runnable job : jobs) {
            round.execute(job);
          }
        }
        done++;
      }
      return done;
    }
  }

  /** One pool per partition, kept in a list the owner shuts down in close(). */
  static class CompliantKeptPerPartition implements AutoCloseable {
    private final List<ExecutorService> partitions = new ArrayList<>();

    CompliantKeptPerPartition(int count) {
      for (int i = 0; i < count; i++) {
        partitions.add(Executors.newSingleThreadExecutor());
      }
    }

    Future<?> run(int partition, Runnable job) {
      return partitions.get(partition).submit(job);
    }

    @Override
    public void close() {
      for (ExecutorService p : partitions) {
        p.shutdown();
      }
    }
  }

  static class FixedForkJoinPoolPerBatch {
    List<Long> sums(List<List<Long>> batches) throws InterruptedException, ExecutionException {
      List<Long> out = new ArrayList<>();
      for (List<Long> batch : batches) {
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
          out.add(pool.submit(() -> batch.parallelStream().mapToLong(CreatedInLoop::square).sum()).get());
        } finally {
          pool.shutdown();
        }
      }
      return out;
    }
  }

  static class FixedPoolPerRound {
    int retry(List<Runnable> jobs, int rounds) {
      ExecutorService crew = Executors.newFixedThreadPool(jobs.size());
      try {
        int done = 0;
        while (done < rounds) {
          for (Runnable job : jobs) {
            crew.execute(job);
          }
          done++;
        }
        return done;
      } finally {
        crew.close(); // Java 19+: shutdown, then wait for the jobs
      }
    }
  }

  /** One exiting executor for the class: daemon threads, one hook, for the life of the JVM. */
  static class FixedExitingExecutorPerElement {
    private static final ExecutorService SQUARES =
        MoreExecutors.getExitingExecutorService((ThreadPoolExecutor) Executors.newFixedThreadPool(2));

    List<Future<Long>> squares(List<Long> values) {
      List<Future<Long>> out = new ArrayList<>();
      for (Long v : values) {
        out.add(SQUARES.submit(() -> square(v)));
      }
      return out;
    }
  }
}
