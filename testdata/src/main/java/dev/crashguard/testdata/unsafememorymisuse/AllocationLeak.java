package dev.crashguard.testdata.unsafememorymisuse;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.LongConsumer;
import sun.misc.Unsafe;

/**
 * Native memory from {@code allocateMemory} that is neither freed on every path nor handed to an owner: the
 * process grows past {@code -Xmx} by the size of every call (NMT counts it as "Other") until the kernel's
 * OOM killer ends it. Reported on the allocation.
 *
 * <p>Written from netty/netty#11835 and redisson/redisson#3945 (RSS growing without bound,
 * {@code Unsafe.allocateMemory0} at the top of the native profile) and exchange-core/exchange-core#160. The
 * compliant twins free in {@code finally}, return the address, keep it in a field freed by {@code close()},
 * or hand it to an owner (a Cleaner's action, a constructor, a callback).
 */
public class AllocationLeak {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  static long checksum(long address, long size) {
    long sum = 0;
    for (long i = 0; i < size; i++) {
      sum += U.getByte(address + i);
    }
    return sum;
  }

  /** A scratch buffer per call, never freed. */
  static class NoncompliantScratchNeverFreed {
    long hash(byte[] data) {
      long scratch = U.allocateMemory(data.length); // hazard: UnsafeMemoryMisuse (not: pmd — the address is passed to checksum(), and XPath cannot see into a called method to know it neither keeps nor frees the address)
      for (int i = 0; i < data.length; i++) {
        U.putByte(scratch + i, data[i]);
      }
      return checksum(scratch, data.length);
    }
  }

  /** Freed on the normal path only: an exception in between leaks it. */
  static class NoncompliantFreedOnlyOnTheNormalPath {
    long hash(byte[] data) {
      long scratch = U.allocateMemory(data.length); // hazard: UnsafeMemoryMisuse (not: pmd — the free is on the normal path only, which takes flow analysis to tell from every path, and the address is passed to checksum(), which XPath cannot see into)
      for (int i = 0; i < data.length; i++) {
        U.putByte(scratch + i, data[i]);
      }
      long sum = checksum(scratch, data.length);
      if (sum < 0) {
        throw new IllegalStateException("negative checksum");
      }
      U.freeMemory(scratch);
      return sum;
    }
  }

  /** Freed on one branch only. */
  static class NoncompliantFreedOnOneBranch {
    long firstByte(boolean keep) {
      long buffer = U.allocateMemory(64); // hazard: UnsafeMemoryMisuse
      U.putByte(buffer, (byte) 1);
      long value = U.getByte(buffer);
      if (!keep) {
        U.freeMemory(buffer);
      }
      return value;
    }
  }

  /** Allocated and dropped at once: nothing can ever free it. */
  static class NoncompliantDroppedAtOnce {
    void reserve() {
      U.allocateMemory(16); // hazard: UnsafeMemoryMisuse
    }
  }

  /** Freed only when the check between does not throw. */
  static class NoncompliantCheckThrowsBeforeFree {
    void touch(int index) {
      long block = U.allocateMemory(8); // hazard: UnsafeMemoryMisuse (not: errorprone — it counts a JDK call as one that cannot throw unless it declares a checked exception, and Objects.checkIndex throws an unchecked one) (not: pmd — telling the normal path from every path takes flow analysis XPath does not have)
      Objects.checkIndex(index, 8);
      U.freeMemory(block);
    }
  }

  /** A helper of the class frees it: the helper owns it from then on. */
  static class CompliantHelperFrees {
    void run() {
      long block = U.allocateMemory(8);
      U.putLong(block, 1L);
      release(block);
    }

    private static void release(long block) {
      U.freeMemory(block);
    }
  }

  /** Each block is freed on the next pass, the last one after the loop. */
  static class CompliantLoopFreesThePrevious {
    void run(int rounds) {
      long previous = 0;
      for (int i = 0; i < rounds; i++) {
        long current = U.allocateMemory(8);
        if (previous != 0) {
          U.freeMemory(previous);
        }
        previous = current;
      }
      U.freeMemory(previous);
    }
  }

  /** An assert between the allocation and the try: assertions are off in production, and cannot leak here. */
  static class CompliantAssertBeforeTheTry {
    long read(int size) {
      long address = U.allocateMemory(size);
      assert size > 0 : "empty";
      try {
        return U.getLong(address);
      } finally {
        U.freeMemory(address);
      }
    }
  }

  /** Freed in finally. */
  static class CompliantFreedInFinally {
    long hash(byte[] data) {
      long scratch = U.allocateMemory(data.length);
      try {
        for (int i = 0; i < data.length; i++) {
          U.putByte(scratch + i, data[i]);
        }
        return checksum(scratch, data.length);
      } finally {
        U.freeMemory(scratch);
      }
    }
  }

  /** The address escapes: returned, stored, handed to an owner. */
  static class CompliantHandedAway implements AutoCloseable {
    private long address;

    static long allocate(long size) {
      return U.allocateMemory(size);
    }

    void open(long size) {
      address = U.allocateMemory(size);
    }

    void lend(long size, LongConsumer owner) {
      owner.accept(U.allocateMemory(size));
    }

    NativeBlock block(int size) {
      return new NativeBlock(U.allocateMemory(size), size);
    }

    @Override
    public void close() {
      if (address != 0) {
        U.freeMemory(address);
        address = 0;
      }
    }
  }

  /**
   * A failed allocation (address 0) answered with an error, the address returned otherwise: nothing to free
   * on the error path (Chronicle-Core's {@code UnsafeMemory.allocate}).
   */
  static class CompliantZeroCheckedAllocation {
    long allocate(long capacity) {
      long address = U.allocateMemory(capacity);
      if (address == 0) {
        throw new OutOfMemoryError("Not enough free native memory, capacity attempted: " + capacity);
      }
      return address;
    }
  }

  /**
   * A probe allocated, written and freed inside one branch, on a version test that does not name the address
   * (Netty's {@code PlatformDependent0}, which checks that memory access is still allowed on JDK 23+).
   */
  static class CompliantProbeInsideABranch {
    static boolean probe(int javaVersion) {
      if (javaVersion >= 23) {
        long address = U.allocateMemory(8);
        U.putLong(address, 42);
        U.freeMemory(address);
      }
      return true;
    }
  }

  /** A block that owns its address and frees it in close(). */
  static final class NativeBlock implements AutoCloseable {
    private final long address;
    private final int size;

    NativeBlock(long address, int size) {
      this.address = address;
      this.size = size;
    }

    ByteBuffer view() {
      return ByteBuffer.allocate(size);
    }

    @Override
    public void close() {
      U.freeMemory(address);
    }
  }

  /** Freed in finally. */
  static class FixedScratchNeverFreed {
    long hash(byte[] data) {
      long scratch = U.allocateMemory(data.length);
      try {
        for (int i = 0; i < data.length; i++) {
          U.putByte(scratch + i, data[i]);
        }
        return checksum(scratch, data.length);
      } finally {
        U.freeMemory(scratch);
      }
    }
  }
}
