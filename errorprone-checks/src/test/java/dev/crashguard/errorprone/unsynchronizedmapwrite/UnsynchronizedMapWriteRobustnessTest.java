package dev.crashguard.errorprone.unsynchronizedmapwrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.errorprone.common.CrashguardChecker;
import dev.crashguard.errorprone.ErrorProneRun;
import dev.crashguard.errorprone.ErrorProneScanner;
import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd but valid code must neither crash the check nor make it report. The check runs with
 * {@code RethrowErrors}, so an exception it would otherwise swallow fails the test.
 */
final class UnsynchronizedMapWriteRobustnessTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnsynchronizedMapWrite.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void modernLanguageFeatures() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            import java.util.stream.*;

            class Odd {
              sealed interface Shape permits Circle, Square {}

              record Circle(double r) implements Shape {}

              record Square(double side) implements Shape {}

              record Registry<K extends Comparable<K>, V>(Map<K, V> entries) {
                Registry {
                  entries = new HashMap<>(entries);
                }

                void add(K key, V value) {
                  entries.put(key, value);
                }
              }

              private final Supplier<Map<String, Integer>> factory = HashMap::new;
              private final Function<Integer, Map<String, Integer>> sized = HashMap::new;
              private final Runnable init =
                  () -> {
                    Map<String, Integer> m = new HashMap<>();
                    m.put("a", 1);
                  };
              private final Map<String, Integer> map = new HashMap<>();
              private static final Map<String, Integer> STATIC = new HashMap<>();

              static {
                STATIC.put("x", 1);
              }

              {
                map.put("init", 0);
              }

              double area(Shape shape) {
                return switch (shape) {
                  case Circle c when c.r() > 10 -> {
                    map.put("big", 1);
                    yield Math.PI * c.r() * c.r();
                  }
                  case Circle c -> Math.PI * c.r() * c.r();
                  case Square s -> s.side() * s.side();
                };
              }

              <T extends Map<String, Integer>> void generic(T target, List<? super Integer> sink) {
                target.put("a", 1);
                var local = new HashMap<String, List<Integer>>();
                local.computeIfAbsent("k", k -> new ArrayList<>()).add(1);
                sink.add(1);
              }

              void localAndAnonymousClasses(ExecutorService pool) {
                class Local implements Runnable {
                  final Map<String, Integer> own = new HashMap<>();

                  @Override
                  public void run() {
                    own.put("a", 1);
                  }
                }
                pool.execute(new Local());
                pool.submit(
                    new Callable<Map<String, Integer>>() {
                      private final Map<String, Integer> mine = new HashMap<>();

                      @Override
                      public Map<String, Integer> call() {
                        mine.put("a", 1);
                        return mine;
                      }
                    });
                Supplier<Set<String>> sets = HashSet::new;
                pool.submit(
                    () -> {
                      Set<String> s = sets.get();
                      s.add("x");
                      return s;
                    });
                pool.submit(
                    () -> Stream.of("a").collect(Collectors.toMap(x -> x, x -> 1, (a, b) -> a, HashMap::new)));
                pool.execute(Odd::staticHelper);
                pool.execute(pool.isShutdown() ? Odd::staticHelper : () -> {});
                pool.submit((Callable<Map<String, Integer>>) HashMap::new);
                CompletableFuture.supplyAsync(TreeMap::new).thenAcceptAsync(m -> m.put("a", 1));
              }

              static void staticHelper() {}

              void patterns(Object o) {
                if (o instanceof Map<?, ?> m && !m.isEmpty()) {
                  m.clear();
                }
              }

              class MyMap extends HashMap<String, Integer> {
                void self() {
                  put("a", 1);
                  this.put("b", 2);
                  super.put("c", 3);
                }
              }

              @SuppressWarnings("unchecked")
              void arraysTernariesAndTemporaries(boolean b) {
                Map<String, Integer>[] maps = new Map[] {new HashMap<>()};
                maps[0].put("a", 1);
                Map<String, Integer> either = b ? new HashMap<>() : new TreeMap<>();
                either.put("a", 1);
                ((Map<String, Integer>) new HashMap<String, Integer>()).put("x", 1);
                new HashMap<String, Integer>().put("y", 2);
                new HashMap<String, Integer>() {
                  {
                    put("z", 3);
                  }
                };
              }

              enum Color {
                RED;

                private final Map<String, Integer> perConstant = new HashMap<>();

                void touch() {
                  perConstant.put(name(), 1);
                }
              }

              interface WithDefault {
                Map<String, Integer> DEFAULTS = new HashMap<>();

                default void remember() {
                  DEFAULTS.size();
                }
              }

              void parallelWithoutSharedState(List<String> words) {
                words.parallelStream().map(w -> {
                  Map<String, Integer> own = new HashMap<>();
                  own.put(w, 1);
                  return own;
                }).count();
                Object o = (Runnable & java.io.Serializable) () -> map.size();
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  /** Callers looked up through recursion, initializers and enum bodies; helpers without a body; self hand-off. */
  @Test
  void callersHelpersAndSelfHandOff() {
    helper
        .addSourceLines(
            "OddLocks.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;

            class OddLocks implements Executor {
              private final Map<String, Integer> m = new HashMap<>();
              private final Lock lock = new ReentrantLock();
              private final Runnable init = () -> fill();

              {
                fill();
              }

              OddLocks() {
                this(1);
              }

              OddLocks(int x) {
                fill();
              }

              void fill() {
                m.put("a", 1);
                if (m.size() < 3) {
                  fill();
                }
                ping();
              }

              void ping() {
                pong();
                m.remove("x");
              }

              void pong() {
                ping();
              }

              @Override
              public void execute(Runnable r) {
                r.run();
              }

              void self() {
                execute(this::fill);
                OddLocks.this.execute(() -> m.clear());
                (this).execute(() -> m.clear());
              }

              private boolean take() {
                return take();
              }

              private native boolean nativeTake();

              private Boolean boxed() {
                lock.lock();
                return true;
              }

              void useHelpers() {
                if (take() && nativeTake()) {
                  m.put("b", 2);
                }
                if (boxed()) {
                  m.put("c", 3);
                }
              }

              interface WithDefault {
                Map<String, Integer> MAP = new HashMap<>();

                default void put() {
                  MAP.put("a", 1);
                  helper();
                }

                private boolean helper() {
                  MAP.remove("a");
                  return true;
                }
              }

              enum Kind {
                A {
                  @Override
                  void f() {
                    g();
                  }
                };

                private final Set<String> seen = new HashSet<>();

                abstract void f();

                void g() {
                  seen.add(name());
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Code with missing types: javac reports them, and Error Prone does not analyse a compilation that has
   * attribution errors, so the checks never see such trees. What this test holds is the user-visible
   * part: no crash of the plugin, no crashguard finding, only javac's own errors.
   */
  @Test
  void unresolvableTypes(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("Broken.java");
    Files.writeString(
        source,
        """
        import java.util.*;
        import java.util.concurrent.*;
        import com.example.missing.Cache;

        class Broken {
          private final Map<String, Integer> counts = new HashMap<>();
          private final Cache cache = new Cache();
          private final Unknown<String> unknown = Unknown.create();

          void count(ExecutorService pool, String word) {
            pool.execute(() -> cache.put(word, counts.get(word)));
            pool.execute(() -> unknown.merge(word));
            pool.execute(() -> counts.merge(word, missing(), Integer::sum));
          }

          void locked() {
            if (missingLock()) {
              counts.put("a", 1);
            }
            execute(() -> counts.clear());
            forget(Missing.VALUE);
          }

          void forget(String key) {
            counts.remove(key);
          }
        }
        """);
    ErrorProneScanner.Result run = ErrorProneRun.compile(List.of(source));
    List<ErrorProneScanner.Report> errors =
        run.reports().stream().filter(r -> r.kind() == Diagnostic.Kind.ERROR).toList();
    assertFalse(errors.isEmpty(), "the source is meant not to compile");
    assertTrue(
        errors.stream().noneMatch(r -> r.raw().contains(ErrorProneScanner.CRASH)), "Error Prone crashed: " + errors);
    assertEquals(List.of(), run.crashguardReports(), "nothing may be reported on code javac cannot attribute");
  }
}
