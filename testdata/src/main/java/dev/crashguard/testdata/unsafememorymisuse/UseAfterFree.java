package dev.crashguard.testdata.unsafememorymisuse;

import sun.misc.Unsafe;

/**
 * A read or write of an address after its {@code freeMemory}: for a large block (unmapped by glibc) the JVM
 * dies with SIGSEGV ({@code Unsafe_GetLong}, or the JIT's copy stub for {@code copyMemory}, as the
 * problematic frame of the hs_err file); for a small one it reads glibc's free-list pointers as data, or
 * writes over them and corrupts the heap for a later {@code malloc} or {@code free} to abort on. Reported on
 * the access.
 *
 * <p>Written from apache/flink#10940 (FLINK-14894: memory released while an IO thread still wrote to it,
 * then allocated to another task and silently corrupted), apache/spark#20191 (SPARK-22997: "blind writes to
 * freed memory blocks"), aeron-io/aeron#111 (a read after close: {@code Unsafe_GetLongVolatile}) and
 * netty/netty#3226 (a released buffer's address handed to {@code copyMemory}). The compliant twins use the
 * memory before the free, or reassign the variable to a new allocation first.
 */
public class UseAfterFree {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  /** The result is read after the block went back. */
  static class NoncompliantReadAfterFree {
    long compute(int size) {
      long address = U.allocateMemory(size);
      U.setMemory(address, size, (byte) 0);
      U.putLong(address, 42L);
      U.freeMemory(address);
      return U.getLong(address); // hazard: UnsafeMemoryMisuse
    }
  }

  /** A copy out of the block after it was freed. */
  static class NoncompliantCopyAfterFree {
    byte[] snapshot(int size) {
      byte[] out = new byte[size];
      long address = U.allocateMemory(size);
      U.setMemory(address, size, (byte) 7);
      U.freeMemory(address);
      U.copyMemory(null, address, out, Unsafe.ARRAY_BYTE_BASE_OFFSET, size); // hazard: UnsafeMemoryMisuse
      return out;
    }
  }

  /** A write after the free on the error path, and a second free after it. */
  static class NoncompliantWriteAfterFreeOnError {
    void store(long value, boolean fail) {
      long address = U.allocateMemory(8);
      if (fail) {
        U.freeMemory(address);
      }
      U.putLong(address, value); // hazard: UnsafeMemoryMisuse
      U.freeMemory(address); // hazard: UnsafeMemoryMisuse
    }
  }

  /** Read, then freed. */
  static class CompliantUseThenFree {
    long compute(int size) {
      long address = U.allocateMemory(size);
      try {
        U.putLong(address, 42L);
        return U.getLong(address);
      } finally {
        U.freeMemory(address);
      }
    }
  }

  /** The variable holds a new allocation before it is used again. */
  static class CompliantReassigned {
    long twice() {
      long address = U.allocateMemory(8);
      U.putLong(address, 1L);
      U.freeMemory(address);
      address = U.allocateMemory(8);
      U.putLong(address, 2L);
      long value = U.getLong(address);
      U.freeMemory(address);
      return value;
    }
  }

  /** Read before the free. */
  static class FixedReadAfterFree {
    long compute(int size) {
      long address = U.allocateMemory(size);
      U.setMemory(address, size, (byte) 0);
      U.putLong(address, 42L);
      long value = U.getLong(address);
      U.freeMemory(address);
      return value;
    }
  }
}
