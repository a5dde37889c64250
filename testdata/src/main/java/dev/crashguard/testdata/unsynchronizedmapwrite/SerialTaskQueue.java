package dev.crashguard.testdata.unsynchronizedmapwrite;

import io.grpc.SynchronizationContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A serial task queue is a lock, not a thread: gRPC's SynchronizationContext runs the tasks it is handed one
 * at a time, never two at once, and a load balancer's own methods are called inside it. State it guards is
 * written from its tasks and from those methods without any lock (grpc-core's PickFirstLeafLoadBalancer:
 * {@code subchannels} written in acceptResolvedAddresses and in a task handed to {@code
 * syncHelper.getSynchronizationContext().execute(this::requestConnection)}; a false alarm met in the real
 * world). A task handed to such a queue is no evidence of another thread, whether it is a lambda or a method
 * reference; one handed to a real executor beside it still is.
 */
public class SerialTaskQueue {

  private static SynchronizationContext newContext() {
    return new SynchronizationContext((thread, error) -> {});
  }

  /** The load balancer's shape: a task through the context, and the balancer's own method, both unlocked. */
  static class CompliantTaskInTheContext {
    private final SynchronizationContext syncContext = newContext();
    private final Map<String, Integer> subchannels = new HashMap<>();

    void requestConnection(String address) {
      syncContext.execute(() -> subchannels.put(address, subchannels.size()));
    }

    void acceptResolvedAddresses(Set<String> addresses) {
      subchannels.keySet().retainAll(addresses);
    }
  }

  /** A method reference handed to the context, whose method writes the set one call away. */
  static class CompliantMethodReferenceInTheContext {
    private final SynchronizationContext context;
    private final Set<String> pending = new HashSet<>();

    CompliantMethodReferenceInTheContext(SynchronizationContext context) {
      this.context = context;
    }

    void refreshSoon() {
      context.execute(this::refresh);
    }

    private void refresh() {
      remember("refresh");
    }

    private void remember(String what) {
      pending.add(what);
    }

    void shutdown() {
      pending.clear();
    }
  }

  /** The same balancer that also hands a task to a pool beside the context: that task runs on another thread. */
  static class NoncompliantTaskBesideTheContext {
    private final SynchronizationContext syncContext = newContext();
    private final Map<String, Integer> subchannels = new HashMap<>();

    void requestConnection(String address) {
      syncContext.execute(() -> subchannels.put(address, subchannels.size()));
    }

    void warmUp(ExecutorService pool, String address) {
      pool.execute(() -> subchannels.put(address, 0)); // hazard: UnsynchronizedMapWrite
    }
  }

  /** The fix: the warm-up goes through the context too. */
  static class FixedTaskBesideTheContext {
    private final SynchronizationContext syncContext = newContext();
    private final Map<String, Integer> subchannels = new HashMap<>();

    void requestConnection(String address) {
      syncContext.execute(() -> subchannels.put(address, subchannels.size()));
    }

    void warmUp(String address) {
      syncContext.execute(() -> subchannels.put(address, 0));
    }
  }

  /**
   * netty's LocalIoHandler (a false alarm met in the real world): an I/O handler's every call comes from its
   * event loop's thread, and a cancel from any other thread is handed to that same thread. The set is confined
   * to it; the task is no second writer.
   */
  static class CompliantConfinedToTheEventLoop {
    private final java.util.Set<String> registered = new java.util.HashSet<>();
    private final io.netty.util.concurrent.ThreadAwareExecutor executor;

    CompliantConfinedToTheEventLoop(io.netty.util.concurrent.ThreadAwareExecutor executor) {
      this.executor = executor;
    }

    void register(String handle) {
      registered.add(handle);
    }

    void cancel(String handle) {
      if (executor.isExecutorThread(Thread.currentThread())) {
        cancel0(handle);
      } else {
        executor.execute(() -> cancel0(handle));
      }
    }

    private void cancel0(String handle) {
      registered.remove(handle);
    }
  }

  /** The same idiom on a plain pool: its threads run the cancels concurrently with each other. */
  static class NoncompliantIdiomOnAPool {
    private final java.util.Set<String> registered = new java.util.HashSet<>();
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);

    void register(String handle) {
      registered.add(handle);
    }

    void cancel(String handle) {
      pool.execute(() -> cancel0(handle));
    }

    private void cancel0(String handle) {
      registered.remove(handle); // hazard: UnsynchronizedMapWrite
    }

    void close() {
      pool.shutdown();
    }
  }

  static class FixedIdiomOnAPool {
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);

    void register(String handle) {
      registered.add(handle);
    }

    void cancel(String handle) {
      pool.execute(() -> cancel0(handle));
    }

    private void cancel0(String handle) {
      registered.remove(handle);
    }

    void close() {
      pool.shutdown();
    }
  }
}
