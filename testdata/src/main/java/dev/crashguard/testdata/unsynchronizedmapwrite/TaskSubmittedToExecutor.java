package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tasks handed to an executor run on its threads, concurrently with each other and with the caller. A task
 * is a lambda, a method reference or an anonymous class handed over, also when it was kept in a field or a
 * local first, and so is the code it calls; the lock the submitting method holds does not travel with it.
 * A map whose class the writing code cannot see (a factory's result, a parameter) is not judged.
 */
public class TaskSubmittedToExecutor {

  /** A field written from lambdas, an anonymous Callable and a captured local, all run on the pool. */
  static class Noncompliant {
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    void countAll(ExecutorService pool, List<String> words) {
      for (String word : words) {
        pool.execute(() -> counts.merge(word, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite
      }
    }

    Future<?> remember(ExecutorService pool, String word) {
      return pool.submit(() -> seen.add(word)); // hazard: UnsynchronizedMapWrite
    }

    Future<Integer> removeLater(ExecutorService pool, String word) {
      return pool.submit(
          new Callable<Integer>() {
            @Override
            public Integer call() {
              return counts.remove(word); // hazard: UnsynchronizedMapWrite
            }
          });
    }

    Map<String, Integer> lengthsDirect(ExecutorService pool, String a, String b) throws InterruptedException {
      Map<String, Integer> lengths = new HashMap<>();
      pool.invokeAll(List.of(() -> lengths.put(a, a.length()), () -> lengths.put(b, b.length()))); // hazard: UnsynchronizedMapWrite
      return lengths;
    }
  }

  /** Thread-safe maps, and maps that never leave the task that made them. */
  static class Compliant {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, Integer> synced = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, Integer> table = new Hashtable<>();
    private final Map<String, Integer> sorted = new ConcurrentSkipListMap<>();

    void countAll(ExecutorService pool, List<String> words) {
      for (String word : words) {
        pool.execute(() -> counts.merge(word, 1, Integer::sum));
        pool.execute(() -> synced.merge(word, 1, Integer::sum));
        pool.execute(() -> table.merge(word, 1, Integer::sum));
        pool.execute(() -> sorted.merge(word, 1, Integer::sum));
      }
    }

    Future<Map<String, Integer>> ownMap(ExecutorService pool, List<String> words) {
      return pool.submit(
          () -> {
            Map<String, Integer> local = new HashMap<>();
            for (String word : words) {
              local.merge(word, 1, Integer::sum);
            }
            return local;
          });
    }

    void localWrittenInCaller(List<String> words) {
      Map<String, Integer> local = new HashMap<>();
      for (String word : words) {
        local.put(word, word.length());
      }
    }
  }

  /** Noncompliant after Error Prone's fix: the same code on ConcurrentHashMap. */
  static class Fixed {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    void countAll(ExecutorService pool, List<String> words) {
      for (String word : words) {
        pool.execute(() -> counts.merge(word, 1, Integer::sum));
      }
    }

    Future<?> remember(ExecutorService pool, String word) {
      return pool.submit(() -> seen.add(word));
    }

    Map<String, Integer> lengthsDirect(ExecutorService pool, String a, String b) throws InterruptedException {
      Map<String, Integer> lengths = new ConcurrentHashMap<>();
      pool.invokeAll(List.of(() -> lengths.put(a, a.length()), () -> lengths.put(b, b.length())));
      return lengths;
    }
  }

  /**
   * The task is kept in a field or a local before it is handed over: the write is reported on the lambda's
   * line, where it is written. A lambda that nothing hands over is no task.
   */
  static class NoncompliantTaskKeptBeforeHandOver {
    private final Map<String, Integer> counts = new HashMap<>();
    private static final Map<String, Integer> TOTALS = new TreeMap<>();
    private final Runnable evict = () -> counts.clear(); // hazard: UnsynchronizedMapWrite
    private final Runnable unused = () -> counts.clear();

    void start(ScheduledExecutorService scheduler) {
      scheduler.scheduleWithFixedDelay(evict, 1, 1, TimeUnit.MINUTES);
    }

    void addLater(Executor pool, List<String> words) {
      for (String w : words) {
        Runnable task = () -> TOTALS.merge(w, 1, Integer::sum); // hazard: UnsynchronizedMapWrite
        if (!w.isEmpty()) {
          pool.execute(task);
        }
      }
    }
  }

  /**
   * The same race with the map named otherwise: a field declared HashMap and set from a parameter, a map
   * made in the constructor, {@code this.sizes}, a lambda nested in the task, a write that initialises a
   * local in a block lambda, and the map's own method as the task.
   */
  static class NoncompliantMapNamedOtherwise {
    private final HashMap<String, Integer> declared;
    private final Map<String, Integer> madeInConstructor;
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    NoncompliantMapNamedOtherwise(HashMap<String, Integer> declared) {
      this.declared = declared;
      madeInConstructor = new HashMap<>();
    }

    void declaredType(ExecutorService pool, String w) {
      pool.execute(() -> declared.put(w, 1)); // hazard: UnsynchronizedMapWrite
    }

    void constructorMade(ExecutorService pool, String w) {
      pool.execute(() -> madeInConstructor.merge(w, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite
    }

    void viaThis(Executor pool) {
      pool.execute(() -> this.sizes.clear()); // hazard: UnsynchronizedMapWrite
    }

    void nestedLambda(Executor pool, List<String> words) {
      pool.execute(() -> words.forEach(w -> sizes.put(w, 1))); // hazard: UnsynchronizedMapWrite
    }

    Future<Integer> resultKept(ExecutorService pool, String w) {
      return pool.submit(
          () -> {
            Integer previous = sizes.put(w, 1); // hazard: UnsynchronizedMapWrite
            return previous;
          });
    }

    void writeMethodAsTask(ExecutorService pool) {
      pool.execute(seen::clear); // hazard: UnsynchronizedMapWrite
    }
  }

  /** The task calls the method that writes; the write is reported there. A method no task reaches is not. */
  static class NoncompliantLambdaCallsTheWriter {
    private final Set<String> names = new TreeSet<>();

    Future<?> start(ExecutorService pool) {
      return pool.submit(() -> rename());
    }

    private void rename() {
      names.add("x"); // hazard: UnsynchronizedMapWrite
    }

    private void neverHandedOver() {
      names.add("y");
    }
  }

  /** The lock the submitting method holds does not travel with the task. */
  static class NoncompliantHandedOverUnderALock {
    private final Map<String, Integer> counts = new HashMap<>();

    synchronized void count(Executor pool, String word) {
      pool.execute(() -> counts.put(word, 1)); // hazard: UnsynchronizedMapWrite
    }
  }

  /** A static method: the executor is its first parameter, and there is no {@code this}. */
  static class NoncompliantStaticHandOff {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    static void count(Executor pool, String w) {
      pool.execute(() -> COUNTS.put(w, 1)); // hazard: UnsynchronizedMapWrite
    }
  }

  /** Holds static maps for the cases below; its own code writes none of them. */
  static class Registry {
    static final Map<String, Integer> ENTRIES = new HashMap<>();
    static final Map<String, Integer> SAFE_ENTRIES = new ConcurrentHashMap<>();
  }

  /** A static map of another class in the file, named through that class. */
  static class NoncompliantMapOfAnotherClass {
    void load(ExecutorService pool, String key) {
      pool.execute(() -> Registry.ENTRIES.put(key, 1)); // hazard: UnsynchronizedMapWrite
    }
  }

  /** The task reaches the field's map through a getter: still the one HashMap, written from the pool. */
  static class NoncompliantMapBehindAGetter {
    private final Map<String, Integer> counts = new HashMap<>();

    private Map<String, Integer> load() {
      return counts;
    }

    void count(ExecutorService pool, String w) {
      pool.execute(() -> load().put(w, 1)); // hazard: UnsynchronizedMapWrite (not: pmd — the map behind a getter call is not followed)
    }
  }

  /**
   * The task writes a map whose class it cannot see (a factory's result, a constructor's parameter,
   * another object's field, a method's parameter). The engines judge none of them; here each one is
   * thread-safe for real, because the only code that makes it makes a ConcurrentHashMap.
   */
  static class CompliantOriginNotVisibleButConcurrent {
    private final Map<String, Integer> made = create();
    private final Map<String, Integer> injected;
    private final Holder holder = new Holder();

    private CompliantOriginNotVisibleButConcurrent(Map<String, Integer> injected) {
      this.injected = injected;
    }

    static CompliantOriginNotVisibleButConcurrent withConcurrentMap() {
      return new CompliantOriginNotVisibleButConcurrent(new ConcurrentHashMap<>());
    }

    private static Map<String, Integer> create() {
      return new ConcurrentHashMap<>();
    }

    static class Holder {
      final Map<String, Integer> map = new ConcurrentHashMap<>();
    }

    void all(Executor pool, String word) {
      pool.execute(() -> made.merge(word, 1, Integer::sum));
      pool.execute(() -> injected.merge(word, 1, Integer::sum));
      pool.execute(() -> holder.map.clear());
      fill(pool, new ConcurrentHashMap<>(), word);
    }

    private static void fill(Executor pool, Map<String, Integer> given, String w) {
      pool.execute(() -> given.put(w, 1));
    }
  }

  /**
   * Confined or guarded: the task runs in place; the task locks the map around its only write; a
   * parameter shadows a HashMap field; a field and a local are wrapped by synchronizedMap before they are
   * shared; a local class inside the task owns its map.
   */
  static class CompliantConfinedWrappedOrLocked {
    private final Map<String, Integer> inPlace = new HashMap<>();
    private final Map<String, Integer> guarded = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private Map<String, Integer> wrapped = new HashMap<>();

    CompliantConfinedWrappedOrLocked() {
      wrapped = Collections.synchronizedMap(wrapped);
    }

    void runInPlace(String w) {
      Runnable task = () -> inPlace.put(w, 1);
      task.run();
    }

    void lockedInTask(ExecutorService pool, String w) {
      pool.execute(
          () -> {
            synchronized (guarded) {
              guarded.put(w, 2);
            }
          });
    }

    void shadowed(ExecutorService pool, String w) {
      countInto(pool, new ConcurrentHashMap<>(), w);
    }

    private void countInto(ExecutorService pool, Map<String, Integer> counts, String w) {
      pool.execute(() -> counts.merge(w, 1, Integer::sum));
    }

    int known(String w) {
      return counts.getOrDefault(w, 0);
    }

    void wrappedField(ExecutorService pool, String w) {
      pool.execute(() -> wrapped.merge(w, 1, Integer::sum));
    }

    void wrappedLocal() {
      Map<String, Integer> m = new HashMap<>();
      m = Collections.synchronizedMap(m);
      Map<String, Integer> shared = m;
      new Thread(() -> shared.put("a", 1)).start();
    }

    Future<Map<String, Integer>> localClassInTask(ExecutorService pool, List<String> words) {
      return pool.submit(
          () -> {
            class Counter {
              final Map<String, Integer> counts = new HashMap<>();

              void add(String w) {
                counts.merge(w, 1, Integer::sum);
              }
            }
            Counter counter = new Counter();
            words.forEach(counter::add);
            return counter.counts;
          });
    }
  }

  static class FixedTaskKeptBeforeHandOver {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private static final Map<String, Integer> TOTALS = new ConcurrentSkipListMap<>();
    private final Runnable evict = () -> counts.clear();

    void start(ScheduledExecutorService scheduler) {
      scheduler.scheduleWithFixedDelay(evict, 1, 1, TimeUnit.MINUTES);
    }

    void addLater(Executor pool, List<String> words) {
      for (String w : words) {
        Runnable task = () -> TOTALS.merge(w, 1, Integer::sum);
        if (!w.isEmpty()) {
          pool.execute(task);
        }
      }
    }
  }

  static class FixedMapNamedOtherwise {
    private final ConcurrentHashMap<String, Integer> declared;
    private final Map<String, Integer> madeInConstructor;
    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    FixedMapNamedOtherwise(ConcurrentHashMap<String, Integer> declared) {
      this.declared = declared;
      madeInConstructor = new ConcurrentHashMap<>();
    }

    void declaredType(ExecutorService pool, String w) {
      pool.execute(() -> declared.put(w, 1));
    }

    void constructorMade(ExecutorService pool, String w) {
      pool.execute(() -> madeInConstructor.merge(w, 1, Integer::sum));
    }

    void viaThis(Executor pool) {
      pool.execute(() -> this.sizes.clear());
    }

    void nestedLambda(Executor pool, List<String> words) {
      pool.execute(() -> words.forEach(w -> sizes.put(w, 1)));
    }

    Future<Integer> resultKept(ExecutorService pool, String w) {
      return pool.submit(
          () -> {
            Integer previous = sizes.put(w, 1);
            return previous;
          });
    }

    void writeMethodAsTask(ExecutorService pool) {
      pool.execute(seen::clear);
    }
  }

  static class FixedLambdaCallsTheWriter {
    private final Set<String> names = new ConcurrentSkipListSet<>();

    Future<?> start(ExecutorService pool) {
      return pool.submit(() -> rename());
    }

    private void rename() {
      names.add("x");
    }
  }

  static class FixedHandedOverUnderALock {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    synchronized void count(Executor pool, String word) {
      pool.execute(() -> counts.put(word, 1));
    }
  }

  static class FixedStaticHandOff {
    private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

    static void count(Executor pool, String w) {
      pool.execute(() -> COUNTS.put(w, 1));
    }
  }

  static class FixedMapOfAnotherClass {
    void load(ExecutorService pool, String key) {
      pool.execute(() -> Registry.SAFE_ENTRIES.put(key, 1));
    }
  }

  static class FixedMapBehindAGetter {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    private Map<String, Integer> load() {
      return counts;
    }

    void count(ExecutorService pool, String w) {
      pool.execute(() -> load().put(w, 1));
    }
  }

  /**
   * The write is two and three calls below the code handed over: a task, a thread's method reference and a
   * parallel stream's method reference each call a method of the class that calls the writer. All of it
   * runs on the other thread.
   */
  static class NoncompliantWriterCallsDown {
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Set<String> seen = new TreeSet<>();

    void refresh(ExecutorService pool, List<String> words) {
      pool.execute(() -> prepare(words));
    }

    private void prepare(List<String> words) {
      for (String w : words) {
        store(w);
      }
    }

    private void store(String w) {
      sizes.put(w, w.length()); // hazard: UnsynchronizedMapWrite
    }

    Thread watcher() {
      return new Thread(this::watch);
    }

    void watch() {
      note("watching");
    }

    protected void note(String what) {
      remember(what);
    }

    private void remember(String what) {
      seen.add(what); // hazard: UnsynchronizedMapWrite
    }

    long count(List<String> words) {
      return words.parallelStream().filter(this::fresh).count();
    }

    private boolean fresh(String w) {
      return markFresh(w);
    }

    private boolean markFresh(String w) {
      return seen.add(w + "!"); // hazard: UnsynchronizedMapWrite
    }
  }

  /** The middle method takes the lock, or the chain never reaches a task: nothing runs unguarded elsewhere. */
  static class CompliantWriterCallsDownUnderALock {
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Map<String, Integer> local = new HashMap<>();

    void refresh(ExecutorService pool, List<String> words) {
      pool.execute(() -> prepare(words));
    }

    private void prepare(List<String> words) {
      synchronized (this) {
        for (String w : words) {
          store(w);
        }
      }
    }

    private void store(String w) {
      sizes.put(w, w.length());
    }

    public synchronized int size(String w) {
      return sizes.getOrDefault(w, 0);
    }

    void inCaller(List<String> words) {
      words.forEach(this::remember);
    }

    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final Set<String> hooks = new TreeSet<>();

    /** netty's event loop: the task takes the lock first, then calls the writers. */
    void startLoop(Executor executor) {
      executor.execute(
          () -> {
            lock.lock();
            try {
              runHooks();
            } finally {
              lock.unlock();
            }
          });
    }

    protected void runHooks() {
      clearHooks();
    }

    private void clearHooks() {
      hooks.clear();
    }

    public void addHook(String hook) {
      lock.lock();
      try {
        hooks.add(hook);
      } finally {
        lock.unlock();
      }
    }

    private void remember(String w) {
      keep(w);
    }

    private void keep(String w) {
      local.put(w, 1);
    }
  }

  static class FixedWriterCallsDown {
    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    void refresh(ExecutorService pool, List<String> words) {
      pool.execute(() -> prepare(words));
    }

    private void prepare(List<String> words) {
      for (String w : words) {
        store(w);
      }
    }

    private void store(String w) {
      sizes.put(w, w.length());
    }

    Thread watcher() {
      return new Thread(this::watch);
    }

    void watch() {
      note("watching");
    }

    protected void note(String what) {
      remember(what);
    }

    private void remember(String what) {
      seen.add(what);
    }

    long count(List<String> words) {
      return words.parallelStream().filter(this::fresh).count();
    }

    private boolean fresh(String w) {
      return markFresh(w);
    }

    private boolean markFresh(String w) {
      return seen.add(w + "!");
    }
  }
}
