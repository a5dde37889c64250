package dev.crashguard.testdata.unsafememorymisuse;

import sun.misc.Unsafe;

/**
 * {@code freeMemory} twice on one path: glibc aborts the JVM ("free(): double free detected in tcache 2",
 * SIGABRT, exit 134, no hs_err file), crashes it in {@code __libc_free} (SIGSEGV) for a large block, or — when
 * the block was reused in between — frees another owner's memory and corrupts the native heap silently,
 * to crash later somewhere unrelated. Reported on the second free.
 *
 * <p>Written from questdb/questdb#2205 (SIGSEGV in {@code cfree} after 19 hours, a second {@code close()}
 * path freeing an address again) and filodb/FiloDB#165 ("prevent double free"). The compliant twins set the
 * variable to 0 after the free ({@code freeMemory(0)} does nothing: Chronicle's {@code Deallocator}, QuestDB's
 * {@code ptr = Unsafe.free(ptr)}), free on different branches, or free a new allocation.
 */
public class DoubleFree {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  /** Freed in the try block and again in finally. */
  static class NoncompliantTryAndFinally {
    long sum(int size) {
      long address = U.allocateMemory(size);
      try {
        U.setMemory(address, size, (byte) 1);
        long sum = U.getLong(address);
        U.freeMemory(address);
        return sum;
      } finally {
        U.freeMemory(address); // hazard: UnsafeMemoryMisuse
      }
    }
  }

  /** A cleanup helper that frees the field, called twice on one path. */
  static class NoncompliantCloseTwice implements AutoCloseable {
    private final long address = U.allocateMemory(128);

    void reset() {
      U.freeMemory(address);
      U.freeMemory(address); // hazard: UnsafeMemoryMisuse
    }

    @Override
    public void close() {
      U.freeMemory(address);
    }
  }

  /** Freed on the error path, then again after it. */
  static class NoncompliantCatchThenAfter {
    long load(int size) {
      long address = U.allocateMemory(size);
      long value = 0;
      try {
        value = fill(address, size);
      } catch (IllegalStateException e) {
        U.freeMemory(address);
      }
      U.freeMemory(address); // hazard: UnsafeMemoryMisuse
      return value;
    }

    private static long fill(long address, int size) {
      if (size < 8) {
        throw new IllegalStateException("too small");
      }
      U.putLong(address, size);
      return U.getLong(address);
    }
  }

  /** Zeroed after the free: the second free does nothing. */
  static class CompliantZeroedAfterFree implements AutoCloseable {
    private long address = U.allocateMemory(128);

    @Override
    public void close() {
      if (address != 0) {
        U.freeMemory(address);
        address = 0;
      }
    }

    void closeTwice() {
      close();
      close();
    }
  }

  /** One free per branch; and a variable reused for a new allocation. */
  static class CompliantBranchesAndReuse {
    long run(boolean early, int size) {
      long address = U.allocateMemory(size);
      if (early) {
        U.freeMemory(address);
        return 0;
      } else {
        U.putLong(address, 7L);
        long value = U.getLong(address);
        U.freeMemory(address);
        address = U.allocateMemory(size);
        U.freeMemory(address);
        return value;
      }
    }
  }

  /** Freed once, in finally. */
  static class FixedTryAndFinally {
    long sum(int size) {
      long address = U.allocateMemory(size);
      try {
        U.setMemory(address, size, (byte) 1);
        return U.getLong(address);
      } finally {
        U.freeMemory(address);
      }
    }
  }
}
