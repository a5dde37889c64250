package dev.crashguard.testdata.executorleak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool shut down as the last statement, after work that can throw: a {@code Future.get} that times out or
 * fails, a parse of a result, a caller's callback. When it throws, the shutdown is skipped and the pool's
 * threads stay, once per failing call; failures come in bursts, so do the leaked pools. Reported on the
 * creation.
 *
 * <p>Written from objectionary/eo#2884 (closes #2883): {@code s = newSingleThreadExecutor();
 * s.submit(…).get(t, SECONDS); s.shutdown();} leaked the executor whenever {@code get} threw {@code
 * TimeoutException}, fixed with {@code try { … } finally { s.shutdown(); }}; and apache/maven#12800 (a
 * thread pool allocated in a constructor before code that can throw, "thread pool leak on constructor
 * failure": the object that would shut it down in {@code close()} is never made).
 *
 * <p>The compliant twins shut down on every path: in {@code finally}, in a catch-all that rethrows and on the
 * normal path, and the common idiom where only hand-offs to the pool itself stand between its creation and its
 * shutdown ({@code submit}, {@code execute}: a fresh pool does not reject them), with the waiting done after
 * the shutdown.
 */
public class ShutDownOnlyOnNormalPath {

  static int parse(String text) {
    return Integer.parseInt(text.trim());
  }

  /** eo#2884: get() times out, shutdown() never runs. */
  static class NoncompliantTimeoutSkipsShutdown {
    String evaluate(Callable<String> expression, long timeoutMillis) throws Exception {
      ExecutorService service = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak
      String result = service.submit(expression).get(timeoutMillis, TimeUnit.MILLISECONDS);
      service.shutdown();
      return result;
    }
  }

