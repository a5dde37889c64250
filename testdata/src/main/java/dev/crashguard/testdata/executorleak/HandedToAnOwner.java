package dev.crashguard.testdata.executorleak;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who owns a pool: a pool returned from a factory method belongs to its caller, one returned from a Spring
 * {@code @Bean} method to the container (which calls its {@code close()}/{@code shutdown()} when the context
 * closes: destroy-method inference), one stored in a collection to the object that keeps the collection. The
 * noncompliant twins look the same but hand away something else: a {@code @Bean} method that uses a pool to
 * build the bean and returns the bean, and a forwarding wrapper (Guava's {@code listeningDecorator}) that is
 * used once and dropped, pool and all. Reported on the creation.
 *
 * <p>Written from JaneliaSciComp/multiview-reconstruction#23 (method-local executors left running, one method
 * changed to return its executor so that the caller owns it), HikariCP's {@code
 * UtilityElf.createThreadPoolExecutor} (a factory that configures and returns a pool), apache/curator's
 * {@code ThreadUtils} factories, the handed-to-owner false alarms of other tools (apache/camel#24358
 * suppressing SonarJava's S2095 because "ExecutorService lifecycle is managed by ThreadsProcessor";
 * mebigfatguy/fb-contrib#240, an injected executor reported), and Spring's documented inference of {@code
 * shutdown} as a bean's destroy method.
 */
public class HandedToAnOwner {

  record Catalog(List<String> names) {}

  static String load(String name) {
    return name.toUpperCase(java.util.Locale.ROOT);
  }

  /** A bean built with a pool that is not the bean: the container never sees the pool. */
  @Configuration
  static class NoncompliantBeanBuiltWithPool {
    @Bean
    Catalog catalog() throws Exception {
      ExecutorService loaders = Executors.newFixedThreadPool(4); // hazard: ExecutorLeak
      List<Future<String>> parts = loaders.invokeAll(List.<Callable<String>>of(() -> load("a"), () -> load("b")));
      return new Catalog(List.of(parts.get(0).get(), parts.get(1).get()));
    }
  }

  /** A forwarding wrapper used once and dropped: shutting it down was the only way to end the pool. */
  static class NoncompliantWrapperDropped {
    ListenableFuture<String> loadAsync(String name) {
      ListeningExecutorService service = MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2)); // hazard: ExecutorLeak
      return service.submit(() -> load(name));
    }
  }

  /** HikariCP's UtilityElf: the factory configures the pool and returns it; the caller owns it. */
  static class CompliantFactoryMethod {
    static ThreadPoolExecutor createThreadPoolExecutor(int size, String name) {
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(size, size, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> new Thread(r, name));
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }

    /** multiview-reconstruction#23's fix: the caller takes the returned pool and shuts it down. */
    int caller() throws Exception {
      ThreadPoolExecutor pool = createThreadPoolExecutor(2, "caller");
      try {
        return pool.submit(() -> 1).get();
      } finally {
        pool.shutdown();
      }
    }
  }

  /** Spring infers shutdown()/close() as the destroy method of these beans. */
  @Configuration
  static class CompliantBeanMethods {
    @Bean
    ScheduledExecutorService housekeeping() {
      return Executors.newScheduledThreadPool(2);
    }

    @Bean(name = "taskExecutor")
    java.util.concurrent.Executor taskExecutor() {
      ThreadPoolExecutor tasks = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000));
      tasks.allowCoreThreadTimeOut(true);
      return tasks;
    }
  }

  /** Pools kept in a map by name; the registry shuts them all down. */
  static class CompliantStoredInRegistry implements AutoCloseable {
    private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();

    ExecutorService poolFor(String tenant) {
      return pools.computeIfAbsent(tenant, t -> Executors.newFixedThreadPool(2));
    }

    void register(String name, int threads) {
      pools.put(name, Executors.newFixedThreadPool(threads));
    }

    @Override
    public void close() {
      pools.values().forEach(ExecutorService::shutdownNow);
    }
  }

  /** The bean's pool lives only while the bean is built, and is closed there. */
  @Configuration
  static class FixedBeanBuiltWithPool {
    @Bean
    Catalog catalog() throws Exception {
      try (ExecutorService loaders = Executors.newFixedThreadPool(4)) {
        List<Future<String>> parts = loaders.invokeAll(List.<Callable<String>>of(() -> load("a"), () -> load("b")));
        return new Catalog(List.of(parts.get(0).get(), parts.get(1).get()));
      }
    }
  }

  /** The wrapper is the pool: one for the object, shut down with it. */
  static class FixedWrapperDropped implements AutoCloseable {
    private final ListeningExecutorService service = MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2));

    ListenableFuture<String> loadAsync(String name) {
      return service.submit(() -> load(name));
    }

    @Override
    public void close() {
      service.shutdown();
    }
  }
}
