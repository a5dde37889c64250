package dev.crashguard.testdata.unsafememorymisuse;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * {@code Unsafe.getUnsafe()} throws {@code SecurityException: Unsafe} unless its caller was loaded by the
 * boot or platform class loader: in any application or library class it fails, and in a static initializer
 * it makes the class unusable ({@code ExceptionInInitializerError}, then {@code NoClassDefFoundError}).
 *
 * <p>Written from bourgesl/marlin-renderer#12 (a bad merge left {@code UNSAFE = Unsafe.getUnsafe()} in
 * {@code OffHeapArray.<clinit>}) and tbuktu/bigint#6 (serialization failing with "SecurityException: Unsafe
 * at sun.misc.Unsafe.getUnsafe"). The compliant twins read the {@code theUnsafe} field reflectively (what
 * Agrona, JCTools, Netty and Chronicle do), try {@code getUnsafe()} first and catch its failure (Guava,
 * Hazelcast), or call a method of the same name on another class (QuestDB's own {@code Unsafe}).
 */
public class GettingUnsafe {

  /** The call in a static initializer: the class never initializes. */
  static class NoncompliantInStaticInitializer {
    static final Unsafe UNSAFE = Unsafe.getUnsafe(); // hazard: UnsafeMemoryMisuse

    static long address(int size) {
      return UNSAFE.allocateMemory(size);
    }
  }

  /** The call in a method, on every use. */
  static class NoncompliantInAMethod {
    static int pageSize() {
      return Unsafe.getUnsafe().pageSize(); // hazard: UnsafeMemoryMisuse
    }
  }

  /** The reflective field every careful library reads; the rest of this corpus uses it. */
  static class CompliantTheUnsafeField {
    static final Unsafe UNSAFE = load();

    private static Unsafe load() {
      try {
        Field field = Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return (Unsafe) field.get(null);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  /** getUnsafe() first, its SecurityException expected and answered with the field. */
  static class CompliantTryThenFallBack {
    static Unsafe find() {
      try {
        return Unsafe.getUnsafe();
      } catch (SecurityException e) {
        return CompliantTheUnsafeField.UNSAFE;
      }
    }
  }

  /** A class of its own named Unsafe, with a getUnsafe() of its own. */
  static class CompliantOwnUnsafeClass {
    static final class Unsafe {
      static Unsafe getUnsafe() {
        return new Unsafe();
      }
    }

    static Object get() {
      return Unsafe.getUnsafe();
    }
  }

  /** The field instead of the call. */
  static class FixedInStaticInitializer {
    static final Unsafe UNSAFE = CompliantTheUnsafeField.UNSAFE;

    static long address(int size) {
      return UNSAFE.allocateMemory(size);
    }
  }
}
