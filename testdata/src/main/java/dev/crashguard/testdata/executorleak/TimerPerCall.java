package dev.crashguard.testdata.executorleak;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java.util.Timer} created in a method and never cancelled: each {@code new Timer()} starts a
 * non-daemon thread that waits for tasks until {@code cancel()}, also after its one task has run. Per call,
 * the threads pile up ("timers are creating new threads on every refresh"); one is enough to keep the JVM
 * from exiting, and a servlet container reports "appears to have started a thread named [Timer-3] but has
 * failed to stop it". Reported on the creation.
 *
 * <p>Written from mkpaz/atlantafx#11 ({@code new Timer().schedule(new TimerTask(){…})} per UI action "leaks
 * the timer thread, which is not a daemon thread … app won't shut down cleanly"), HubTurbo/HubTurbo#343,
 * oracle/opengrok#1407 (a Timer per indexer run, not always cancelled) and ably/ably-java#1172 ({@code
 * Channel.release} creating an orphan {@code Timer}).
 *
 * <p>The compliant twins cancel the timer in {@code finally} once its task is done, create a daemon timer
 * for a one-off delay and cancel it from the task itself, or schedule on a long-lived scheduler instead.
 */
public class TimerPerCall {

  /** atlantafx#11: a new Timer for every delayed hide, used inline. */
  static class NoncompliantInlineTimer {
    void hideLater(Runnable hide, long delayMillis) {
      new Timer().schedule(new TimerTask() { // hazard: ExecutorLeak
        @Override
        public void run() {
          hide.run();
        }
      }, delayMillis);
    }
  }

  /** HubTurbo#343: a periodic refresh timer per call; the previous ones keep ticking. */
  static class NoncompliantPeriodicTimerPerCall {
    void startRefreshing(Runnable refresh, long periodMillis) {
      Timer refresher = new Timer("refresh"); // hazard: ExecutorLeak
      refresher.scheduleAtFixedRate(new TimerTask() {
        @Override
        public void run() {
          refresh.run();
        }
      }, 0, periodMillis);
    }
  }

  /** ably-java#1172: release() schedules a detach timeout on a timer nobody keeps. */
  static class NoncompliantOrphanTimer {
    private volatile boolean detached;

    void release(Runnable onTimeout) {
      Timer timeout = new Timer("detach-timeout"); // hazard: ExecutorLeak
      timeout.schedule(new TimerTask() {
        @Override
        public void run() {
          if (!detached) {
            onTimeout.run();
          }
        }
      }, 15_000);
    }
  }

  /** The task runs now; the timer is cancelled in finally once it has. */
  static class CompliantCancelledInFinally {
    void runWithWatchdog(Runnable work, Runnable onStuck, long limitMillis) {
      Timer watchdog = new Timer("watchdog");
      try {
        watchdog.schedule(new TimerTask() {
          @Override
          public void run() {
            onStuck.run();
          }
        }, limitMillis);
        work.run();
      } finally {
        watchdog.cancel();
      }
    }
  }

  /** A long-lived scheduler does the delaying; nothing is created per call. */
  static class CompliantSharedScheduler {
    private final ScheduledExecutorService scheduler;

    CompliantSharedScheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
    }

    void hideLater(Runnable hide, long delayMillis) {
      scheduler.schedule(hide, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** One timer for the object, cancelled when the object is closed. */
  static class CompliantOneTimerPerObject implements AutoCloseable {
    private final Timer refresher = new Timer("refresh");

    void startRefreshing(Runnable refresh, long periodMillis) {
      refresher.scheduleAtFixedRate(new TimerTask() {
        @Override
        public void run() {
          refresh.run();
        }
      }, 0, periodMillis);
    }

    @Override
    public void close() {
      refresher.cancel();
    }
  }

  /**
   * zookeeper's Shell: the timeout timer is cancelled in the finally, unless its one task already ran (it
   * timed the command out, and the timer is collected with the call); the author decides in the finally.
   */
  static class CompliantTimerCancelledInFinallyUnlessFired {
    private final java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();

    int run(Runnable command, long timeoutMillis) {
      Timer timeOutTimer = null;
      if (timeoutMillis > 0) {
        timeOutTimer = new Timer();
        timeOutTimer.schedule(new TimerTask() {
          @Override
          public void run() {
            timedOut.set(true);
          }
        }, timeoutMillis);
      }
      try {
        command.run();
        return 0;
      } finally {
        if (timeOutTimer != null && !timedOut.get()) {
          timeOutTimer.cancel();
        }
      }
    }
  }

  static class FixedInlineTimer {
    private final ScheduledExecutorService ui;

    FixedInlineTimer(ScheduledExecutorService ui) {
      this.ui = ui;
    }

    void hideLater(Runnable hide, long delayMillis) {
      ui.schedule(hide, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** The one timer is cancelled before a new one starts, and by stop(). */
  static class FixedPeriodicTimerPerCall {
    private Timer refresher;

    synchronized void startRefreshing(Runnable refresh, long periodMillis) {
      if (refresher != null) {
        refresher.cancel();
      }
      refresher = new Timer("refresh", true);
      refresher.scheduleAtFixedRate(new TimerTask() {
        @Override
        public void run() {
          refresh.run();
        }
      }, 0, periodMillis);
    }

    synchronized void stop() {
      if (refresher != null) {
        refresher.cancel();
      }
    }
  }

  /** The timeout timer cancels itself once it has fired, or when the detach arrives first. */
  static class FixedOrphanTimer {
    private volatile boolean detached;
    private Timer timeout;

    synchronized void release(Runnable onTimeout) {
      if (timeout != null) {
        timeout.cancel();
      }
      Timer fresh = new Timer("detach-timeout", true);
      timeout = fresh;
      fresh.schedule(new TimerTask() {
        @Override
        public void run() {
          try {
            if (!detached) {
              onTimeout.run();
            }
          } finally {
            fresh.cancel();
          }
        }
      }, 15_000);
    }

    synchronized void onDetached() {
      detached = true;
      if (timeout != null) {
        timeout.cancel();
      }
    }
  }
}
