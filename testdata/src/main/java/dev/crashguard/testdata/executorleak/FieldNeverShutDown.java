package dev.crashguard.testdata.executorleak;

import jakarta.annotation.PreDestroy;
import java.io.Closeable;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * A pool or a non-daemon {@code Timer} kept in an instance field that no method of its class shuts down or
 * cancels: not {@code close()}, not {@code stop()}, not a {@code @PreDestroy} or {@code destroy()} method,
 * not a shutdown hook. Every instance leaves its threads behind when it is dropped ("threads grow but never
 * decrease as clients come and go"), and one instance is enough to keep the JVM from exiting. Reported on
 * the creation, in the field's initializer or in the constructor.
 *
 * <p>Written from hiero-ledger/hiero-sdk-java#1084 ({@code Client} creates an executor that its {@code close()}
 * does not shut down), apache/shenyu#6654 (log clients whose {@code close0()} "only shuts down the
 * producer/client and never calls {@code threadExecutor.shutdown()}", so "every config refresh leaks the old
 * thread pool's threads"), prometheus/client_java#303 ({@code HTTPServer.stop()} left its executor's
 * "non-daemon threads potentially blocking exiting JVM"), pjklauser/protobuf-rpc-pro#44 (a single-thread
 * executor that "prohibits the JVM shutdown"), oracle/opengrok#1407 and ably/ably-java#1172 (a {@code Timer}
 * never cancelled: "Lingering java.util.Timer can silently prevent the JVM from exiting"; Xceptance/XLT#501,
 * "ErrorCounter timer thread prevents JVM to exit"), and
 * mebigfatguy/fb-contrib#354 (a {@code newSingleThreadScheduledExecutor} field its detector missed).
 *
 * <p>The compliant twins shut the field down in {@code close()}, in {@code @PreDestroy}, in {@code
 * DisposableBean.destroy()}, through a cast of an {@code Executor}-typed field (HikariCP's {@code
 * ((ThreadPoolExecutor) netTimeoutExecutor).shutdownNow()}), or cancel the Timer in {@code stop()}; a pool
 * given to the constructor belongs to the caller.
 */
public class FieldNeverShutDown {

  /** hiero-sdk-java#1084: close() closes the channel, not the executor. */
  static class NoncompliantCloseForgetsExecutor implements Closeable {
    private final ExecutorService executor = Executors.newFixedThreadPool(4); // hazard: ExecutorLeak
    private boolean open = true;

    void call(Runnable rpc) {
      executor.execute(rpc);
    }

    @Override
    public void close() {
      open = false;
    }
  }

  /** prometheus client_java#303: the server's stop() leaves its request pool running. */
  static class NoncompliantStopForgetsExecutor {
    private final ThreadPoolExecutor requests;
    private volatile boolean running;

    NoncompliantStopForgetsExecutor(int threads) {
      requests = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>()); // hazard: ExecutorLeak
      running = true;
    }

    void handle(Runnable exchange) {
      requests.execute(exchange);
    }

