package dev.crashguard.testdata.executorleak;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A static, application-wide pool or timer that nothing ever ends, with threads that can keep the JVM from
 * exiting: non-daemon (the default thread factory, {@code new Timer()}) and never timing out (core threads of
 * a fixed, single or scheduled pool). Once a task has run, {@code main} returns and the process hangs:
 * {@code DestroyJavaVM} waits for {@code pool-1-thread-1}, parked in {@code LinkedBlockingQueue.take}.
 * Reported on the creation in the static initializer.
 *
 * <p>A static pool leaks nothing while the application runs, it is meant to live as long as the JVM; the
 * one harm is at exit. So the rule is narrow (ExecutorLeakKnowledge, docs/ExecutorLeak.md): a static pool
 * whose threads are daemon, or whose core threads time out, or which a shutdown hook or Guava's exiting
 * wrapper ends, is silent, and so is a cached pool (its threads end after 60 s idle) and a ForkJoinPool
 * (daemon workers).
 *
 * <p>Written from apache/helix#1915 ("JVM does not shut down but hangs", a {@code static ExecutorService
 * GC_THREAD}, fixed by daemon threads in #1936), Netflix/Hystrix#759 ("JVM hangs waiting for thread pool
 * and timer threads", PR #760: daemon), playframework/playframework#3719 ({@code new Timer()} "not
 * cancelled, thus by default, JVM would not exit", fixed with {@code new Timer(true)}) and
 * stagemonitor/stagemonitor#174 (a static scheduled executor that survives a webapp's undeploy). The silent
 * shapes are lettuce's {@code HealthCheckImpl} (a static cached pool of daemon threads) and HikariCP's
 * network-timeout executor ({@code allowCoreThreadTimeOut(true)}).
 */
public class StaticPoolKeepsJvmAlive {

  /** helix#1915: the purge thread of the task framework. */
  static class NoncompliantStaticSingleThread {
    private static final ExecutorService GC_THREAD = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak

    static void purgeLater(Runnable purge) {
      GC_THREAD.submit(purge);
    }
  }

  /** Hystrix#759: a static scheduler for metrics windows. */
  static class NoncompliantStaticScheduler {
    static final ScheduledExecutorService WINDOWS = Executors.newScheduledThreadPool(2); // hazard: ExecutorLeak

    static void everySecond(Runnable roll) {
      WINDOWS.scheduleAtFixedRate(roll, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** A static ThreadPoolExecutor with core threads that never time out. */
  static class NoncompliantStaticThreadPoolExecutor {
    static final ThreadPoolExecutor UPLOADS = new ThreadPoolExecutor(4, 4, 30L, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); // hazard: ExecutorLeak

    static void upload(Runnable part) {
      UPLOADS.execute(part);
    }
  }

  /** playframework#3719: a static non-daemon Timer. */
  static class NoncompliantStaticTimer {
    private static final Timer EXPIRY = new Timer("expiry"); // hazard: ExecutorLeak

    static void expireLater(Runnable expire, long millis) {
      EXPIRY.schedule(new TimerTask() {
        @Override
        public void run() {
          expire.run();
        }
      }, millis);
    }
  }

  /** lettuce's HealthCheckImpl: daemon threads from a lambda factory; never shut down, never in the way. */
  static class CompliantStaticDaemonLambdaFactory {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "health-check");
      t.setDaemon(true);
      return t;
    });

    static void check(Runnable probe) {
      WORKERS.execute(probe);
    }
  }

  /** Guava's ThreadFactoryBuilder with setDaemon(true), on a fixed pool. */
  static class CompliantStaticGuavaDaemonFactory {
    static final ExecutorService INDEXER =
        Executors.newFixedThreadPool(2, new ThreadFactoryBuilder().setNameFormat("indexer-%d").setDaemon(true).build());

    static void index(Runnable doc) {
      INDEXER.execute(doc);
    }
  }

  /** A platform daemon thread builder, on a scheduler. */
  static class CompliantStaticDaemonBuilder {
    static final ScheduledExecutorService TICKS =
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ticks").daemon().factory());

    static void tick(Runnable t) {
      TICKS.scheduleAtFixedRate(t, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** The twin: allowCoreThreadTimeOut(true) and a daemon factory; idle, it has no thread at all. */
  static class CompliantStaticCoreTimeoutAndDaemon {
    static final ThreadPoolExecutor UPLOADS =
        new ThreadPoolExecutor(4, 4, 30L, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r);
          t.setDaemon(true);
          return t;
        });

    static {
      UPLOADS.allowCoreThreadTimeOut(true);
    }

    static void upload(Runnable part) {
      UPLOADS.execute(part);
    }
  }

  /** An application-wide pool with a shutdown hook. */
  static class CompliantStaticWithShutdownHook {
    static final ExecutorService APP = Executors.newFixedThreadPool(4);

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(APP::shutdown, "app-pool-shutdown"));
    }

