package dev.crashguard.testdata.executorleak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.catalog.knowledge.CrashSignatures;
import dev.crashguard.testdata.CrashEvidence;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash proofs: the corpus' own noncompliant code, run on the real JDK (and Guava), in a forked JVM so that
 * the threads it leaks cannot outlive the proof in the test JVM.
 *
 * <ul>
 *   <li><b>The JVM never exits.</b> Each case runs in a JVM of its own whose {@code main} runs the case and
 *       returns. Before returning it lists its live non-daemon threads (a leaked pool's workers parked in
 *       {@code LinkedBlockingQueue.take}, a {@code Timer}'s thread in {@code wait}); the test then gives every
 *       such JVM one bounded wait, together, and finds it still running, and kills it. The fixed version of
 *       the same case exits with status 0 within the bound.
 *   <li><b>The threads pile up.</b> One forked JVM runs each noncompliant case a bounded number of times
 *       and counts live threads with the thread MXBean before and after: every call leaves its threads. The
 *       fixed version, run the same number of times (and its owner closed), returns to the count it started
 *       from (polled against a deadline, never a sleep on a guess). The JVM ends with {@code System.exit},
 *       as the leaked threads would otherwise hold it.
 *   <li><b>The threads run out.</b> Under a thread budget ({@code ulimit -v} and big thread stacks), the
 *       per-call pool ends in "OutOfMemoryError: unable to create native thread" out of {@code submit} in
 *       the corpus method; the fixed version runs the same calls.
 *   <li><b>What the engineer sees.</b> Each failure goes to {@code crashguard explain}'s signatures ({@link
 *       CrashEvidence}): the OutOfMemoryError's trace (and its corpus method ranks first), and thread dumps
 *       taken with the JDK's own {@code jcmd <pid> Thread.print} of the hung JVMs and of JVMs that leaked
 *       CALLS pools or timers. The fixed versions' dumps match nothing.
 * </ul>
 *
 * <p>The proofs use pools that no garbage collection can end (JDK 21+ shuts down an unreachable {@code
 * newSingleThreadExecutor()} through a {@code Cleaner}, and a {@code Timer} without tasks ends when it is
 * unreachable): static fields, fixed and fork/join pools, periodic timers. jbang#2523 shows that the Cleaner
 * does not help a JVM that is idle at exit: no GC runs, the thread stays.
 */
class ExecutorLeakCrashProofTest {

  /** Calls per case in the thread-growth proof. */
  static final int CALLS = 20;

  /** How long a JVM whose main has returned gets to exit; the fixed ones exit in milliseconds. */
  private static final long EXIT_BOUND_MILLIS = 2_000;

  /** The bound for a forked JVM's start-up and its cases; far above what they take. */
  private static final long START_BOUND_MILLIS = 60_000;

  private static final String MAIN_RETURNS = "MAIN-RETURNS";
  private static final String NON_DAEMON = "NON-DAEMON:";
  private static final String READY = "READY-FOR-THE-DUMP";
  private static final String NOT_EXHAUSTED = "NOT-EXHAUSTED";

  /**
   * The thread budget of the exhaustion proof: the address space (ulimit -v, in KiB) and the stack each
   * thread reserves. The JVM itself (64 MiB heap, small code cache and class space, two malloc arenas)
   * takes about 1 GiB of it, which leaves room for about two dozen threads: the fixed version's one pool of
   * ten fits, the noncompliant version runs out after a few dozen calls.
   */
  private static final long ADDRESS_SPACE_KIB = 2_600_000;
  private static final String THREAD_STACK = "-Xss64m";

  /** Calls in the exhaustion proof: far more than the budget allows threads. */
  static final int EXHAUST_CALLS = 2_000;
  private static final String ONLY_THE_PROOF_HOLDS = "ONLY-THE-PROOF-HOLDS";

  @TempDir Path dir;

  // ---- the forked JVM ----------------------------------------------------------------------------------

