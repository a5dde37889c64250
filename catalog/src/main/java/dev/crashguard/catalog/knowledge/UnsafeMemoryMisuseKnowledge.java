package dev.crashguard.catalog.knowledge;

import dev.crashguard.catalog.FindingKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The library knowledge of hazard {@code UnsafeMemoryMisuse}, once, for every engine: which {@code Unsafe}
 * methods allocate, free, reallocate, read and write native memory or fields, which give offsets and array
 * layouts, and the phrase and remedy of each kind of finding.
 *
 * <p>The hazard: off-heap memory and raw offsets are not checked by the JVM. A second {@code freeMemory}
 * aborts the JVM in glibc ("free(): double free detected") or corrupts the native heap; an access to a freed
 * or fixed address dies with SIGSEGV ({@code Unsafe_GetLong} in the hs_err file); an offset that is a
 * literal, or that belongs to another class or array type, reads and writes the wrong bytes of the heap
 * silently, and what it breaks depends on JVM flags (compressed class pointers, compact object headers
 * change every layout); memory that is never freed grows the process past {@code -Xmx}. Incidents:
 * questdb#2205, FiloDB#165/#200, flink#10940, aeron#111, openjdk/jdk#21208 (a literal array base that
 * overwrote an array's length), graal#2682, fastjson2#3787 (a {@code char[]} base used on a {@code byte[]}),
 * marlin-renderer#12 and tbuktu/bigint#6 ({@code Unsafe.getUnsafe()} from a library: SecurityException).
 *
 * <p><b>Where a finding is reported:</b> on the call at fault: the {@code allocateMemory} whose memory
 * leaks, the second {@code freeMemory}, the access after the free, the {@code reallocateMemory} whose result
 * is dropped or the use of the old address, the access with a fixed address or offset, the {@code
 * objectFieldOffset} of a static field, the access that pairs an offset with the wrong object or array, the
 * {@code copyMemory}/{@code setMemory} whose length exceeds the allocation, the {@code getUnsafe()} call.
 *
 * <p><b>What is not:</b> the careful idioms of Agrona, JCTools, Netty, Chronicle, Kryo, Disruptor (see
 * docs/UnsafeMemoryMisuse.md): an address freed in {@code finally}, returned, stored in a field or handed
 * to an owner (a Cleaner, a constructor, any call); a variable set to 0 after {@code freeMemory} ({@code
 * freeMemory(0)} does nothing); offsets from {@code objectFieldOffset} of the class of the base or a
 * super- or subclass, array offsets of the form base (+ a constant) + index × scale of the array's own type;
 * a base of a type that says nothing ({@code Object}, an interface); {@code getUnsafe()} inside a {@code
 * try} that catches {@code SecurityException}.
 *
 * <p>Plain data (strings, {@link MethodRef}), read by every engine under these names. Both {@code Unsafe}
 * classes are covered: {@code jdk.internal.misc.Unsafe} uses other names for some methods ({@code
 * getReference}, {@code compareAndSetInt}), listed too.
 */
public final class UnsafeMemoryMisuseKnowledge {

  private UnsafeMemoryMisuseKnowledge() {}

  // ---- the classes ----------------------------------------------------------------------------------

  /** The remedy of the message when the engine cannot tell the kind (PMD). */
  public static final String DEFAULT_REMEDY =
      "Free each allocation exactly once and never touch it afterwards; take offsets only from"
          + " objectFieldOffset, arrayBaseOffset and arrayIndexScale of the object's own class.";

  /** The public one, in {@code jdk.unsupported}. */
  public static final String SUN_UNSAFE = "sun.misc.Unsafe";

  /** The JDK's own, reachable with {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}. */
  public static final String INTERNAL_UNSAFE = "jdk.internal.misc.Unsafe";

  /** Both {@code Unsafe} classes: every method below is matched on either. */
  public static final Set<String> UNSAFE_TYPES = Ordered.set(SUN_UNSAFE, INTERNAL_UNSAFE);

  // ---- native memory --------------------------------------------------------------------------------

  /** Returns the address of new native memory: it must be freed exactly once, or handed to an owner. */
  public static final List<MethodRef> ALLOCATIONS = both("allocateMemory");

  /** Frees the memory at an address; {@code freeMemory(0)} does nothing. */
  public static final List<MethodRef> FREES = both("freeMemory");

  /** {@code reallocateMemory(address, bytes)}: may move the memory and free the old address. */
  public static final List<MethodRef> REALLOCATIONS = both("reallocateMemory");

