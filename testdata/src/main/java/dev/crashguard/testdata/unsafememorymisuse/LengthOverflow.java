package dev.crashguard.testdata.unsafememorymisuse;

import sun.misc.Unsafe;

/**
 * {@code setMemory}/{@code copyMemory} whose constant length exceeds the constant size of the allocation it
 * writes: glibc's heap metadata after the block is overwritten, and the next {@code malloc} aborts the JVM
 * ("malloc(): corrupted top size", "malloc assertion failure in sysmalloc"), after the intrinsified fill
 * may already have died with SIGSEGV (JDK 22+, {@code StubRoutines::unsafe_setmemory}). Reported on the
 * call.
 *
 * <p>Written from OpenHFT/Chronicle-Bytes#80 (a crash in {@code Unsafe.copyMemory} resizing a store) and #411
 * ("a multitude of malloc/free errors"). The compliant twins stay within the size, or write a length the
 * analysis cannot bound (a parameter).
 */
public class LengthOverflow {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  static final int HEADER = 16;

  /** A page cleared in a 16-byte block. */
  static class NoncompliantFillPastTheEnd {
    void clear() {
      long header = U.allocateMemory(HEADER);
      try {
        U.setMemory(header, 4096, (byte) 0); // hazard: UnsafeMemoryMisuse
      } finally {
        U.freeMemory(header);
      }
    }
  }

  /** 64 bytes copied into 32. */
  static class NoncompliantCopyPastTheEnd {
    void copy(byte[] source) {
      long target = U.allocateMemory(32);
      try {
        U.copyMemory(source, Unsafe.ARRAY_BYTE_BASE_OFFSET, null, target, 64); // hazard: UnsafeMemoryMisuse
      } finally {
        U.freeMemory(target);
      }
    }
  }

  /** Within the size; a length the code computes. */
  static class CompliantWithinTheSize {
    void clear(int length) {
      long header = U.allocateMemory(HEADER);
      long block = U.allocateMemory(length);
      try {
        U.setMemory(header, HEADER, (byte) 0);
        U.setMemory(block, length, (byte) 0);
      } finally {
        U.freeMemory(header);
        U.freeMemory(block);
      }
    }
  }

  /** The size of the block. */
  static class FixedFillPastTheEnd {
    void clear() {
      long header = U.allocateMemory(HEADER);
      try {
        U.setMemory(header, HEADER, (byte) 0);
      } finally {
        U.freeMemory(header);
      }
    }
  }
}
