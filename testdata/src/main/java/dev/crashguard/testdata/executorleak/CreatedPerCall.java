package dev.crashguard.testdata.executorleak;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A pool created in a method, used, and left running: nothing shuts it down, returns it, stores it or hands
 * it to an owner. Every call leaves its threads behind (parked in {@code LinkedBlockingQueue.take}, or for a
 * {@code ForkJoinPool} idling for 60 s), until "OutOfMemoryError: unable to create native thread"; the
 * non-daemon ones also keep the JVM from exiting. Reported on the creation.
 *
 * <p>Written from real reports: a fixed pool created per configuration load (zalando-incubator/baigan-config#13,
 * fixed by one reused pool in #16); a {@code ForkJoinPool} per call, "run this in a loop of 4000, it will
 * start throwing OOME" (apache/incubator-kie#2247), and one per training run (oracle/tribuo#223); method-local
 * executors without {@code shutdown()} that "remain in RAM consuming native memory" until no thread can be
 * created (JaneliaSciComp/multiview-reconstruction#23); a scheduled executor made for one delayed task; and
 * {@code awaitTermination} without a shutdown, which waits its whole timeout and leaves the pool running
 * (fb-contrib's HangingExecutors sample).
 *
 * <p>The compliant twins create the same pools and end them on every path: try-with-resources (Java 19+),
 * {@code shutdown()} or {@code shutdownNow()} in {@code finally} (or Guava's {@code
 * MoreExecutors.shutdownAndAwaitTermination}), a virtual-thread executor in
 * try-with-resources, a thread-per-task executor (nothing outlives its tasks), and the common pool, which is
 * not created and must not be shut down. A pool is known by its creation, not by the declared type of the
 * variable that holds it ({@code Executor}, {@code var}) nor by the class's name (a project's own subclass
 * of {@code ThreadPoolExecutor}).
 */
public class CreatedPerCall {

  static int work(int n) {
    return n * 2;
  }

  /** baigan-config#13: "createFuture() creates a new thread pool every time". */
  static class NoncompliantFixedPoolPerCall {
    Future<Integer> load(int key) {
      ExecutorService pool = Executors.newFixedThreadPool(10); // hazard: ExecutorLeak
      return pool.submit(() -> work(key));
    }
  }

  /** incubator-kie#2247, tribuo#223: a ForkJoinPool per call to bound a parallel stream. */
  static class NoncompliantForkJoinPoolPerCall {
    long sum(List<Integer> values, int parallelism) throws InterruptedException, ExecutionException {
      ForkJoinPool fjp = new ForkJoinPool(parallelism); // hazard: ExecutorLeak
      return fjp.submit(() -> values.parallelStream().mapToLong(CreatedPerCall::work).sum()).get();
    }
  }

  /** A scheduler made for one delayed task; its core thread waits for more forever. */
  static class NoncompliantSchedulerForOneTask {
    void remindLater(Runnable reminder, long delayMillis) {
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(); // hazard: ExecutorLeak
      scheduler.schedule(reminder, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Waiting for termination that nobody asked for: returns false after the timeout, the pool runs on. */
  static class NoncompliantAwaitWithoutShutdown {
    int runBoth(Callable<Integer> first, Callable<Integer> second) throws Exception {
      ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 2, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>()); // hazard: ExecutorLeak
      Future<Integer> a = workers.submit(first);
      Future<Integer> b = workers.submit(second);
      workers.awaitTermination(1, TimeUnit.SECONDS);
      return a.get() + b.get();
    }
  }

  /** A pool of the project's own subclass, made per call: a subclass is a pool too. */
  static class NoncompliantSubclassPerCall {
    static final class CountingPool extends ThreadPoolExecutor {
      CountingPool(int threads) {
        super(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
      }
    }

    Future<Integer> load(int key) {
      CountingPool counting = new CountingPool(2); // hazard: ExecutorLeak
      return counting.submit(() -> work(key));
    }
  }

  /** Held as a plain Executor or a {@code var}: the declared type does not say it, the creation does. */
  static class NoncompliantDeclaredAsExecutor {
    void fireAndForget(Runnable job) {
      Executor background = Executors.newScheduledThreadPool(1); // hazard: ExecutorLeak
      background.execute(job);
    }

    Future<Integer> steal(int key) {
      var stealing = Executors.newWorkStealingPool(); // hazard: ExecutorLeak
      return stealing.submit(() -> work(key));
    }
  }

  /** Java 19+: close() shuts the pool down and waits for its tasks. */
  static class CompliantTryWithResources {
    int load(int key) throws InterruptedException, ExecutionException {
      try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
        return pool.submit(() -> work(key)).get();
      }
    }
  }

  /** The classic form: shutdown in finally, whatever the task did. */
  static class CompliantShutdownInFinally {
    int runBoth(Callable<Integer> first, Callable<Integer> second) throws Exception {
      ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 2, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
      try {
        Future<Integer> a = workers.submit(first);
        Future<Integer> b = workers.submit(second);
        return a.get() + b.get();
      } finally {
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.SECONDS);
      }
    }
  }

  /** A ForkJoinPool ended with shutdownNow() in finally; the stream's result is taken first. */
  static class CompliantForkJoinShutdownNow {
    long sum(List<Integer> values, int parallelism) throws InterruptedException, ExecutionException {
      ForkJoinPool bounded = new ForkJoinPool(parallelism);
      try {
        return bounded.submit(() -> values.parallelStream().mapToLong(CreatedPerCall::work).sum()).get();
      } finally {
        bounded.shutdownNow();
      }
    }
  }

  /** JEP 444's structured idiom: a virtual thread per task, closed by try-with-resources. */
  static class CompliantVirtualThreadsInTryWithResources {
    List<Integer> all(List<Callable<Integer>> tasks) throws Exception {
      try (var perTask = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Integer> out = new java.util.ArrayList<>();
        for (Future<Integer> f : perTask.invokeAll(tasks)) {
          out.add(f.get());
        }
        return out;
      }
    }
  }

  /** A thread-per-task executor keeps no thread once its task ends: nothing to leak, closed or not. */
  static class CompliantThreadPerTask {
    Future<Integer> later(int key) {
      ExecutorService oneShot = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("later-", 0).factory());
      return oneShot.submit(() -> work(key));
    }
  }

  /** The same kinds, declared as Executor or var, each ended on every path. */
  static class CompliantDeclaredAsExecutorEnded {
    void runAndWait(Runnable job) throws InterruptedException {
      Executor background = Executors.newScheduledThreadPool(1);
      try {
        background.execute(job);
      } finally {
        ((ExecutorService) background).shutdown();
      }
    }

    int steal(int key) throws InterruptedException, ExecutionException {
      try (var stealing = Executors.newWorkStealingPool()) {
        return stealing.submit(() -> work(key)).get();
      }
    }
  }

  /** Guava's helper shuts the pool down (and waits) in finally. */
  static class CompliantGuavaShutdownHelper {
    int load(int key) throws InterruptedException, ExecutionException {
      ExecutorService loader = Executors.newSingleThreadScheduledExecutor();
      try {
        return loader.submit(() -> work(key)).get();
      } finally {
        MoreExecutors.shutdownAndAwaitTermination(loader, Duration.ofSeconds(5));
      }
    }
  }

  /** The common pool is shared and not created here; its shutdown() does nothing. */
  static class CompliantCommonPool {
    long sum(List<Integer> values) throws InterruptedException, ExecutionException {
      ForkJoinPool shared = ForkJoinPool.commonPool();
      return shared.submit(() -> values.stream().mapToLong(CreatedPerCall::work).sum()).get();
    }
  }

  /** The fix of baigan-config#16: one pool for the object, shut down when the object is closed. */
  static class FixedFixedPoolPerCall implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(10);

    Future<Integer> load(int key) {
      return pool.submit(() -> work(key));
    }

    @Override
    public void close() {
      pool.shutdown();
    }
  }

  /** The fix of incubator-kie#2247: shut down after use. */
  static class FixedForkJoinPoolPerCall {
    long sum(List<Integer> values, int parallelism) throws InterruptedException, ExecutionException {
      ForkJoinPool fjp = new ForkJoinPool(parallelism);
      try {
        return fjp.submit(() -> values.parallelStream().mapToLong(CreatedPerCall::work).sum()).get();
      } finally {
        fjp.shutdown();
      }
    }
  }

  static class FixedSchedulerForOneTask {
    void remindLater(Runnable reminder, long delayMillis) {
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      try {
        scheduler.schedule(reminder, delayMillis, TimeUnit.MILLISECONDS);
      } finally {
        scheduler.shutdown(); // delayed tasks already scheduled still run by default
      }
    }
  }

  static class FixedAwaitWithoutShutdown {
    int runBoth(Callable<Integer> first, Callable<Integer> second) throws Exception {
      ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 2, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
      try {
        Future<Integer> a = workers.submit(first);
        Future<Integer> b = workers.submit(second);
        return a.get() + b.get();
      } finally {
        workers.shutdown();
      }
    }
  }
}
