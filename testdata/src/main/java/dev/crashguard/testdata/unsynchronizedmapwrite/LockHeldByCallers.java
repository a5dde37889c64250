package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A helper that writes without taking the lock itself, because each of its callers holds it (jackson's
 * DeserializerCache._createAndCache2, protected, called only inside _incompleteDeserializersLock). The
 * helper is not public, so callers outside the class and its package cannot skip the lock; the engines
 * look at its callers within the class. One caller without the lock makes the helper's writes a race.
 *
 * <p>A method with no caller in the class is called from elsewhere (by reflection, serialization, a
 * subclass): nothing says its callers hold the lock, so its unlocked write is reported, and a call it makes
 * counts as unlocked (jackson's package-private DeserializerCache.writeReplace, a true finding). A write
 * whose only lock is the one its callers hold is evidence of locking like any other: a public method that
 * writes the same map without that lock races with it (spring-context's addApplicationListener against
 * doClose).
 *
 * <p>Callers are followed up a chain of non-public methods: one unlocked path, however deep, is enough. A
 * caller holds the lock through a synchronized method, a {@code synchronized (this)} block, or lock() and
 * unlock() with or without try/finally; a helper calling itself is no caller. A method reference to the
 * helper, a task that calls it (the lock stays with the thread that made the task), a call on another
 * instance, and any call from outside to a public helper, all hold no lock.
 */
public class LockHeldByCallers {

  static class CompliantHelperCalledUnderLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    public Integer create(String type) {
      lock.lock();
      try {
        return createLocked(type);
      } finally {
        lock.unlock();
      }
    }

    /** Called with {@code lock} held. */
    protected Integer createLocked(String type) {
      incomplete.put(type, 1);
      try {
        return type.length();
      } finally {
        incomplete.remove(type);
      }
    }
  }

  static class NoncompliantHelperAlsoCalledWithoutLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    public Integer create(String type) {
      lock.lock();
      try {
        return createLocked(type);
      } finally {
        lock.unlock();
      }
    }

    public Integer createFast(String type) {
      return createLocked(type);
    }

    protected Integer createLocked(String type) {
      incomplete.put(type, 1); // hazard: UnsynchronizedMapWrite
      return type.length();
    }
  }

  static class NoncompliantHelperWithNoCaller {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    /** Called by Java serialization, never by this class. */
    Object writeReplace() {
      incomplete.clear(); // hazard: UnsynchronizedMapWrite
      return this;
    }
  }

  static class NoncompliantPublicWriterSkipsTheCallersLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Runnable> listeners = new HashMap<>();

    public void close() {
      lock.lock();
      try {
        doClose();
      } finally {
        lock.unlock();
      }
    }

    protected void doClose() {
      listeners.clear();
    }

    public void addListener(String name, Runnable listener) {
      listeners.put(name, listener); // hazard: UnsynchronizedMapWrite
    }

    public void addListeners(Map<String, Runnable> more) {
      more.forEach(this::addListener);
    }
  }

  static class Fixed {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    public Integer createFast(String type) {
      lock.lock();
      try {
        return createLocked(type);
      } finally {
        lock.unlock();
      }
    }

    protected Integer createLocked(String type) {
      incomplete.put(type, 1);
      return type.length();
    }
  }

  /**
   * The callers hold the monitor: a synchronized method calling {@code this.createLocked}, and a
   * {@code synchronized (this)} block. The helper's call to itself is no unlocked caller.
   */
  static class CompliantHelperCalledUnderMonitor {
    private final Map<String, Integer> incomplete = new HashMap<>();

    public synchronized void mark(String type) {
      incomplete.put(type, 0);
    }

    public synchronized Integer create(String type) {
      return this.createLocked(type);
    }

    public Integer createInBlock(String type) {
      synchronized (this) {
        return createLocked(type);
      }
    }

    protected Integer createLocked(String type) {
      incomplete.put(type, 1);
      if (type.isEmpty()) {
        createLocked("again");
      }
      return type.length();
    }
  }

  /** The helper is reached through a package-private middle method, and every caller of that one locks. */
  static class CompliantHelperBehindLockedMiddle {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> pending = new HashMap<>();

    public void add(String t) {
      lock.lock();
      try {
        pending.put(t, 0);
        middle(t);
      } finally {
        lock.unlock();
      }
    }

    public void addLater(String t) {
      lock.lock();
      try {
        middle(t);
      } finally {
        lock.unlock();
      }
    }

    void middle(String t) {
      helper(t);
    }

    void helper(String t) {
      pending.remove(t);
    }
  }

  /** The same chain, but one public caller of the middle method takes no lock: two calls up. */
  static class NoncompliantUnlockedCallerOneLevelUp {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> pending = new HashMap<>();

    public void add(String t) {
      lock.lock();
      try {
        pending.put(t, 0);
        middle(t);
      } finally {
        lock.unlock();
      }
    }

    public void open(String t) {
      middle(t);
    }

    void middle(String t) {
      helper(t);
    }

    void helper(String t) {
      pending.remove(t); // hazard: UnsynchronizedMapWrite
    }
  }

  /** A method reference hands the helper to callers that hold no lock. */
  static class NoncompliantHelperHandedOutByReference {
    private final Map<String, Integer> incomplete = new HashMap<>();

    public synchronized void mark(String type) {
      incomplete.put(type, 0);
      clearLater();
    }

    public Runnable clearer() {
      return this::clearLater;
    }

    void clearLater() {
      incomplete.clear(); // hazard: UnsynchronizedMapWrite
    }
  }

  /** The lock is held where the lambda is made, not where it runs: on the pool's thread. */
  static class NoncompliantHelperCalledFromATask {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(ExecutorService pool, String type) {
      lock.writeLock().lock();
      try {
        incomplete.put(type, 0);
        pool.execute(() -> forget(type));
      } finally {
        lock.writeLock().unlock();
      }
    }

    void forget(String type) {
      incomplete.remove(type); // hazard: UnsynchronizedMapWrite
    }
  }

  /** A public helper is reachable from anywhere: that this class calls it under the lock proves nothing. */
  static class NoncompliantPublicHelper {
    private final Map<String, Integer> seen = new HashMap<>();

    public synchronized void add(String t) {
      seen.put(t, 0);
      helper(t);
    }

    public void helper(String t) {
      seen.remove(t); // hazard: UnsynchronizedMapWrite
    }
  }

  /** Another instance's helper, called without that instance's lock. */
  static class NoncompliantHelperOfAnotherInstance {
    private final Map<String, Integer> seen = new HashMap<>();

    public void add(String t) {
      synchronized (this) {
        seen.put(t, 0);
        helper(t);
      }
    }

    public void copyTo(NoncompliantHelperOfAnotherInstance other, String t) {
      other.helper(t);
    }

    void helper(String t) {
      seen.remove(t); // hazard: UnsynchronizedMapWrite
    }
  }

  /** "No caller" carries over: the helper's only caller is itself never called, so nothing says it locks. */
  static class NoncompliantOnlyCallerHasNoCaller {
    private final Map<String, Integer> routes = new HashMap<>();

    public synchronized void add(String route) {
      routes.put(route, 1);
    }

    @Deprecated
    protected void clearOld() {
      clearLocked();
    }

    protected void clearLocked() {
      routes.clear(); // hazard: UnsynchronizedMapWrite
    }
  }

  /**
   * jackson's DeserializerCache: the helper's one live caller holds the lock; a deprecated overload kept
   * for compatibility also calls it, but nothing in the class calls that overload. It says nothing either
   * way (alone, as above, it would leave the helper with no caller that locks). The overload has fewer
   * parameters than the helper, as jackson's has, and another writer holds the lock itself.
   */
  static class CompliantDeprecatedOverloadNobodyCalls {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public Integer find(String type) {
      lock.lock();
      try {
        return create(type, true);
      } finally {
        lock.unlock();
      }
    }

    public void forget(String type) {
      lock.lock();
      try {
        incomplete.remove(type);
      } finally {
        lock.unlock();
      }
    }

    @Deprecated
    protected Integer create(String type) {
      return create(type, false);
    }

    protected Integer create(String type, boolean cache) {
      incomplete.put(type, 0);
      try {
        return type.length();
      } finally {
        incomplete.remove(type);
      }
    }
  }

  /** lock(); call; unlock(); without try/finally: the call still runs under the lock. */
  static class CompliantCallerLocksWithoutFinally {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> incomplete = new HashMap<>();

    public void mark(String type) {
      lock.lock();
      try {
        incomplete.put(type, 0);
      } finally {
        lock.unlock();
      }
    }

    public Integer create(String type) {
      lock.lock();
      Integer created = createLocked(type);
      lock.unlock();
      return created;
    }

    protected Integer createLocked(String type) {
      incomplete.put(type, 1);
      return type.length();
    }
  }

  /** An unlocked call of a same-named method of another class is no call of this helper. */
  static class CompliantSameNameElsewhere {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> seen = new HashMap<>();

    public void add(String t) {
      lock.lock();
      try {
        seen.put(t, 0);
        helper(t);
      } finally {
        lock.unlock();
      }
    }

    void helper(String t) {
      seen.remove(t);
    }

    static class Sibling {
      void helper(String t) {}

      public void caller(List<String> ts) {
        ts.forEach(this::helper);
      }
    }
  }

  static class FixedUnlockedCallerOneLevelUp {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();

    public void add(String t) {
      lock.lock();
      try {
        pending.put(t, 0);
        middle(t);
      } finally {
        lock.unlock();
      }
    }

    public void open(String t) {
      middle(t);
    }

    void middle(String t) {
      helper(t);
    }

    void helper(String t) {
      pending.remove(t);
    }
  }

  static class FixedHelperHandedOutByReference {
    private final Map<String, Integer> incomplete = new ConcurrentHashMap<>();

    public synchronized void mark(String type) {
      incomplete.put(type, 0);
      clearLater();
    }

    public Runnable clearer() {
      return this::clearLater;
    }

    void clearLater() {
      incomplete.clear();
    }
  }

  static class FixedHelperCalledFromATask {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> incomplete = new ConcurrentHashMap<>();

    public void mark(ExecutorService pool, String type) {
      lock.writeLock().lock();
      try {
        incomplete.put(type, 0);
        pool.execute(() -> forget(type));
      } finally {
        lock.writeLock().unlock();
      }
    }

    void forget(String type) {
      incomplete.remove(type);
    }
  }

  /** Fixed by hand: the public helper takes the lock itself. */
  static class FixedPublicHelper {
    private final Map<String, Integer> seen = new HashMap<>();

    public synchronized void add(String t) {
      seen.put(t, 0);
      helper(t);
    }

    public synchronized void helper(String t) {
      seen.remove(t);
    }
  }

  static class FixedHelperOfAnotherInstance {
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();

    public void add(String t) {
      synchronized (this) {
        seen.put(t, 0);
        helper(t);
      }
    }

    public void copyTo(FixedHelperOfAnotherInstance other, String t) {
      other.helper(t);
    }

    void helper(String t) {
      seen.remove(t);
    }
  }

  static class FixedOnlyCallerHasNoCaller {
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();

    public synchronized void add(String route) {
      routes.put(route, 1);
    }

    @Deprecated
    protected void clearOld() {
      clearLocked();
    }

    protected void clearLocked() {
      routes.clear();
    }
  }

  /**
   * Three calls between the lock and the write, with a private and a protected method on the way; and a
   * map filled by helpers that only the constructor reaches (through a private start-up method), before
   * the object is shared: neither races with the locked writers.
   */
  static class CompliantLockedThreeLevelsUpAndStartUp {
    private final Object monitor = new Object();
    private final Map<String, Integer> tasks = new HashMap<>();
    private final Map<String, Integer> defaults = new HashMap<>();
    private volatile Map<String, Integer> limits = new HashMap<>();

    CompliantLockedThreeLevelsUpAndStartUp(List<String> names) {
      loadDefaults(names);
    }

    public void submit(String task) {
      synchronized (monitor) {
        schedule(task);
      }
    }

    private void schedule(String task) {
      enqueue(task, 1);
    }

    protected void enqueue(String task, int weight) {
      record(task, weight);
    }

    void record(String task, int weight) {
      tasks.merge(task, weight, Integer::sum);
    }

    public synchronized void setDefault(String name, int value) {
      defaults.put(name, value);
    }

    private void loadDefaults(List<String> names) {
      for (String name : names) {
        putDefault(name);
      }
      fillLimits(names);
    }

    void putDefault(String name) {
      defaults.put(name, 0);
    }

    void fillLimits(List<String> names) {
      names.forEach(n -> limits.put(n, 1));
      limits.put("total", names.size());
    }
  }

  /** The same chains, but a public method reaches the three-levels-down write without the lock. */
  static class NoncompliantUnlockedCallerThreeLevelsUp {
    private final Object monitor = new Object();
    private final Map<String, Integer> tasks = new HashMap<>();

    public void submit(String task) {
      synchronized (monitor) {
        tasks.putIfAbsent(task, 0);
        schedule(task);
      }
    }

    public void submitQuietly(String task) {
      schedule(task);
    }

    private void schedule(String task) {
      enqueue(task, 1);
    }

    protected void enqueue(String task, int weight) {
      record(task, weight);
    }

    void record(String task, int weight) {
      tasks.merge(task, weight, Integer::sum); // hazard: UnsynchronizedMapWrite
    }
  }

  static class FixedUnlockedCallerThreeLevelsUp {
    private final Object monitor = new Object();
    private final Map<String, Integer> tasks = new HashMap<>();

    public void submit(String task) {
      synchronized (monitor) {
        tasks.putIfAbsent(task, 0);
        schedule(task);
      }
    }

    public void submitQuietly(String task) {
      synchronized (monitor) {
        schedule(task);
      }
    }

    private void schedule(String task) {
      enqueue(task, 1);
    }

    protected void enqueue(String task, int weight) {
      record(task, weight);
    }

    void record(String task, int weight) {
      tasks.merge(task, weight, Integer::sum);
    }
  }

  /**
   * hsqldb's FrameworkLogger: static maps filled by helpers that only the static initializer calls, before
   * any other thread can use the class; every later writer is synchronized.
   */
  static class CompliantFilledByTheStaticInitializer {
    private static final Map<String, Integer> LEVELS = new HashMap<>();

    static {
      reconfigure();
    }

    static void reconfigure() {
      LEVELS.clear();
      fill("INFO");
    }

    private static void fill(String level) {
      LEVELS.put(level, level.length());
    }

    public static synchronized void add(String level, int value) {
      LEVELS.put(level, value);
    }
  }

  /** The same helper, also called by a public method that takes no lock, after the class is in use. */
  static class NoncompliantStaticHelperCalledLater {
    private static final Map<String, Integer> LEVELS = new HashMap<>();

    static {
      reconfigure();
    }

    static void reconfigure() {
      LEVELS.clear(); // hazard: UnsynchronizedMapWrite
    }

    public static void reset() {
      reconfigure();
    }

    public static synchronized void add(String level, int value) {
      LEVELS.put(level, value);
    }
  }

  static class FixedStaticHelperCalledLater {
    private static final Map<String, Integer> LEVELS = new HashMap<>();

    static {
      reconfigure();
    }

    static synchronized void reconfigure() {
      LEVELS.clear();
    }

    public static void reset() {
      reconfigure();
    }

    public static synchronized void add(String level, int value) {
      LEVELS.put(level, value);
    }
  }

  /**
   * h2's SettingsBase (a false alarm met in the real world): no lock anywhere. Its protected overloads of
   * get() delegate to one another; a call of get(key, default) from get(key, boolean) is no call of
   * get(key, boolean) by itself, and no chain of calls among methods of the class makes a lock.
   */
  static class CompliantOverloadsThatDelegateWithoutALock {
    private final Map<String, String> settings = new HashMap<>();

    protected String get(String key, String fallback) {
      String value = settings.get(key);
      if (value == null) {
        value = fallback;
        settings.put(key, value);
      }
      return value;
    }

    protected boolean get(String key, boolean fallback) {
      return Boolean.parseBoolean(get(key, Boolean.toString(fallback)));
    }

    void set(String key, boolean value) {
      settings.put(key, Boolean.toString(value));
    }
  }

  /** The same settings whose filling get() is synchronized: store(), from its package, skips that lock. */
  static class NoncompliantOverloadLockedStoreNot {
    private final Map<String, String> settings = new HashMap<>();

    protected synchronized String get(String key, String fallback) {
      String value = settings.get(key);
      if (value == null) {
        value = fallback;
        settings.put(key, value);
      }
      return value;
    }

    protected boolean get(String key, boolean fallback) {
      return Boolean.parseBoolean(get(key, Boolean.toString(fallback)));
    }

    void store(String key, boolean value) {
      settings.put(key, Boolean.toString(value)); // hazard: UnsynchronizedMapWrite
    }
  }

  static class FixedOverloadAndStoreLocked {
    private final Map<String, String> settings = new HashMap<>();

    protected synchronized String get(String key, String fallback) {
      String value = settings.get(key);
      if (value == null) {
        value = fallback;
        settings.put(key, value);
      }
      return value;
    }

    protected boolean get(String key, boolean fallback) {
      return Boolean.parseBoolean(get(key, Boolean.toString(fallback)));
    }

    synchronized void store(String key, boolean value) {
      settings.put(key, Boolean.toString(value));
    }
  }
}