  /** A parse between the work and the shutdown: one bad answer and the pool is left behind. */
  static class NoncompliantParseBeforeShutdown {
    int total(List<Callable<String>> parts) throws Exception {
      ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2); // hazard: ExecutorLeak
      int sum = 0;
      for (Future<String> part : timers.invokeAll(parts)) {
        sum += parse(part.get());
      }
      timers.shutdownNow();
      return sum;
    }
  }

  /**
   * apache/maven#12800, "thread pool leak on constructor failure": the pool is made first and put to work
   * (a warm-up task), then the configuration is parsed; a bad value throws, no object is made, nobody can
   * ever call close(), and the worker the task started stays.
   */
  static class NoncompliantConstructorThrowsAfterCreation implements AutoCloseable {
    private final ExecutorService builders;
    private final int degree;

    NoncompliantConstructorThrowsAfterCreation(String threads, Runnable warmUp) {
      builders = Executors.newFixedThreadPool(2); // hazard: ExecutorLeak (not: pmd — XPath cannot tell which later calls of a constructor can throw: servers assign their pools first and call on in nearly every constructor, so reporting each would be mostly false)
      builders.execute(warmUp);
      degree = parse(threads);
    }

    @Override
    public void close() {
      builders.shutdown();
    }
  }

  /**
   * The same constructor before any task: a ThreadPoolExecutor starts its workers with its first task, so a
   * pool that has run none has no thread, and the failed constructor leaves nothing behind (jgroups'
   * EchoServer, a false alarm met in the real world). A java.util.Timer is the exception: it starts its
   * thread when it is made.
   */
  static class CompliantConstructorThrowsBeforeAnyTask implements AutoCloseable {
    private final ExecutorService builders;
    private final int degree;

    CompliantConstructorThrowsBeforeAnyTask(String threads) {
      builders = Executors.newFixedThreadPool(2);
      degree = parse(threads);
    }

    void build(Runnable part) {
      builders.execute(part);
    }

    @Override
    public void close() {
      builders.shutdown();
    }
  }

  /**
   * A method's pool whose first failure can come before its first task: then no thread was started and none
   * is left; from the first task on, finally ends it.
   */
  static class CompliantThrowsBeforeAnyTask {
    String evaluate(String limit, Callable<String> expression) throws Exception {
      ExecutorService service = Executors.newSingleThreadExecutor();
      long millis = parse(limit);
      try {
        return service.submit(expression).get(millis, TimeUnit.MILLISECONDS);
      } finally {
        service.shutdown();
      }
    }
  }

  /** eo's fix: shutdown in finally. */
  static class CompliantShutdownInFinally {
    String evaluate(Callable<String> expression, long timeoutMillis) throws Exception {
      ExecutorService service = Executors.newSingleThreadExecutor();
      try {
        return service.submit(expression).get(timeoutMillis, TimeUnit.MILLISECONDS);
      } finally {
        service.shutdownNow();
      }
    }
  }

  /** Shut down in a catch-all that rethrows, and on the normal path: every path. */
  static class CompliantCatchAllAndNormalPath {
    int total(List<Callable<String>> parts) throws Exception {
      ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2);
      int sum = 0;
      try {
        for (Future<String> part : timers.invokeAll(parts)) {
          sum += parse(part.get());
        }
      } catch (Throwable t) {
        timers.shutdownNow();
        throw t;
      }
      timers.shutdown();
      return sum;
    }
  }

  /**
   * Tasks handed over, then the shutdown, then the wait: nothing but hand-offs to the pool stands before
   * the shutdown, and what can throw ({@code get}, {@code awaitTermination}) comes after it.
   */
  static class CompliantOnlyHandOffsBeforeShutdown {
    List<String> all(List<Callable<String>> jobs) throws Exception {
      ExecutorService crew = Executors.newFixedThreadPool(3);
      List<Future<String>> futures = new ArrayList<>();
      for (Callable<String> job : jobs) {
        futures.add(crew.submit(job));
      }
      crew.shutdown();
      crew.awaitTermination(10, TimeUnit.SECONDS);
      List<String> out = new ArrayList<>();
      for (Future<String> f : futures) {
        out.add(f.get());
      }
      return out;
    }
  }

  /** A timeout handled: the catch shuts down and returns, the normal path shuts down too. */
  static class CompliantTimeoutHandled {
    String evaluate(Callable<String> expression, long timeoutMillis) throws Exception {
      ExecutorService service = Executors.newSingleThreadExecutor();
      String result;
      try {
        result = service.submit(expression).get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        service.shutdownNow();
        return "timeout";
      } catch (Throwable e) {
        service.shutdownNow();
        throw e;
      }
      service.shutdown();
      return result;
    }
  }

  /** What can throw comes first; the pool is made last, when the object is sure to exist. */
  static class CompliantPoolMadeLastInConstructor implements AutoCloseable {
    private final int degree;
    private final ScheduledThreadPoolExecutor builders;

    CompliantPoolMadeLastInConstructor(String threads) {
      degree = parse(threads);
      builders = new ScheduledThreadPoolExecutor(degree);
    }

    @Override
    public void close() {
      builders.shutdown();
    }
  }

  /**
   * apache/zookeeper's Leader.LearnerCnxAcceptor: the finally block closes the sockets first and then shuts
   * the pool down. The shutdown is in finally, so every way out of the try block reaches it; the cleanup
   * before it swallows its own failures.
   */
  static class CompliantCleanupBeforeShutdownInFinally {
    String accept(Callable<String> handshake, List<java.io.Closeable> sockets) throws Exception {
      ExecutorService acceptors = Executors.newFixedThreadPool(2);
      try {
        return acceptors.submit(handshake).get(5, TimeUnit.SECONDS);
      } finally {
        closeQuietly(sockets);
        acceptors.shutdown();
      }
    }

    static void closeQuietly(List<java.io.Closeable> sockets) {
      for (java.io.Closeable socket : sockets) {
        try {
          socket.close();
        } catch (java.io.IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  /**
   * apache/curator's ConnectionStateManager, lettuce's HealthCheckImpl, zookeeper's ContainerManager: after
   * making the pool, the constructor only asks its arguments for collaborators and logs. Nothing parses or
   * validates what the caller passed, and the pool has no thread before its first task.
   */
  static class CompliantConstructorAsksItsArguments implements AutoCloseable {
    interface ListenerFactory {
      List<Runnable> newListeners(String client);
    }

    private final ExecutorService events;
    private final List<Runnable> listeners;

    CompliantConstructorAsksItsArguments(String client, ListenerFactory factory, java.util.logging.Logger log) {
      events = Executors.newSingleThreadExecutor();
      listeners = factory.newListeners(client);
      log.fine("created for " + client);
    }

    void fire() {
      listeners.forEach(events::execute);
    }

    @Override
    public void close() {
      events.shutdown();
    }
  }

  static class FixedTimeoutSkipsShutdown {
    String evaluate(Callable<String> expression, long timeoutMillis) throws Exception {
      ExecutorService service = Executors.newSingleThreadExecutor();
      try {
        return service.submit(expression).get(timeoutMillis, TimeUnit.MILLISECONDS);
      } finally {
        service.shutdown();
      }
    }
  }

  static class FixedParseBeforeShutdown {
    int total(List<Callable<String>> parts) throws Exception {
      ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2);
      try {
        int sum = 0;
        for (Future<String> part : timers.invokeAll(parts)) {
          sum += parse(part.get());
        }
        return sum;
      } finally {
        timers.shutdownNow();
      }
    }
  }

  /** maven#12800's fix: parse first, make the pool last. */
  static class FixedConstructorThrowsAfterCreation implements AutoCloseable {
    private final int degree;
    private final ExecutorService builders;

    FixedConstructorThrowsAfterCreation(String threads) {
      degree = parse(threads);
      builders = Executors.newFixedThreadPool(2);
    }

    @Override
    public void close() {
      builders.shutdown();
    }
  }

  /**
   * Apache MINA's SimpleIoProcessorPool (mina-core 2.2.4), a false alarm met in the real world: the
   * constructor makes the executor when none is given, then makes its workers in a try whose finally calls
   * dispose() unless it got to the end; dispose(), a method of the same class, shuts the executor down. Every
   * failing path ends the pool; on the normal path the object keeps it, and its own dispose() ends it later.
   */
  static class CompliantConstructorDisposesInFinally {
    private final java.util.concurrent.Executor executor;
    private final boolean createdExecutor;
    private final Object disposalLock = new Object();
    private final Runnable[] workers;
    private volatile boolean disposed;

    CompliantConstructorDisposesInFinally(java.util.concurrent.Executor executor, int size,
        Class<? extends Runnable> workerType) {
      createdExecutor = executor == null;
      if (createdExecutor) {
        this.executor = Executors.newCachedThreadPool();
        ((java.util.concurrent.ThreadPoolExecutor) this.executor)
            .setRejectedExecutionHandler(new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
      } else {
        this.executor = executor;
      }
      workers = new Runnable[size];
      boolean success = false;
      try {
        for (int i = 0; i < size; i++) {
          workers[i] = workerType.getConstructor(java.util.concurrent.Executor.class).newInstance(this.executor);
        }
        success = true;
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(workerType + " cannot be made", e);
      } finally {
        if (!success) {
          dispose();
        }
      }
    }

    public final void dispose() {
      if (disposed) {
        return;
      }
      synchronized (disposalLock) {
        if (createdExecutor) {
          ((ExecutorService) executor).shutdown();
        }
        disposed = true;
      }
    }
  }

  /**
   * The same constructor with a warm-up task and a parse before the try: when the parse throws, the finally
   * that would call dispose() has not begun, no object is made, and the worker the task started stays.
   */
  static class NoncompliantConstructorDisposesOnlyInsideTry {
    private final ExecutorService executor;
    private final int degree;
    private final Runnable[] workers;

    NoncompliantConstructorDisposesOnlyInsideTry(String threads, Runnable warmUp,
        Class<? extends Runnable> workerType) {
      executor = Executors.newFixedThreadPool(2); // hazard: ExecutorLeak (not: pmd — XPath cannot tell which later calls of a constructor can throw: servers assign their pools first and call on in nearly every constructor, so reporting each would be mostly false)
      executor.execute(warmUp);
      degree = parse(threads);
      workers = new Runnable[degree];
      boolean success = false;
      try {
        for (int i = 0; i < degree; i++) {
          workers[i] = workerType.getConstructor(ExecutorService.class).newInstance(executor);
        }
        success = true;
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(workerType + " cannot be made", e);
      } finally {
        if (!success) {
          dispose();
        }
      }
    }

    public final void dispose() {
      executor.shutdown();
    }
  }

  /** Its fix: everything that can fail after the pool is made runs inside the try whose finally disposes. */
  static class FixedConstructorDisposesOnlyInsideTry {
    private final ExecutorService executor;
    private final int degree;
    private final Runnable[] workers;

    FixedConstructorDisposesOnlyInsideTry(String threads, Runnable warmUp, Class<? extends Runnable> workerType) {
      executor = Executors.newFixedThreadPool(2);
      boolean success = false;
      try {
        executor.execute(warmUp);
        degree = parse(threads);
        workers = new Runnable[degree];
        for (int i = 0; i < degree; i++) {
          workers[i] = workerType.getConstructor(ExecutorService.class).newInstance(executor);
        }
        success = true;
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(workerType + " cannot be made", e);
      } finally {
        if (!success) {
          dispose();
        }
      }
    }

    public final void dispose() {
      executor.shutdown();
    }
  }

  /**
   * Apache Thrift's TNonblockingMultiFetchClient.fetch() (libthrift 0.25.0), a false alarm met in the real
   * world: the task goes to the pool, get() waits with a timeout, and every checked exception get() declares
   * (InterruptedException, ExecutionException, TimeoutException) has a catch that cancels the task, logs and
   * falls through to shutdownNow(). A JDK call fails only with what it declares (the task's own failure comes
   * as ExecutionException: FutureTask catches it), so every path reaches the shutdown. The catches log
   * through a logging API (thrift's is SLF4J, here Commons Logging): a log call does not throw (LOGGER_TYPES).
   */
  static class CompliantEveryCheckedExceptionCaught {
    private static final org.apache.commons.logging.Log LOGGER = org.apache.commons.logging.LogFactory.getLog("fetch");
    private volatile String received;

    private final class MultiFetch implements Runnable {
      @Override
      public void run() {
        received = "fetched";
      }
    }

    synchronized String fetch(long fetchTimeoutSeconds) {
      ExecutorService executor = Executors.newSingleThreadExecutor();
      MultiFetch multiFetch = new MultiFetch();
      java.util.concurrent.FutureTask<?> task = new java.util.concurrent.FutureTask<>(multiFetch, null);
      executor.execute(task);
      try {
        task.get(fetchTimeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        task.cancel(true);
        LOGGER.error("Interrupted during fetch", ie);
      } catch (java.util.concurrent.ExecutionException ee) {
        task.cancel(true);
        LOGGER.error("Exception during fetch", ee);
      } catch (TimeoutException te) {
        task.cancel(true);
        LOGGER.error("Timeout for fetch", te);
      }
      executor.shutdownNow();
      return received;
    }
  }

  /**
   * The same fetch with ExecutionException declared by the method instead of caught: a task that fails
   * skips the shutdown, and the pool's thread stays, once per failed fetch.
   */
  static class NoncompliantCheckedExceptionNotCaught {
    private static final java.util.logging.Logger LOGGER = java.util.logging.Logger.getLogger("fetch");
    private volatile String received;

    private final class MultiFetch implements Runnable {
      @Override
      public void run() {
        received = "fetched";
      }
    }

    synchronized String fetch(long fetchTimeoutSeconds) throws java.util.concurrent.ExecutionException {
      ExecutorService executor = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak
      MultiFetch multiFetch = new MultiFetch();
      java.util.concurrent.FutureTask<?> task = new java.util.concurrent.FutureTask<>(multiFetch, null);
      executor.execute(task);
      try {
        task.get(fetchTimeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        task.cancel(true);
        LOGGER.log(java.util.logging.Level.SEVERE, "Interrupted during fetch", ie);
      } catch (TimeoutException te) {
        task.cancel(true);
        LOGGER.log(java.util.logging.Level.SEVERE, "Timeout for fetch", te);
      }
      executor.shutdownNow();
      return received;
    }
  }

  /** Its fix: shutdownNow() in finally, whatever get() throws. */
  static class FixedCheckedExceptionNotCaught {
    private static final java.util.logging.Logger LOGGER = java.util.logging.Logger.getLogger("fetch");
    private volatile String received;

    private final class MultiFetch implements Runnable {
      @Override
      public void run() {
        received = "fetched";
      }
    }

    synchronized String fetch(long fetchTimeoutSeconds) throws java.util.concurrent.ExecutionException {
      ExecutorService executor = Executors.newSingleThreadExecutor();
      MultiFetch multiFetch = new MultiFetch();
      java.util.concurrent.FutureTask<?> task = new java.util.concurrent.FutureTask<>(multiFetch, null);
      executor.execute(task);
      try {
        task.get(fetchTimeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        task.cancel(true);
        LOGGER.log(java.util.logging.Level.SEVERE, "Interrupted during fetch", ie);
      } catch (TimeoutException te) {
        task.cancel(true);
        LOGGER.log(java.util.logging.Level.SEVERE, "Timeout for fetch", te);
      } finally {
        executor.shutdownNow();
      }
      return received;
    }
  }

  /**
   * qpid-jms-client's JmsConnectionConsumer (a false alarm met in the real world): the constructor makes its
   * dispatcher pool, configures it (its shutdown policies), then does work that can fail. Configuring a pool
   * starts no thread: a ScheduledThreadPoolExecutor starts its first worker with its first task (or a
   * prestart), so no worker exists when the constructor throws.
   */
  static class CompliantConstructorConfiguresBeforeThrow implements AutoCloseable {
    private final ScheduledThreadPoolExecutor dispatcher;
    private final int degree;

    CompliantConstructorConfiguresBeforeThrow(String threads) {
      dispatcher = new ScheduledThreadPoolExecutor(1);
      dispatcher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      dispatcher.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
      dispatcher.setRemoveOnCancelPolicy(true);
      degree = parse(threads);
    }

    void deliver(Runnable message) {
      dispatcher.execute(message);
    }

    @Override
    public void close() {
      dispatcher.shutdown();
    }
  }

  /** The same dispatcher started ahead (prestartCoreThread()): its core thread stays when the parse fails. */
  static class NoncompliantConstructorPrestartsBeforeThrow implements AutoCloseable {
    private final ScheduledThreadPoolExecutor dispatcher;
    private final int degree;

    NoncompliantConstructorPrestartsBeforeThrow(String threads) {
      dispatcher = new ScheduledThreadPoolExecutor(1); // hazard: ExecutorLeak (not: pmd — XPath cannot tell which later calls of a constructor can throw, as for NoncompliantConstructorThrowsAfterCreation)
      dispatcher.setRemoveOnCancelPolicy(true);
      dispatcher.prestartCoreThread();
      degree = parse(threads);
    }

    @Override
    public void close() {
      dispatcher.shutdown();
    }
  }

  /** Its fix: parse first, then make and start the pool. */
  static class FixedConstructorPrestartsAfterParse implements AutoCloseable {
    private final ScheduledThreadPoolExecutor dispatcher;
    private final int degree;

    FixedConstructorPrestartsAfterParse(String threads) {
      degree = parse(threads);
      dispatcher = new ScheduledThreadPoolExecutor(1);
      dispatcher.setRemoveOnCancelPolicy(true);
      dispatcher.prestartCoreThread();
    }

    @Override
    public void close() {
      dispatcher.shutdown();
    }
  }
}
