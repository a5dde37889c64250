package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * The suggested fix: an explicit {@code close()} inside the try-with-resources that declares the resource
 * is removed, since the try-with-resources closes it anyway. Input and expected output side by side, and
 * the findings that get no fix. TEXT_MATCH (deprecated in the 2.50 helpers, whose default compares ASTs)
 * is kept on purpose: it also checks that nothing else in the file moves.
 */
@SuppressWarnings("deprecation")
final class DoubleCloseFixTest {

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(DoubleClose.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  private final CompilationTestHelper compilation =
      CompilationTestHelper.newInstance(DoubleClose.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  private static final String WRITER =
      """
      final class Writer implements AutoCloseable {
        void append(String row) {}

        @Override
        public void close() {}
      }
      """;

  @Test
  void explicitCloseInsideTryWithResourcesIsRemoved() {
    refactoring
        .addInputLines("Writer.java", WRITER)
        .expectUnchanged()
        .addInputLines(
            "A.java",
            """
            class A {
              void append(String row) {
                try (Writer writer = new Writer()) {
                  writer.append(row);
                  writer.close();
                }
              }

              void early(String row, boolean done) {
                try (Writer first = new Writer(); Writer second = new Writer()) {
                  if (done) {
                    second.close();
                    return;
                  }
                  first.append(row);
                }
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            class A {
              void append(String row) {
                try (Writer writer = new Writer()) {
                  writer.append(row);
                }
              }

              void early(String row, boolean done) {
                try (Writer first = new Writer(); Writer second = new Writer()) {
                  if (done) {
                    return;
                  }
                  first.append(row);
                }
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  /** A close that is not a statement of its own, or of a Closeable (idempotent), is left alone. */
  @Test
  void noFixWhereTheCloseIsNotARedundantStatement() {
    refactoring
        .addInputLines("Writer.java", WRITER)
        .expectUnchanged()
        .addInputLines(
            "B.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;

            class B {
              void closeable(String path) throws IOException {
                try (FileInputStream in = new FileInputStream(path)) {
                  in.read();
                  in.close();
                }
              }

              void other(Writer outside) {
                try (Writer writer = new Writer()) {
                  writer.append("x");
                }
                outside.close();
              }
            }
            """)
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }

  /** The other kinds are reported without a fix: which release to remove is the author's call. */
  @Test
  void otherKindsHaveNoFix() {
    compilation
        .addSourceLines(
            "C.java",
            """
            import java.util.concurrent.locks.ReentrantLock;

            class C {
              private final ReentrantLock lock = new ReentrantLock();

              int drain(boolean empty) {
                lock.lock();
                try {
                  if (empty) {
                    lock.unlock();
                    return 0;
                  }
                  return 1;
                } finally {
                  // BUG: Diagnostic matches: noFix
                  lock.unlock();
                }
              }
            }
            """)
        .expectErrorMessage(
            "noFix",
            message -> message.contains("'lock' is released again here, after unlock() at line 10 on the same path")
                && !message.contains("Did you mean"))
        .doTest();
  }
}
