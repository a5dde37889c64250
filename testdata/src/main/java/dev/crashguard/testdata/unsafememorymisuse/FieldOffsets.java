package dev.crashguard.testdata.unsafememorymisuse;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Field offsets the JVM does not check: a literal offset on an object ({@code getInt(obj, 12L)}: 12 is the
 * first field only with compressed class pointers; with compact object headers it is 8, without compressed
 * class pointers 16), {@code objectFieldOffset} of a static field (throws {@code IllegalArgumentException}), a
 * static field's offset used with an instance instead of {@code staticFieldBase} (writes past the object,
 * silently), and an offset of a field of one class used with an object of an unrelated class (reads and
 * writes whatever lies there: here {@code Point.x}, by the coincidence of both being a first int field, which
 * any new field of either class ends). Reported on the call.
 *
 * <p>Written from oracle/graal#2682 (an object stored at literal offset 12, SIGBUS on AArch64) and
 * hazelcast/hazelcast#26619 (an assumed header size, wrong under compact headers). The compliant twins take
 * offsets from {@code objectFieldOffset} and use them on the declaring class, a subclass (JCTools' queues) or
 * a superclass-typed base, use {@code staticFieldBase} with {@code staticFieldOffset}, and pass bases whose
 * static type says nothing ({@code Object}).
 */
public class FieldOffsets {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  static class Counter {
    volatile int count;
    static int instances;
  }

  static class NamedCounter extends Counter {
    String name;
  }

  static class Point {
    int x;
    int y;
  }

  static Field field(Class<?> owner, String name) {
    try {
      return owner.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A literal offset on an object. */
  static class NoncompliantLiteralOffset {
    int read(Counter counter) {
      return U.getInt(counter, 12L); // hazard: UnsafeMemoryMisuse
    }
  }

  /** objectFieldOffset of a static field. */
  static class NoncompliantOffsetOfStaticField {
    static long instancesOffset() throws NoSuchFieldException {
      return U.objectFieldOffset(Counter.class.getDeclaredField("instances")); // hazard: UnsafeMemoryMisuse
    }
  }

  /** A static field's offset with an instance as the base. */
  static class NoncompliantStaticOffsetOnInstance {
    static final long INSTANCES = U.staticFieldOffset(field(Counter.class, "instances"));

    void bump(Counter counter) {
      U.putInt(counter, INSTANCES, 1); // hazard: UnsafeMemoryMisuse
    }
  }

  /** An offset of Counter.count used on a Point. */
  static class NoncompliantOffsetOfOtherClass {
    static final long COUNT = U.objectFieldOffset(field(Counter.class, "count"));

    int read(Point point) {
      return U.getIntVolatile(point, COUNT); // hazard: UnsafeMemoryMisuse
    }
  }

  /** Offsets from objectFieldOffset on the declaring class, a subclass, a superclass-typed base, an Object. */
  static class CompliantMatchingOffsets {
    static final long COUNT = U.objectFieldOffset(field(Counter.class, "count"));
    static final long NAME = U.objectFieldOffset(field(NamedCounter.class, "name"));

    int read(Counter counter, NamedCounter named, Object anything) {
      U.compareAndSwapInt(named, COUNT, 0, 1);
      U.putObject(named, NAME, "x");
      return U.getIntVolatile(counter, COUNT) + U.getInt(anything, COUNT);
    }
  }

  /** A static field through staticFieldBase and staticFieldOffset. */
  static class CompliantStaticPair {
    static final Field INSTANCES_FIELD = field(Counter.class, "instances");
    static final Object BASE = U.staticFieldBase(INSTANCES_FIELD);
    static final long OFFSET = U.staticFieldOffset(INSTANCES_FIELD);

    int instances() {
      return U.getIntVolatile(BASE, OFFSET);
    }
  }

  /** The offset asked of the JVM. */
  static class FixedLiteralOffset {
    static final long COUNT = U.objectFieldOffset(field(Counter.class, "count"));

    int read(Counter counter) {
      return U.getInt(counter, COUNT);
    }
  }

  /** The static pair. */
  static class FixedStaticOffsetOnInstance {
    static final Field INSTANCES_FIELD = field(Counter.class, "instances");
    static final Object BASE = U.staticFieldBase(INSTANCES_FIELD);
    static final long INSTANCES = U.staticFieldOffset(INSTANCES_FIELD);

    void bump() {
      U.putInt(BASE, INSTANCES, 1);
    }
  }
}