    static void run(Runnable job) {
      APP.execute(job);
    }
  }

  /** Guava's exiting executor: daemon threads and a hook that shuts it down at exit. */
  static class CompliantStaticExitingExecutor {
    static final ExecutorService EXITING =
        MoreExecutors.getExitingExecutorService((ThreadPoolExecutor) Executors.newFixedThreadPool(2), 5, TimeUnit.SECONDS);

    static void run(Runnable job) {
      EXITING.execute(job);
    }
  }

  /** What cannot hold the JVM: a cached pool (idle threads end), a ForkJoinPool, a daemon Timer. */
  static class CompliantStaticThatCannotHoldTheJvm {
    static final ExecutorService BURSTS = Executors.newCachedThreadPool();
    static final ForkJoinPool CRUNCH = new ForkJoinPool(2);
    static final Timer CLEANUP = new Timer("cleanup", true);

    static void all(Runnable job) {
      BURSTS.execute(job);
      CRUNCH.execute(job);
      CLEANUP.schedule(new TimerTask() {
        @Override
        public void run() {
          job.run();
        }
      }, 100);
    }
  }

  /** helix#1936: the purge thread is a daemon. */
  static class FixedStaticSingleThread {
    private static final ExecutorService GC_THREAD = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "TaskUtil-GC");
      t.setDaemon(true);
      return t;
    });

    static void purgeLater(Runnable purge) {
      GC_THREAD.submit(purge);
    }
  }

  /** Hystrix#760: daemon scheduler threads. */
  static class FixedStaticScheduler {
    static final ScheduledExecutorService WINDOWS =
        Executors.newScheduledThreadPool(2, new ThreadFactoryBuilder().setDaemon(true).setNameFormat("windows-%d").build());

    static void everySecond(Runnable roll) {
      WINDOWS.scheduleAtFixedRate(roll, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** playframework#3719's fix: new Timer(true). */
  static class FixedStaticTimer {
    private static final Timer EXPIRY = new Timer("expiry", true);

    static void expireLater(Runnable expire, long millis) {
      EXPIRY.schedule(new TimerTask() {
        @Override
        public void run() {
          expire.run();
        }
      }, millis);
    }
  }

  /**
   * h2's ThreadDeadlockDetector (h2 2.3.232), a false alarm met in the real world: the class keeps its one
   * instance itself (a private constructor, called only by a static method under a null test of the static
   * field it stores into), so the constructor runs once per class loader and its local timer is an
   * application-wide one, like a static; a daemon, it cannot keep the JVM from exiting.
   */
  static class CompliantSingletonDaemonTimer {
    private static CompliantSingletonDaemonTimer detector;

    private final java.lang.management.ThreadMXBean threadBean;

    private CompliantSingletonDaemonTimer() {
      this.threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
      Timer threadCheck = new Timer("ThreadDeadlockDetector", true);
      threadCheck.schedule(new TimerTask() {
        @Override
        public void run() {
          checkForDeadlocks();
        }
      }, 10, 10_000);
    }

    static synchronized void init() {
      if (detector == null) {
        detector = new CompliantSingletonDaemonTimer();
      }
    }

    void checkForDeadlocks() {
      threadBean.findDeadlockedThreads();
    }
  }

  /** The same singleton kept eagerly, with a pool of daemon threads made in its constructor. */
  static class CompliantEagerSingletonDaemonScheduler {
    private static final CompliantEagerSingletonDaemonScheduler INSTANCE = new CompliantEagerSingletonDaemonScheduler();

    private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();

    private CompliantEagerSingletonDaemonScheduler() {
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clock");
        t.setDaemon(true);
        return t;
      });
      clock.scheduleAtFixedRate(ticks::incrementAndGet, 1, 1, TimeUnit.SECONDS);
    }

    static long ticks() {
      return INSTANCE.ticks.get();
    }
  }

  /**
   * The h2 singleton with a non-daemon timer: made once, but nothing cancels it, so after the first init()
   * {@code main} returns and the JVM hangs on {@code watchdog}, as with a static non-daemon Timer.
   */
  static class NoncompliantSingletonNonDaemonTimer {
    private static NoncompliantSingletonNonDaemonTimer watchdog;

    private NoncompliantSingletonNonDaemonTimer() {
      Timer timer = new Timer("watchdog"); // hazard: ExecutorLeak
      timer.schedule(new TimerTask() {
        @Override
        public void run() {
          check();
        }
      }, 10, 10_000);
    }

    static synchronized void init() {
      if (watchdog == null) {
        watchdog = new NoncompliantSingletonNonDaemonTimer();
      }
    }

    void check() {
    }
  }

  /**
   * The h2 detector without the null test: every init() makes a new instance and a new daemon timer thread
   * whose periodic task never ends; daemon threads do not hold the JVM, but they pile up call by call.
   */
  static class NoncompliantUnguardedSingletonDaemonTimer {
    private static NoncompliantUnguardedSingletonDaemonTimer detector;

    private NoncompliantUnguardedSingletonDaemonTimer() {
      Timer threadCheck = new Timer("ThreadDeadlockDetector", true); // hazard: ExecutorLeak
      threadCheck.schedule(new TimerTask() {
        @Override
        public void run() {
          check();
        }
      }, 10, 10_000);
    }

    static synchronized void init() {
      detector = new NoncompliantUnguardedSingletonDaemonTimer();
    }

    void check() {
    }
  }

  /** The non-daemon singleton's fix, as playframework#3719's: a daemon timer. */
  static class FixedSingletonNonDaemonTimer {
    private static FixedSingletonNonDaemonTimer watchdog;

    private FixedSingletonNonDaemonTimer() {
      Timer timer = new Timer("watchdog", true);
      timer.schedule(new TimerTask() {
        @Override
        public void run() {
          check();
        }
      }, 10, 10_000);
    }

    static synchronized void init() {
      if (watchdog == null) {
        watchdog = new FixedSingletonNonDaemonTimer();
      }
    }

    void check() {
    }
  }

  /** The unguarded singleton's fix: the null test, so init() makes the one instance (and timer) once. */
  static class FixedUnguardedSingletonDaemonTimer {
    private static FixedUnguardedSingletonDaemonTimer detector;

    private FixedUnguardedSingletonDaemonTimer() {
      Timer threadCheck = new Timer("ThreadDeadlockDetector", true);
      threadCheck.schedule(new TimerTask() {
        @Override
        public void run() {
          check();
        }
      }, 10, 10_000);
    }

    static synchronized void init() {
      if (detector == null) {
        detector = new FixedUnguardedSingletonDaemonTimer();
      }
    }

    void check() {
    }
  }
}