  /** The forked JVM's entry point: {@code exit <case>} or {@code growth}. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      if (args[0].equals("growth")) {
        growth();
        System.out.flush();
        System.exit(0);
      }
      if (args[0].equals("exhaust")) {
        exhaust(args[1].equals("fixed"));
        System.out.println(NOT_EXHAUSTED);
        System.out.flush();
        System.exit(0);
      }
      if (args[0].equals("dump")) {
        // The named growth cases only, then main waits (for the proof's thread dump) until stdin closes.
        only = Arrays.stream(args).skip(1).collect(Collectors.toSet());
        growth();
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
          // until the proof closes stdin or kills this JVM
        }
        System.exit(0);
      }
      exitCases().get(args[1]).call();
      if (args[0].equals("held")) {
        holdAfterMainReturns();
      }
      List<String> nonDaemon = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
          .map(t -> t.getName() + "/" + t.getState())
          .sorted()
          .toList();
      System.out.println(NON_DAEMON + String.join(",", nonDaemon));
      System.out.println(MAIN_RETURNS);
      System.out.flush();
    }

    /**
     * For the fixed versions' thread dump: one non-daemon thread of the proof's own, started as main
     * returns, waits (bounded) until every other thread that would hold the JVM has ended (main too), says
     * so, and then holds the JVM until stdin closes. A JVM without it would exit at that moment.
     */
    private static void holdAfterMainReturns() {
      Thread main = Thread.currentThread();
      Thread holder = new Thread(() -> {
        try {
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_BOUND_MILLIS);
          while (System.nanoTime() < deadline && (main.isAlive() || Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread()
                  && !t.getName().equals("DestroyJavaVM")))) {
            Thread.sleep(5);
          }
          System.out.println(ONLY_THE_PROOF_HOLDS);
          System.out.flush();
          while (System.in.read() >= 0) {
            // until the proof closes stdin or kills this JVM
          }
        } catch (Exception e) {
          e.printStackTrace();
        }
      }, "proof-holds-the-jvm");
      holder.start();
    }

    /**
     * baigan-config#13 called on until the process has no thread left to give: the error escapes main as
     * it would escape a request, printed by the JDK's own uncaught-exception handler, and the JVM (held by
     * the leaked pools) is then halted. The fixed version runs the same calls on its one pool.
     */
    static void exhaust(boolean fixed) throws Exception {
      Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
        t.getThreadGroup().uncaughtException(t, e); // "Exception in thread "main" ..." and the trace
        System.err.flush();
        Runtime.getRuntime().halt(1);
      });
      if (fixed) {
        try (CreatedPerCall.FixedFixedPoolPerCall c = new CreatedPerCall.FixedFixedPoolPerCall()) {
          for (int i = 0; i < EXHAUST_CALLS; i++) {
            c.load(i).get();
          }
        }
      } else {
        CreatedPerCall.NoncompliantFixedPoolPerCall c = new CreatedPerCall.NoncompliantFixedPoolPerCall();
        for (int i = 0; i < EXHAUST_CALLS; i++) {
          c.load(i).get();
        }
      }
    }

    /** Each case runs the corpus code once, as its incident did, and lets main return. */
    static Map<String, Callable<?>> exitCases() {
      Map<String, Callable<?>> cases = new LinkedHashMap<>();
      Runnable noop = () -> {};
      // helix#1915: a static single-thread pool that ran one task.
      cases.put("static-single-thread", () -> {
        CountDownLatch ran = new CountDownLatch(1);
        StaticPoolKeepsJvmAlive.NoncompliantStaticSingleThread.purgeLater(ran::countDown);
        return ran.await(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      });
      cases.put("fixed-static-single-thread", () -> {
        CountDownLatch ran = new CountDownLatch(1);
        StaticPoolKeepsJvmAlive.FixedStaticSingleThread.purgeLater(ran::countDown);
        return ran.await(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      });
      // playframework#3719: a static non-daemon Timer that ran one task.
      cases.put("static-timer", () -> {
        CountDownLatch ran = new CountDownLatch(1);
        StaticPoolKeepsJvmAlive.NoncompliantStaticTimer.expireLater(ran::countDown, 0);
        return ran.await(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      });
      cases.put("fixed-static-timer", () -> {
        CountDownLatch ran = new CountDownLatch(1);
        StaticPoolKeepsJvmAlive.FixedStaticTimer.expireLater(ran::countDown, 0);
        return ran.await(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      });
      // hiero-sdk-java#1084: the client is used and closed; its executor is not.
      cases.put("close-forgets-executor", () -> {
        var client = new FieldNeverShutDown.NoncompliantCloseForgetsExecutor();
        client.call(noop);
        client.close();
        return null;
      });
      cases.put("fixed-close-forgets-executor", () -> {
        FieldNeverShutDown.FixedCloseForgetsExecutor client = new FieldNeverShutDown.FixedCloseForgetsExecutor();
        client.call(noop);
        client.close();
        return null;
      });
      // eo#2884: the task fails, get() throws, the shutdown after it never runs.
      Callable<String> failing = () -> {
        throw new IllegalStateException("evaluation failed");
      };
      cases.put("shutdown-only-on-normal-path", () -> {
        try {
          return new ShutDownOnlyOnNormalPath.NoncompliantTimeoutSkipsShutdown().evaluate(failing, 10_000);
        } catch (ExecutionException expected) {
          return expected;
        }
      });
      cases.put("fixed-shutdown-only-on-normal-path", () -> {
        try {
          return new ShutDownOnlyOnNormalPath.FixedTimeoutSkipsShutdown().evaluate(failing, 10_000);
        } catch (ExecutionException expected) {
          return expected;
        }
      });
      // atlantafx#11: new Timer().schedule(...) per UI action, one task, run.
      cases.put("inline-timer", () -> {
        CountDownLatch ran = new CountDownLatch(1);
        new TimerPerCall.NoncompliantInlineTimer().hideLater(ran::countDown, 0);
        return ran.await(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      });
      cases.put("fixed-inline-timer", () -> {
        CountDownLatch ran = new CountDownLatch(1);
        new TimerPerCall.CompliantCancelledInFinally().runWithWatchdog(ran::countDown, () -> {}, 60_000);
        return ran.await(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      });
      return cases;
    }

    /** Prints {@code <case> <threads before> <threads after>} for every case, noncompliant and fixed. */
    static void growth() throws Exception {
      List<Long> values = LongStream.range(0, 200).boxed().toList();
      Runnable noop = () -> {};

      measure("per-call-pool", () -> {
        CreatedPerCall.NoncompliantFixedPoolPerCall c = new CreatedPerCall.NoncompliantFixedPoolPerCall();
        for (int i = 0; i < CALLS; i++) {
          c.load(i).get();
        }
      });
      measure("fixed-per-call-pool", () -> {
        try (CreatedPerCall.FixedFixedPoolPerCall c = new CreatedPerCall.FixedFixedPoolPerCall()) {
          for (int i = 0; i < CALLS; i++) {
            c.load(i).get();
          }
        }
      });

      List<Integer> ints = values.stream().map(Long::intValue).toList();
      measure("per-call-fork-join-pool", () -> {
        for (int i = 0; i < CALLS; i++) {
          new CreatedPerCall.NoncompliantForkJoinPoolPerCall().sum(ints, 2);
        }
      });
      measure("fixed-per-call-fork-join-pool", () -> {
        for (int i = 0; i < CALLS; i++) {
          new CreatedPerCall.FixedForkJoinPoolPerCall().sum(ints, 2);
        }
      });

      measure("inline-argument", () -> {
        for (int i = 0; i < CALLS; i++) {
          new CreatedInlineAsArgument.NoncompliantSupplyAsync().fetchAsync().join();
        }
      });
      measure("fixed-inline-argument", () -> {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
          for (int i = 0; i < CALLS; i++) {
            new CreatedInlineAsArgument.FixedSupplyAsync(callers).fetchAsync().join();
          }
        } finally {
          callers.shutdown();
        }
      });

      List<List<Long>> batches = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        batches.add(values);
      }
      measure("loop", () -> new CreatedInLoop.NoncompliantForkJoinPoolPerBatch().sums(batches));
      measure("fixed-loop", () -> new CreatedInLoop.FixedForkJoinPoolPerBatch().sums(batches));

      measure("exiting-executor-in-loop", () -> {
        var squares = new CreatedInLoop.NoncompliantExitingExecutorPerElement().squares(values.subList(0, CALLS));
        for (Future<Long> f : squares) {
          f.get();
        }
      });
      // The fixed version's one static pool starts its two threads once, for the life of the JVM: warm it up.
      for (Future<Long> f : new CreatedInLoop.FixedExitingExecutorPerElement().squares(values.subList(0, 4))) {
        f.get();
      }
      measure("fixed-exiting-executor-in-loop", () -> {
        var squares = new CreatedInLoop.FixedExitingExecutorPerElement().squares(values.subList(0, CALLS));
        for (Future<Long> f : squares) {
          f.get();
        }
      });

      // spring-boot#18263: the handler, called once per request as the dispatcher would.
      measure("per-request", () -> {
        var controller = new CreatedPerRequest.NoncompliantSpringGetMapping();
        for (int i = 0; i < CALLS; i++) {
          controller.price("sku" + i);
        }
      });
      measure("fixed-per-request", () -> {
        ExecutorService bean = Executors.newFixedThreadPool(3);
        try {
          CreatedPerRequest.FixedSpringGetMapping controller = new CreatedPerRequest.FixedSpringGetMapping(bean);
          for (int i = 0; i < CALLS; i++) {
            controller.price("sku" + i);
          }
        } finally {
          bean.shutdown(); // the container's destroy method
        }
      });
      measure("per-request-jax-rs", () -> {
        CreatedPerRequest.NoncompliantJaxRsResource resource = new CreatedPerRequest.NoncompliantJaxRsResource();
        for (int i = 0; i < CALLS; i++) {
          resource.stock("sku" + i);
        }
      });
      measure("fixed-per-request-jax-rs", () -> {
        CreatedPerRequest.FixedJaxRsResource resource = new CreatedPerRequest.FixedJaxRsResource();
        for (int i = 0; i < CALLS; i++) {
          resource.stock("sku" + i);
        }
      });

      // shenyu#6654: every refresh replaces the pool; close() ends only the last one.
      measure("field-overwritten", () -> {
        try (var client = new FieldOverwritten.NoncompliantRefreshReplacesPool()) {
          for (int i = 0; i < CALLS; i++) {
            client.refresh(1);
            client.send(noop);
          }
        }
      });
      measure("fixed-field-overwritten", () -> {
        try (FieldOverwritten.FixedRefreshReplacesPool client = new FieldOverwritten.FixedRefreshReplacesPool()) {
          for (int i = 0; i < CALLS; i++) {
            client.refresh(1);
            client.send(noop);
          }
        }
      });

      // eo#2884's shape: a part fails to parse, the shutdownNow() after the loop never runs.
      List<Callable<String>> bad = List.of(() -> "1", () -> "not a number");
      measure("shutdown-only-on-normal-path", () -> {
        for (int i = 0; i < CALLS; i++) {
          try {
            new ShutDownOnlyOnNormalPath.NoncompliantParseBeforeShutdown().total(bad);
          } catch (NumberFormatException expected) {
            // the caller handles the bad part; the pool is left behind
          }
        }
      });
      // maven#12800's shape: the constructor puts its pool to work, then a bad value throws; no object, no
      // close(), the worker stays. The same constructor failing before any task leaves nothing: a pool
      // starts its threads with its first task.
      measure("constructor-throws-after-a-task", () -> {
        for (int i = 0; i < CALLS; i++) {
          try {
            new ShutDownOnlyOnNormalPath.NoncompliantConstructorThrowsAfterCreation("two", noop).close();
          } catch (NumberFormatException expected) {
            // the caller reports the bad setting; the half-made object's pool is left behind
          }
        }
      });
      measure("fixed-constructor-throws-before-any-task", () -> {
        for (int i = 0; i < CALLS; i++) {
          try {
            new ShutDownOnlyOnNormalPath.CompliantConstructorThrowsBeforeAnyTask("two").close();
          } catch (NumberFormatException expected) {
            // the same failure, before the pool ran anything: no thread was ever started
          }
        }
      });
      measure("fixed-shutdown-only-on-normal-path", () -> {
        for (int i = 0; i < CALLS; i++) {
          try {
            new ShutDownOnlyOnNormalPath.FixedParseBeforeShutdown().total(bad);
          } catch (NumberFormatException expected) {
            // the same failure; the finally has shut the pool down
          }
        }
      });

      // HubTurbo#343: a periodic timer per refresh.
      measure("timer-per-call", () -> {
        TimerPerCall.NoncompliantPeriodicTimerPerCall view = new TimerPerCall.NoncompliantPeriodicTimerPerCall();
        for (int i = 0; i < CALLS; i++) {
          view.startRefreshing(noop, 60_000);
        }
      });
      measure("fixed-timer-per-call", () -> {
        TimerPerCall.FixedPeriodicTimerPerCall view = new TimerPerCall.FixedPeriodicTimerPerCall();
        for (int i = 0; i < CALLS; i++) {
          view.startRefreshing(noop, 60_000);
        }
        view.stop();
      });
    }

    interface Case {
      void run() throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** In {@code dump} mode, the growth cases to run (without measuring); {@code fixed} runs every fixed one. */
    private static Set<String> only;

    /**
     * Runs a case and prints the live thread count before and after. The count after a fixed case is
     * polled until it is back at the count before, or the deadline passes (threads of a pool that was
     * shut down end asynchronously); a noncompliant case's threads stay, so its count is taken at once.
     */
    private static void measure(String name, Case c) throws Exception {
      if (only != null) {
        if (only.contains(name) || (only.contains("fixed") && name.startsWith("fixed-"))) {
          c.run();
        }
        return;
      }
      int before = THREADS.getThreadCount();
      c.run();
      int after = THREADS.getThreadCount();
      if (name.startsWith("fixed-")) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_BOUND_MILLIS / 2);
        while (after > before && System.nanoTime() < deadline) {
          Thread.sleep(5);
          after = THREADS.getThreadCount();
        }
      }
      System.out.println(name + " " + before + " " + after);
    }
  }

  // ---- the proofs --------------------------------------------------------------------------------------

  private Process fork(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java,
        // A young generation larger than anything the cases allocate: no GC runs, so no Cleaner shuts down an
        // unreachable newSingleThreadExecutor() behind the proof's back (as in jbang#2523, where none ran).
        "-Xms160m", "-Xmx160m", "-Xmn128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Child.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve(String.join("-", args) + ".out");
    return new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(String.join("-", args) + ".err").toFile()))
        .start();
  }

  private List<String> output(String... args) throws IOException {
    return Files.readAllLines(dir.resolve(String.join("-", args) + ".out"));
  }

  private String errors(String... args) throws IOException {
    Path err = dir.resolve(String.join("-", args) + ".err");
    return Files.exists(err) ? Files.readString(err) : "";
  }

  private static long millisSince(long nanoStart) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoStart);
  }

  /** Waits (bounded) until the forked JVM has printed that its main returns. */
  private List<String> awaitMainReturned(Process p, String... args) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_BOUND_MILLIS);
    while (System.nanoTime() < deadline) {
      List<String> lines = output(args);
      if (lines.contains(MAIN_RETURNS)) {
        return lines;
      }
      if (!p.isAlive() && !output(args).contains(MAIN_RETURNS)) {
        throw new AssertionError(String.join(" ", args) + " died before main returned: " + errors(args));
      }
      p.waitFor(10, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError(String.join(" ", args) + ": main did not return within the bound");
  }

  @Test
  void aLeakedNonDaemonPoolOrTimerKeepsTheJvmFromExitingAndTheFixedOneExits() throws Exception {
    long start = System.nanoTime();
    List<String> noncompliant = List.of("static-single-thread", "static-timer", "close-forgets-executor",
        "shutdown-only-on-normal-path", "inline-timer");
    Map<String, Process> running = new LinkedHashMap<>();
    for (String name : noncompliant) {
      running.put(name, fork("exit", name));
      running.put("fixed-" + name, fork("exit", "fixed-" + name));
    }
    try {
      Map<String, String> leftOver = new LinkedHashMap<>();
      for (Map.Entry<String, Process> e : running.entrySet()) {
        List<String> lines = awaitMainReturned(e.getValue(), "exit", e.getKey());
        leftOver.put(e.getKey(), lines.stream().filter(l -> l.startsWith(NON_DAEMON)).findFirst().orElseThrow()
            .substring(NON_DAEMON.length()));
      }
      // One bound for all: every JVM's main has returned; the fixed ones exit, the leaking ones do not.
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_BOUND_MILLIS);
      for (Map.Entry<String, Process> e : running.entrySet()) {
        long left = Math.max(0, deadline - System.nanoTime());
        boolean exited = e.getValue().waitFor(left, TimeUnit.NANOSECONDS);
        if (e.getKey().startsWith("fixed-")) {
          if (!exited) {
            exited = e.getValue().waitFor(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
          }
          assertTrue(exited, e.getKey() + " exits once main returns");
          assertEquals(0, e.getValue().exitValue(), e.getKey() + ": " + errors("exit", e.getKey()));
        } else {
          assertFalse(exited, e.getKey() + " should still be running " + EXIT_BOUND_MILLIS + " ms after main returned");
          assertFalse(leftOver.get(e.getKey()).isEmpty(), e.getKey() + " has non-daemon threads left");
          // What the on-call engineer would take of the hung process: main gone (DestroyJavaVM waits), the
          // leaked non-daemon workers idle. The dump names no creation site; only a thread named where it was
          // made (new Timer("expiry")) points at that line.
          String dump = threadDump(e.getValue(), "exit-" + e.getKey());
          Explanation explanation =
              CrashEvidence.assertExplains(Hazard.EXECUTOR_LEAK, "executor-leak/jvm-kept-alive", dump);
          if (e.getKey().equals("static-timer")) {
            CrashEvidence.assertRanksFirst(explanation, StaticPoolKeepsJvmAlive.NoncompliantStaticTimer.class);
          }
          System.out.println("ExecutorLeak " + e.getKey() + ": main returned, the JVM is still running "
              + EXIT_BOUND_MILLIS + " ms later, held by non-daemon " + leftOver.get(e.getKey()));
        }
      }
    } finally {
      for (Process p : running.values()) {
        p.destroyForcibly();
      }
      for (Process p : running.values()) {
        p.waitFor(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
    System.out.println("ExecutorLeak JVM-exit proofs took " + millisSince(start) + " ms");
  }

  /** {@link CrashEvidence#threadDump} of the forked JVM, kept in the proof's directory as NAME.threads. */
  private String threadDump(Process p, String name) throws Exception {
    return CrashEvidence.threadDump(p.pid(), dir.resolve(name + ".threads"), START_BOUND_MILLIS);
  }

  /** Waits (bounded) until the forked JVM has printed {@code line}; fails if it dies first. */
  private void awaitLine(Process p, String line, String... args) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_BOUND_MILLIS);
    while (!output(args).contains(line)) {
      assertTrue(p.isAlive(), String.join(" ", args) + " died before " + line + ": " + errors(args));
      assertTrue(System.nanoTime() < deadline, String.join(" ", args) + ": no " + line + " within the bound");
      p.waitFor(10, TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void aThreadDumpShowsTheLeakedPoolsAndTimersIdleAndNothingForTheFixedVersions() throws Exception {
    long start = System.nanoTime();
    assertTrue(CALLS >= CrashSignatures.LEAKED_POOLS_AT_LEAST, "the leaking JVMs leak as many pools as the signatures ask");
    // CALLS calls each: CALLS pools of Executors' default factory (pool-N-thread-M), CALLS ForkJoinPools
    // (ForkJoinPool-N-worker-M), CALLS timers ("refresh"); then every fixed growth case in one JVM. Each JVM's
    // main then waits for the dump.
    Map<String, String[]> dumps = new LinkedHashMap<>();
    dumps.put("per-call-pool", new String[] {"dump", "per-call-pool"});
    dumps.put("per-request", new String[] {"dump", "per-request"});
    dumps.put("per-call-fork-join-pool", new String[] {"dump", "per-call-fork-join-pool"});
    dumps.put("loop", new String[] {"dump", "loop"});
    dumps.put("timer-per-call", new String[] {"dump", "timer-per-call"});
    dumps.put("fixed", new String[] {"dump", "fixed"});
    // The fixed versions of the exit cases, after main returned: only the proof's own holder thread is left.
    List<String> fixedExits = List.of("fixed-static-single-thread", "fixed-static-timer",
        "fixed-close-forgets-executor", "fixed-shutdown-only-on-normal-path", "fixed-inline-timer");
    for (String f : fixedExits) {
      dumps.put("held-" + f, new String[] {"held", f});
    }
    Map<String, Process> running = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> e : dumps.entrySet()) {
      running.put(e.getKey(), fork(e.getValue()));
    }
    try {
      Map<String, String> taken = new LinkedHashMap<>();
      for (Map.Entry<String, String[]> e : dumps.entrySet()) {
        Process p = running.get(e.getKey());
        String[] args = e.getValue();
        if (args[0].equals("dump")) {
          awaitLine(p, READY, args);
          taken.put(e.getKey(), threadDump(p, e.getKey()));
        } else {
          awaitLine(p, ONLY_THE_PROOF_HOLDS, args);
          // main has returned: the launcher's thread waits as DestroyJavaVM (polled: it is named as it attaches)
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_BOUND_MILLIS);
          String dump = threadDump(p, e.getKey());
          while (!dump.contains("\"DestroyJavaVM\"") && System.nanoTime() < deadline) {
            p.waitFor(10, TimeUnit.MILLISECONDS);
            dump = threadDump(p, e.getKey());
          }
          assertTrue(dump.contains("\"DestroyJavaVM\""), e.getKey() + ": main returned\n" + dump);
          taken.put(e.getKey(), dump);
        }
      }
      // The dumps name no creation site (an idle worker's stack is the pool's, not the code that made it):
      // these signatures name the hazard; only the timers' name, given on the line that makes them
      // (new Timer("refresh")), points at a corpus line.
      CrashEvidence.assertExplains(Hazard.EXECUTOR_LEAK, "executor-leak/idle-pools", taken.get("per-call-pool"));
      CrashEvidence.assertExplains(Hazard.EXECUTOR_LEAK, "executor-leak/idle-pools", taken.get("per-request"));
      CrashEvidence.assertExplains(Hazard.EXECUTOR_LEAK, "executor-leak/idle-fork-join-pools",
          taken.get("per-call-fork-join-pool"));
      CrashEvidence.assertExplains(Hazard.EXECUTOR_LEAK, "executor-leak/idle-fork-join-pools", taken.get("loop"));
      CrashEvidence.assertRanksFirst(
          CrashEvidence.assertExplains(Hazard.EXECUTOR_LEAK, "executor-leak/idle-timers", taken.get("timer-per-call")),
          TimerPerCall.NoncompliantPeriodicTimerPerCall.class);
      CrashEvidence.assertExplainsNothing("the fixed growth cases: their pools shut down, one owned pool at most",
          taken.get("fixed"));
      for (String f : fixedExits) {
        CrashEvidence.assertExplainsNothing(f + ", main returned: no pool or timer holds the JVM",
            taken.get("held-" + f));
      }
      System.out.println("ExecutorLeak thread dumps (jcmd Thread.print) explained: " + taken.keySet());
    } finally {
      for (Process p : running.values()) {
        p.destroyForcibly();
      }
      for (Process p : running.values()) {
        p.waitFor(START_BOUND_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
    System.out.println("ExecutorLeak thread-dump proofs took " + millisSince(start) + " ms");
  }

  /**
   * The JVM of {@code exhaust}, started by bash after {@code ulimit -v}: as root, RLIMIT_NPROC does not
   * bound threads, the address space does (each thread reserves its stack). Same java binary and class path.
   */
  private Process forkWithThreadBudget(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, THREAD_STACK, "-Xms64m", "-Xmx64m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", "-XX:CompressedClassSpaceSize=32m",
        "-XX:MaxMetaspaceSize=64m", "-cp", System.getProperty("java.class.path"), Child.class.getName()));
    command.addAll(List.of(args));
    String quoted = command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -v " + ADDRESS_SPACE_KIB + " && exec " + quoted)
        .redirectOutput(dir.resolve(String.join("-", args) + ".out").toFile())
        .redirectError(dir.resolve(String.join("-", args) + ".err").toFile());
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    return pb.start();
  }

  @Test
  void leakingPoolsPerCallEndInUnableToCreateNativeThreadAndTheFixedVersionDoesNot() throws Exception {
    assumeTrue(System.getProperty("os.name").equals("Linux"), "ulimit -v and glibc's thread stacks");
    long start = System.nanoTime();
    Process leaking = forkWithThreadBudget("exhaust", "noncompliant");
    Process fixed = forkWithThreadBudget("exhaust", "fixed");
    try {
      assertTrue(leaking.waitFor(START_BOUND_MILLIS, TimeUnit.MILLISECONDS), "the exhausted JVM halts");
      assertTrue(fixed.waitFor(START_BOUND_MILLIS, TimeUnit.MILLISECONDS), "the fixed JVM ends");
    } finally {
      leaking.destroyForcibly();
      fixed.destroyForcibly();
    }
    String stderr = errors("exhaust", "noncompliant");
    assertEquals(1, leaking.exitValue(), "halted after the uncaught error\n" + stderr);
    assertFalse(output("exhaust", "noncompliant").contains(NOT_EXHAUSTED), stderr);
    assertTrue(stderr.contains("Exception in thread \"main\" java.lang.OutOfMemoryError: unable to create native thread"),
        stderr);
    // The trace runs from Thread.start through ThreadPoolExecutor.addWorker and submit to the corpus call.
    var explanation = CrashEvidence.assertExplains(Hazard.EXECUTOR_LEAK, "executor-leak/no-native-thread", stderr);
    CrashEvidence.assertRanksFirst(explanation, CreatedPerCall.NoncompliantFixedPoolPerCall.class);

    String fixedErr = errors("exhaust", "fixed");
    assertEquals(0, fixed.exitValue(), "the fixed version's one pool fits the same budget\n" + fixedErr);
    assertTrue(output("exhaust", "fixed").contains(NOT_EXHAUSTED), fixedErr);
    CrashEvidence.assertExplainsNothing("the fixed version, same budget and calls", fixedErr);
    System.out.println("ExecutorLeak under ulimit -v " + ADDRESS_SPACE_KIB + " KiB, " + THREAD_STACK + ": "
        + Stream.concat(output("exhaust", "noncompliant").stream(), stderr.lines())
            .filter(l -> l.contains("Failed to start the native thread") || l.startsWith("Exception in"))
            .collect(Collectors.joining(" / "))
        + "; the fixed version ran " + EXHAUST_CALLS + " calls and exited 0. Took " + millisSince(start) + " ms");
  }

  @Test
  void everyCallLeavesItsThreadsAndTheFixedVersionStaysFlat() throws Exception {
    long start = System.nanoTime();
    Process p = fork("growth");
    try {
      assertTrue(p.waitFor(START_BOUND_MILLIS, TimeUnit.MILLISECONDS), "the growth JVM ends with System.exit");
      assertEquals(0, p.exitValue(), errors("growth"));
    } finally {
      p.destroyForcibly();
    }
    Map<String, int[]> counts = output("growth").stream()
        .map(l -> l.split(" "))
        .filter(f -> f.length == 3)
        .collect(Collectors.toMap(f -> f[0], f -> new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])},
            (a, b) -> a, LinkedHashMap::new));
    assertEquals(22, counts.size(), "every case measured: " + counts.keySet());
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int before = e.getValue()[0];
      int after = e.getValue()[1];
      if (e.getKey().startsWith("fixed-")) {
        assertTrue(after <= before, e.getKey() + ": " + before + " threads before, " + after + " after; flat expected");
      } else {
        // The overwritten field's owner is closed at the end, which ends the last pool: every earlier one stays.
        int leaked = e.getKey().equals("field-overwritten") ? CALLS - 1 : CALLS;
        assertTrue(after - before >= leaked, e.getKey() + ": " + before + " threads before, " + after + " after "
            + CALLS + " calls; at least " + leaked + " left behind expected");
      }
      System.out.println("ExecutorLeak " + e.getKey() + ": " + before + " live threads before " + CALLS
          + " calls, " + after + " after");
    }
    System.out.println("ExecutorLeak thread-growth proofs took " + millisSince(start) + " ms");
  }
}