  /**
   * Reads and writes of memory: with one {@code long} argument (an absolute address: {@code getLong(address)})
   * or an {@code Object} base and a {@code long} offset ({@code getLong(base, offset)}, a null base meaning
   * an absolute address). The engines tell the two forms apart by the arguments.
   */
  public static final List<MethodRef> MEMORY_ACCESSES =
      concat(
          both(
              "getByte", "putByte", "getShort", "putShort", "getChar", "putChar", "getInt", "putInt", "getLong",
              "putLong", "getFloat", "putFloat", "getDouble", "putDouble", "getBoolean", "putBoolean",
              "getAddress", "putAddress", "getByteVolatile", "putByteVolatile", "getShortVolatile",
              "putShortVolatile", "getCharVolatile", "putCharVolatile", "getIntVolatile", "putIntVolatile",
              "getLongVolatile", "putLongVolatile", "getFloatVolatile", "putFloatVolatile", "getDoubleVolatile",
              "putDoubleVolatile", "getBooleanVolatile", "putBooleanVolatile", "getAndAddInt", "getAndAddLong",
              "getAndSetInt", "getAndSetLong"),
          one(SUN_UNSAFE,
              "getObject", "putObject", "getObjectVolatile", "putObjectVolatile", "putOrderedInt",
              "putOrderedLong", "putOrderedObject", "compareAndSwapInt", "compareAndSwapLong",
              "compareAndSwapObject", "getAndSetObject"),
          one(INTERNAL_UNSAFE,
              "getReference", "putReference", "getReferenceVolatile", "putReferenceVolatile", "getIntAcquire",
              "putIntRelease", "getLongAcquire", "putLongRelease", "getIntOpaque", "putIntOpaque",
              "getLongOpaque", "putLongOpaque", "compareAndSetInt", "compareAndSetLong",
              "compareAndSetReference", "getAndSetReference"));

  /** {@code copyMemory([srcBase,] srcOffset, [destBase,] destOffset, bytes)}: reads and writes. */
  public static final List<MethodRef> COPIES = both("copyMemory");

  /** {@code setMemory([base,] offset, bytes, value)}: writes. */
  public static final List<MethodRef> FILLS = both("setMemory");

  // ---- offsets and layouts ---------------------------------------------------------------------------

  /** The offset of an instance field ({@code Field}, or {@code (Class, String)} in jdk.internal). */
  public static final List<MethodRef> FIELD_OFFSETS = both("objectFieldOffset");

  /** The offset of a static field: valid only with {@link #STATIC_FIELD_BASES} of the same field. */
  public static final List<MethodRef> STATIC_FIELD_OFFSETS = both("staticFieldOffset");

  /** The base object a static field's offset is relative to. */
  public static final List<MethodRef> STATIC_FIELD_BASES = both("staticFieldBase");

  /** The offset of an array's first element, for the array class given. */
  public static final List<MethodRef> ARRAY_BASE_OFFSETS = both("arrayBaseOffset");

  /** The distance between an array's elements, for the array class given. */
  public static final List<MethodRef> ARRAY_INDEX_SCALES = both("arrayIndexScale");

  /**
   * {@code Unsafe}'s array layout constants and the array type each is for (a descriptor: {@code [B} for
   * {@code byte[]}, {@code [Ljava/lang/Object;} for {@code Object[]}).
   */
  public static final Map<String, String> ARRAY_LAYOUT_CONSTANTS = arrayConstants();

  /** Reflection that names a field, for the class whose field an offset belongs to. */
  public static final List<MethodRef> FIELD_LOOKUPS =
      MethodRef.list("java.lang.Class", "getDeclaredField", "java.lang.Class", "getField");

  // ---- getting Unsafe --------------------------------------------------------------------------------

  /**
   * {@code sun.misc.Unsafe.getUnsafe()}: throws {@code SecurityException("Unsafe")} unless its caller was
   * loaded by the boot or platform class loader, so in any application or library class.
   */
  public static final MethodRef GET_UNSAFE = new MethodRef(SUN_UNSAFE, "getUnsafe");

  /** The exceptions a {@code catch} around {@code getUnsafe()} may name to expect its failure. */
  public static final Set<String> GET_UNSAFE_FAILURE_CATCHES =
      Ordered.set("java.lang.SecurityException", "java.lang.RuntimeException", "java.lang.Exception",
          "java.lang.Throwable");

  // ---- findings -------------------------------------------------------------------------------------

