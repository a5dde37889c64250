package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * ExecutorLeak suggests no fix, on purpose: where a pool should end is a design choice the code does not
 * say (try-with-resources around which statements, a {@code finally} after which work, the owner's {@code
 * close()}, one shared pool instead; a daemon factory changes what the threads may do at exit). The
 * findings below leave the file as it was. TEXT_MATCH (deprecated in the 2.50 helpers) checks that nothing
 * moves at all.
 */
@SuppressWarnings("deprecation")
final class ExecutorLeakFixTest {

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(ExecutorLeak.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void findingsCarryNoFix() {
    refactoring
        .addInputLines(
            "Leaks.java",
            """
            import java.util.Timer;
            import java.util.concurrent.*;

            class Leaks implements AutoCloseable {
              private static final Timer EXPIRY = new Timer("expiry");
              private final ExecutorService forgotten = Executors.newFixedThreadPool(2);

              Future<Integer> perCall() {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                return pool.submit(() -> 1);
              }

              String normalPathOnly(Callable<String> task) throws Exception {
                ExecutorService service = Executors.newSingleThreadExecutor();
                String result = service.submit(task).get(1, TimeUnit.SECONDS);
                service.shutdown();
                return result;
              }

              CompletableFuture<String> inline() {
                return CompletableFuture.supplyAsync(() -> "x", Executors.newCachedThreadPool());
              }

              void use() {
                forgotten.execute(() -> {});
              }

              @Override
              public void close() {}
            }
            """)
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
