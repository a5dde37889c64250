package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.CompilationTestHelper;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * Odd but valid code must neither crash the check nor make it report. The check runs with {@code
 * RethrowErrors}, so an exception it would otherwise swallow fails the test. The behaviour itself lives
 * in the corpus. The check suggests no fix (where a pool should end is the author's choice), which the
 * last test holds.
 */
final class ExecutorLeakRobustnessTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ExecutorLeak.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void unusualControlFlowAndLanguageFeatures() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;

            abstract class Odd implements AutoCloseable {
              private static final ExecutorService STATIC_BLOCK;
              private final ExecutorService instanceBlock;
              private final ExecutorService[] pools = {Executors.newSingleThreadExecutor()};
              private final ExecutorService chosen = Boolean.getBoolean("x") ? Executors.newFixedThreadPool(1) : null;

              static {
                STATIC_BLOCK = Executors.newFixedThreadPool(2);
                Runtime.getRuntime().addShutdownHook(new Thread(STATIC_BLOCK::shutdown));
              }

              {
                instanceBlock = Executors.newCachedThreadPool();
              }

              abstract void native0();

              int labels(List<List<Callable<Integer>>> rows) throws Exception {
                int n = 0;
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                  outer:
                  for (List<Callable<Integer>> row : rows) {
                    inner:
                    do {
                      for (Callable<Integer> cell : row) {
                        if (cell == null) {
                          continue outer;
                        }
                        n += pool.submit(cell).get();
                        if (n > 3) {
                          break inner;
                        }
                      }
                    } while (n < 10);
                    switch (n) {
                      case 0:
                      case 1:
                        n += 2;
                        break;
                      default:
                        break outer;
                    }
                  }
                } finally {
                  pool.shutdown();
                }
                return n;
              }

              String switches(Object o) throws Exception {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try (pool) {
                  return switch (o) {
                    case null -> "null";
                    case String str when str.isEmpty() -> {
                      pool.submit(() -> str).get();
                      yield "empty";
                    }
                    case Integer i -> String.valueOf(i);
                    default -> o.toString();
                  };
                }
              }

              ThreadPoolExecutor anonymousSubclassReturned() {
                return new ThreadPoolExecutor(1, 1, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
                  @Override
                  protected void afterExecute(Runnable r, Throwable t) {
                    super.afterExecute(r, t);
                  }
                };
              }

              Supplier<ExecutorService> lambdas() {
                Runnable closer = () -> {
                  ExecutorService inner = Executors.newFixedThreadPool(1);
                  try {
                    inner.execute(() -> {});
                  } finally {
                    inner.shutdownNow();
                  }
                };
                closer.run();
                return () -> Executors.newFixedThreadPool(3);
              }

              Object conditionalAndArrays(boolean flag) {
                ExecutorService a = flag ? Executors.newFixedThreadPool(1) : Executors.newCachedThreadPool();
                ExecutorService[] all = {Executors.newSingleThreadExecutor()};
                Object kept = new Object[] {a, all};
                return kept;
              }

              void synchronizedAndThrow(Object monitor) throws Exception {
                synchronized (monitor) {
                  ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
                  try {
                    if (monitor == null) {
                      throw new IllegalStateException();
                    }
                    s.schedule(() -> {}, 1, TimeUnit.SECONDS).get();
                  } catch (IllegalStateException | ExecutionException e) {
                    throw new Exception(e);
                  } finally {
                    s.shutdownNow();
                  }
                }
              }

              @SuppressWarnings({"rawtypes", "unchecked"})
              Object raw(List list) {
                ExecutorService pool = Executors.newFixedThreadPool(1);
                list.add(pool);
                return list;
              }

              void reassigned() {
                ExecutorService pool = Executors.newFixedThreadPool(1);
                pool.shutdown();
                pool = Executors.newFixedThreadPool(2);
                pool.shutdown();
              }

              interface Pools {
                default ExecutorService make() {
                  return Executors.newSingleThreadExecutor();
                }
              }

              enum Kind {
                ONE {
                  @Override
                  ExecutorService pool() {
                    return Executors.newFixedThreadPool(1);
                  }
                };

                abstract ExecutorService pool();
              }

              record Holder(ExecutorService pool) implements AutoCloseable {
                Holder() {
                  this(Executors.newFixedThreadPool(1));
                }

                @Override
                public void close() {
                  pool.shutdown();
                }
              }

              @Override
              public void close() {
                instanceBlock.shutdown();
                pools[0].shutdown();
                if (chosen != null) {
                  chosen.shutdown();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void reportsInInitializersAndLambdasWithoutAFix() {
    helper
        .addSourceLines(
            "Leaky.java",
            """
            import java.util.concurrent.*;

            class Leaky {
              private static final ExecutorService POOL;

              static {
                // BUG: Diagnostic contains: 'POOL' is kept in static field POOL with non-daemon threads
                POOL = Executors.newFixedThreadPool(2);
              }

              Runnable later() {
                return () -> {
                  // BUG: Diagnostic contains: 'inner' is created here and never shut down
                  ExecutorService inner = Executors.newCachedThreadPool();
                  inner.execute(() -> {});
                };
              }

              Future<Integer> once() {
                // BUG: Diagnostic contains: 'pool' is created here and never shut down, returned, stored or handed to an owner
                ExecutorService pool = Executors.newSingleThreadExecutor();
                return pool.submit(() -> 1);
              }
            }
            """)
        .doTest();
  }
}
