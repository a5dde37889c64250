package dev.crashguard.testdata.unsynchronizedmapwrite;

import static java.util.concurrent.CompletableFuture.runAsync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An event loop is its own executor: a task it hands to itself ({@code execute(task)}, {@code
 * this.execute(task)}) runs on the loop's thread, the one thread that owns the map (netty's
 * SingleThreadEventExecutor.addShutdownHook). The class decides how many threads run its tasks, so a task
 * handed to itself is not counted as another thread, however it is spelled (a task in a local, a method
 * reference, {@code Outer.this.execute} from an inner class, submit() of an ExecutorService subclass). A task
 * handed to some other executor is, and so are an unqualified call that is not the class's own (a statically
 * imported runAsync) and execute() of another instance of the same class.
 */
public class SelfExecutingEventLoop {

  static class CompliantEventLoop implements Executor {
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
  }

  static class NoncompliantHandedToAnotherExecutor implements Executor {
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final Executor workers;
    private final Set<Runnable> hooks = new HashSet<>();

    NoncompliantHandedToAnotherExecutor(Executor workers) {
      this.workers = workers;
    }

    @Override
    public void execute(Runnable task) {
      loop.execute(task);
    }

    public void addHook(Runnable hook) {
      workers.execute(() -> hooks.add(hook)); // hazard: UnsynchronizedMapWrite
    }
  }

  static class Fixed implements Executor {
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final Executor workers;
    private final Set<Runnable> hooks = new HashSet<>();

    Fixed(Executor workers) {
      this.workers = workers;
    }

    @Override
    public void execute(Runnable task) {
      loop.execute(task);
    }

    public void addHook(Runnable hook) {
      execute(() -> hooks.add(hook));
    }

    public Executor workers() {
      return workers;
    }
  }

  /**
   * Handed to itself in other spellings: a task kept in a local (the map's own method as the task), a
   * method reference {@code this::name}, and from an inner class, qualified ({@code Outer.this.execute})
   * or not.
   */
  static class CompliantMoreSelfExecution implements Executor {
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final Set<Runnable> hooks = new HashSet<>();
    private final Map<String, Integer> counts = new HashMap<>();

    @Override
    public void execute(Runnable task) {
      loop.execute(task);
    }

    public void clearHooks() {
      Runnable clear = hooks::clear;
      execute(clear);
    }

    public void reset() {
      execute(this::resetCounts);
    }

    private void resetCounts() {
      counts.clear();
    }

    class Registration {
      void register(Runnable hook) {
        CompliantMoreSelfExecution.this.execute(() -> hooks.add(hook));
        execute(() -> hooks.remove(hook));
      }
    }
  }

  /** An ExecutorService subclass submitting to itself; its execute() even runs the task in place. */
  static class CompliantSelfSubmittingService extends AbstractExecutorService {
    private final Map<String, Integer> counts = new HashMap<>();

    public Future<?> count(String w) {
      return submit(() -> counts.merge(w, 1, Integer::sum));
    }

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  /**
   * Looks like self-execution, is not: an unqualified runAsync (a static import, not this class's
   * execute), and execute() of another instance, whose loop is another thread.
   */
  static class NoncompliantLooksLikeSelfExecution implements Executor {
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final Set<Runnable> hooks = new HashSet<>();

    @Override
    public void execute(Runnable task) {
      loop.execute(task);
    }

    public void addHookAsync(Runnable hook) {
      runAsync(() -> hooks.add(hook)); // hazard: UnsynchronizedMapWrite
    }

    public void removeHookElsewhere(NoncompliantLooksLikeSelfExecution other, Runnable hook) {
      other.execute(() -> hooks.remove(hook)); // hazard: UnsynchronizedMapWrite
    }
  }

  static class FixedLooksLikeSelfExecution implements Executor {
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final Set<Runnable> hooks = ConcurrentHashMap.newKeySet();

    @Override
    public void execute(Runnable task) {
      loop.execute(task);
    }

    public void addHookAsync(Runnable hook) {
      runAsync(() -> hooks.add(hook));
    }

    public void removeHookElsewhere(FixedLooksLikeSelfExecution other, Runnable hook) {
      other.execute(() -> hooks.remove(hook));
    }
  }
}
