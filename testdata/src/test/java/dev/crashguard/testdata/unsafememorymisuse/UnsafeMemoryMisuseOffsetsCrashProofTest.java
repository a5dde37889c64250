package dev.crashguard.testdata.unsafememorymisuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.testdata.CrashEvidence;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Unsafe;

/**
 * Crash proofs for the Java half of {@code UnsafeMemoryMisuse}: getting Unsafe, and offsets the JVM does not
 * check. Exceptions and harmless reads run in the test JVM; anything that writes where it should not, and
 * every read that needs another object layout, runs in a forked JVM ({@link UnsafeFork}, case {@code layout}
 * or {@code static-offset-on-instance}).
 *
 * <p>The layout proofs fork the same JDK three times: its default (compressed class pointers: first field
 * at 12, array base 16), {@code -XX:-UseCompressedClassPointers} (field 16, int[]/byte[] base 20 on JDK 25)
 * and {@code -XX:+UseCompactObjectHeaders} (JDK 25: field 8, int[]/byte[] base 12). A literal offset that
 * is right under the default reads another word under the others: deterministic, the layout is fixed by
 * the flags. {@code ARRAY_CHAR_BASE_OFFSET} on a {@code byte[]} (fastjson2#3787) does not fail on HotSpot
 * x86_64 at all: the char[] and byte[] bases are equal under every layout here and x86 allows the
 * unaligned 8-byte read; the proof shows that it reads the same bytes as the fixed version. Its failure
 * (SIGBUS, BUS_ADRALN) needs a strict-alignment CPU or a runtime whose two bases differ (Android's).
 */
class UnsafeMemoryMisuseOffsetsCrashProofTest {

  static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  @TempDir Path dir;

  // ---- GettingUnsafe, in the test JVM ----------------------------------------------------------------

