package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A lock around some writes says the class expects several threads. A write elsewhere without that lock
 * races with the locked ones: the lock protects nothing unless every writer takes it. A write inside
 * {@code if (lock.tryLock())}, or between lock() and unlock() without try/finally, holds the lock; a write
 * after unlock() in the same method does not.
 */
public class InconsistentLocking {

  /** What the server's request threads call on a session store. */
  interface SessionStore {
    void open(String id);

    void close(String id);
  }

  /** close() implements a contract that the server's threads call, as they call the synchronized open(). */
  static class NoncompliantSynchronized implements SessionStore {
    private final Map<String, Integer> sessions = new HashMap<>();

    @Override
    public synchronized void open(String id) {
      sessions.put(id, 1);
    }

    @Override
    public void close(String id) {
      sessions.remove(id); // hazard: UnsynchronizedMapWrite
    }
  }

  static class NoncompliantLock {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Integer> routes = new TreeMap<>();

    public void add(String route, int port) {
      lock.lock();
      try {
        routes.put(route, port);
      } finally {
        lock.unlock();
      }
    }

    /** Package-private: only the library's own code calls it, and it does. */
    void drop(String route) {
      routes.remove(route); // hazard: UnsynchronizedMapWrite
    }
  }

  static class NoncompliantSynchronizedBlock {
    private final Map<String, Integer> sessions = new HashMap<>();

    public void open(String id) {
      synchronized (sessions) {
        sessions.put(id, 1);
      }
    }

    public void touch(String id) {
      sessions.merge(id, 1, Integer::sum); // hazard: UnsynchronizedMapWrite
    }

    public void touchAll(Iterable<String> ids) {
      for (String id : ids) {
        touch(id);
      }
    }
  }

  /** A read lock lets other readers in at the same time: a write under it races with them. */
  static class NoncompliantStampedReadLock {
    private final StampedLock lock = new StampedLock();
    private final Map<String, Integer> hits = new HashMap<>();

    public void reset(String route) {
      long stamp = lock.writeLock();
      try {
        hits.remove(route);
      } finally {
        lock.unlockWrite(stamp);
      }
    }

    public void hit(String route) {
      long stamp = lock.readLock();
      try {
        hits.merge(route, 1, Integer::sum); // hazard: UnsynchronizedMapWrite
      } finally {
        lock.unlockRead(stamp);
      }
    }
  }

  /** Every write under the same monitor. */
  static class CompliantSynchronized {
    private final Map<String, Integer> sessions = new HashMap<>();

    public synchronized void open(String id) {
      sessions.put(id, 1);
    }

    public synchronized void close(String id) {
      sessions.remove(id);
    }

    public void closeAll() {
      synchronized (this) {
        sessions.clear();
      }
    }
  }

  /** Every write under the write lock of a ReadWriteLock; reads under its read lock. */
  static class CompliantReadWriteLock {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> routes = new HashMap<>();

    public void add(String route, int port) {
      lock.writeLock().lock();
      try {
        routes.put(route, port);
      } finally {
        lock.writeLock().unlock();
      }
    }

    public Integer find(String route) {
      lock.readLock().lock();
      try {
        return routes.get(route);
      } finally {
        lock.readLock().unlock();
      }
    }
  }

  /** The unlocked write is in a private helper only ever called with the lock held. */
  static class CompliantPrivateHelper {
    private final Map<String, Integer> sessions = new HashMap<>();

    public synchronized void open(String id) {
      sessions.put(id, 1);
      trim();
    }

    private void trim() {
      sessions.remove("");
    }
  }

  static class FixedSynchronized implements SessionStore {
    private final Map<String, Integer> sessions = new HashMap<>();

    @Override
    public synchronized void open(String id) {
      sessions.put(id, 1);
    }

    @Override
    public synchronized void close(String id) {
      sessions.remove(id);
    }
  }

  static class FixedStampedLock {
    private final StampedLock lock = new StampedLock();
    private final Map<String, Integer> hits = new HashMap<>();

    public void reset(String route) {
      long stamp = lock.writeLock();
      try {
        hits.remove(route);
      } finally {
        lock.unlockWrite(stamp);
      }
    }

