package dev.crashguard.catalog.knowledge;

import java.util.List;
import java.util.Set;

/**
 * The JDK's locks, as more than one hazard needs them: UnsynchronizedMapWrite asks which locks guard a
 * write (only exclusive holds do), DoubleClose which releases throw when there is nothing to release
 * (every hold does). Each hazard's knowledge names the lists it uses under its own names; the lists live
 * here once.
 */
public final class LockKnowledge {

  private LockKnowledge() {}

  /** {@code java.util.concurrent.locks.Lock}: {@code ReentrantLock} and both halves of a read-write lock. */
  public static final String LOCK = "java.util.concurrent.locks.Lock";

  /**
   * {@code ReadWriteLock}: {@code rw.readLock()} and {@code rw.writeLock()} return the same lock object on
   * every call, so {@code rw.writeLock().unlock()} twice releases one lock twice (see {@link #LOCK_VIEWS}).
   */
  public static final String READ_WRITE_LOCK = "java.util.concurrent.locks.ReadWriteLock";

  /**
   * {@code StampedLock}: not reentrant and not owned by a thread. A hold is named by the lock <em>and</em>
   * the stamp its acquire returned; {@code unlockWrite(stamp)} with a stamp already released (or 0, what a
   * failed {@code tryWriteLock()} returns) throws {@code IllegalMonitorStateException}. A repeated {@code
   * unlockRead(stamp)} throws only when no other reader holds the lock: otherwise it silently releases
   * another reader's hold, which is worse.
   */
  public static final String STAMPED_LOCK = "java.util.concurrent.locks.StampedLock";

  /** The lock types a class keeps in its fields: what {@code lock.lock()} and {@code rw.writeLock()} are called on. */
  public static final Set<String> LOCK_TYPES = Ordered.set(LOCK, READ_WRITE_LOCK, STAMPED_LOCK);

  /**
   * Calls that return the same lock every time they are called on the same receiver: the receiver chain
   * ({@code rw.writeLock()}) names one lock, wherever it is written. The read and the write half of one
   * {@code ReadWriteLock} are two locks.
   */
  public static final List<MethodRef> LOCK_VIEWS =
      MethodRef.list(
          READ_WRITE_LOCK, "readLock",
          READ_WRITE_LOCK, "writeLock",
          STAMPED_LOCK, "asReadLock",
          STAMPED_LOCK, "asWriteLock",
          STAMPED_LOCK, "asReadWriteLock");

  /** Calls that take an exclusive hold and return once it is held: what guards a write. */
  public static final List<MethodRef> EXCLUSIVE_ACQUIRES =
      MethodRef.list(
          LOCK, "lock",
          LOCK, "lockInterruptibly",
          STAMPED_LOCK, "writeLock",
          STAMPED_LOCK, "writeLockInterruptibly");

  /** Every call that takes a hold, shared (read) ones too: each needs its one release. */
  public static final List<MethodRef> ACQUIRES =
      MethodRef.list(
          LOCK, "lock",
          LOCK, "lockInterruptibly",
          STAMPED_LOCK, "writeLock",
          STAMPED_LOCK, "readLock",
          STAMPED_LOCK, "writeLockInterruptibly",
          STAMPED_LOCK, "readLockInterruptibly");

  /**
   * Calls that may take an exclusive hold and say whether they did: {@code if (lock.tryLock()) {…}} guards
   * the branch ({@code StampedLock}'s return a non-zero stamp on success).
   */
  public static final List<MethodRef> EXCLUSIVE_TRY_ACQUIRES =
      MethodRef.list(
          LOCK, "tryLock",
          STAMPED_LOCK, "tryWriteLock",
          STAMPED_LOCK, "tryConvertToWriteLock");

  /**
   * Every call that may take a hold and says whether it did ({@code tryLock()} false, a {@code StampedLock}
   * {@code try…} stamp 0). {@code tryOptimisticRead()} is not here: its stamp is for {@code validate}, never
   * for an unlock.
   */
  public static final List<MethodRef> TRY_ACQUIRES =
      MethodRef.list(
          LOCK, "tryLock",
          STAMPED_LOCK, "tryWriteLock",
          STAMPED_LOCK, "tryReadLock",
          STAMPED_LOCK, "tryConvertToWriteLock",
          STAMPED_LOCK, "tryConvertToReadLock");

  /**
   * Calls that release an exclusive hold: one in a {@code finally} means its {@code try} block ran under
   * the lock. {@code StampedLock.unlockRead} is not here: a read hold does not guard writes.
   */
  public static final List<MethodRef> EXCLUSIVE_RELEASES =
      MethodRef.list(
          LOCK, "unlock",
          STAMPED_LOCK, "unlockWrite",
          STAMPED_LOCK, "unlock");

  /**
   * Every call that releases a hold and throws {@code IllegalMonitorStateException} when there is none:
   * the receiver (and for {@code StampedLock} the stamp argument) names the hold. {@code Semaphore.release()}
   * is not here: a release beyond the acquires adds a permit and never throws. {@code
   * StampedLock.tryUnlockRead/tryUnlockWrite} are not here either: they return false instead of throwing.
   */
  public static final List<MethodRef> RELEASES =
      MethodRef.list(
          LOCK, "unlock",
          STAMPED_LOCK, "unlock",
          STAMPED_LOCK, "unlockRead",
          STAMPED_LOCK, "unlockWrite");

  /**
   * Assertions that the current thread holds a lock: a method whose body asserts one of these among its
   * statements ({@code assert Thread.holdsLock(this);}, {@code assert lock.isHeldByCurrentThread();}) states
   * that its callers hold that lock, and the assertion is checked wherever assertions are on (every test
   * run). Netty's OpenSslClientSessionCache hooks begin with {@code assert Thread.holdsLock(this)}; their
   * callers, in the superclass, hold the monitor. {@code Thread.holdsLock(x)} names the monitor {@code x};
   * the others the lock they are called on.
   */
  public static final List<MethodRef> HELD_ASSERTIONS =
      MethodRef.list(
          "java.lang.Thread", "holdsLock",
          "java.util.concurrent.locks.ReentrantLock", "isHeldByCurrentThread",
          "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock", "isHeldByCurrentThread",
          "java.util.concurrent.locks.ReentrantReadWriteLock", "isWriteLockedByCurrentThread");

  /**
   * Calls that ask whether this thread holds the lock (or whether a stamp is still good): an unlock inside
   * {@code if (lock.isHeldByCurrentThread())} cannot throw.
   */
  public static final List<MethodRef> HELD_TESTS =
      MethodRef.list(
          "java.util.concurrent.locks.ReentrantLock", "isHeldByCurrentThread",
          "java.util.concurrent.locks.ReentrantLock", "getHoldCount",
          "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock", "isHeldByCurrentThread",
          "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock", "getHoldCount",
          "java.util.concurrent.locks.ReentrantReadWriteLock", "isWriteLockedByCurrentThread",
          "java.util.concurrent.locks.ReentrantReadWriteLock", "getWriteHoldCount",
          "java.util.concurrent.locks.ReentrantReadWriteLock", "getReadHoldCount",
          STAMPED_LOCK, "validate",
          STAMPED_LOCK, "isWriteLocked",
          STAMPED_LOCK, "isReadLocked");
}