  @Test
  void getUnsafeFromAnApplicationClassThrowsSecurityException() {
    SecurityException e = assertThrows(SecurityException.class, GettingUnsafe.NoncompliantInAMethod::pageSize);
    assertEquals("Unsafe", e.getMessage());
    assertEquals("getUnsafe", e.getStackTrace()[0].getMethodName());
    assertEquals("sun.misc.Unsafe", e.getStackTrace()[0].getClassName());
    System.out.println("UnsafeMemoryMisuse GettingUnsafe.NoncompliantInAMethod.pageSize(): " + e);
    Explanation explained = CrashEvidence.assertExplains(
        Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/get-unsafe-refused", CrashEvidence.trace(e));
    CrashEvidence.assertRanksFirst(explained, GettingUnsafe.NoncompliantInAMethod.class);

    // The twins: the reflective field, and getUnsafe() with its SecurityException caught.
    assertNotNull(GettingUnsafe.CompliantTheUnsafeField.UNSAFE);
    assertSame(GettingUnsafe.CompliantTheUnsafeField.UNSAFE, GettingUnsafe.CompliantTryThenFallBack.find());
    assertInstanceOf(GettingUnsafe.CompliantOwnUnsafeClass.Unsafe.class, GettingUnsafe.CompliantOwnUnsafeClass.get());
  }

  @Test
  void getUnsafeInAStaticInitializerMakesTheClassUnusable() {
    // The first use runs <clinit>: ExceptionInInitializerError caused by SecurityException: Unsafe.
    ExceptionInInitializerError first = assertThrows(ExceptionInInitializerError.class,
        () -> GettingUnsafe.NoncompliantInStaticInitializer.address(16));
    assertInstanceOf(SecurityException.class, first.getCause());
    assertEquals("Unsafe", first.getCause().getMessage());
    // The cause's frames run from getUnsafe to <clinit>, on the marker's line.
    Explanation explained = CrashEvidence.assertExplains(
        Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/get-unsafe-refused", CrashEvidence.trace(first));
    CrashEvidence.assertRanksFirst(explained, GettingUnsafe.NoncompliantInStaticInitializer.class);
    // Every later use: NoClassDefFoundError, the class is in the erroneous state for the life of the JVM.
    NoClassDefFoundError second = assertThrows(NoClassDefFoundError.class,
        () -> GettingUnsafe.NoncompliantInStaticInitializer.address(16));
    assertEquals("Could not initialize class " + GettingUnsafe.class.getName() + "$NoncompliantInStaticInitializer",
        second.getMessage());
    // The JVM records the first failure as the later one's cause ("Exception java.lang.SecurityException: Unsafe
    // [in thread ...]", with its frames): a log that holds only a later use still names getUnsafe and <clinit>.
    Explanation later = CrashEvidence.assertExplains(
        Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/get-unsafe-refused", CrashEvidence.trace(second));
    CrashEvidence.assertRanksFirst(later, GettingUnsafe.NoncompliantInStaticInitializer.class);
    System.out.println("UnsafeMemoryMisuse GettingUnsafe.NoncompliantInStaticInitializer: first use " + first
        + " caused by " + first.getCause() + "; second use " + second
        + (second.getCause() != null ? " caused by " + second.getCause() : ""));

    long address = GettingUnsafe.FixedInStaticInitializer.address(16);
    assertNotEquals(0L, address);
    U.freeMemory(address);
  }

  // ---- FieldOffsets and ArrayOffsets, in the test JVM: exceptions and reads inside the object -----------

  @Test
  void objectFieldOffsetOfAStaticFieldThrowsIllegalArgumentException() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        FieldOffsets.NoncompliantOffsetOfStaticField::instancesOffset);
    assertNull(e.getMessage(), "the VM's find_field_offset throws it without a message");
    System.out.println("UnsafeMemoryMisuse FieldOffsets.NoncompliantOffsetOfStaticField.instancesOffset(): " + e);
    Explanation explained = CrashEvidence.assertExplains(
        Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/static-field-offset", CrashEvidence.trace(e));
    CrashEvidence.assertRanksFirst(explained, FieldOffsets.NoncompliantOffsetOfStaticField.class);

    // The compliant pair reads the static; the compliant matching offsets work on the class, a subclass, an Object.
    FieldOffsets.Counter.instances = 5;
    try {
      assertEquals(5, new FieldOffsets.CompliantStaticPair().instances());
    } finally {
      FieldOffsets.Counter.instances = 0;
    }
    FieldOffsets.Counter counter = new FieldOffsets.Counter();
    counter.count = 3;
    FieldOffsets.NamedCounter named = new FieldOffsets.NamedCounter();
    FieldOffsets.Counter anything = new FieldOffsets.Counter();
    anything.count = 4;
    assertEquals(3 + 4, new FieldOffsets.CompliantMatchingOffsets().read(counter, named, anything));
    assertEquals(1, named.count);
    assertEquals("x", named.name);
  }

  @Test
  void wrongLayoutsInTheDefaultLayoutReadAnotherWordOrHappenToWork() {
    // The int[] base and scale on a long[] (default layout, both bases 16): element 1 is read at byte 4 of the
    // array, an unaligned long made of the high half of element 0 and the low half of element 1.
    long[] longs = {0x1111111122222222L, 0x3333333344444444L, 0x5555555566666666L};
    long read = new ArrayOffsets.NoncompliantIntLayoutOnLongs().at(longs, 1);
    assertNotEquals(longs[1], read);
    if (U.arrayBaseOffset(int[].class) == U.arrayBaseOffset(long[].class)) {
      assertEquals(0x4444444411111111L, read);
    }
    System.out.println("UnsafeMemoryMisuse ArrayOffsets.NoncompliantIntLayoutOnLongs.at(longs, 1) read 0x"
        + Long.toHexString(read) + " instead of 0x" + Long.toHexString(longs[1]));

    // Counter.count's offset on a Point reads Point.x, a field of another class that happens to lie there.
    FieldOffsets.Point point = new FieldOffsets.Point();
    point.x = 7;
    point.y = 9;
    int other = new FieldOffsets.NoncompliantOffsetOfOtherClass().read(point);
    assertEquals(point.x, other);
    System.out.println("UnsafeMemoryMisuse FieldOffsets.NoncompliantOffsetOfOtherClass.read(point) returned Point.x = "
        + other + " (Counter has no Point field; the offset names whatever Point keeps there)");

    // The compliant layouts: the array's own base and scale, a padded base, a copy between array types.
    ArrayOffsets.CompliantOwnLayouts own = new ArrayOffsets.CompliantOwnLayouts();
    assertEquals(33, own.at(new int[] {11, 22, 33}, 2));
    Object[] entries = new Object[64];
    long padSlots = ArrayOffsets.CompliantOwnLayouts.PAD / U.arrayIndexScale(Object[].class);
    entries[(int) padSlots + 1] = "padded";
    assertEquals("padded", own.padded(entries, 1));
    byte[] bytes = new byte[16];
    own.copy(new long[] {0x0807060504030201L, 0x100f0e0d0c0b0a09L}, bytes);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, bytes);

    // The literals under the test JVM's own layout: right by accident when it is the default one.
    FieldOffsets.Counter counter = new FieldOffsets.Counter();
    counter.count = 42;
    System.out.println("UnsafeMemoryMisuse in the test JVM's layout (field offset "
        + U.objectFieldOffset(FieldOffsets.field(FieldOffsets.Counter.class, "count")) + ", int[] base "
        + U.arrayBaseOffset(int[].class) + "): literal 12 reads " + new FieldOffsets.NoncompliantLiteralOffset().read(counter)
        + ", literal 16 on {11,22,33} reads " + new ArrayOffsets.NoncompliantLiteralArrayOffset().first(new int[] {11, 22, 33}));
  }

  // ---- the layouts of other JVM flags, and the write past an object, in forked JVMs -------------------

  @Test
  void literalOffsetsReadAnotherWordUnderAnotherObjectLayout() throws Exception {
    Map<String, List<String>> layouts = new LinkedHashMap<>();
    layouts.put("default", List.of());
    layouts.put("no-compressed-class-pointers", List.of("-XX:-UseCompressedClassPointers"));
    if (Runtime.version().feature() >= 25) {
      layouts.put("compact-object-headers", List.of("-XX:+UseCompactObjectHeaders"));
    }
    Map<String, UnsafeFork> forks = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : layouts.entrySet()) {
      forks.put(e.getKey(), UnsafeFork.start(dir, "layout-" + e.getKey(), e.getValue(), "layout"));
    }
    int differing = 0;
    for (Map.Entry<String, UnsafeFork> e : forks.entrySet()) {
      UnsafeFork.Outcome o = e.getValue().await();
      assertEquals(0, o.exit(), o.dump());
      assertTrue(o.survived(), o.dump());
      long fieldOffset = Long.parseLong(o.value("fieldOffset"));
      int literalField = Integer.parseInt(o.value("literalFieldRead"));
      long intBase = Long.parseLong(o.value("intBase"));
      int literalArray = Integer.parseInt(o.value("literalArrayRead"));

      // The fixed versions read the field and the first element under every layout.
      assertEquals("42", o.value("fixedFieldRead"), o.dump());
      assertEquals("11", o.value("fixedArrayRead"), o.dump());
      // The literal 12 and 16 are right only where the layout puts the field and the elements there.
      assertEquals(fieldOffset == 12, literalField == 42, "literal 12 vs field at " + fieldOffset + "\n" + o.dump());
      assertEquals(intBase == 16, literalArray == 11, "literal 16 vs int[] base " + intBase + "\n" + o.dump());
      if (fieldOffset != 12) {
        differing++;
      }
      // Counter.count's offset on a Point reads Point.x in every layout: both are the first int field.
      assertEquals(o.value("pointXOffset"), o.value("fieldOffset"), o.dump());
      assertEquals("7", o.value("otherClassRead"), o.dump());
      // fastjson2#3787's char[] base on a byte[]: the same base, the same bytes as the fixed version.
      assertEquals(o.value("byteBase"), o.value("charBase"), o.dump());
      assertEquals(o.value("fixedBytesRead"), o.value("charBaseOnBytesRead"), o.dump());
      assertNotEquals(o.value("longs1"), o.value("intLayoutOnLongsRead"), o.dump());

      System.out.println("UnsafeMemoryMisuse layout " + e.getKey() + ": Counter.count at " + fieldOffset
          + ", literal 12 reads " + literalField + " (fixed reads 42); int[] base " + intBase
          + ", literal 16 on {11,22,33} reads " + literalArray + " (fixed reads 11)"
          + "; long[] base " + o.value("longBase") + ", int[] layout on longs[1] reads 0x" + o.value("intLayoutOnLongsRead")
          + " (longs[1] = 0x" + o.value("longs1") + ")"
          + "; char base " + o.value("charBase") + " = byte base " + o.value("byteBase") + ", both read 0x"
          + o.value("fixedBytesRead") + "; Counter.count's offset on a Point reads " + o.value("otherClassRead") + " = Point.x");
    }
    assertTrue(differing >= 1, "at least one layout other than the default was measured");
  }

