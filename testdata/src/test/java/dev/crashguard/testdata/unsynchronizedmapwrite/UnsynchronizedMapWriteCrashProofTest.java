package dev.crashguard.testdata.unsynchronizedmapwrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Crash proofs: the corpus' own noncompliant code, run on the real JDK, loses entries or throws; the
 * fixed version of the same code never does. Races are nondeterministic, so each proof repeats a
 * bounded number of times and stops at the first failure; there are no sleeps.
 */
class UnsynchronizedMapWriteCrashProofTest {

  private static final int ATTEMPTS = 200;
  private static final int ELEMENTS = 50_000;
  private static final int POOL_THREADS = 4;

  /** What one run of a case did: how many entries survived, or what it threw. */
  private record Outcome(int expected, int actual, Throwable thrown) {
    boolean failed() {
      return thrown != null || actual != expected;
    }

    @Override
    public String toString() {
      return thrown != null
          ? "threw " + thrown
          : actual + " of " + expected + " entries survived (" + (expected - actual) + " lost)";
    }
  }

  private static Outcome run(int expected, Supplier<Integer> sizeAfterRun) {
    try {
      return new Outcome(expected, sizeAfterRun.get(), null);
    } catch (RuntimeException | Error e) {
      return new Outcome(expected, -1, e);
    }
  }

  /** Repeats until the first failure; returns it, or null after ATTEMPTS clean runs. */
  private static Outcome firstFailure(int expected, Supplier<Integer> sizeAfterRun) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Outcome outcome = run(expected, sizeAfterRun);
      if (outcome.failed()) {
        return outcome;
      }
    }
    return null;
  }

  @Test
  void parallelStreamIntoHashSetLosesEntries() {
    ParallelStreamWrite.Noncompliant noncompliant = new ParallelStreamWrite.Noncompliant();
    // A parallel stream started inside a ForkJoinPool task runs on that pool: more workers than cores make
    // the race show on a 2-core machine too, where the common pool has one worker besides the caller.
    ForkJoinPool workers = new ForkJoinPool(POOL_THREADS * 2);
    Outcome failure;
    try {
      failure =
          firstFailure(
              ELEMENTS,
              () -> {
                try {
                  return workers.submit(() -> noncompliant.squares(ELEMENTS).size()).get(1, TimeUnit.MINUTES);
                } catch (TimeoutException e) {
                  throw new IllegalStateException("a writer spun for a minute on a corrupted table", e);
                } catch (InterruptedException | ExecutionException e) {
                  throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
                }
              });
    } finally {
      workers.shutdownNow();
    }
    System.out.println("ParallelStreamWrite.Noncompliant.squares: " + failure);
    assertTrue(failure != null, "a HashSet written from a parallel stream kept every entry " + ATTEMPTS + " times");

    ParallelStreamWrite.Fixed fixed = new ParallelStreamWrite.Fixed();
    for (int i = 0; i < ATTEMPTS / 4; i++) {
      assertEquals(ELEMENTS, fixed.squares(ELEMENTS).size(), "the fixed version lost an entry");
    }
  }

  @Test
  void tasksOnAnExecutorLoseCounts() throws Exception {
    List<String> words = IntStream.range(0, ELEMENTS).mapToObj(i -> "w" + i).toList();
    ExecutorService pool = Executors.newFixedThreadPool(POOL_THREADS);
    try {
      Outcome failure =
          firstFailure(
              words.size(),
              () -> {
                TaskSubmittedToExecutor.Noncompliant counter = new TaskSubmittedToExecutor.Noncompliant();
                counter.countAll(pool, words);
                return drainedSize(pool, counter, "counts");
              });
      System.out.println("TaskSubmittedToExecutor.Noncompliant.countAll: " + failure);
      assertTrue(failure != null, "a HashMap written from pool tasks kept every entry " + ATTEMPTS + " times");

      for (int i = 0; i < ATTEMPTS / 4; i++) {
        TaskSubmittedToExecutor.Fixed counter = new TaskSubmittedToExecutor.Fixed();
        counter.countAll(pool, words);
        assertEquals(words.size(), drainedSize(pool, counter, "counts"), "the fixed version lost an entry");
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }
  }

  /**
   * Waits until every task already submitted to the 4-thread {@code pool} has finished, then reads the
   * size of the case's private map field. The barrier is 4 tasks that wait for each other: they can only
   * all run once each of the 4 workers is done with whatever it took before.
   */
  private static int drainedSize(ExecutorService pool, Object owner, String field) {
    try {
      CountDownLatch allWorkersFree = new CountDownLatch(POOL_THREADS);
      List<Future<?>> barriers = new ArrayList<>();
      for (int i = 0; i < POOL_THREADS; i++) {
        barriers.add(
            pool.submit(
                () -> {
                  allWorkersFree.countDown();
                  return allWorkersFree.await(1, TimeUnit.MINUTES);
                }));
      }
      for (Future<?> barrier : barriers) {
        assertEquals(Boolean.TRUE, barrier.get(2, TimeUnit.MINUTES), "the pool never drained");
      }
      Field f = owner.getClass().getDeclaredField(field);
      f.setAccessible(true);
      Object value = f.get(owner);
      return value instanceof Map<?, ?> map ? map.size() : ((Set<?>) value).size();
    } catch (ReflectiveOperationException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