    public void hit(String route) {
      long stamp = lock.writeLock();
      try {
        hits.merge(route, 1, Integer::sum);
      } finally {
        lock.unlockWrite(stamp);
      }
    }
  }

  static class FixedLock {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Integer> routes = new TreeMap<>();

    public void add(String route, int port) {
      lock.lock();
      try {
        routes.put(route, port);
      } finally {
        lock.unlock();
      }
    }

    void drop(String route) {
      lock.lock();
      try {
        routes.remove(route);
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * A write guarded by {@code if (lock.tryLock())} is evidence of locking like any other; clear() is
   * reached from the public reset() without the lock.
   */
  static class NoncompliantTryLock {
    private final Lock lock = new ReentrantLock();
    private final Set<String> names = new HashSet<>();

    void add(String name) {
      if (lock.tryLock()) {
        try {
          names.add(name);
        } finally {
          lock.unlock();
        }
      }
    }

    protected void clear() {
      names.clear(); // hazard: UnsynchronizedMapWrite
    }

    public void reset() {
      clear();
    }
  }

  /** The lock is given back before the second write of the same method. */
  static class NoncompliantWriteAfterUnlock {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> routes = new HashMap<>();

    public void add(String route) {
      lock.writeLock().lock();
      routes.put(route, 1);
      lock.writeLock().unlock();
      routes.remove("stale"); // hazard: UnsynchronizedMapWrite
    }
  }

  /** lock(); write; unlock(); without try/finally still holds the lock for the write. */
  static class CompliantLockWithoutFinally {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> routes = new HashMap<>();

    void add(String route) {
      lock.writeLock().lock();
      try {
        routes.put(route, 1);
      } finally {
        lock.writeLock().unlock();
      }
    }

    void addAgain(String route) {
      lock.writeLock().lock();
      routes.put(route, 2);
      lock.writeLock().unlock();
    }
  }

  /**
   * tryLock in the if itself holds the lock in its branch; the constructor fills the map before the object
   * can be shared, so its unlocked write races with nothing.
   */
  static class CompliantTryLockAndConstructor {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Integer> routes = new TreeMap<>();

    CompliantTryLockAndConstructor() {
      routes.put("default", 0);
    }

    public void add(String route) {
      lock.lock();
      try {
        routes.put(route, 1);
      } finally {
        lock.unlock();
      }
    }

    public boolean tryAdd(String route) {
      if (lock.tryLock()) {
        try {
          routes.put(route, 2);
          return true;
        } finally {
          lock.unlock();
        }
      }
      return false;
    }
  }

  static class FixedTryLock {
    private final Lock lock = new ReentrantLock();
    private final Set<String> names = new HashSet<>();

    void add(String name) {
      if (lock.tryLock()) {
        try {
          names.add(name);
        } finally {
          lock.unlock();
        }
      }
    }

    protected void clear() {
      lock.lock();
      try {
        names.clear();
      } finally {
        lock.unlock();
      }
    }

    public void reset() {
      clear();
    }
  }

  static class FixedWriteAfterUnlock {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> routes = new HashMap<>();

    public void add(String route) {
      lock.writeLock().lock();
      try {
        routes.put(route, 1);
        routes.remove("stale");
      } finally {
        lock.writeLock().unlock();
      }
    }
  }

  /**
   * A synchronized block on the same object as the synchronized methods, left early by return, continue or
   * break, and a lock()/try/finally left early by return: every write inside holds the lock, whichever way
   * the block is left (bytecode puts a release before the early exit and the guarded code after it).
   */
  static class CompliantBlockLeftEarly {
    private final Map<String, Integer> sessions = new HashMap<>();
    private final Object guard = new Object();
    private final Set<String> names = new HashSet<>();

    public synchronized void open(String id) {
      sessions.put(id, 1);
    }

    public void close(String id, boolean quiet) {
      synchronized (this) {
        if (quiet) {
          return;
        }
        sessions.remove(id);
      }
    }

    public int closeAll(Iterable<String> ids) {
      int closed = 0;
      for (String id : ids) {
        synchronized (this) {
          if (id.isEmpty()) {
            continue;
          }
          if (id.equals("stop")) {
            break;
          }
          sessions.remove(id);
          closed++;
        }
      }
      return closed;
    }

    public void name(String n) {
      synchronized (guard) {
        names.add(n);
      }
    }

    public boolean rename(String from, String to) {
      synchronized (guard) {
        if (!names.remove(from)) {
          return false;
        }
        names.add(to);
        return true;
      }
    }

    private final Lock lock = new ReentrantLock();
    private final Map<String, Integer> routes = new TreeMap<>();

    public void route(String r) {
      lock.lock();
      try {
        routes.put(r, 1);
      } finally {
        lock.unlock();
      }
    }

    public boolean unroute(String r) {
      lock.lock();
      try {
        if (r.isEmpty()) {
          return false;
        }
        routes.remove(r);
        return true;
      } finally {
        lock.unlock();
      }
    }

    /** jackson's DeserializerCache: a finally inside the locked try also runs, under the lock, on a throw. */
    public int resolve(String r) {
      lock.lock();
      try {
        int count = routes.size();
        try {
          return r.length();
        } finally {
          if (count == 0) {
            routes.clear();
          }
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Left early from the block, then written after it: that write holds nothing. */
  static class NoncompliantWriteAfterBlockLeftEarly {
    private final Map<String, Integer> sessions = new HashMap<>();

    public synchronized void open(String id) {
      sessions.put(id, 1);
    }

    public void close(String id, boolean quiet) {
      synchronized (this) {
        if (quiet) {
          return;
        }
        sessions.remove(id);
      }
      sessions.remove(id + ".old"); // hazard: UnsynchronizedMapWrite
    }
  }

  static class FixedWriteAfterBlockLeftEarly {
    private final Map<String, Integer> sessions = new HashMap<>();

    public synchronized void open(String id) {
      sessions.put(id, 1);
    }

    public void close(String id, boolean quiet) {
      synchronized (this) {
        if (quiet) {
          return;
        }
        sessions.remove(id);
        sessions.remove(id + ".old");
      }
    }
  }

  /**
   * A test double shipped in main code (a fake ticker, a mock clock): one test thread drives it by
   * contract, and its synchronized reset() does not make its other writers a race.
   */
  interface Ticker {
    long read(String caller);
  }

  static class CompliantFakeTicker implements Ticker {
    private final Map<String, Long> reads = new HashMap<>();

    @Override
    public long read(String caller) {
      reads.merge(caller, 1L, Long::sum);
      return 42L;
    }

    public synchronized void reset() {
      reads.clear();
    }
  }

  /** The same shape under an ordinary name is a shared object whose writers disagree about the lock. */
  static class NoncompliantTicker implements Ticker {
    private final Map<String, Long> reads = new HashMap<>();

    @Override
    public long read(String caller) {
      reads.merge(caller, 1L, Long::sum); // hazard: UnsynchronizedMapWrite
      return 42L;
    }

    public synchronized void reset() {
      reads.clear();
    }
  }

  static class FixedTicker implements Ticker {
    private final Map<String, Long> reads = new HashMap<>();

    @Override
    public synchronized long read(String caller) {
      reads.merge(caller, 1L, Long::sum);
      return 42L;
    }

    public synchronized void reset() {
      reads.clear();
    }
  }

  /**
   * ehcache's off-heap storage engine: its owner's write lock guards it. Callers in the owner hold that lock
   * around every call; the one method here that locks takes the owner's lock again. A lock that belongs to
   * another object says the protocol lives there: the unlocked writers here are no evidence of a race.
   */
  static class CompliantLockedByTheOwner {
    interface Owner {
      java.util.concurrent.locks.Lock writeLock();
    }

    private final Owner owner;
    private final Map<Long, Integer> chunks = new HashMap<>();

    CompliantLockedByTheOwner(Owner owner) {
      this.owner = owner;
    }

    public void clearInternal() {
      chunks.clear();
    }

    public void write(long address, int size) {
      chunks.put(address, size);
    }

    public void shrink(long address) {
      java.util.concurrent.locks.Lock lock = owner.writeLock();
      lock.lock();
      try {
        chunks.remove(address);
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * reactor's SchedulerMetricDecorator: dispose() clears the maps the synchronized apply() fills. A clear in
   * a teardown method (close, dispose, shutdown, stop, destroy) runs when the object is retired; it races
   * the writers only when teardown can run on another thread, which this class never shows (it hands no
   * work to other threads; its lock alone does not say that dispose() runs elsewhere).
   */
  static class CompliantClearedOnTeardown implements AutoCloseable {
    private final Map<String, Integer> seen = new HashMap<>();

    public synchronized int apply(String name) {
      return seen.merge(name, 1, Integer::sum);
    }

    public void dispose() {
      seen.clear();
    }

    @Override
    public void close() {
      seen.clear();
    }
  }

  /**
   * jgroups' FD_HOST and FailureDetection (a false alarm met in the real world): the component's init(), which
   * its framework calls once before start() and before any of its tasks is scheduled, resets the set that the
   * timer task and the view handler write under the monitor. A lifecycle method the catalog names
   * (BEAN_LIFECYCLE_METHODS) runs before the object is shared, as a constructor does.
   */
  static class CompliantLifecycleInitResets {
    private final java.util.Set<String> suspected = new java.util.HashSet<>();
    private java.util.concurrent.ScheduledExecutorService timer;

    public void init() {
      suspected.clear();
    }

    public void start(java.util.concurrent.ScheduledExecutorService timer) {
      this.timer = timer;
      timer.scheduleAtFixedRate(() -> suspect("peer"), 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    synchronized void suspect(String member) {
      suspected.add(member);
    }

    synchronized void unsuspect(String member) {
      suspected.remove(member);
    }
  }

  /**
   * ZooKeeper's ProviderRegistry (a false alarm met in the real world): removeProvider() writes without the
   * lock that the other writers take, and nothing in the class calls it; ZooKeeper's own tests call it in
   * tear-down, after the server stopped. The locked writers say that they run on several threads; nothing
   * says this method does. It is public, implements nothing, is called nowhere in its class, takes no lock,
   * and its class hands no work to other threads: its callers decide, and they are out of sight. Not
   * reported (see the docs page, "Public methods nobody calls"); with any of those signs it is the race
   * below.
   */
  static class CompliantTestHookNobodyCalls {
    private static final Map<String, String> providers = new HashMap<>();
    private static boolean initialized;

    public static void initialize() {
      synchronized (CompliantTestHookNobodyCalls.class) {
        providers.put("ip", "IPAuthenticationProvider");
        initialized = true;
      }
    }

    public static String provider(String scheme) {
      if (!initialized) {
        initialize();
      }
      return providers.get(scheme);
    }

    public static void removeProvider(String scheme) {
      providers.remove(scheme);
    }
  }

  /** The same silence for an instance, a lock object and a protected method that nothing calls. */
  static class CompliantProtectedResetNobodyCalls {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Long> offsets = new TreeMap<>();

    public void commit(String partition, long offset) {
      lock.lock();
      try {
        offsets.put(partition, offset);
      } finally {
        lock.unlock();
      }
    }

    protected void forgetAll() {
      offsets.clear();
    }
  }

  /**
   * The registry's shape, in a class that hands work to another thread: its expiry task registers providers
   * on a timer thread under the lock, so removeProvider(), called from anywhere, races with it.
   */
  static class NoncompliantRegistryWithExpiry {
    private static final Map<String, String> providers = new HashMap<>();

    public static void register(String scheme, String provider) {
      synchronized (NoncompliantRegistryWithExpiry.class) {
        providers.put(scheme, provider);
      }
    }

    public static void startRefresh(java.util.concurrent.ScheduledExecutorService timer) {
      timer.scheduleWithFixedDelay(() -> register("ip", "IPAuthenticationProvider"), 1, 1, java.util.concurrent.TimeUnit.MINUTES);
    }

    public static void removeProvider(String scheme) {
      providers.remove(scheme); // hazard: UnsynchronizedMapWrite
    }
  }

  static class FixedRegistryWithExpiry {
    private static final Map<String, String> providers = new HashMap<>();

    public static void register(String scheme, String provider) {
      synchronized (FixedRegistryWithExpiry.class) {
        providers.put(scheme, provider);
      }
    }

    public static void startRefresh(java.util.concurrent.ScheduledExecutorService timer) {
      timer.scheduleWithFixedDelay(() -> register("ip", "IPAuthenticationProvider"), 1, 1, java.util.concurrent.TimeUnit.MINUTES);
    }

    public static void removeProvider(String scheme) {
      synchronized (FixedRegistryWithExpiry.class) {
        providers.remove(scheme);
      }
    }
  }

  /**
   * jgroups' SHARED_LOOPBACK.clear(cluster): a public static method nothing calls, which takes the lock on one
   * branch and writes without it on the other. Its own lock says its author expects it to run while the
   * other writers do: reported, although jgroups itself never calls it (triaged false in the real world).
   */
  static class NoncompliantClearLockedOnOneBranch {
    private static final Map<String, Map<String, Integer>> routes = new HashMap<>();

    protected static void register(String cluster, String member) {
      synchronized (routes) {
        routes.computeIfAbsent(cluster, c -> new HashMap<>()).put(member, 1);
      }
    }

    public static void clear(String cluster) {
      if (cluster == null) {
        synchronized (routes) {
          routes.clear();
        }
        return;
      }
      routes.remove(cluster); // hazard: UnsynchronizedMapWrite
    }
  }

  static class FixedClearLockedOnBothBranches {
    private static final Map<String, Map<String, Integer>> routes = new HashMap<>();

    protected static void register(String cluster, String member) {
      synchronized (routes) {
        routes.computeIfAbsent(cluster, c -> new HashMap<>()).put(member, 1);
      }
    }

    public static void clear(String cluster) {
      synchronized (routes) {
        if (cluster == null) {
          routes.clear();
        } else {
          routes.remove(cluster);
        }
      }
    }
  }

  /**
   * grizzly's AbstractThreadPool.startWorker (a false alarm met in the real world): a protected hook that its
   * class never calls, documented "must hold stateLock". Its subclasses, in other files, call it inside
   * synchronized (stateLock), the lock the exiting workers take. The class starts threads, but the hook is
   * its contract with subclasses, which can take its lock: left to them, like a protected method nobody calls.
   */
  static class CompliantProtectedHookSubclassesCallUnderTheLock {
    abstract static class Pool {
      protected final Object stateLock = new Object();
      protected final Map<Runnable, Long> workers = new HashMap<>();

      /** Must hold stateLock. */
      protected void startWorker(Runnable worker) {
        Thread thread = new Thread(() -> runThenExit(worker));
        workers.put(worker, System.nanoTime());
        thread.start();
      }

      private void runThenExit(Runnable worker) {
        try {
          worker.run();
        } finally {
          synchronized (stateLock) {
            workers.remove(worker);
          }
        }
      }
    }
  }

  /**
   * The same pool whose starter is public: its clients call it from any thread, and they do not take the
   * pool's lock, while exiting workers remove themselves under it.
   */
  static class NoncompliantPublicStarterBesideLockedExits {
    private final Object stateLock = new Object();
    private final Map<Runnable, Long> workers = new HashMap<>();

    public void startWorker(Runnable worker) {
      Thread thread = new Thread(() -> runThenExit(worker));
      workers.put(worker, System.nanoTime()); // hazard: UnsynchronizedMapWrite
      thread.start();
    }

    private void runThenExit(Runnable worker) {
      try {
        worker.run();
      } finally {
        synchronized (stateLock) {
          workers.remove(worker);
        }
      }
    }
  }

  static class FixedPublicStarterTakesTheLock {
    private final Object stateLock = new Object();
    private final Map<Runnable, Long> workers = new HashMap<>();

    public void startWorker(Runnable worker) {
      Thread thread = new Thread(() -> runThenExit(worker));
      synchronized (stateLock) {
        workers.put(worker, System.nanoTime());
      }
      thread.start();
    }

    private void runThenExit(Runnable worker) {
      try {
        worker.run();
      } finally {
        synchronized (stateLock) {
          workers.remove(worker);
        }
      }
    }
  }
}
