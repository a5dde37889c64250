package dev.crashguard.errorprone.unsynchronizedmapwrite;

import dev.crashguard.errorprone.common.CrashguardChecker;
import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The suggested fix: input and expected output side by side, and the cases that must get none. TEXT_MATCH
 * (deprecated in the 2.50 helpers, whose default compares ASTs) is kept on purpose: it also checks the
 * added imports and that nothing else in the file moves.
 */
@SuppressWarnings("deprecation")
final class UnsynchronizedMapWriteFixTest {

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(UnsynchronizedMapWrite.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  private final CompilationTestHelper compilation =
      CompilationTestHelper.newInstance(UnsynchronizedMapWrite.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void hashMapBecomesConcurrentHashMap() {
    refactoring
        .addInputLines(
            "A.java",
            """
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;

            class A {
              private final Map<String, Integer> counts = new HashMap<>(64);

              void count(ExecutorService pool, String word) {
                pool.execute(() -> counts.merge(word, 1, Integer::sum));
                pool.execute(() -> counts.remove(word));
              }

              Map<String, Integer> local(ExecutorService pool) {
                Map<String, Integer> prices = new HashMap<String, Integer>(16, 0.5f);
                pool.submit(() -> prices.put("default", 0));
                return prices;
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;

            class A {
              private final Map<String, Integer> counts = new ConcurrentHashMap<>(64);

              void count(ExecutorService pool, String word) {
                pool.execute(() -> counts.merge(word, 1, Integer::sum));
                pool.execute(() -> counts.remove(word));
              }

              Map<String, Integer> local(ExecutorService pool) {
                Map<String, Integer> prices = new ConcurrentHashMap<String, Integer>(16, 0.5f);
                pool.submit(() -> prices.put("default", 0));
                return prices;
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void sortedAndSetTypesGetTheirConcurrentCounterparts() {
    refactoring
        .addInputLines(
            "B.java",
            """
            import java.util.*;
            import java.util.concurrent.Executor;

            class B {
              private final NavigableMap<String, Integer> sorted = new TreeMap<>(Comparator.reverseOrder());
              private final SortedSet<String> names = new TreeSet<>();
              private final Set<String> seen = new HashSet<>();
              private final Set<String> sized = new HashSet<>(32);

              void all(Executor pool, String s) {
                pool.execute(() -> sorted.put(s, 1));
                pool.execute(() -> names.add(s));
                pool.execute(() -> seen.add(s));
                pool.execute(() -> sized.add(s));
              }
            }
            """)
        .addOutputLines(
            "B.java",
            """
            import java.util.*;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ConcurrentSkipListMap;
            import java.util.concurrent.ConcurrentSkipListSet;
            import java.util.concurrent.Executor;

            class B {
              private final NavigableMap<String, Integer> sorted = new ConcurrentSkipListMap<>(Comparator.reverseOrder());
              private final SortedSet<String> names = new ConcurrentSkipListSet<>();
              private final Set<String> seen = ConcurrentHashMap.newKeySet();
              private final Set<String> sized = ConcurrentHashMap.newKeySet(32);

              void all(Executor pool, String s) {
                pool.execute(() -> sorted.put(s, 1));
                pool.execute(() -> names.add(s));
                pool.execute(() -> seen.add(s));
                pool.execute(() -> sized.add(s));
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  /**
   * No fix where a replacement would change meaning or not compile: order, identity, weak keys, enum
   * keys; a concrete declared type; a null written; a copied collection; a second assignment; a cast;
   * a field other units can reach.
   */
  @Test
  void noFixWhereItWouldChangeMeaning() {
    refactoring
        .addInputLines(
            "C.java",
            """
            import java.util.*;
            import java.util.concurrent.Executor;

            class C {
              enum Key { A }

              private final Map<String, Integer> ordered = new LinkedHashMap<>();
              private final Map<Object, Integer> identity = new IdentityHashMap<>();
              private final Map<Object, Integer> weak = new WeakHashMap<>();
              private final Map<Key, Integer> byEnum = new EnumMap<>(Key.class);
              private final Set<String> orderedSet = new LinkedHashSet<>();
              private final HashMap<String, Integer> concrete = new HashMap<>();
              private final Map<String, Integer> withNull = new HashMap<>();
              private final Map<String, Integer> copied = new HashMap<>(Map.of("a", 1));
              private Map<String, Integer> reassigned = new HashMap<>();
              private final Map<String, Integer> cast = new HashMap<>();
              final Map<String, Integer> packagePrivate = new HashMap<>();

              void all(Executor pool, String s) {
                pool.execute(() -> ordered.put(s, 1));
                pool.execute(() -> identity.put(s, 1));
                pool.execute(() -> weak.put(s, 1));
                pool.execute(() -> byEnum.put(Key.A, 1));
                pool.execute(() -> orderedSet.add(s));
                pool.execute(() -> concrete.put(s, 1));
                pool.execute(() -> withNull.put(s, null));
                pool.execute(() -> copied.put(s, 1));
                pool.execute(() -> reassigned.put(s, 1));
                pool.execute(() -> cast.put(s, 1));
                pool.execute(() -> packagePrivate.put(s, 1));
              }

              Object copy() {
                return ((HashMap<String, Integer>) cast).clone();
              }

              void reset() {
                reassigned = new HashMap<>();
              }
            }
            """)
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }

  /** The cases without a fix are still reported: only the "Did you mean" is missing. */
  @Test
  void casesWithoutAFixAreStillReported() {
    compilation
        .addSourceLines(
            "D.java",
            """
            import java.util.*;
            import java.util.concurrent.Executor;

            class D {
              private final Map<String, Integer> ordered = new LinkedHashMap<>();
              private final HashMap<String, Integer> concrete = new HashMap<>();
              private final Map<String, Integer> withNull = new HashMap<>();

              void all(Executor pool, String s) {
                // BUG: Diagnostic matches: noFix
                pool.execute(() -> ordered.put(s, 1));
                // BUG: Diagnostic matches: noFix
                pool.execute(() -> concrete.put(s, 1));
                // BUG: Diagnostic matches: noFix
                pool.execute(() -> withNull.put(null, 1));
              }
            }
            """)
        .expectErrorMessage(
            "noFix", message -> message.contains("is written without a lock by a task") && !message.contains("Did you mean"))
        .doTest();
  }
}
