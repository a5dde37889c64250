package dev.crashguard.testdata.unsynchronizedmapwrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.catalog.crash.Ranking;
import dev.crashguard.corpus.Marker;
import dev.crashguard.testdata.CrashEvidence;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
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
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash proofs: the corpus' own noncompliant code, run on the real JDK, loses entries or throws; the
 * fixed version of the same code never does. Races are nondeterministic, so each proof repeats a
 * bounded number of times and stops at the first failure; there are no sleeps. A failure that throws is
 * handed, as printStackTrace prints it, to {@code crashguard explain}'s signatures, which must name this
 * hazard and rank the corpus line that failed first; lost entries throw nothing and leave no log.
 */
class UnsynchronizedMapWriteCrashProofTest {

  private static final int ATTEMPTS = 200;
  private static final int ELEMENTS = 50_000;
  private static final int POOL_THREADS = 4;
  private static final int ROUTES = 4_000;
  /**
   * At most this many drops while the writer adds: with the lock, each drop holds it for a whole walk and
   * the same thread takes it again at once, so "until the writer is done" would starve the writer.
   */
  private static final int DROPS = 200;

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
   * {@code ViewsAndIterators.NoncompliantViewWriteSkipsTheLock}: add() writes the TreeMap under the lock,
   * drop() walks its entries (entrySet().removeIf) without it. One thread adds routes while another drops
   * one that is not there: the walk alone, which removes nothing, fails with a ConcurrentModificationException
   * out of TreeMap's iterator, on drop's line, which is the line explain ranks first. The fixed class, whose
   * drop() takes the lock, never fails.
   */
  @Test
  void walkingTheMapWithoutTheLockWhileAnotherThreadAddsThrowsConcurrentModification() throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Outcome failure =
          firstFailure(
              ROUTES,
              () -> {
                ViewsAndIterators.NoncompliantViewWriteSkipsTheLock routes =
                    new ViewsAndIterators.NoncompliantViewWriteSkipsTheLock();
                return addWhileDropping(writer, routes::add, routes::drop, routes);
              });
      System.out.println("ViewsAndIterators.NoncompliantViewWriteSkipsTheLock.drop: " + failure);
      assertTrue(failure != null,
          "a TreeMap walked without the lock while another thread wrote it never failed " + ATTEMPTS + " times");
      ConcurrentModificationException cme = assertInstanceOf(ConcurrentModificationException.class, failure.thrown());
      Explanation explanation =
          CrashEvidence.assertExplains(
              Hazard.UNSYNCHRONIZED_MAP_WRITE,
              "unsynchronized-map-write/concurrent-modification",
              CrashEvidence.trace(cme));
      CrashEvidence.assertRanksFirst(explanation, ViewsAndIterators.NoncompliantViewWriteSkipsTheLock.class);
      System.out.println("explained: " + explained(explanation));

