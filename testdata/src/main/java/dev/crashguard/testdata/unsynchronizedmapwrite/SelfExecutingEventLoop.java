package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An event loop is its own executor: a task it hands to itself ({@code execute(task)}, {@code
 * this.execute(task)}) runs on the loop's thread, the one thread that owns the map (netty's
 * SingleThreadEventExecutor.addShutdownHook). The class decides how many threads run its tasks, so a task
 * handed to itself is not counted as another thread. A task handed to some other executor is.
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
}
