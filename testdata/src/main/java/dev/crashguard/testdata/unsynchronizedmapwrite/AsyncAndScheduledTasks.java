package dev.crashguard.testdata.unsynchronizedmapwrite;

import static java.util.concurrent.CompletableFuture.runAsync;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CompletableFuture's *Async stages (also through a static import), timers, scheduled executors and
 * fork/join pools all run elsewhere. A non-async stage runs on whichever thread completes the future: in
 * the caller when it is already complete, elsewhere when another thread completes it.
 */
public class AsyncAndScheduledTasks {

  static class Noncompliant {
    private final Map<String, String> results = new LinkedHashMap<>();
    private final Map<Object, String> owners = new IdentityHashMap<>();
    private final Map<Object, Long> ticks = new WeakHashMap<>();
    private static final Map<String, Integer> STATS = new HashMap<>();

    CompletableFuture<Void> fetch(String key) {
      return CompletableFuture.runAsync(() -> results.put(key, "pending")); // hazard: UnsynchronizedMapWrite
    }

    CompletableFuture<String> fetchAndStore(String key) {
      return CompletableFuture.supplyAsync(() -> key.toUpperCase())
          .thenApplyAsync(value -> results.put(key, value)); // hazard: UnsynchronizedMapWrite
    }

    void tickEverySecond(ScheduledExecutorService scheduler, Object owner) {
      scheduler.scheduleAtFixedRate(() -> ticks.put(owner, System.nanoTime()), 1, 1, TimeUnit.SECONDS); // hazard: UnsynchronizedMapWrite
    }

    void claimInCommonPool(Object resource, String who) {
      ForkJoinPool.commonPool().execute(() -> owners.put(resource, who)); // hazard: UnsynchronizedMapWrite
    }

    void countOnTimer(Timer timer) {
      timer.schedule(
          new TimerTask() {
            @Override
            public void run() {
              STATS.merge("ticks", 1, Integer::sum); // hazard: UnsynchronizedMapWrite
            }
          },
          1000L);
    }
  }

  static class Compliant {
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private static final Map<String, Integer> STATS = new ConcurrentHashMap<>();

    CompletableFuture<Void> fetch(String key) {
      return CompletableFuture.runAsync(() -> results.put(key, "pending"));
    }

    /** Non-async stages of an already completed future run in the caller: still one thread. */
    String fetchNow(String key) {
      Map<String, String> local = new HashMap<>();
      CompletableFuture.completedFuture(key).thenAccept(value -> local.put(key, value));
      return local.get(key);
    }

    void countOnTimer(Timer timer) {
      timer.schedule(
          new TimerTask() {
            @Override
            public void run() {
              STATS.merge("ticks", 1, Integer::sum);
            }
          },
          1000L);
    }
  }

  /**
   * Error Prone offers no automatic fix for LinkedHashMap, IdentityHashMap or WeakHashMap: a
   * ConcurrentHashMap would drop their order, identity or weak keys. Fixed by hand: every access goes
   * through one lock (the synchronized wrapper's).
   */
  static class Fixed {
    private final Map<String, String> results = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Object, String> owners = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Object, Long> ticks = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<String, Integer> STATS = new ConcurrentHashMap<>();

    CompletableFuture<Void> fetch(String key) {
      return CompletableFuture.runAsync(() -> results.put(key, "pending"));
    }

    CompletableFuture<String> fetchAndStore(String key) {
      return CompletableFuture.supplyAsync(() -> key.toUpperCase())
          .thenApplyAsync(value -> results.put(key, value));
    }

    void tickEverySecond(ScheduledExecutorService scheduler, Object owner) {
      scheduler.scheduleAtFixedRate(() -> ticks.put(owner, System.nanoTime()), 1, 1, TimeUnit.SECONDS);
    }

    void claimInCommonPool(Object resource, String who) {
      ForkJoinPool.commonPool().execute(() -> owners.put(resource, who));
    }

    void countOnTimer(Timer timer) {
      timer.schedule(
          new TimerTask() {
            @Override
            public void run() {
              STATS.merge("ticks", 1, Integer::sum);
            }
          },
          1000L);
    }
  }

  /**
   * A statically imported runAsync is CompletableFuture.runAsync all the same. A non-async stage of a
   * future that another thread completes runs on that thread.
   */
  static class NoncompliantLessObviousStages {
    private final Map<String, Integer> counts = new HashMap<>();

    CompletableFuture<Void> count(String w) {
      return runAsync(() -> counts.merge(w, 1, Integer::sum)); // hazard: UnsynchronizedMapWrite
    }

    void storeWhenDone(CompletableFuture<Integer> future) {
      future.thenAccept(value -> counts.put("value", value)); // hazard: UnsynchronizedMapWrite (not: errorprone, pmd, spotbugs — a non-async stage runs on whichever thread completes the future, or on the caller when it is already complete; no engine takes it as a handoff yet)
    }
  }

  /** Optional.ifPresent runs its lambda in the caller: one thread writes the field. */
  static class CompliantRunsInTheCaller {
    private final Map<String, String> results = new HashMap<>();

    void now(String key) {
      Optional.of(key).ifPresent(value -> results.put(key, value));
    }
  }

  static class FixedLessObviousStages {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    CompletableFuture<Void> count(String w) {
      return runAsync(() -> counts.merge(w, 1, Integer::sum));
    }

    void storeWhenDone(CompletableFuture<Integer> future) {
      future.thenAccept(value -> counts.put("value", value));
    }
  }
}
