package dev.crashguard.errorprone.unsynchronizedmapwrite;

import dev.crashguard.errorprone.common.CrashguardChecker;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One nested class per behaviour, positive and negative cases side by side. */
final class UnsynchronizedMapWriteTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnsynchronizedMapWrite.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Nested
  final class TasksHandedToExecutors {
    @Test
    void lambdasAnonymousClassesAndCapturedLocals() {
      helper
          .addSourceLines(
              "Tasks.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class Tasks {
                private final Map<String, Integer> counts = new HashMap<>();
                private final Set<String> seen = new HashSet<>();
                private static final Map<String, Integer> STATIC = new TreeMap<>();

                void execute(ExecutorService pool, String word) {
                  // BUG: Diagnostic contains: 'counts' is written without a lock by a task handed to Executor.execute on 'pool' at line 11
                  pool.execute(() -> counts.merge(word, 1, Integer::sum));
                }

                Future<?> submit(ExecutorService pool, String word) {
                  // BUG: Diagnostic contains: 'seen' is written without a lock by a task handed to ExecutorService.submit on 'pool' at line 16
                  return pool.submit(() -> seen.add(word));
                }

                Future<Integer> anonymous(ExecutorService pool, String word) {
                  return pool.submit(
                      new Callable<Integer>() {
                        @Override
                        public Integer call() {
                          // BUG: Diagnostic contains: 'counts' is written without a lock by a task handed to ExecutorService.submit on 'pool' at line 20
                          return counts.remove(word);
                        }
                      });
                }

                void capturedLocal(ExecutorService pool, String a, String b) throws InterruptedException {
                  Map<String, Integer> lengths = new HashMap<>();
                  // BUG: Diagnostic contains: 'lengths' is written without a lock by a task handed to ExecutorService.invokeAll
                  pool.invokeAll(List.of(() -> lengths.put(a, 1), () -> 2));
                }

                void taskInLocal(Executor pool) {
                  // BUG: Diagnostic contains: a task handed to Executor.execute on 'pool' at line 40
                  Runnable task = () -> STATIC.clear();
                  System.out.println(task);
                  pool.execute(task);
                }

                void nestedLambda(ExecutorService pool, List<String> words) {
                  // BUG: Diagnostic contains: 'counts' is written without a lock by a task handed to Executor.execute
                  pool.execute(() -> words.forEach(w -> counts.put(w, 1)));
                }

                void viaThis(Executor pool) {
                  // BUG: Diagnostic contains: 'counts'
                  pool.execute(() -> this.counts.clear());
                }
              }
              """)
          .doTest();
    }

    @Test
    void threadSafeConfinedOrUnknownMapsAreSilent() {
      helper
          .addSourceLines(
              "Safe.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class Safe {
                private final Map<String, Integer> concurrent = new ConcurrentHashMap<>();
                private final Map<String, Integer> synced = Collections.synchronizedMap(new HashMap<>());
                private final Map<String, Integer> table = new Hashtable<>();
                private final Map<String, Integer> skipList = new ConcurrentSkipListMap<>();
                private final Map<String, Integer> unknown = create();
                private final Holder holder = new Holder();

                static Map<String, Integer> create() {
                  return new HashMap<>();
                }

                static class Holder {
                  final Map<String, Integer> map = new HashMap<>();
                }

                void all(ExecutorService pool, String word, Map<String, Integer> parameter) {
                  pool.execute(() -> concurrent.merge(word, 1, Integer::sum));
                  pool.execute(() -> synced.merge(word, 1, Integer::sum));
                  pool.execute(() -> table.merge(word, 1, Integer::sum));
                  pool.execute(() -> skipList.merge(word, 1, Integer::sum));
                  pool.execute(() -> unknown.merge(word, 1, Integer::sum));
                  pool.execute(() -> parameter.merge(word, 1, Integer::sum));
                  pool.execute(() -> holder.map.clear());
                  pool.execute(
                      () -> {
                        Map<String, Integer> own = new HashMap<>();
                        own.put(word, 1);
                      });
                }

                void inCaller(List<String> words) {
                  Map<String, Integer> local = new HashMap<>();
                  words.forEach(w -> local.put(w, 1));
                }

                void lockedInTask(ExecutorService pool, String word) {
                  Map<String, Integer> local = new HashMap<>();
                  pool.execute(
                      () -> {
                        synchronized (local) {
                          local.put(word, 1);
                        }
                      });
                }

                void reassignedToUnknown() {
                  Map<String, Integer> m = new HashMap<>();
                  m = Collections.synchronizedMap(m);
                  Map<String, Integer> shared = m;
                  new Thread(() -> shared.put("a", 1)).start();
                }
              }
              """)
          .doTest();
    }

    @Test
    void aLockTakenOutsideTheTaskDoesNotCoverIt() {
      helper
          .addSourceLines(
              "OutsideLock.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class OutsideLock {
                private final Map<String, Integer> counts = new HashMap<>();
                private final Set<String> seen = new HashSet<>();

                synchronized void count(Executor pool, String word) {
                  // BUG: Diagnostic contains: 'counts' is written without a lock by a task handed to Executor.execute
                  pool.execute(() -> counts.put(word, 1));
                }

                void see(List<String> words) {
                  synchronized (this) {
                    // BUG: Diagnostic contains: 'seen' is written without a lock by a parallel stream's forEach
                    words.parallelStream().forEach(seen::add);
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void aTaskKeptInAFieldAndHandedOverLater() {
      helper
          .addSourceLines(
              "FieldTask.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class FieldTask {
                private final Map<String, Integer> counts = new HashMap<>();
                // BUG: Diagnostic contains: 'counts' is written without a lock by a task handed to ScheduledExecutorService.scheduleWithFixedDelay on 'scheduler' at line 11
                private final Runnable evict = () -> counts.clear();
                private final Runnable unused = () -> counts.clear();

                void start(ScheduledExecutorService scheduler) {
                  scheduler.scheduleWithFixedDelay(evict, 1, 1, TimeUnit.MINUTES);
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class OtherThreadEntryPoints {
    @Test
    void asyncStagesTimersThreadsAndForkJoin() {
      helper
          .addSourceLines(
              "Entries.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class Entries {
                private final Map<String, String> results = new LinkedHashMap<>();
                private final Map<Object, String> owners = new IdentityHashMap<>();
                private final Map<Object, Long> ticks = new WeakHashMap<>();

                void async(String key) {
                  // BUG: Diagnostic contains: a task handed to CompletableFuture.runAsync at line 11
                  CompletableFuture.runAsync(() -> results.put(key, "x"));
                  CompletableFuture.supplyAsync(() -> key)
                      // BUG: Diagnostic contains: a task handed to CompletableFuture.thenApplyAsync at line 14
                      .thenApplyAsync(value -> results.put(key, value));
                }

                void scheduled(ScheduledExecutorService scheduler, Object owner) {
                  // BUG: Diagnostic contains: a task handed to ScheduledExecutorService.scheduleAtFixedRate on 'scheduler'
                  scheduler.scheduleAtFixedRate(() -> ticks.put(owner, 1L), 1, 1, TimeUnit.SECONDS);
                }

                void forkJoin(Object resource) {
                  // BUG: Diagnostic contains: a task handed to ForkJoinPool.execute at line 24
                  ForkJoinPool.commonPool().execute(() -> owners.put(resource, "me"));
                }

                void timer(Timer timer) {
                  timer.schedule(
                      new TimerTask() {
                        @Override
                        public void run() {
                          // BUG: Diagnostic contains: a task handed to Timer.schedule on 'timer' at line 28
                          ticks.clear();
                        }
                      },
                      1000L);
                }

                void threads(String key) {
                  // BUG: Diagnostic contains: a task handed to new Thread at line 41
                  new Thread(() -> results.remove(key)).start();
                  // BUG: Diagnostic contains: a task handed to Thread.Builder.start at line 43
                  Thread.ofVirtual().start(() -> results.remove(key));
                  // BUG: Diagnostic contains: a task handed to Thread.startVirtualThread at line 45
                  Thread.startVirtualThread(() -> results.remove(key));
                  new Thread() {
                    @Override
                    public void run() {
                      // BUG: Diagnostic contains: a task handed to new Thread at line 46
                      results.clear();
                    }
                  }.start();
                }
              }
              """)
          .doTest();
    }

    @Test
    void stagesThatRunInTheCallerAreSilent() {
      helper
          .addSourceLines(
              "Caller.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class Caller {
                private final Map<String, String> results = new HashMap<>();

                void now(String key) {
                  CompletableFuture.completedFuture(key).thenAccept(value -> results.put(key, value));
                  Optional.of(key).ifPresent(value -> results.put(key, value));
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class MethodsHandedToThreads {
    @Test
    void methodReferenceAndLambdaCallingTheMethod() {
      helper
          .addSourceLines(
              "Refs.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class Refs {
                private final Map<String, Long> lastSeen = new HashMap<>();
                private final Set<String> names = new TreeSet<>();

                void start(ExecutorService pool) {
                  new Thread(this::forgetAll).start();
                  pool.submit(() -> rename());
                }

                private void forgetAll() {
                  // BUG: Diagnostic contains: a task handed to new Thread at line 9 (this::forgetAll)
                  lastSeen.clear();
                }

                private void rename() {
                  // BUG: Diagnostic contains: a task handed to ExecutorService.submit on 'pool' at line 10 (which calls rename())
                  names.add("x");
                }

                private void neverHandedOver() {
                  lastSeen.put("x", 1L);
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class ParallelStreams {
    @Test
    void writesInParallelOperations() {
      helper
          .addSourceLines(
              "Parallel.java",
              """
              import java.util.*;
              import java.util.stream.*;

              class Parallel {
                private final Map<String, Integer> index = new HashMap<>();

                void all(List<String> words, int n) {
                  // BUG: Diagnostic contains: 'index' is written without a lock by a parallel stream's forEach at line 9
                  words.parallelStream().forEach(w -> index.put(w, 1));
                  Set<Integer> squares = new HashSet<>();
                  // BUG: Diagnostic contains: 'squares' is written without a lock by a parallel stream's forEach
                  IntStream.range(0, n).parallel().forEach(i -> squares.add(i * i));
                  words.stream()
                      .parallel()
                      // BUG: Diagnostic contains: a parallel stream's peek at line 16
                      .peek(w -> index.merge(w, 1, Integer::sum))
                      .map(String::toUpperCase)
                      .collect(Collectors.toList());
                  Set<String> seen = new HashSet<>();
                  // BUG: Diagnostic contains: 'seen' is written without a lock by a parallel stream's forEach
                  words.parallelStream().forEach(seen::add);
                  // BUG: Diagnostic contains: a parallel stream's filter
                  StreamSupport.stream(words.spliterator(), true).filter(w -> seen.add(w)).count();
                  // BUG: Diagnostic contains: a parallel stream's map
                  words.stream().map(w -> index.remove(w)).parallel().count();
                }
              }
              """)
          .doTest();
    }

    @Test
    void sequentialOrderedAndCollectingAreSilent() {
      helper
          .addSourceLines(
              "Sequential.java",
              """
              import java.util.*;
              import java.util.function.Function;
              import java.util.stream.*;

              class Sequential {
                private final Map<String, Integer> index = new HashMap<>();

                void all(List<String> words, long n, Stream<String> unknown) {
                  words.stream().forEach(w -> index.put(w, 1));
                  words.forEach(w -> index.merge(w, 1, Integer::sum));
                  Set<Long> evens = new LinkedHashSet<>();
                  LongStream.rangeClosed(1, n).parallel().filter(i -> i % 2 == 0).forEachOrdered(evens::add);
                  words.parallelStream().sequential().forEach(w -> index.put(w, 1));
                  words.parallelStream().distinct().collect(Collectors.toMap(Function.identity(), String::length));
                  StreamSupport.stream(words.spliterator(), false).forEach(w -> index.put(w, 1));
                  unknown.forEach(w -> index.put(w, 1));
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class ThreadClasses {
    @Test
    void runWritesAFieldOtherMethodsUse() {
      helper
          .addSourceLines(
              "Workers.java",
              """
              import java.util.*;
              import java.util.concurrent.Callable;

              class Workers {
                static class Worker extends Thread {
                  private final Map<String, Integer> progress = new HashMap<>();

                  @Override
                  public void run() {
                    // BUG: Diagnostic contains: 'progress' is written without a lock in run() of thread class Worker, while other methods use it too
                    progress.put("step", 1);
                  }

                  public Integer currentStep() {
                    return progress.get("step");
                  }
                }

                static class Job implements Runnable {
                  private final Map<String, String> state = new HashMap<>();

                  @Override
                  public void run() {
                    // BUG: Diagnostic contains: run() of Runnable class Job
                    state.put("status", "running");
                  }

                  void reset() {
                    state.clear();
                  }
                }

                static class Count implements Callable<Integer> {
                  private final Set<String> seen = new HashSet<>();

                  @Override
                  public Integer call() {
                    // BUG: Diagnostic contains: call() of Callable class Count
                    seen.add("x");
                    return seen.size();
                  }

                  int size() {
                    return seen.size();
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void aFieldOnlyRunUsesIsOwnedByTheThread() {
      helper
          .addSourceLines(
              "Owned.java",
              """
              import java.util.*;

              class Owned extends Thread {
                private final Map<String, Integer> scratch = new HashMap<>();

                Owned() {
                  scratch.put("created", 0);
                }

                @Override
                public void run() {
                  scratch.put("step", 1);
                  report();
                }

                private void report() {
                  System.out.println(scratch);
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class InconsistentLocking {
    @Test
    void writesThatSkipTheLock() {
      helper
          .addSourceLines(
              "Locks.java",
              """
              import java.util.*;
              import java.util.concurrent.locks.*;

              class Locks {
                static class Sync {
                  private final Map<String, Integer> sessions = new HashMap<>();

                  public synchronized void open(String id) {
                    sessions.put(id, 1);
                  }

                  public void close(String id) {
                    // BUG: Diagnostic contains: 'sessions' is written without a lock in close(), while its other writers hold one
                    sessions.remove(id);
                  }
                }

                static class WithLock {
                  private final Lock lock = new ReentrantLock();
                  private final Map<String, Integer> routes = new TreeMap<>();

                  void add(String route) {
                    lock.lock();
                    try {
                      routes.put(route, 1);
                    } finally {
                      lock.unlock();
                    }
                  }

                  public void drop(String route) {
                    // BUG: Diagnostic contains: while its other writers hold one
                    routes.keySet().remove(route);
                  }
                }

                static class TryLock {
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
                    // BUG: Diagnostic contains: while its other writers hold one
                    names.clear();
                  }

                  public void reset() {
                    clear();
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void everyWriteLockedOrOnlyPrivateHelpersUnlocked() {
      helper
          .addSourceLines(
              "Consistent.java",
              """
              import java.util.*;
              import java.util.concurrent.locks.*;

              class Consistent {
                static class Sync {
                  private final Map<String, Integer> sessions = new HashMap<>();

                  public synchronized void open(String id) {
                    sessions.put(id, 1);
                    trim();
                  }

                  public void closeAll() {
                    synchronized (this) {
                      sessions.clear();
                    }
                  }

                  private void trim() {
                    sessions.remove("");
                  }
                }

                static class ReadWrite {
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

                static class Stamped {
                  private final StampedLock lock = new StampedLock();
                  private final Map<String, Integer> routes = new HashMap<>();

                  void add(String route) {
                    long stamp = lock.writeLock();
                    try {
                      routes.put(route, 1);
                    } finally {
                      lock.unlockWrite(stamp);
                    }
                  }
                }

                static class NoLockAnywhere {
                  private final Map<String, Integer> routes = new HashMap<>();

                  void add(String route) {
                    routes.put(route, 1);
                  }
                }
              }
              """)
          .doTest();
    }
  }

  /** Corpus: LockHeldByCallers. */
  @Nested
  final class LockHeldByCallers {
    @Test
    void helperCalledWithoutTheLockSomewhere() {
      helper
          .addSourceLines(
              "Callers.java",
              """
              import java.util.*;
              import java.util.concurrent.*;
              import java.util.concurrent.locks.*;
              import java.util.function.*;

              class Callers {
                static class OneUnlockedCall {
                  private final Lock lock = new ReentrantLock();
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
                    // BUG: Diagnostic contains: 'incomplete' is written without a lock in createLocked(), while its other writers hold one
                    incomplete.put(type, 1);
                    return type.length();
                  }
                }

                static class UnlockedOneLevelUp {
                  private final Map<String, Integer> incomplete = new HashMap<>();

                  public synchronized void mark(String type) {
                    incomplete.put(type, 0);
                  }

                  public void create(String type) {
                    prepare(type);
                  }

                  void prepare(String type) {
                    createLocked(type);
                  }

                  void createLocked(String type) {
                    // BUG: Diagnostic contains: while its other writers hold one
                    incomplete.put(type, 1);
                  }
                }

                static class HandedOverByReference {
                  private final Map<String, Integer> incomplete = new HashMap<>();

                  public synchronized void mark(String type) {
                    incomplete.put(type, 0);
                    clearLater();
                  }

                  public Runnable clearer() {
                    return this::clearLater;
                  }

                  void clearLater() {
                    // BUG: Diagnostic contains: while its other writers hold one
                    incomplete.clear();
                  }
                }

                static class CallInATask {
                  private final Map<String, Integer> incomplete = new HashMap<>();

                  public synchronized void mark(ExecutorService pool, String type) {
                    incomplete.put(type, 0);
                    pool.execute(() -> forget(type));
                  }

                  void forget(String type) {
                    // BUG: Diagnostic contains: a task handed to Executor.execute on 'pool' at line 84 (which calls forget())
                    incomplete.remove(type);
                  }
                }

                static class PublicHelper {
                  private final Map<String, Integer> incomplete = new HashMap<>();

                  public synchronized void mark(String type) {
                    incomplete.put(type, 0);
                    createLocked(type);
                  }

                  public void createLocked(String type) {
                    // BUG: Diagnostic contains: while its other writers hold one
                    incomplete.put(type, 1);
                  }
                }

                static class VolatileWithUnlockedCall {
                  private volatile Map<String, Integer> config = new HashMap<>();

                  public synchronized void set(String key) {
                    store(key);
                  }

                  public void setFast(String key) {
                    store(key);
                  }

                  void store(String key) {
                    // BUG: Diagnostic contains: the field is volatile
                    config.put(key, 1);
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void helperWhoseEveryCallHoldsTheLock() {
      helper
          .addSourceLines(
              "LockedCallers.java",
              """
              import java.util.*;
              import java.util.concurrent.locks.*;

              class LockedCallers {
                static class LockAndUnlock {
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

                  public Integer createAgain(String type) {
                    lock.lock();
                    Integer created = createLocked(type);
                    lock.unlock();
                    return created;
                  }

                  protected Integer createLocked(String type) {
                    incomplete.put(type, 1);
                    try {
                      return type.length();
                    } finally {
                      incomplete.remove(type);
                    }
                  }
                }

                static class SynchronizedCallers {
                  private final Map<String, Integer> sessions = new HashMap<>();

                  public synchronized void open(String id) {
                    sessions.put(id, 1);
                    trim(id);
                  }

                  public void close(String id) {
                    synchronized (this) {
                      trim(id);
                    }
                  }

                  void trim(String id) {
                    sessions.remove(id);
                    if (sessions.size() > 100) {
                      trim("");
                    }
                  }
                }

                /** The caller of the helper is itself called only under the lock. */
                static class OneLevelOfIndirection {
                  private final Map<String, Integer> incomplete = new HashMap<>();

                  public synchronized void mark(String type) {
                    incomplete.put(type, 0);
                    prepare(type);
                  }

                  void prepare(String type) {
                    createLocked(type);
                  }

                  protected void createLocked(String type) {
                    incomplete.put(type, 1);
                  }
                }

                /**
                 * Nothing in the class calls it, or only a caller nothing calls: its callers are elsewhere
                 * (reflection, serialization, a subclass), and nothing says they hold the lock.
                 */
                static class NoCaller {
                  private final Map<String, Integer> routes = new HashMap<>();

                  public synchronized void add(String route) {
                    routes.put(route, 1);
                  }

                  void dropLocked(String route) {
                    // BUG: Diagnostic contains: while its other writers hold one
                    routes.remove(route);
                  }

                  @Deprecated
                  protected void clearOld() {
                    clearLocked();
                  }

                  protected void clearLocked() {
                    // BUG: Diagnostic contains: while its other writers hold one
                    routes.clear();
                  }
                }

                static class VolatileUnderCallersLock {
                  private volatile Map<String, Integer> config = new HashMap<>();

                  public synchronized void set(String key) {
                    store(key);
                  }

                  void store(String key) {
                    config.put(key, 1);
                  }
                }
              }
              """)
          .doTest();
    }
  }

  /** Corpus: LockTakenByHelper. */
  @Nested
  final class LockTakenByHelper {
    @Test
    void aBooleanHelperThatTakesTheLockGuardsLikeTryLock() {
      helper
          .addSourceLines(
              "Helpers.java",
              """
              import java.util.*;
              import java.util.concurrent.*;
              import java.util.concurrent.locks.*;

              class Helpers {
                private final ReentrantLock lock = new ReentrantLock();
                private final StampedLock stamped = new StampedLock();
                private final Map<String, Runnable> listeners = new HashMap<>();

                public void register(String name, Runnable listener) {
                  lock.lock();
                  try {
                    listeners.put(name, listener);
                  } finally {
                    lock.unlock();
                  }
                }

                public void close() {
                  if (!lockForClose()) {
                    return;
                  }
                  try {
                    listeners.clear();
                  } finally {
                    lock.unlock();
                  }
                }

                public void closeNow() {
                  if (lockForClose()) {
                    listeners.clear();
                    lock.unlock();
                  }
                }

                public void closeWaiting() {
                  if (lockNow()) {
                    listeners.remove("x");
                    lock.unlock();
                  }
                }

                /** Takes the lock, waiting at most a second; true when it is held. */
                private boolean lockForClose() {
                  try {
                    while (!lock.tryLock(1, TimeUnit.SECONDS)) {
                      if (Thread.interrupted()) {
                        return false;
                      }
                    }
                    return true;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                  }
                }

                private boolean lockNow() {
                  lock.lock();
                  return true;
                }
              }
              """)
          .doTest();
    }

    @Test
    void aHelperThatTakesNoLockOrGivesItBackGuardsNothing() {
      helper
          .addSourceLines(
              "NoLockHelpers.java",
              """
              import java.util.*;
              import java.util.concurrent.locks.*;

              class NoLockHelpers {
                private final ReentrantLock lock = new ReentrantLock();
                private final Map<String, Runnable> listeners = new HashMap<>();
                private volatile boolean closed;

                public void register(String name, Runnable listener) {
                  lock.lock();
                  try {
                    listeners.put(name, listener);
                  } finally {
                    lock.unlock();
                  }
                }

                public void close() {
                  if (!markClosed()) {
                    return;
                  }
                  // BUG: Diagnostic contains: while its other writers hold one
                  listeners.clear();
                }

                public void closeNow() {
                  if (markClosed()) {
                    // BUG: Diagnostic contains: while its other writers hold one
                    listeners.clear();
                  }
                }

                public void closeChecked() {
                  if (isFree()) {
                    // BUG: Diagnostic contains: while its other writers hold one
                    listeners.clear();
                  }
                }

                public void closeShared(Helper other) {
                  if (other.tryTake()) {
                    // BUG: Diagnostic contains: while its other writers hold one
                    listeners.clear();
                  }
                }

                private boolean markClosed() {
                  boolean wasOpen = !closed;
                  closed = true;
                  return wasOpen;
                }

                /** Takes the lock and gives it back: nothing is held after the call. */
                private boolean isFree() {
                  if (lock.tryLock()) {
                    lock.unlock();
                    return true;
                  }
                  return false;
                }

                static class Helper {
                  private final Lock lock = new ReentrantLock();

                  boolean tryTake() {
                    return lock.tryLock();
                  }
                }
              }
              """)
          .doTest();
    }
  }

  /** Corpus: SelfExecutingEventLoop. */
  @Nested
  final class TasksHandedToItself {
    @Test
    void anEventLoopRunningItsOwnTasks() {
      helper
          .addSourceLines(
              "Loop.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class Loop implements Executor {
                private final ExecutorService loop = Executors.newSingleThreadExecutor();
                private final Set<Runnable> hooks = new HashSet<>();

                @Override
                public void execute(Runnable task) {
                  loop.execute(task);
                }

                public void addHook(Runnable hook) {
                  execute(() -> hooks.add(hook));
                }

                public void removeHook(Runnable hook) {
                  this.execute(
                      new Runnable() {
                        @Override
                        public void run() {
                          hooks.remove(hook);
                        }
                      });
                }

                public void clearHooks() {
                  Runnable clear = hooks::clear;
                  execute(clear);
                }

                class Registration {
                  void register(Runnable hook) {
                    Loop.this.execute(() -> hooks.add(hook));
                    execute(() -> hooks.add(hook));
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void aTaskHandedToAnotherExecutor() {
      helper
          .addSourceLines(
              "Handed.java",
              """
              import static java.util.concurrent.CompletableFuture.runAsync;

              import java.util.*;
              import java.util.concurrent.*;

              class Handed implements Executor {
                private final ExecutorService loop = Executors.newSingleThreadExecutor();
                private final Executor workers;
                private final Set<Runnable> hooks = new HashSet<>();

                Handed(Executor workers) {
                  this.workers = workers;
                }

                @Override
                public void execute(Runnable task) {
                  loop.execute(task);
                }

                public void addHook(Runnable hook) {
                  // BUG: Diagnostic contains: 'hooks' is written without a lock by a task handed to Executor.execute on 'workers'
                  workers.execute(() -> hooks.add(hook));
                }

                public void addHookAsync(Runnable hook) {
                  // BUG: Diagnostic contains: a task handed to CompletableFuture.runAsync
                  runAsync(() -> hooks.add(hook));
                }

                public void addHookToLoop(Runnable hook) {
                  // BUG: Diagnostic contains: a task handed to Executor.execute on 'loop'
                  loop.execute(() -> hooks.add(hook));
                }

                public void addHookElsewhere(Handed other, Runnable hook) {
                  // BUG: Diagnostic contains: a task handed to Handed.execute on 'other'
                  other.execute(() -> hooks.add(hook));
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class VolatileFields {
    @Test
    void mutatingTheMapBehindAVolatileField() {
      helper
          .addSourceLines(
              "Volatile.java",
              """
              import java.util.*;

              class Volatile {
                private volatile Map<String, String> config = new HashMap<>();
                private volatile Map<String, String> snapshot = Map.of();

                Volatile() {
                  config.put("created", "now");
                }

                public void set(String key, String value) {
                  // BUG: Diagnostic contains: 'config' is written without a lock by several threads (the field is volatile)
                  config.put(key, value);
                }

                public synchronized void replace(String key, String value) {
                  Map<String, String> next = new HashMap<>(snapshot);
                  next.put(key, value);
                  snapshot = Map.copyOf(next);
                }
              }
              """)
          .doTest();
    }
  }

  /** Entries of the catalog's shared library knowledge that this check learnt from the other engines. */
  @Nested
  final class SharedLibraryKnowledge {
    @Test
    void reduceCollectAndSortedRunConcurrently() {
      helper
          .addSourceLines(
              "MoreParallel.java",
              """
              import java.util.*;
              import java.util.stream.*;

              class MoreParallel {
                private final Set<Integer> seen = new HashSet<>();

                int all(List<Integer> xs) {
                  // BUG: Diagnostic contains: 'seen' is written without a lock by a parallel stream's reduce
                  int sum = xs.parallelStream().reduce(0, (a, b) -> seen.add(b) ? a + b : a);
                  // BUG: Diagnostic contains: 'seen' is written without a lock by a parallel stream's collect
                  xs.parallelStream().collect(ArrayList::new, (l, x) -> seen.add(x), List::addAll);
                  // BUG: Diagnostic contains: 'seen' is written without a lock by a parallel stream's sorted
                  xs.parallelStream().sorted((a, b) -> seen.add(a) ? 0 : 1).count();
                  xs.parallelStream().onClose(() -> seen.add(0)).count();
                  return sum;
                }
              }
              """)
          .doTest();
    }

    @Test
    void injectionAndStampedReadLocks() {
      helper
          .addSourceLines(
              "Inject.java",
              """
              package jakarta.inject;

              /** Stub: jakarta.inject-api is not on the test classpath. */
              public @interface Inject {}
              """)
          .addSourceLines(
              "Wiring.java",
              """
              import jakarta.inject.Inject;
              import java.util.*;
              import java.util.concurrent.locks.StampedLock;
              import org.springframework.beans.factory.annotation.Autowired;
              import org.springframework.stereotype.Service;

              class Wiring {
                @Service
                static class Wired {
                  private final Map<String, String> names = new HashMap<>();

                  @Autowired
                  public void setNames(List<String> all) {
                    all.forEach(n -> names.put(n, n));
                  }

                  @Inject
                  public void setMore(List<String> all) {
                    all.forEach(n -> names.put(n, n));
                  }
                }

                static class ReadLocked {
                  private final StampedLock lock = new StampedLock();
                  private final Map<String, String> cache = new HashMap<>();

                  synchronized void put(String k) {
                    cache.put(k, k);
                  }

                  public void sneak(String k) {
                    long stamp = lock.readLock();
                    try {
                      // BUG: Diagnostic contains: while its other writers hold one
                      cache.put(k, k);
                    } finally {
                      lock.unlockRead(stamp);
                    }
                  }
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class SharedFrameworkObjects {
    @Test
    void springSingletonsAndServlets() {
      helper
          .addSourceLines(
              "Beans.java",
              """
              import jakarta.servlet.http.*;
              import java.lang.annotation.*;
              import java.util.*;
              import org.springframework.stereotype.*;

              class Beans {
                @Retention(RetentionPolicy.RUNTIME)
                @Service
                @interface DomainService {}

                @Service
                static class Cache {
                  private final Map<String, String> cache = new HashMap<>();

                  public String lookup(String key) {
                    // BUG: Diagnostic contains: 'cache' is written without a lock by concurrent requests to Spring singleton Cache
                    return cache.computeIfAbsent(key, String::toUpperCase);
                  }
                }

                @Component
                static class StaticCache {
                  private static final Map<Long, String> NAMES = new HashMap<>();

                  public void remember(long id, String name) {
                    // BUG: Diagnostic contains: concurrent requests to Spring singleton StaticCache
                    NAMES.putIfAbsent(id, name);
                  }
                }

                @DomainService
                static class MetaAnnotated {
                  private final Set<String> seen = new HashSet<>();

                  public void see(String name) {
                    // BUG: Diagnostic contains: concurrent requests to Spring singleton MetaAnnotated
                    seen.add(name);
                  }
                }

                static class Servlet extends HttpServlet {
                  private final Map<String, Integer> hits = new HashMap<>();

                  @Override
                  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                    // BUG: Diagnostic contains: 'hits' is written without a lock by concurrent requests to servlet Servlet
                    hits.merge(req.getRequestURI(), 1, Integer::sum);
                  }

                  @Override
                  public void init() {
                    hits.put("/", 0);
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void prototypesInitializersPrivateMethodsAndPlainClassesAreSilent() {
      helper
          .addSourceLines(
              "PostConstruct.java",
              """
              package jakarta.annotation;

              /** Stub: jakarta.annotation-api is not on the test classpath. */
              public @interface PostConstruct {}
              """)
          .addSourceLines(
              "NotShared.java",
              """
              import jakarta.annotation.PostConstruct;
              import java.util.*;
              import org.springframework.beans.factory.config.ConfigurableBeanFactory;
              import org.springframework.context.annotation.Scope;
              import org.springframework.stereotype.*;

              class NotShared {
                @Service
                @Scope("prototype")
                static class Prototype {
                  private final Map<String, String> cache = new HashMap<>();

                  public String lookup(String key) {
                    return cache.computeIfAbsent(key, String::toUpperCase);
                  }
                }

                @Component
                @Scope(scopeName = ConfigurableBeanFactory.SCOPE_PROTOTYPE)
                static class PrototypeByConstant {
                  private final Map<String, String> cache = new HashMap<>();

                  public String lookup(String key) {
                    return cache.computeIfAbsent(key, String::toUpperCase);
                  }
                }

                @Service
                static class Singleton {
                  private final Map<String, String> names = new HashMap<>();

                  Singleton() {
                    names.put("a", "A");
                  }

                  @PostConstruct
                  public void load() {
                    names.put("b", "B");
                  }

                  void packagePrivate() {
                    names.put("c", "C");
                  }

                  public String name(String key) {
                    return names.get(key);
                  }
                }

                @Service
                static class Locked {
                  private final Map<String, String> names = new HashMap<>();

                  public synchronized void add(String key) {
                    names.put(key, key);
                  }
                }

                static class Plain {
                  private final Map<String, String> cache = new HashMap<>();

                  public String lookup(String key) {
                    return cache.computeIfAbsent(key, String::toUpperCase);
                  }
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class ViewsAndIterators {
    @Test
    void writesThroughViewsAndIteratorsWriteTheMap() {
      helper
          .addSourceLines(
              "Views.java",
              """
              import java.util.*;
              import java.util.concurrent.*;

              class Views {
                private final Map<String, Integer> counts = new HashMap<>();
                private final NavigableMap<String, Integer> sorted = new TreeMap<>();

                void all(ExecutorService pool, String key) {
                  // BUG: Diagnostic contains: 'counts' is written without a lock by a task
                  pool.execute(() -> counts.keySet().remove(key));
                  // BUG: Diagnostic contains: 'counts' is written without a lock by a task
                  pool.execute(() -> counts.values().removeIf(v -> v == 0));
                  // BUG: Diagnostic contains: 'sorted' is written without a lock by a task
                  pool.execute(() -> sorted.headMap(key).clear());
                  pool.execute(
                      () -> {
                        Iterator<String> it = counts.keySet().iterator();
                        while (it.hasNext()) {
                          it.next();
                          // BUG: Diagnostic contains: 'counts' is written without a lock by a task
                          it.remove();
                        }
                      });
                  pool.execute(() -> counts.keySet().contains(key));
                  pool.execute(() -> counts.get(key));
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  final class Suppression {
    @Test
    void suppressWarningsAndSuppressHazardOnEveryEnclosingDeclaration() {
      helper
          .addSourceLines(
              "Suppressed.java",
              """
              import dev.crashguard.annotations.SuppressHazard;
              import java.util.*;
              import java.util.concurrent.*;

              class Suppressed {
                private final Map<String, Integer> counts = new HashMap<>();

                @SuppressHazard(value = "UnsynchronizedMapWrite", because = "one thread")
                private final Map<String, Integer> trusted = new HashMap<>();

                @SuppressWarnings("UnsynchronizedMapWrite")
                void errorProneOnly(Executor pool) {
                  pool.execute(() -> counts.clear());
                }

                @SuppressHazard("UnsynchronizedMapWrite")
                void method(Executor pool) {
                  pool.execute(() -> counts.clear());
                }

                @SuppressHazard({"DoubleClose", "UnsynchronizedMapWrite"})
                Suppressed(Executor pool) {
                  pool.execute(() -> counts.clear());
                }

                @SuppressHazard("UnsynchronizedMapWrite")
                private final Runnable inField = () -> counts.clear();

                void onTheMapField(Executor pool) {
                  pool.execute(() -> trusted.clear());
                }

                @SuppressHazard("DoubleClose")
                void otherHazard(Executor pool) {
                  // BUG: Diagnostic contains: 'counts' is written without a lock by a task
                  pool.execute(() -> counts.clear());
                }

                @SuppressHazard("UnsynchronizedMapWrite")
                static class Inner {
                  private final Map<String, Integer> counts = new HashMap<>();

                  void count(Executor pool) {
                    pool.execute(() -> counts.clear());
                  }
                }

                void unsuppressed(Executor pool) {
                  // BUG: Diagnostic contains: 'counts' is written without a lock by a task
                  pool.execute(() -> counts.clear());
                }
              }
              """)
          .addSourceLines(
              "Outer.java",
              """
              import dev.crashguard.annotations.SuppressHazard;
              import java.util.*;
              import java.util.concurrent.*;

              @SuppressHazard("UnsynchronizedMapWrite")
              class Outer {
                static class Nested {
                  private final Map<String, Integer> counts = new HashMap<>();

                  void count(Executor pool) {
                    pool.execute(() -> counts.clear());
                  }
                }
              }
              """)
          .doTest();
    }
  }
}
