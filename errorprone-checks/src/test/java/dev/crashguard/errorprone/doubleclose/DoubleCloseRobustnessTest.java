package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.CompilationTestHelper;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * Odd but valid code must neither crash the check nor make it report. The check runs with {@code
 * RethrowErrors}, so an exception it would otherwise swallow fails the test. The behaviour itself lives
 * in the corpus.
 */
final class DoubleCloseRobustnessTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DoubleClose.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void unusualControlFlowAndLanguageFeatures() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.io.*;
            import java.util.*;
            import java.util.concurrent.locks.*;
            import java.util.function.*;

            abstract class Odd {
              private final ReentrantLock lock = new ReentrantLock();
              private final ReadWriteLock rw = new ReentrantReadWriteLock();
              private static final Lock GLOBAL = new ReentrantLock();

              abstract void native0();

              int labels(List<List<String>> rows) {
                int n = 0;
                lock.lock();
                try {
                  outer:
                  for (List<String> row : rows) {
                    inner:
                    do {
                      for (String cell : row) {
                        if (cell.isEmpty()) {
                          continue outer;
                        }
                        if (cell.length() > 3) {
                          break inner;
                        }
                        n++;
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
                  lock.unlock();
                }
                return n;
              }

              String switches(Object o, Reader reader) throws IOException {
                String s =
                    switch (o) {
                      case null -> "null";
                      case String str when str.isEmpty() -> {
                        reader.close();
                        yield "empty";
                      }
                      case Integer i -> String.valueOf(i);
                      default -> o.toString();
                    };
                return s;
              }

              void lambdasAndClasses(Runnable r) {
                GLOBAL.lock();
                try {
                  Runnable twice = () -> {
                    rw.readLock().lock();
                    rw.readLock().unlock();
                  };
                  new Object() {
                    void run() {
                      GLOBAL.unlock();
                    }
                  };
                  class Local {
                    void run() {
                      lock.unlock();
                    }
                  }
                  twice.run();
                  r.run();
                } finally {
                  GLOBAL.unlock();
                }
              }

              long stamps(StampedLock sl, boolean write) {
                long stamp = write ? sl.writeLock() : sl.readLock();
                try {
                  return stamp;
                } finally {
                  sl.unlock(stamp);
                }
              }

              void synchronizedAndThrow(Object monitor, Closeable c) throws IOException {
                synchronized (monitor) {
                  try (c) {
                    if (monitor == null) {
                      throw new IllegalStateException();
                    }
                  } catch (IllegalStateException | UncheckedIOException e) {
                    throw new IOException(e);
                  }
                }
              }

              int ternaries(Reader reader, boolean flag) throws IOException {
                int v = flag ? reader.read() : 0;
                boolean ok = flag && reader.ready() || !flag;
                return ok ? v : -1;
              }

              void manyBranches(int[] values, ReentrantLock other) {
                for (int v : values) {
                  if (v == 1) { other.lock(); } else if (v == 2) { other.unlock(); }
                  if (v == 3) { other.lock(); } else if (v == 4) { other.unlock(); }
                  if (v == 5) { other.lock(); } else if (v == 6) { other.unlock(); }
                  if (v == 7) { other.lock(); } else if (v == 8) { other.unlock(); }
                  if (v == 9) { other.lock(); } else if (v == 10) { other.unlock(); }
                  if (v == 11) { other.lock(); } else if (v == 12) { other.unlock(); }
                }
              }

              @SuppressWarnings({"rawtypes", "unchecked"})
              Object raw(List list, Iterator it) {
                while (it.hasNext()) {
                  Object next = it.next();
                  if (next instanceof Closeable closeable && list.add(closeable)) {
                    continue;
                  }
                }
                return list;
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }
}
