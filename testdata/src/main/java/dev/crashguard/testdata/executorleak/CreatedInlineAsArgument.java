package dev.crashguard.testdata.executorleak;

import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A pool created inline, as the argument of a call that only runs work on it, or as the receiver of one
 * call: no variable ever names it, so nothing can shut it down. {@code CompletableFuture.supplyAsync(task,
 * pool)}, its {@code …Async(fn, pool)} stages and an {@code ExecutorCompletionService} use the executor they
 * are given and never shut it down. Each call leaves a pool behind. Reported on the creation.
 *
 * <p>Written from googleapis/google-http-java-client#2122: {@code HttpRequest.executeAsync()} was {@code
 * return executeAsync(Executors.newSingleThreadExecutor());}, which "leaks a thread on every call" (a test
 * with a million calls ends in "OutOfMemoryError: unable to create native thread"), and
 * javaee/metro-jax-ws#454 (a new executor per {@code Dispatch.invokeAsync}); also apache/helix#1461 ({@code
 * thenReturn(Executors.newSingleThreadExecutor())}) and jbang#2523 (a single-thread executor made for one
 * asynchronous version check, which then kept the JVM from exiting).
 *
 * <p>The compliant twins pass a fresh pool to a constructor that keeps it and shuts it down (apache/curator's
 * {@code new CloseableExecutorService(Executors.newSingleThreadExecutor(tf), true)}, Quartz's {@code new
 * CounterManagerImpl(new Timer(…))}), return a wrapper that forwards shutdown to the pool, pass a long-lived
 * pool, or none (the common pool).
 */
public class CreatedInlineAsArgument {

  static String fetch() {
    return "body";
  }

  /** The issue's own example: the pool given to supplyAsync is never shut down. */
  static class NoncompliantSupplyAsync {
    CompletableFuture<String> fetchAsync() {
      return CompletableFuture.supplyAsync(CreatedInlineAsArgument::fetch, Executors.newFixedThreadPool(4)); // hazard: ExecutorLeak
    }
  }

  /** runAsync with a single-thread executor of its own, per call. */
  static class NoncompliantRunAsync {
    CompletableFuture<Void> audit(Runnable entry) {
      return CompletableFuture.runAsync(entry, Executors.newSingleThreadExecutor()); // hazard: ExecutorLeak
    }
  }

  /** A stage that switches to a pool made for it. */
  static class NoncompliantAsyncStage {
    CompletableFuture<Integer> lengthLater(CompletableFuture<String> body) {
      return body.thenApplyAsync(String::length, Executors.newCachedThreadPool()); // hazard: ExecutorLeak
    }
  }

  /** ExecutorCompletionService uses the executor; it has no shutdown of its own. */
  static class NoncompliantCompletionService {
    String first(Supplier<String> a, Supplier<String> b) throws Exception {
      CompletionService<String> race = new ExecutorCompletionService<>(Executors.newFixedThreadPool(2)); // hazard: ExecutorLeak
      race.submit(a::get);
      race.submit(b::get);
      return race.take().get();
    }
  }

  /**
   * google-http-java-client#2122: the same-class helper takes an Executor and only hands it to supplyAsync,
   * so the pool created for its argument is never shut down.
   */
  static class NoncompliantHelperOnlyUsesIt {
    CompletableFuture<String> executeAsync() {
      return executeAsync(Executors.newSingleThreadExecutor()); // hazard: ExecutorLeak
    }

    CompletableFuture<String> executeAsync(Executor executor) {
      return CompletableFuture.supplyAsync(CreatedInlineAsArgument::fetch, executor);
    }
  }

  /** jbang#2523: a pool made for one submit; its thread outlives the call and holds the JVM. */
  static class NoncompliantCreatedForOneCall {
    Future<String> checkVersionInBackground() {
      return Executors.newSingleThreadExecutor().submit(CreatedInlineAsArgument::fetch); // hazard: ExecutorLeak
    }
  }

  /** curator's CloseableExecutorService: the owner keeps the pool and shuts it down in close(). */
  static class CompliantHandedToOwner {
    static final class OwnedPool implements AutoCloseable {
      private final ExecutorService delegate;

      OwnedPool(ExecutorService delegate) {
        this.delegate = delegate;
      }

      Future<String> submit(Supplier<String> task) {
        return delegate.submit(task::get);
      }

      @Override
      public void close() {
        delegate.shutdownNow();
      }
    }

    OwnedPool open() {
      return new OwnedPool(Executors.newSingleThreadExecutor());
    }
  }

  /** Quartz's CounterManagerImpl: a Timer handed to the object that cancels it. */
  static class CompliantTimerHandedToOwner {
    static final class Sampler {
      private final Timer clock;

      Sampler(Timer clock) {
        this.clock = clock;
      }

      void every(long millis, Runnable sample) {
        clock.scheduleAtFixedRate(new TimerTask() {
          @Override
          public void run() {
            sample.run();
          }
        }, millis, millis);
      }

      void shutdown() {
        clock.cancel();
      }
    }

    Sampler statistics() {
      return new Sampler(new Timer("statistics"));
    }
  }

  /** A forwarding wrapper returned: the caller gets the pool, and shutting the wrapper down shuts it down. */
  static class CompliantWrapperReturned {
    ListeningExecutorService newWorkers(int n) {
      return MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(n));
    }
  }

  /** A long-lived pool passed, or none at all (the common pool). */
  static class CompliantSharedOrCommonPool implements AutoCloseable {
    private final ExecutorService io = Executors.newFixedThreadPool(4);

    CompletableFuture<String> fetchAsync() {
      return CompletableFuture.supplyAsync(CreatedInlineAsArgument::fetch, io);
    }

    CompletableFuture<Integer> lengthLater(CompletableFuture<String> body) {
      return body.thenApplyAsync(String::length);
    }

    @Override
    public void close() throws Exception {
      io.shutdown();
      io.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The fix of google-http-java-client#2122: the caller supplies the executor and owns it. */
  static class FixedSupplyAsync {
    private final Executor callerExecutor;

    FixedSupplyAsync(Executor callerExecutor) {
      this.callerExecutor = callerExecutor;
    }

    CompletableFuture<String> fetchAsync() {
      return CompletableFuture.supplyAsync(CreatedInlineAsArgument::fetch, callerExecutor);
    }
  }

  static class FixedCompletionService {
    String first(Supplier<String> a, Supplier<String> b) throws Exception {
      ExecutorService racers = Executors.newFixedThreadPool(2);
      try {
        CompletionService<String> race = new ExecutorCompletionService<>(racers);
        race.submit(a::get);
        race.submit(b::get);
        return race.take().get();
      } finally {
        racers.shutdownNow();
      }
    }
  }

  /** jbang#2524: a daemon thread for the background check, which cannot hold the JVM. */
  static class FixedCreatedForOneCall {
    CompletableFuture<String> checkVersionInBackground() {
      return CompletableFuture.supplyAsync(CreatedInlineAsArgument::fetch);
    }
  }
}
