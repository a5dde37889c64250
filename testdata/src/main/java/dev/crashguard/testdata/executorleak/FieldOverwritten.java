package dev.crashguard.testdata.executorleak;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A field given a new pool or timer while the old one still runs: the class shuts down the field's current
 * pool in {@code close()}, but every re-initialisation before that drops the previous pool unended. Each
 * refresh leaks a pool's threads. Reported on the creation whose value replaces the old pool.
 *
 * <p>Written from ExpediaGroup/styx#291 ("When we reload origins in Styx, new thread pools are created but
 * the old ones are not deleted … causing the number of threads to climb ever-upwards"), apache/shenyu#6655
 * ({@code start()}, called on every logging-config change, makes a new pool and "does not shut down any
 * previously created executor"), HubTurbo/HubTurbo#343 ("timers are creating new threads on every refresh")
 * and fb-contrib's {@code HES_EXECUTOR_OVERWRITTEN_WITHOUT_SHUTDOWN}.
 *
 * <p>The compliant twins shut the old pool down before (or right after) the assignment, create it lazily
 * only when the field is still null, or assign it only in the constructor.
 */
public class FieldOverwritten {

  /** styx#291: every reload makes a new pool; close() ends only the last one. */
  static class NoncompliantRefreshReplacesPool implements AutoCloseable {
    private ThreadPoolExecutor clientPool;

    void refresh(int threads) {
      clientPool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); // hazard: ExecutorLeak
    }

    void send(Runnable message) {
      clientPool.execute(message);
    }

    @Override
    public void close() {
      if (clientPool != null) {
        clientPool.shutdown();
      }
    }
  }

  /** HubTurbo#343: a new Timer on every refresh, the previous one still ticking. */
  static class NoncompliantRescheduleReplacesTimer {
    private Timer ticker;

    void reschedule(Runnable poll, long periodMillis) {
      ticker = new Timer("poll"); // hazard: ExecutorLeak
      ticker.schedule(new TimerTask() {
        @Override
        public void run() {
          poll.run();
        }
      }, periodMillis, periodMillis);
    }

    void stop() {
      ticker.cancel();
    }
  }

  /** The old pool is shut down first. */
  static class CompliantOldPoolShutDownFirst implements AutoCloseable {
    private ExecutorService clientPool;

    void refresh(int threads) {
      ExecutorService previous = clientPool;
      clientPool = Executors.newFixedThreadPool(threads);
      if (previous != null) {
        previous.shutdown();
      }
    }

    void send(Runnable message) {
      clientPool.execute(message);
    }

    @Override
    public void close() {
      clientPool.shutdown();
    }
  }

  /** Lazy creation: the pool is made only when the field is still empty. */
  static class CompliantLazyInit {
    private ExecutorService lazy;

    synchronized ExecutorService pool() {
      if (lazy == null) {
        lazy = Executors.newSingleThreadExecutor();
      }
      return lazy;
    }

    synchronized void shutdown() {
      if (lazy != null) {
        lazy.shutdownNow();
        lazy = null;
      }
    }
  }

  /** A timer cancelled before it is replaced. */
  static class CompliantTimerCancelledBeforeReplaced {
    private Timer ticker;

    void reschedule(Runnable poll, long periodMillis) {
      if (ticker != null) {
        ticker.cancel();
      }
      ticker = new Timer("poll", true);
      ticker.schedule(new TimerTask() {
        @Override
        public void run() {
          poll.run();
        }
      }, periodMillis, periodMillis);
    }

    void stop() {
      ticker.cancel();
    }
  }

  /**
   * HikariCP's PoolBase.createNetworkTimeoutExecutor: a private helper, which the constructor calls through
   * another helper, assigns the field once per object (a refresh is not what runs it); the field is shut
   * down through a pattern-matching cast.
   */
  static class CompliantAssignedByConstructorHelper {
    private java.util.concurrent.Executor netTimeout;

    CompliantAssignedByConstructorHelper(boolean synchronous) {
      initialize(synchronous);
    }

    private void initialize(boolean synchronous) {
      createNetTimeoutExecutor(synchronous);
    }

    private void createNetTimeoutExecutor(boolean synchronous) {
      if (synchronous) {
        netTimeout = Runnable::run;
      } else {
        netTimeout = Executors.newFixedThreadPool(1);
      }
    }

    void timeout(Runnable abort) {
      netTimeout.execute(abort);
    }

    void shutdown() {
      if (netTimeout instanceof ExecutorService pool) {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Spring's ScheduledTaskRegistrar.scheduleTasks(): a local scheduler is made only while no scheduler is
   * set, and the field it is made for is set right after, so a second call makes none; destroy() ends it.
   */
  static class CompliantLazyGuardedByAnotherField {
    private java.util.concurrent.ScheduledExecutorService localExecutor;
    private java.util.concurrent.Executor taskScheduler;

    void setTaskScheduler(java.util.concurrent.Executor scheduler) {
      this.taskScheduler = scheduler;
    }

    void scheduleTasks(Runnable task) {
      if (this.taskScheduler == null) {
        this.localExecutor = Executors.newSingleThreadScheduledExecutor();
        this.taskScheduler = this.localExecutor;
      }
      this.taskScheduler.execute(task);
    }

    void destroy() {
      if (this.localExecutor != null) {
        this.localExecutor.shutdownNow();
      }
    }
  }

  /**
   * apache/zookeeper's ObserverMaster.start() and DatadirCleanupManager.start(): a guard clause returns when
   * the pool is already running, so a second call makes none; stop() ends it.
   */
  static class CompliantStartGuardedAgainstSecondCall {
    private java.util.concurrent.ScheduledExecutorService pinger;
    private Thread listener;

    synchronized void start(Runnable ping, long periodMillis) {
      if (listener != null && listener.isAlive()) {
        return;
      }
      listener = new Thread(ping, "listener");
      listener.start();
      pinger = Executors.newSingleThreadScheduledExecutor();
      pinger.scheduleAtFixedRate(ping, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
      if (pinger != null) {
        pinger.shutdownNow();
      }
    }
  }

  static class FixedRefreshReplacesPool implements AutoCloseable {
    private ThreadPoolExecutor clientPool;

    void refresh(int threads) {
      if (clientPool != null) {
        clientPool.shutdown();
      }
      clientPool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    void send(Runnable message) {
      clientPool.execute(message);
    }

    @Override
    public void close() {
      if (clientPool != null) {
        clientPool.shutdown();
      }
    }
  }

  static class FixedRescheduleReplacesTimer {
    private final Timer ticker = new Timer("poll");
    private TimerTask current;

    void reschedule(Runnable poll, long periodMillis) {
      if (current != null) {
        current.cancel();
      }
      current = new TimerTask() {
        @Override
        public void run() {
          poll.run();
        }
      };
      ticker.schedule(current, periodMillis, periodMillis);
    }

    void stop() {
      ticker.cancel();
    }
  }
  /** A framework's component: init() once after construction, destroy() once at the end (jgroups' Protocol). */
  abstract static class Component {
    void init() throws Exception {}

    void destroy() {}
  }

  /**
   * jgroups' VERIFY_SUSPECT2 (a false alarm met in the real world): the pool is made in the framework's
   * init(), overridden without {@code @Override}, and ended in destroy(). The framework calls init() once,
   * so no earlier pool is overwritten; an override is a lifecycle callback however it is annotated.
   */
  static class CompliantLifecycleOverrideWithoutAnnotation extends Component {
    private ExecutorService pool;

    void init() throws Exception {
      super.init();
      pool = new ThreadPoolExecutor(0, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    }

    void verify(Runnable suspect) {
      pool.execute(suspect);
    }

    void destroy() {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  /**
   * java-websocket's AbstractWebSocket (a false alarm met in the real world): restartConnectionLostTimer() first
   * calls the class's own cancelConnectionLostTimer(), which shuts the old pool down, and then makes the new
   * one. The old pool is ended before it is replaced.
   */
  static class CompliantOldPoolShutDownByAHelperFirst implements AutoCloseable {
    private ScheduledExecutorService checker;

    void restart(Runnable check) {
      cancel();
      checker = Executors.newSingleThreadScheduledExecutor();
      checker.scheduleAtFixedRate(check, 1, 1, TimeUnit.SECONDS);
    }

    private void cancel() {
      if (checker != null) {
        checker.shutdownNow();
        checker = null;
      }
    }

    @Override
    public void close() {
      cancel();
    }
  }

  /** The helper called first only forgets the old pool; its threads go on. */
  static class NoncompliantHelperForgetsTheOldPool implements AutoCloseable {
    private ScheduledExecutorService checker;

    void restart(Runnable check) {
      forget();
      checker = Executors.newSingleThreadScheduledExecutor(); // hazard: ExecutorLeak
      checker.scheduleAtFixedRate(check, 1, 1, TimeUnit.SECONDS);
    }

    private void forget() {
      checker = null;
    }

    @Override
    public void close() {
      if (checker != null) {
        checker.shutdownNow();
      }
    }
  }

  static class FixedHelperShutsDownTheOldPool implements AutoCloseable {
    private ScheduledExecutorService checker;

    void restart(Runnable check) {
      shutDownOld();
      checker = Executors.newSingleThreadScheduledExecutor();
      checker.scheduleAtFixedRate(check, 1, 1, TimeUnit.SECONDS);
    }

    private void shutDownOld() {
      if (checker != null) {
        checker.shutdownNow();
      }
    }

    @Override
    public void close() {
      shutDownOld();
    }
  }
}
