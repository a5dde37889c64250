package dev.crashguard.testdata.unsafememorymisuse;

import sun.misc.Unsafe;

/**
 * {@code reallocateMemory(address, bytes)} may move the block and free the old address: a dropped result
 * leaves the caller with a freed address (and leaks the new block), and any later use or free of the old
 * address is a use after free or a double free. Reported on the call whose result is dropped, or on the use
 * of the old address.
 *
 * <p>Written from the JDK's contract ({@code reallocateMemory}: "the contents of the old block … are
 * copied"; the old block is freed when the memory moves) and Netty's {@code reallocateDirectNoCleaner}, which
 * always keeps the returned address. The compliant twins assign the result back to the variable.
 */
public class Reallocation {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  /** The new address is dropped, and the old one written on. */
  static class NoncompliantResultDropped {
    long grow(long address, long newSize) {
      U.reallocateMemory(address, newSize); // hazard: UnsafeMemoryMisuse
      U.putLong(address, newSize); // hazard: UnsafeMemoryMisuse
      return address;
    }
  }

  /** The old address is freed after the block moved. */
  static class NoncompliantOldAddressFreed {
    long grow(long size) {
      long old = U.allocateMemory(size);
      long grown = U.reallocateMemory(old, size * 2);
      U.putLong(grown, size);
      U.freeMemory(old); // hazard: UnsafeMemoryMisuse
      return grown;
    }
  }

  /** Assigned back: only the new address is used. */
  static class CompliantAssignedBack {
    long grow(long size) {
      long address = U.allocateMemory(size);
      address = U.reallocateMemory(address, size * 2);
      U.putLong(address, size);
      return address;
    }
  }

  /** The result kept. */
  static class FixedResultDropped {
    long grow(long address, long newSize) {
      long grown = U.reallocateMemory(address, newSize);
      U.putLong(grown, newSize);
      return grown;
    }
  }
}