  @Test
  void aStaticFieldOffsetWithAnInstanceAsBaseWritesIntoTheNextObjectAndLeavesTheStaticAlone() throws Exception {
    // Bounded repetition: the next object is adjacent only if no TLAB refill came between the two
    // allocations; the static staying unchanged is deterministic.
    UnsafeFork.Outcome o = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      o = UnsafeFork.start(dir, "static-offset-on-instance-" + attempt, List.of(), "static-offset-on-instance").await();
      assertEquals(0, o.exit(), o.dump());
      assertTrue(o.survived(), "no exception, no crash\n" + o.dump());
      assertEquals("0", o.value("instancesBefore"), o.dump());
      assertEquals("0", o.value("instancesAfter"), "the static is unchanged\n" + o.dump());
      assertEquals("0", o.value("counterCountAfter"), o.dump());
      assertEquals("1", o.value("instancesAfterFixed"), "the fixed version writes the static\n" + o.dump());
      if (!o.value("neighbourChanged").isEmpty()) {
        break;
      }
    }
    assertTrue(!o.value("neighbourChanged").isEmpty(), "the write lands in the next object\n" + o.dump());
    System.out.println("UnsafeMemoryMisuse FieldOffsets.NoncompliantStaticOffsetOnInstance.bump(counter): staticFieldOffset "
        + o.value("staticFieldOffset") + " used on a 16-byte Counter; Counter.instances stays "
        + o.value("instancesAfter") + ", the long[] allocated after the Counter changed at [index:value] "
        + o.value("neighbourChanged") + "; the fixed bump sets Counter.instances to " + o.value("instancesAfterFixed"));
  }
}
