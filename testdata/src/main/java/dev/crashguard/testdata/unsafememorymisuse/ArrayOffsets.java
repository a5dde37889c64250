package dev.crashguard.testdata.unsafememorymisuse;

import sun.misc.Unsafe;

/**
 * Array element offsets the JVM does not check: a literal offset on an array ({@code getInt(array, 16L)}:
 * the base is 16 only with compressed class pointers; 12 with compact object headers, 20 or 24 without
 * compressed class pointers — openjdk/jdk#21208 overwrote an array's length that way and crashed the GC), and
 * the base or scale of one array type used with an array of another: an {@code int[]} layout on a {@code
 * long[]} reads half of one element and half of the next, silently; alibaba/fastjson2#3787 used {@code
 * ARRAY_CHAR_BASE_OFFSET} on a {@code byte[]} and died with SIGBUS on Android (an unaligned 8-byte read) —
 * on HotSpot x86_64 the two bases happen to be equal in every layout and the read succeeds, which is why it
 * went unnoticed until it ran elsewhere. Reported on the access.
 *
 * <p>The compliant twins use base + index × scale of the array's own type, base plus a constant pad
 * (Disruptor's ring buffer), and {@code copyMemory} between arrays of different types with each array's own
 * base (Kryo).
 */
public class ArrayOffsets {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  static final long INT_BASE = U.arrayBaseOffset(int[].class);
  static final long INT_SCALE = U.arrayIndexScale(int[].class);
  static final long OBJECT_BASE = U.arrayBaseOffset(Object[].class);
  static final int OBJECT_SHIFT = Integer.numberOfTrailingZeros(U.arrayIndexScale(Object[].class));

  /** A literal offset on an int[]. */
  static class NoncompliantLiteralArrayOffset {
    int first(int[] values) {
      return U.getInt(values, 16L); // hazard: UnsafeMemoryMisuse
    }
  }

  /** The char[] base on a byte[] (fastjson2#3787). */
  static class NoncompliantCharBaseOnBytes {
    long prefix(byte[] utf8) {
      return U.getLong(utf8, Unsafe.ARRAY_CHAR_BASE_OFFSET); // hazard: UnsafeMemoryMisuse
    }
  }

  /** The int[] layout on a long[]. */
  static class NoncompliantIntLayoutOnLongs {
    long at(long[] values, int i) {
      return U.getLong(values, INT_BASE + i * INT_SCALE); // hazard: UnsafeMemoryMisuse
    }
  }

  /** Base + index × scale of the array's own type; base + a pad; copies between types with their own bases. */
  static class CompliantOwnLayouts {
    static final long PAD = 128;

    int at(int[] values, int i) {
      return U.getInt(values, INT_BASE + i * INT_SCALE);
    }

    Object padded(Object[] entries, int i) {
      return U.getObject(entries, OBJECT_BASE + PAD + ((long) i << OBJECT_SHIFT));
    }

    void copy(long[] from, byte[] to) {
      U.copyMemory(from, Unsafe.ARRAY_LONG_BASE_OFFSET, to, Unsafe.ARRAY_BYTE_BASE_OFFSET, (long) from.length * 8);
    }
  }

  /** Object[]'s layout on a String[]: every reference array has the same layout. */
  static class CompliantReferenceArrays {
    Object first(String[] names) {
      return U.getObject(names, OBJECT_BASE);
    }
  }

  /** The base asked of the JVM. */
  static class FixedLiteralArrayOffset {
    int first(int[] values) {
      return U.getInt(values, INT_BASE);
    }
  }

  /** The byte[] base for a byte[]. */
  static class FixedCharBaseOnBytes {
    long prefix(byte[] utf8) {
      return U.getLong(utf8, Unsafe.ARRAY_BYTE_BASE_OFFSET);
    }
  }
}
