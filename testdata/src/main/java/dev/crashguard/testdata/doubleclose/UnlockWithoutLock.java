package dev.crashguard.testdata.doubleclose;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * An unlock on a path where the lock was never taken: it throws {@code IllegalMonitorStateException} just
 * like a second unlock, and from a {@code finally} it replaces the exception that got there (an {@code
 * InterruptedException} becomes an {@code IllegalMonitorStateException}). Two shapes: the acquire written
 * inside the {@code try} whose {@code finally} unlocks, so that when the acquire throws ({@code
 * lockInterruptibly()} on interrupt, a distributed lock's {@code lock()} on a lost connection, any acquire
 * on an {@code Error}) the unlock runs with nothing held; and the result of {@code tryLock()} (or a {@code
 * StampedLock} {@code try…} stamp of 0) not checked before the unlock.
 *
 * <p>Written from real reports: {@code try { LOCK.lock(); … } finally { LOCK.unlock(); }}
 * (alibaba/Sentinel#1429, "If the lock acquisition fails, an IllegalMonitorStateException will be thrown");
 * {@code lockInterruptibly()} inside the {@code try} (apache/activemq#959, AMQ-9202; apache/tajo#416,
 * TAJO-1396, "Unexpected IllegalMonitorStateException"); an interrupted {@code tryLock(500, MILLISECONDS)}
 * loop whose {@code catch} returns while the {@code finally} unlocks (NeuronRobotics/nrjavaserial#145,
 * {@code IllegalMonitorStateException} at {@code ReentrantReadWriteLock$Sync.tryRelease}, fixed with {@code
 * isHeldByCurrentThread()}); the result of {@code tryLock(…)} ignored (sohutv/cachecloud#144; Redisson's
 * redisson/redisson#581, "attempt to unlock lock, not locked by current thread"). More of the first shape:
 * sgroschupf/zkclient#30, apache/incubator-uniffle#1590, kousiknath/LowLevelDesign#5.
 *
 * <p>The compliant twins unlock in {@code finally} and are right: the acquire just before the {@code try},
 * the {@code try…} result tested ({@code if (lock.tryLock())}, an early return, a flag, a stamp compared
 * with 0), the acquire in its own {@code try} that leaves on failure (the TAJO-1396 fix), and an unlock
 * guarded by {@code isHeldByCurrentThread()} (the nrjavaserial fix).
 */
public class UnlockWithoutLock {

  /** Sentinel#1429: the lock is injected (a distributed lock's lock() can throw); taken inside the try. */
  static class NoncompliantLockInsideTry {
    private final Lock lock;
    private int contexts;

    NoncompliantLockInsideTry(Lock lock) {
      this.lock = lock;
    }

    int enter() {
      try {
        lock.lock();
        return ++contexts;
      } finally {
        lock.unlock(); // hazard: DoubleClose
      }
    }
  }

  /** AMQ-9202: a write lock taken interruptibly inside the try. */
  static class NoncompliantInterruptibleInsideTry {
    private final ReentrantReadWriteLock barrier = new ReentrantReadWriteLock();
    private long generation;

    long advance() throws InterruptedException {
      try {
        barrier.writeLock().lockInterruptibly();
        return ++generation;
      } finally {
        barrier.writeLock().unlock(); // hazard: DoubleClose
      }
    }
  }

  /** nrjavaserial#145: interrupted while waiting, the catch returns and the finally unlocks anyway. */
  static class NoncompliantInterruptedTryLockLoop {
    private final ReentrantReadWriteLock io = new ReentrantReadWriteLock();
    private boolean open = true;

    void close() {
      try {
        while (!io.writeLock().tryLock(500, TimeUnit.MILLISECONDS)) {
          open = false;
        }
        open = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        io.writeLock().unlock(); // hazard: DoubleClose
      }
    }
  }

  /** cachecloud#144, redisson#581: tryLock's answer ignored. */
  static class NoncompliantTryLockIgnored {
    private final Lock lock = new ReentrantLock();
    private int runs;

    void runIfFree() throws InterruptedException {
      lock.tryLock(10, TimeUnit.MILLISECONDS);
      try {
        runs++;
      } finally {
        lock.unlock(); // hazard: DoubleClose
      }
    }
  }

  /** A StampedLock try-stamp of 0 (not acquired) handed to unlockWrite. */
  static class NoncompliantZeroStamp {
    private final StampedLock sl = new StampedLock();
    private long hits;

    void hitIfFree() {
      long stamp = sl.tryWriteLock();
      try {
        hits++;
      } finally {
        sl.unlockWrite(stamp); // hazard: DoubleClose
      }
    }
  }

  /** The canonical order: lock, then try; the read half of a ReentrantReadWriteLock the same way. */
  static class CompliantLockBeforeTry {
    private final Lock lock;
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int contexts;

    CompliantLockBeforeTry(Lock lock) {
      this.lock = lock;
    }

    int enter() {
      lock.lock();
      try {
        return ++contexts;
      } finally {
        lock.unlock();
      }
    }

    int read() throws InterruptedException {
      rw.readLock().lockInterruptibly();
      try {
        return contexts;
      } finally {
        rw.readLock().unlock();
      }
    }
  }

  /** tryLock's answer decides: inside the if, after an early return, or through a flag. */
  static class CompliantTryLockChecked {
    private final Lock lock = new ReentrantLock();
    private int runs;

    boolean runIfFree() {
      if (lock.tryLock()) {
        try {
          runs++;
          return true;
        } finally {
          lock.unlock();
        }
      }
      return false;
    }

    boolean runWithin(long millis) throws InterruptedException {
      if (!lock.tryLock(millis, TimeUnit.MILLISECONDS)) {
        return false;
      }
      try {
        runs++;
        return true;
      } finally {
        lock.unlock();
      }
    }

    boolean runFlagged(long millis) throws InterruptedException {
      boolean acquired = false;
      try {
        acquired = lock.tryLock(millis, TimeUnit.MILLISECONDS);
        if (acquired) {
          runs++;
        }
        return acquired;
      } finally {
        if (acquired) {
          lock.unlock();
        }
      }
    }
  }

  /** A zero stamp leaves before the try. */
  static class CompliantStampChecked {
    private final StampedLock sl = new StampedLock();
    private long hits;

    boolean hitIfFree() {
      long stamp = sl.tryWriteLock();
      if (stamp == 0L) {
        return false;
      }
      try {
        hits++;
        return true;
      } finally {
        sl.unlockWrite(stamp);
      }
    }
  }

  /** TAJO-1396 fixed: the acquire has its own try and leaves; nrjavaserial fixed: the unlock asks first. */
  static class CompliantAcquireHandledApart {
    private final ReentrantReadWriteLock.WriteLock writeLock = new ReentrantReadWriteLock().writeLock();
    private final ReentrantLock io = new ReentrantLock();
    private int submitted;
    private boolean open = true;

    void submit() {
      try {
        writeLock.lockInterruptibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        submitted++;
      } finally {
        writeLock.unlock();
      }
    }

    void close() {
      try {
        while (!io.tryLock(500, TimeUnit.MILLISECONDS)) {
          open = false;
        }
        open = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (io.isHeldByCurrentThread()) {
          io.unlock();
        }
      }
    }
  }

  /**
   * Seen in zookeeper, lettuce and undertow: a JDK lock taken with {@code lock()} as the first statement
   * inside the {@code try}. {@code ReentrantLock.lock()} and the halves of a {@code
   * ReentrantReadWriteLock} block until they hold the lock and do not throw, so the {@code finally} always
   * has a hold to release: a matter of style, not a crash. The lock is known by its class wherever it is
   * kept: a field of the class's type, a field typed {@code Lock} that the class fills with a {@code
   * ReentrantLock}, a local holding a read lock.
   */
  static class CompliantJdkLockInsideTry {
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Lock counterLock = new ReentrantLock();
    private final ReentrantReadWriteLock cacheLock = new ReentrantReadWriteLock();
    private int state;
    private int counter;
    private Object cached;

    void advance() {
      try {
        stateLock.lock();
        state++;
      } finally {
        stateLock.unlock();
      }
    }

    int next() {
      try {
        counterLock.lock();
        return ++counter;
      } finally {
        counterLock.unlock();
      }
    }

    Object cached() {
      final Lock read = cacheLock.readLock();
      try {
        read.lock();
        return cached;
      } finally {
        read.unlock();
      }
    }
  }

  /**
   * kafka-clients' FetchBuffer (a false alarm met in the real world): the field typed {@code Lock} is filled
   * in the constructor, not where it is declared; every constructor gives it a {@code new ReentrantLock()},
   * so its class is known as well as if the declaration said so.
   */
  static class CompliantJdkLockFilledByTheConstructor {
    private final Lock lock;
    private final java.util.Queue<String> fetches = new java.util.concurrent.ConcurrentLinkedQueue<>();

    CompliantJdkLockFilledByTheConstructor() {
      this.lock = new ReentrantLock();
    }

    CompliantJdkLockFilledByTheConstructor(String first) {
      lock = new ReentrantLock();
      fetches.add(first);
    }

    boolean isEmpty() {
      try {
        lock.lock();
        return fetches.isEmpty();
      } finally {
        lock.unlock();
      }
    }
  }

  /** One constructor creates the lock, the other is handed one of any class: its lock() may throw. */
  static class NoncompliantLockFilledByTheConstructorOrHanded {
    private final Lock lock;
    private final java.util.Queue<String> fetches = new java.util.concurrent.ConcurrentLinkedQueue<>();

    NoncompliantLockFilledByTheConstructorOrHanded() {
      this.lock = new ReentrantLock();
    }

    NoncompliantLockFilledByTheConstructorOrHanded(Lock lock) {
      this.lock = lock;
    }

    boolean isEmpty() {
      try {
        lock.lock();
        return fetches.isEmpty();
      } finally {
        lock.unlock(); // hazard: DoubleClose (not: pmd — PMD judges a lock's class only where its declaration creates it; a field filled in constructors is unknown to it, and it stays silent there)
      }
    }
  }

  static class FixedLockFilledByTheConstructorOrHanded {
    private final Lock lock;
    private final java.util.Queue<String> fetches = new java.util.concurrent.ConcurrentLinkedQueue<>();

    FixedLockFilledByTheConstructorOrHanded() {
      this.lock = new ReentrantLock();
    }

    FixedLockFilledByTheConstructorOrHanded(Lock lock) {
      this.lock = lock;
    }

    boolean isEmpty() {
      lock.lock();
      try {
        return fetches.isEmpty();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * commons-pool2's GenericKeyedObjectPool: a local takes the read lock of a ReadWriteLock field that holds
   * a ReentrantReadWriteLock, inside the try; after an upgrade it names the write lock, and the finally
   * releases whichever it holds. The halves of a ReentrantReadWriteLock do not throw from lock(), so the
   * finally always has a hold, whichever lock the local names by then.
   */
  static class CompliantUpgradeThroughLocal {
    private final ReadWriteLock keyLock = new ReentrantReadWriteLock(true);
    private int interested;
    private int removed;

    void deregister() {
      Lock lock = keyLock.readLock();
      try {
        lock.lock();
        if (--interested == 0) {
          lock.unlock();
          lock = keyLock.writeLock();
          lock.lock();
          removed++;
        }
      } finally {
        lock.unlock();
      }
    }
  }

  static class FixedLockInsideTry {
    private final Lock lock;
    private int contexts;

    FixedLockInsideTry(Lock lock) {
      this.lock = lock;
    }

    int enter() {
      lock.lock();
      try {
        return ++contexts;
      } finally {
        lock.unlock();
      }
    }
  }

  static class FixedInterruptibleInsideTry {
    private final ReentrantReadWriteLock barrier = new ReentrantReadWriteLock();
    private long generation;

    long advance() throws InterruptedException {
      barrier.writeLock().lockInterruptibly();
      try {
        return ++generation;
      } finally {
        barrier.writeLock().unlock();
      }
    }
  }

  static class FixedInterruptedTryLockLoop {
    private final ReentrantReadWriteLock io = new ReentrantReadWriteLock();
    private boolean open = true;

    void close() {
      try {
        while (!io.writeLock().tryLock(500, TimeUnit.MILLISECONDS)) {
          open = false;
        }
        open = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        if (io.writeLock().isHeldByCurrentThread()) {
          io.writeLock().unlock();
        }
      }
    }
  }

  static class FixedTryLockIgnored {
    private final Lock lock = new ReentrantLock();
    private int runs;

    void runIfFree() throws InterruptedException {
      if (!lock.tryLock(10, TimeUnit.MILLISECONDS)) {
        return;
      }
      try {
        runs++;
      } finally {
        lock.unlock();
      }
    }
  }

  static class FixedZeroStamp {
    private final StampedLock sl = new StampedLock();
    private long hits;

    void hitIfFree() {
      long stamp = sl.tryWriteLock();
      if (stamp == 0L) {
        return;
      }
      try {
        hits++;
      } finally {
        sl.unlockWrite(stamp);
      }
    }
  }
}
