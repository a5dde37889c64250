package dev.crashguard.testdata.doubleclose;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * A lock released twice on one path. The second {@code unlock()} finds no hold to release and throws
 * {@code IllegalMonitorStateException}: with no message from a {@code ReentrantLock} or a write lock,
 * "attempt to unlock read lock, not locked by current thread" from a read lock, and with no message from
 * {@code StampedLock.unlockWrite} given a stamp already released. The exception replaces whatever the
 * method was returning or throwing.
 *
 * <p>Written from real reports: an early unlock inside an {@code if} for the nothing-to-do case, and the
 * unlock in {@code finally} again (RuedigerMoeller/fast-serialization#205, the maintainer: "a double
 * unlock"); a write lock released early in the {@code try} "to let readers in" and again in {@code
 * finally} (glazedlists/glazedlists#268: a write lock unlocked twice); a lock upgrade whose inner {@code
 * finally} has released the read lock when the load throws, and whose outer {@code finally} releases it
 * again (helidon-io/helidon#299, "attempt to unlock read lock, not locked by current thread", fixed by
 * re-taking the read lock in the inner {@code finally}); a write lock unlocked inside the loop that re-takes
 * the read holds, so the second pass throws (Gridstone/RxStore#25, "ensure writelock is only unlocked
 * once").
 *
 * <p>The compliant twins release the same lock twice on one path and are right: a reentrant lock taken
 * twice, a lock re-taken between the two releases (the fix of helidon#299), the lock downgrade of {@code
 * ReentrantReadWriteLock}'s own Javadoc (write half and read half are two locks), a stamp replaced between
 * two releases, releases on different branches, a flag or {@code isHeldByCurrentThread()} guard, and
 * lock/unlock pairs inside a loop.
 */
public class LockReleasedTwice {

  static void publish(long version) {}

  static String load(String key) {
    return key.trim();
  }

  /** fast-serialization#205: the early return unlocks, and so does the finally. */
  static class NoncompliantEarlyUnlock {
    private final ReentrantLock lock = new ReentrantLock();
    private int pending;

    int drain(boolean empty) {
      lock.lock();
      try {
        if (empty) {
          lock.unlock();
          return 0;
        }
        int n = pending;
        pending = 0;
        return n;
      } finally {
        lock.unlock(); // hazard: DoubleClose
      }
    }
  }

  /** A write lock of a ReadWriteLock let go early "for the readers", then released again by finally. */
  static class NoncompliantWriteLockReleasedEarly {
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private long version;

    long bump() {
      rw.writeLock().lock();
      try {
        long next = ++version;
        rw.writeLock().unlock();
        publish(next);
        return next;
      } finally {
        rw.writeLock().unlock(); // hazard: DoubleClose
      }
    }
  }

  /**
   * helidon#299: the lock upgrade. When {@code loader} throws, the inner finally has released the write
   * lock, the read lock was given up before it, and the outer finally releases the read lock a second time.
   */
  static class NoncompliantLockUpgrade {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Lock read = rw.readLock();
    private final Lock write = rw.writeLock();
    private String value;

    String get(Supplier<String> loader) {
      read.lock();
      try {
        if (value == null) {
          read.unlock();
          write.lock();
          try {
            if (value == null) {
              value = loader.get();
            }
            read.lock();
          } finally {
            write.unlock();
          }
        }
        return value;
      } finally {
        read.unlock(); // hazard: DoubleClose
      }
    }
  }

  /** A StampedLock write hold released before calling out, and again by finally with the same stamp. */
  static class NoncompliantStampReleasedTwice {
    private final StampedLock sl = new StampedLock();
    private double x;

    void moveAndNotify(double dx, Runnable listener) {
      long stamp = sl.writeLock();
      try {
        x += dx;
        sl.unlockWrite(stamp);
        listener.run();
      } finally {
        sl.unlockWrite(stamp); // hazard: DoubleClose
      }
    }
  }

  /**
   * RxStore#25: after the write, the read holds given up before it are taken back, one per pass, and the
   * write lock is released on every pass: the second pass throws. The loop that gives the read holds up
   * releases what the caller took, once per hold, and is right.
   */
  static class NoncompliantUnlockInLoop {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    void write(Runnable change) {
      int readCount = rw.getReadHoldCount();
      for (int i = 0; i < readCount; i++) {
        rw.readLock().unlock();
      }
      rw.writeLock().lock();
      try {
        change.run();
      } finally {
        for (int i = 0; i < readCount; i++) {
          rw.readLock().lock();
          rw.writeLock().unlock(); // hazard: DoubleClose
        }
      }
    }
  }

  /** Reentrant: the lock is taken twice (a helper's block inlined), so two releases are right. */
  static class CompliantReentrantHolds {
    private final ReentrantLock lock = new ReentrantLock();
    private int total;

    void addTwice(int n) {
      lock.lock();
      try {
        total += n;
        lock.lock();
        try {
          total += n;
        } finally {
          lock.unlock();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** The helidon#299 fix: the read lock is re-taken in the inner finally, so the outer release has a hold. */
  static class CompliantRelockedBetween {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private String value;

    String get(String key) {
      rw.readLock().lock();
      try {
        if (value == null) {
          rw.readLock().unlock();
          try {
            String loaded = load(key);
            rw.writeLock().lock();
            try {
              value = loaded;
            } finally {
              rw.writeLock().unlock();
            }
          } finally {
            rw.readLock().lock();
          }
        }
        return value;
      } finally {
        rw.readLock().unlock();
      }
    }
  }

  /** ReentrantReadWriteLock's Javadoc example: downgrade from the write to the read lock, two locks. */
  static class CompliantLockDowngrade {
    private final ReentrantReadWriteLock rwl = new ReentrantReadWriteLock();
    private volatile boolean cacheValid;
    private long data;

    long processCachedData(long fresh) {
      rwl.readLock().lock();
      if (!cacheValid) {
        rwl.readLock().unlock();
        rwl.writeLock().lock();
        try {
          if (!cacheValid) {
            data = fresh;
            cacheValid = true;
          }
          rwl.readLock().lock();
        } finally {
          rwl.writeLock().unlock();
        }
      }
      try {
        return data * 2;
      } finally {
        rwl.readLock().unlock();
      }
    }
  }

  /** StampedLock's Javadoc example: the read stamp is released, then replaced before the final release. */
  static class CompliantStampReplaced {
    private final StampedLock sl = new StampedLock();
    private double x;
    private double y;

    void moveIfAtOrigin(double newX, double newY) {
      long stamp = sl.readLock();
      try {
        while (x == 0.0 && y == 0.0) {
          long ws = sl.tryConvertToWriteLock(stamp);
          if (ws != 0L) {
            stamp = ws;
            x = newX;
            y = newY;
            break;
          } else {
            sl.unlockRead(stamp);
            stamp = sl.writeLock();
          }
        }
      } finally {
        sl.unlock(stamp);
      }
    }
  }

  /** One release on each branch: no path holds two. */
  static class CompliantBranches {
    private final Lock guard = new ReentrantLock();
    private int state;

    int step(int event) {
      guard.lock();
      switch (event) {
        case 0:
          guard.unlock();
          return -1;
        case 1:
          state++;
          guard.unlock();
          return state;
        default:
          int s = state;
          guard.unlock();
          return s;
      }
    }

    boolean offer(boolean full) {
      guard.lock();
      if (full) {
        guard.unlock();
        return false;
      } else {
        state++;
        guard.unlock();
        return true;
      }
    }
  }

  /** The early unlock records it; the finally asks (a flag, or the lock itself). */
  static class CompliantGuardedSecondRelease {
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int pending;

    int drain(boolean empty) {
      boolean locked = true;
      lock.lock();
      try {
        if (empty) {
          lock.unlock();
          locked = false;
          return 0;
        }
        int n = pending;
        pending = 0;
        return n;
      } finally {
        if (locked) {
          lock.unlock();
        }
      }
    }

    long bump(long version) {
      rw.writeLock().lock();
      try {
        rw.writeLock().unlock();
        publish(version);
        return version;
      } finally {
        if (rw.writeLock().isHeldByCurrentThread()) {
          rw.writeLock().unlock();
        }
      }
    }
  }

  /** A lock taken and released in each pass of a loop. */
  static class CompliantPairsInLoop {
    private final Lock lock = new ReentrantLock();
    private long sum;

    void addAll(int[] values) {
      for (int v : values) {
        lock.lock();
        try {
          sum += v;
        } finally {
          lock.unlock();
        }
      }
    }
  }

  static class FixedEarlyUnlock {
    private final ReentrantLock lock = new ReentrantLock();
    private int pending;

    int drain(boolean empty) {
      lock.lock();
      try {
        if (empty) {
          return 0;
        }
        int n = pending;
        pending = 0;
        return n;
      } finally {
        lock.unlock();
      }
    }
  }

  static class FixedWriteLockReleasedEarly {
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private long version;

    long bump() {
      long next;
      rw.writeLock().lock();
      try {
        next = ++version;
      } finally {
        rw.writeLock().unlock();
      }
      publish(next);
      return next;
    }
  }

  static class FixedLockUpgrade {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Lock read = rw.readLock();
    private final Lock write = rw.writeLock();
    private String value;

    String get(Supplier<String> loader) {
      read.lock();
      try {
        if (value == null) {
          read.unlock();
          write.lock();
          try {
            if (value == null) {
              value = loader.get();
            }
          } finally {
            read.lock();
            write.unlock();
          }
        }
        return value;
      } finally {
        read.unlock();
      }
    }
  }

  static class FixedStampReleasedTwice {
    private final StampedLock sl = new StampedLock();
    private double x;

    void moveAndNotify(double dx, Runnable listener) {
      long stamp = sl.writeLock();
      try {
        x += dx;
      } finally {
        sl.unlockWrite(stamp);
      }
      listener.run();
    }
  }

  static class FixedUnlockInLoop {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    void write(Runnable change) {
      int readCount = rw.getReadHoldCount();
      for (int i = 0; i < readCount; i++) {
        rw.readLock().unlock();
      }
      rw.writeLock().lock();
      try {
        change.run();
      } finally {
        for (int i = 0; i < readCount; i++) {
          rw.readLock().lock();
        }
        rw.writeLock().unlock();
      }
    }
  }
}
