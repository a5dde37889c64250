package dev.crashguard.testdata.unsafememorymisuse;

import sun.misc.Unsafe;

/**
 * A fixed number used as a native address: {@code putLong(0L, v)}, {@code getLong(8L)}, or a {@code null}
 * base with a literal offset ({@code getInt(null, 16L)}), which is the same absolute address. Nothing is
 * mapped there: the JVM dies with SIGSEGV ({@code si_addr: 0x0}, problematic frame {@code Unsafe_PutLong}).
 * Reported on the access.
 *
 * <p>Written from the JDK's own crash reports of such accesses and from openjdk/jdk#21208 (a literal where an
 * address or offset belonged). The compliant twins use addresses that {@code allocateMemory} returned, plus
 * offsets inside them, with a {@code null} base too (Netty's {@code putShort(null, address, v)}).
 */
public class AbsoluteAddresses {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  static final long BASE_ADDRESS = 0x1000L;

  /** A write to address 0. */
  static class NoncompliantWriteToZero {
    void mark() {
      U.putLong(0L, 1L); // hazard: UnsafeMemoryMisuse
    }
  }

  /** A read from a constant address. */
  static class NoncompliantReadConstant {
    long read() {
      return U.getLong(BASE_ADDRESS + 8); // hazard: UnsafeMemoryMisuse
    }
  }

  /** A null base with a literal offset is an absolute address. */
  static class NoncompliantNullBaseLiteral {
    int read() {
      return U.getInt(null, 16L); // hazard: UnsafeMemoryMisuse
    }
  }

  /** Addresses from allocateMemory, offsets inside the block, a null base with a computed address. */
  static class CompliantAllocatedAddresses {
    long roundTrip(long value) {
      long address = U.allocateMemory(16);
      try {
        U.putLong(address, value);
        U.putLong(null, address + 8, value + 1);
        return U.getLong(address) + U.getLong(null, address + 8);
      } finally {
        U.freeMemory(address);
      }
    }
  }

  /** The block allocated first. */
  static class FixedWriteToZero {
    void mark() {
      long flag = U.allocateMemory(8);
      try {
        U.putLong(flag, 1L);
      } finally {
        U.freeMemory(flag);
      }
    }
  }
}