      for (int i = 0; i < ATTEMPTS / 4; i++) {
        ViewsAndIterators.FixedViewWriteSkipsTheLock routes = new ViewsAndIterators.FixedViewWriteSkipsTheLock();
        assertEquals(ROUTES, addWhileDropping(writer, routes::add, routes::drop, routes), "the fixed version failed");
      }
    } finally {
      writer.shutdownNow();
      assertTrue(writer.awaitTermination(1, TimeUnit.MINUTES));
    }
  }

  /** What explain found, for the build log: the lines of the log it matched, and the marker it ranks first. */
  private static String explained(Explanation explanation) {
    Ranking.Ranked<Marker> first = CrashEvidence.rank(explanation).get(0);
    return explanation.matches().stream()
            .flatMap(m -> m.evidence().lines().stream())
            .map(l -> "\n  " + l)
            .collect(Collectors.joining())
        + "\n  ranks first " + first.candidate().finding() + " (" + first.link().phrase() + ")";
  }

  /**
   * Adds half the {@link #ROUTES} on this thread, the other half on {@code writer} while this thread drops a
   * route that is not there, again and again until the writer is done (at most {@link #DROPS} times);
   * returns the size of the case's {@code routes} map.
   */
  private static int addWhileDropping(
      ExecutorService writer, Consumer<String> add, Consumer<String> drop, Object owner) {
    for (int i = 0; i < ROUTES / 2; i++) {
      add.accept("/r" + i);
    }
    Future<?> adding =
        writer.submit(
            () -> {
              for (int i = ROUTES / 2; i < ROUTES; i++) {
                add.accept("/r" + i);
              }
            });
    try {
      for (int i = 0; i < DROPS && !adding.isDone(); i++) {
        drop.accept("/absent");
      }
    } finally {
      try {
        adding.get(1, TimeUnit.MINUTES);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the writer failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return fieldSize(owner, "routes");
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
      return fieldSize(owner, field);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The size of the case's private map or set field {@code field}. */
  private static int fieldSize(Object owner, String field) {
    try {
      Field f = owner.getClass().getDeclaredField(field);
      f.setAccessible(true);
      Object value = f.get(owner);
      return value instanceof Map<?, ?> map ? map.size() : ((Set<?>) value).size();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- a thread dump of a JVM whose map writers spin -------------------------------------------------

  /** How long a call of the corpus case may take before the forked JVM takes it for a spinning one. */
  private static final long CALL_BOUND_MILLIS = 1_000;
  /** How long the forked JVM may take to start, spin, and be dumped: it spins within a second or so. */
  private static final long SPIN_BOUND_MILLIS = 30_000;
  private static final String SPINNING = "spinning after call ";
  private static final String NO_SPIN = "no call spun";

  @TempDir Path dir;

  /**
   * {@code ParallelStreamWrite.NoncompliantMoreParallelShapes.methodReference}: a TreeSet written from a
   * parallel stream. Concurrent puts rotate the red-black tree under each other; a call soon stops returning,
   * its workers RUNNABLE inside TreeMap.put for good. A forked JVM runs the case until a call does not end,
   * and two of the JDK's own {@code jcmd <pid> Thread.print} dumps of it, half a second apart, are what
   * explain reads: the threads still spinning lead to the corpus class.
   */
  @Test
  void concurrentPutsIntoATreeSetLeaveThreadsSpinningInATreeMap() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPIN_BOUND_MILLIS);
    Path out = dir.resolve("spinner.out");
    Process p = startSpinner(out);
    try {
      List<String> ended = new ArrayList<>();
      while (!Files.readString(out).contains(SPINNING)) {
        if (!p.isAlive()) {
          // Not seen in dozens of runs from a shell, once under a loaded surefire run: say how it ended, and
          // give the race another JVM while the bound allows.
          ended.add("exit " + p.exitValue() + ": " + Files.readString(out).strip().replace('\n', ';')
              + Files.readString(dir.resolve("spinner.err")));
          assertTrue(ended.size() < 3, "the forked JVMs ended without spinning: " + ended);
          p = startSpinner(out);
        }
        assertTrue(System.nanoTime() < deadline, "no call spun within " + SPIN_BOUND_MILLIS + " ms; ended: " + ended);
        p.waitFor(10, TimeUnit.MILLISECONDS);
      }
      // As an operator confirms a spin: two dumps a moment apart, the second appended to the first. A call
      // that merely ran long has left TreeMap's code by the second; a spinning one is still there.
      String dump = threadDump(p);
      p.waitFor(500, TimeUnit.MILLISECONDS);
      dump = dump + "\n" + threadDump(p);
      System.out.println("ParallelStreamWrite.NoncompliantMoreParallelShapes.methodReference: "
          + Files.readString(out).strip().replace('\n', ';'));
      Explanation explanation =
          CrashEvidence.assertExplains(
              Hazard.UNSYNCHRONIZED_MAP_WRITE, "unsynchronized-map-write/spinning-in-map", dump);
      CrashEvidence.assertRanksFirst(explanation, ParallelStreamWrite.NoncompliantMoreParallelShapes.class);
      System.out.println("explained: " + explained(explanation));
    } finally {
      p.destroyForcibly();
      assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the forked JVM ends when killed");
    }
  }

  /** Starts a {@link Spinner} JVM writing its output to {@code out} (emptied first). */
  private Process startSpinner(Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Spinner.class.getName())
        .redirectOutput(out.toFile())
        .redirectError(dir.resolve("spinner.err").toFile())
        .start();
  }

  /** {@link CrashEvidence#threadDump} of the forked JVM, bounded. */
  private String threadDump(Process p) throws IOException, InterruptedException {
    return CrashEvidence.threadDump(p.pid(), Files.createTempFile(dir, "spinner", ".threads"), SPIN_BOUND_MILLIS);
  }

  /**
   * The forked JVM: calls the corpus case on a pool of {@link #POOL_THREADS} workers until a call does not
   * end within {@link #CALL_BOUND_MILLIS}, says so, and waits to be dumped and killed. A call the corrupted
   * tree makes throw instead (a NullPointerException out of the rotations) is tried again.
   */
  static final class Spinner {
    public static void main(String[] args) throws Exception {
      ForkJoinPool workers = new ForkJoinPool(POOL_THREADS);
      List<String> words = IntStream.range(0, ELEMENTS).mapToObj(i -> "w" + i).toList();
      for (int call = 1; call <= ATTEMPTS; call++) {
        ParallelStreamWrite.NoncompliantMoreParallelShapes shapes =
            new ParallelStreamWrite.NoncompliantMoreParallelShapes();
        Future<?> running = workers.submit(() -> shapes.methodReference(words));
        try {
          running.get(CALL_BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException spinning) {
          System.out.println(SPINNING + call);
          System.out.flush();
          new CountDownLatch(1).await();
        } catch (ExecutionException threw) {
          System.out.println("call " + call + " threw " + threw.getCause());
        }
      }
      System.out.println(NO_SPIN);
    }
  }
}