    void stop() {
      running = false;
    }
  }

  /** fb-contrib#354: a single-thread scheduled executor field, started and never ended. */
  static class NoncompliantScheduledField {
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(); // hazard: ExecutorLeak

    void start(Runnable beat) {
      heartbeat.scheduleAtFixedRate(beat, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** ably-java#1172, opengrok#1407: a Timer per object, never cancelled. */
  static class NoncompliantTimerField {
    private final Timer retries = new Timer("retries"); // hazard: ExecutorLeak

    void retryLater(Runnable attempt, long delayMillis) {
      retries.schedule(new TimerTask() {
        @Override
        public void run() {
          attempt.run();
        }
      }, delayMillis);
    }
  }

  /** hiero-sdk-java's fix: close() shuts the executor down. */
  static class CompliantShutDownInClose implements AutoCloseable {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    void call(Runnable rpc) {
      executor.execute(rpc);
    }

    @Override
    public void close() throws InterruptedException {
      executor.shutdown();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** A container-managed bean: @PreDestroy ends the scheduler. */
  static class CompliantPreDestroy {
    private final ScheduledThreadPoolExecutor heartbeat = new ScheduledThreadPoolExecutor(1);

    void start(Runnable beat) {
      heartbeat.scheduleWithFixedDelay(beat, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void shutdownHeartbeat() {
      heartbeat.shutdownNow();
    }
  }

  /** Spring's DisposableBean: destroy() ends the pool when the context closes. */
  static class CompliantDisposableBean implements DisposableBean {
    private final ExecutorService workers;

    CompliantDisposableBean() {
      workers = Executors.newCachedThreadPool();
    }

    void run(Runnable job) {
      workers.execute(job);
    }

    @Override
    public void destroy() {
      workers.shutdown();
    }
  }

  /** HikariCP's PoolBase: an Executor-typed field, shut down through a cast. */
  static class CompliantShutDownThroughCast {
    private Executor netTimeoutExecutor = Executors.newSingleThreadExecutor();

    void timeout(Runnable abort) {
      netTimeoutExecutor.execute(abort);
    }

    void shutdownNetworkTimeoutExecutor() {
      if (netTimeoutExecutor instanceof ThreadPoolExecutor) {
        ((ThreadPoolExecutor) netTimeoutExecutor).shutdownNow();
      }
    }
  }

  /**
   * commons-io's Tailer.Builder: a pool per builder, never shut down, but its one thread is a daemon made by
   * the class's own factory, so it cannot keep the JVM alive, and the task it runs (the tailer handed back
   * by get()) is stopped by its user; the JDK shuts a single-thread executor down once nothing refers to it.
   */
  static class CompliantDaemonPoolPerBuilder {
    private static Thread newDaemonThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "tailer");
      thread.setDaemon(true);
      return thread;
    }

    private ExecutorService executor = Executors.newSingleThreadExecutor(CompliantDaemonPoolPerBuilder::newDaemonThread);

    CompliantDaemonPoolPerBuilder executor(ExecutorService other) {
      this.executor = other;
      return this;
    }

    Runnable start(Runnable tailer) {
      executor.submit(tailer);
      return tailer;
    }
  }

  /** A Timer cancelled in stop(), and an injected pool that belongs to whoever made it. */
  static class CompliantTimerCancelledAndInjectedPool {
    private final Timer sweeper = new Timer("sweeper");
    private final ExecutorService injected;

    CompliantTimerCancelledAndInjectedPool(ExecutorService injected) {
      this.injected = injected;
    }

    void start(Runnable sweep) {
      sweeper.schedule(new TimerTask() {
        @Override
        public void run() {
          injected.execute(sweep);
        }
      }, 1000, 1000);
    }

    void stop() {
      sweeper.cancel();
    }
  }

  static class FixedCloseForgetsExecutor implements Closeable {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private boolean open = true;

    void call(Runnable rpc) {
      executor.execute(rpc);
    }

    @Override
    public void close() {
      open = false;
      executor.shutdown();
    }
  }

  /** prometheus client_java#303's fix: stop() shuts the executor down. */
  static class FixedStopForgetsExecutor {
    private final ThreadPoolExecutor requests;
    private volatile boolean running;

    FixedStopForgetsExecutor(int threads) {
      requests = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
      running = true;
    }

    void handle(Runnable exchange) {
      requests.execute(exchange);
    }

    void stop() {
      running = false;
      requests.shutdown();
    }
  }

  static class FixedTimerField {
    private final Timer retries = new Timer("retries");

    void retryLater(Runnable attempt, long delayMillis) {
      retries.schedule(new TimerTask() {
        @Override
        public void run() {
          attempt.run();
        }
      }, delayMillis);
    }

    void close() {
      retries.cancel();
    }
  }
}