  /**
   * Each kind of finding with the phrase it puts into the catalog message's origin slot ({@code {1}}) and
   * the remedy for its {@code {2}}. The subject slot ({@code {0}}) names the address or offset (a variable,
   * a field, a literal) or the call. Error Prone and SpotBugs use these; PMD uses {@link #PMD_ORIGIN} and
   * the hazard's default remedy.
   */
  public enum Kind implements FindingKind {
    LEAKED(
        "is allocated here and neither freed on every path nor handed to an owner",
        "Free it in a finally block, or hand the address to the object or Cleaner that frees it."),
    FREED_TWICE(
        "is freed again here, after freeMemory at line %s on the same path",
        "Free each allocation exactly once, and set the variable to 0 after freeMemory."),
    USED_AFTER_FREE(
        "is read or written here after freeMemory at line %s on the same path",
        "Touch an address only between its allocation and its one freeMemory; set it to 0 when freed."),
    REALLOCATION_DROPPED(
        "is reallocated here and the new address is dropped, although reallocateMemory may have freed the old one",
        "Keep the address reallocateMemory returns and use only that one."),
    USED_AFTER_REALLOCATION(
        "is the old address, used here after reallocateMemory at line %s may have freed it",
        "Keep the address reallocateMemory returns and use only that one."),
    ABSOLUTE_ADDRESS(
        "is a fixed number used as a native address",
        "Use only addresses that allocateMemory or a direct buffer returned, plus offsets inside them."),
    LITERAL_FIELD_OFFSET(
        "is a fixed number used as a field offset, although object layout changes with JVM flags",
        "Use objectFieldOffset of the field, computed once into a static final."),
    LITERAL_ARRAY_OFFSET(
        "is a fixed number used as an array element offset, although the layout changes with JVM flags",
        "Use arrayBaseOffset and arrayIndexScale of the array's class."),
    OFFSET_OF_STATIC_FIELD(
        "asks objectFieldOffset for a static field, which throws IllegalArgumentException",
        "Use staticFieldBase and staticFieldOffset of the static field."),
    STATIC_OFFSET_ON_OTHER_BASE(
        "is a static field's offset, used with a base other than the one staticFieldBase returns",
        "Use staticFieldBase and staticFieldOffset of the static field."),
    OFFSET_OF_OTHER_CLASS(
        "is an offset of a field of %s, used with an object of the unrelated %s",
        "Use a field offset only with instances of the class that declares the field."),
    ARRAY_LAYOUT_OF_OTHER_TYPE(
        "is the layout of %s, used with a %s",
        "Use arrayBaseOffset and arrayIndexScale of the array's own class."),
    LENGTH_EXCEEDS_ALLOCATION(
        "covers %s bytes of an allocation of only %s",
        "Keep every length within the size given to allocateMemory."),
    GET_UNSAFE_OUTSIDE_JDK(
        "throws SecurityException when any class outside the JDK calls it",
        "Read the theUnsafe field reflectively, or move to VarHandle and MemorySegment.");

    private final String phrase;
    private final String remedy;

    Kind(String phrase, String remedy) {
      this.phrase = phrase;
      this.remedy = remedy;
    }

    @Override
    public String phrase() {
      return phrase;
    }

    /** What fixes this kind, for the message's remedy slot. */
    public String remedy() {
      return remedy;
    }
  }

  /**
   * The origin phrase of the PMD rule, which has one message for all its branches (XPath cannot say which
   * branch found the misuse).
   */
  public static final String PMD_ORIGIN =
      "is Unsafe misuse the JVM does not check: freed twice or used after freeMemory, leaked, a fixed address"
          + " or offset, one paired with the wrong object, or getUnsafe() outside the JDK";

  /** {@code names} on both {@code Unsafe} classes. */
  private static List<MethodRef> both(String... names) {
    return concat(one(SUN_UNSAFE, names), one(INTERNAL_UNSAFE, names));
  }

  /** {@code names} on {@code owner} only (the two classes name some methods differently). */
  private static List<MethodRef> one(String owner, String... names) {
    String[] pairs = new String[names.length * 2];
    for (int i = 0; i < names.length; i++) {
      pairs[2 * i] = owner;
      pairs[2 * i + 1] = names[i];
    }
    return MethodRef.list(pairs);
  }

  @SafeVarargs
  private static List<MethodRef> concat(List<MethodRef>... lists) {
    List<MethodRef> out = new java.util.ArrayList<>();
    for (List<MethodRef> list : lists) {
      out.addAll(list);
    }
    return List.copyOf(out);
  }

  private static Map<String, String> arrayConstants() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    String[][] types = {
      {"BOOLEAN", "[Z"}, {"BYTE", "[B"}, {"SHORT", "[S"}, {"CHAR", "[C"}, {"INT", "[I"}, {"LONG", "[J"},
      {"FLOAT", "[F"}, {"DOUBLE", "[D"}, {"OBJECT", "[Ljava/lang/Object;"}
    };
    for (String[] t : types) {
      out.put("ARRAY_" + t[0] + "_BASE_OFFSET", t[1]);
      out.put("ARRAY_" + t[0] + "_INDEX_SCALE", t[1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
