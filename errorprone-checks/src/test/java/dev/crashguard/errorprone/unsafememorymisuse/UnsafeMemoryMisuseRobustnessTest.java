package dev.crashguard.errorprone.unsafememorymisuse;

import com.google.errorprone.CompilationTestHelper;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * Odd but valid code must neither crash the check nor make it report. The check runs with {@code
 * RethrowErrors}, so an exception it would otherwise swallow fails the test. The behaviour itself lives in
 * the corpus; the last test holds that a finding still carries its kind's remedy. The code uses {@code
 * jdk.internal.misc.Unsafe} (exported to the test), which javac compiles without the warnings {@code
 * sun.misc.Unsafe} draws on every line.
 */
final class UnsafeMemoryMisuseRobustnessTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnsafeMemoryMisuse.class, getClass())
          .setArgs(
              "-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true",
              "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");

  @Test
  void unusualControlFlowAndLanguageFeatures() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.util.*;
            import java.util.function.*;
            import jdk.internal.misc.Unsafe;

            abstract class Odd implements AutoCloseable {
              static final Unsafe U = load();
              static final long BASE = U.arrayBaseOffset(byte[].class) + 16;
              static final long SHIFT = Long.numberOfTrailingZeros(U.arrayIndexScale(Object[].class));
              private final long fixed = U.allocateMemory(8);
              private long open;
              private final long[] table = {U.allocateMemory(8)};

              static Unsafe load() {
                return Unsafe.getUnsafe();
              }

              static {
                long probe = -1;
                try {
                  probe = U.allocateMemory(1);
                } finally {
                  if (probe != -1) {
                    U.freeMemory(probe);
                  }
                }
              }

              abstract void native0(long address);

              int labels(List<List<Long>> rows) throws Exception {
                int n = 0;
                long a = U.allocateMemory(64);
                try {
                  outer:
                  for (List<Long> row : rows) {
                    inner:
                    do {
                      for (Long cell : row) {
                        if (cell == null) {
                          continue outer;
                        }
                        U.putLong(a + (n & 7) * 8, cell);
                        if (++n > 3) {
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
                  block: {
                    if (n > 100) {
                      break block;
                    }
                    n++;
                  }
                } finally {
                  U.freeMemory(a);
                }
                return n;
              }

              long arrows(Object o, int size) {
                long a = U.allocateMemory(size);
                long r = switch (o) {
                  case String s -> s.length();
                  case Integer i when i > 0 -> i;
                  default -> 0L;
                };
                switch (size) {
                  case 1 -> U.putByte(a, (byte) 1);
                  case 2 -> { U.putShort(a, (short) 2); }
                  default -> U.setMemory(a, size, (byte) 0);
                }
                synchronized (this) {
                  r += U.getByte(a);
                }
                U.freeMemory(a);
                a = 0;
                U.freeMemory(a);
                return r;
              }

              Runnable captured(int size) {
                long a = U.allocateMemory(size);
                Runnable r = () -> U.freeMemory(a);
                LongSupplier s = new LongSupplier() {
                  @Override
                  public long getAsLong() {
                    return a;
                  }
                };
                return r;
              }

              long handedAway(int size, LongConsumer sink) {
                long a = U.allocateMemory(size);
                long b = U.allocateMemory(size);
                long c = U.allocateMemory(size);
                long d = U.allocateMemory(size);
                sink.accept(a);
                this.open = b;
                native0(c);
                long[] all = {d};
                long e = U.allocateMemory(size);
                long f = e;
                long g = U.allocateMemory(size);
                g += 8;
                return all.length + f + g;
              }

              long loops(int n) {
                long a = 0;
                for (int i = 0; i < n; i++) {
                  a = U.allocateMemory(8);
                  U.putLong(a, i);
                  U.freeMemory(a);
                }
                while (true) {
                  long b = U.allocateMemory(8);
                  try {
                    if (U.getLong(b) == 0) {
                      break;
                    }
                  } finally {
                    U.freeMemory(b);
                  }
                }
                return a;
              }

              long grows(long size) {
                long a = U.allocateMemory(size);
                try {
                  a = U.reallocateMemory(a, size * 2);
                  a = U.reallocateMemory(a, size * 4);
                  U.putLong(a, size);
                } catch (RuntimeException | Error e) {
                  U.freeMemory(a);
                  throw e;
                }
                return a;
              }

              long offsets(byte[] bytes, Object[] refs, String[] names, Object any, int i) {
                return U.getLong(bytes, BASE + i)
                    + U.getInt(refs, U.arrayBaseOffset(Object[].class) + ((long) i << SHIFT))
                    + U.getInt(names, Unsafe.ARRAY_OBJECT_BASE_OFFSET)
                    + U.getLong(any, 16L)
                    + U.getLong(null, fixed + i)
                    + U.getLong(fixed);
              }

              @Override
              public void close() {
                if (open != 0) {
                  U.freeMemory(open);
                  open = 0;
                }
                U.freeMemory(fixed);
                U.freeMemory(table[0]);
              }

              long probe() {
                long address = -1;
                try {
                  address = U.allocateMemory(1);
                  U.putByte(address, (byte) 1);
                  return U.getByte(address);
                } finally {
                  if (address != -1) {
                    U.freeMemory(address);
                  }
                }
              }

              void freeList(long head) {
                long p = head;
                while (p != 0) {
                  long next = U.getLong(p);
                  U.freeMemory(p);
                  p = next;
                }
              }

              long checked(long capacity) {
                assert capacity > 0 : capacity;
                long address = U.allocateMemory(capacity);
                if (address == 0) {
                  throw new OutOfMemoryError("capacity " + capacity);
                }
                assert address != 0;
                return address;
              }

              void freedOnce(boolean early, long size) {
                long a = U.allocateMemory(size);
                boolean done = false;
                try {
                  if (early) {
                    return;
                  }
                  U.setMemory(a, size, (byte) 0);
                  done = true;
                } finally {
                  U.freeMemory(a);
                }
              }

              record Block(long address, long size) {
                Block {
                  if (address == 0) {
                    address = U.allocateMemory(size);
                  }
                }

                Block grow() {
                  return new Block(U.reallocateMemory(address, size * 2), size * 2);
                }
              }

              interface Pool {
                default long take(long size) {
                  long a = U.allocateMemory(size);
                  return a;
                }
              }

              <T extends Number> Iterator<T> anonymous(Iterator<T> in) {
                return new Iterator<T>() {
                  @Override
                  public boolean hasNext() {
                    long a = U.allocateMemory(8);
                    try {
                      return in.hasNext();
                    } finally {
                      U.freeMemory(a);
                    }
                  }

                  @Override
                  public T next() {
                    return in.next();
                  }
                };
              }

              enum Kind {
                ONE {
                  long size() {
                    long a = U.allocateMemory(1);
                    U.freeMemory(a);
                    return 1;
                  }
                };
              }

              static Object own() {
                class Unsafe {
                  long allocateMemory(long n) { return n; }
                  void freeMemory(long a) {}
                }
                Unsafe u = new Unsafe();
                long a = u.allocateMemory(8);
                u.freeMemory(a);
                u.freeMemory(a);
                return u;
              }
            }
            """)
        .doTest();
  }

  @Test
  void knowsTheNamesOfTheJdksOwnUnsafe() {
    helper
        .addSourceLines(
            "Internal.java",
            """
            import jdk.internal.misc.Unsafe;

            class Internal {
              static class Counter {
                int count;
                static int instances;
              }

              static class Point {
                int x;
              }

              static final Unsafe U = Unsafe.getUnsafe();
              static final long COUNT = U.objectFieldOffset(Counter.class, "count");

              long run(Point p, Counter c) throws ReflectiveOperationException {
                // BUG: Diagnostic contains: is an offset of a field of Counter, used with an object of the unrelated Point
                int v = U.getInt(p, COUNT) + U.getIntAcquire(c, COUNT);
                // BUG: Diagnostic contains: asks objectFieldOffset for a static field
                long s = U.objectFieldOffset(Counter.class.getDeclaredField("instances")) + U.objectFieldOffset(Counter.class, "instances");
                long a = U.allocateMemory(8);
                U.freeMemory(a);
                // BUG: Diagnostic contains: after freeMemory at line 22
                return U.getLongAcquire(null, a) + v + s;
              }
            }
            """)
        .doTest();
  }

  @Test
  void reportsWithTheKindsRemedy() {
    helper
        .addSourceLines(
            "Twice.java",
            """
            import jdk.internal.misc.Unsafe;

            class Twice {
              void run(Unsafe u) {
                long a = u.allocateMemory(8);
                u.freeMemory(a);
                // BUG: Diagnostic contains: set the variable to 0 after freeMemory
                u.freeMemory(a);
              }
            }
            """)
        .doTest();
  }
}
