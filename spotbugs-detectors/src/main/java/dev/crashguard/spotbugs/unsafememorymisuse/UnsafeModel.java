package dev.crashguard.spotbugs.unsafememorymisuse;

import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge;
import dev.crashguard.spotbugs.common.KnownMethods;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The knowledge of {@code UnsafeMemoryMisuse} as bytecode sees it: the two {@code Unsafe} classes by internal
 * name, which of their calls allocate, free, reallocate, read or write memory, and which arguments of a call
 * are addresses or (base, offset) pairs, told apart by the call's descriptor.
 */
final class UnsafeModel {

  /** What a call of an {@code Unsafe} method does to memory. */
  enum Call {
    ALLOCATE, FREE, REALLOCATE, ACCESS, COPY, FILL, FIELD_OFFSET, STATIC_FIELD_OFFSET, STATIC_FIELD_BASE,
    ARRAY_BASE, ARRAY_SCALE, GET_UNSAFE, OTHER
  }

  /** Both classes, internal names. */
  static final Set<String> OWNERS = UnsafeMemoryMisuseKnowledge.UNSAFE_TYPES.stream()
      .map(t -> t.replace('.', '/')).collect(Collectors.toUnmodifiableSet());

  static final String SUN_UNSAFE = UnsafeMemoryMisuseKnowledge.SUN_UNSAFE.replace('.', '/');

  private static final String OBJECT = "Ljava/lang/Object;";

  private static final KnownMethods ALLOCATIONS = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.ALLOCATIONS);
  private static final KnownMethods FREES = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.FREES);
  private static final KnownMethods REALLOCATIONS = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.REALLOCATIONS);
  private static final KnownMethods ACCESSES = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.MEMORY_ACCESSES);
  private static final KnownMethods COPIES = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.COPIES);
  private static final KnownMethods FILLS = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.FILLS);
  private static final KnownMethods FIELD_OFFSETS = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.FIELD_OFFSETS);
  private static final KnownMethods STATIC_FIELD_OFFSETS =
      KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.STATIC_FIELD_OFFSETS);
  private static final KnownMethods STATIC_FIELD_BASES =
      KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.STATIC_FIELD_BASES);
  private static final KnownMethods ARRAY_BASES = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.ARRAY_BASE_OFFSETS);
  private static final KnownMethods ARRAY_SCALES = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.ARRAY_INDEX_SCALES);
  private static final KnownMethods GET_UNSAFE = KnownMethods.of(UnsafeMemoryMisuseKnowledge.GET_UNSAFE);

  /** Layout constants of {@code Unsafe}: name → array descriptor. */
  static final Map<String, String> ARRAY_CONSTANTS = UnsafeMemoryMisuseKnowledge.ARRAY_LAYOUT_CONSTANTS;

  /** The catches that expect {@code getUnsafe()} to fail, internal names. */
  static final Set<String> GET_UNSAFE_CATCHES = UnsafeMemoryMisuseKnowledge.GET_UNSAFE_FAILURE_CATCHES.stream()
      .map(t -> t.replace('.', '/')).collect(Collectors.toUnmodifiableSet());

  /** Reflection that names a field: {@code Class.getDeclaredField}, {@code Class.getField}. */
  static final KnownMethods FIELD_LOOKUPS = KnownMethods.anyOf(UnsafeMemoryMisuseKnowledge.FIELD_LOOKUPS);

  private UnsafeModel() {}

  static boolean isUnsafe(String internalOwner) {
    return internalOwner != null && OWNERS.contains(internalOwner);
  }

  /** What a call of {@code name} on an {@code Unsafe} class does; the owner must be one ({@link #isUnsafe}). */
  static Call call(String owner, String name) {
    // The owner is exactly an Unsafe class (final): matching by the exact name costs no hierarchy look-up.
    if (ACCESSES.matches(owner, name)) {
      return Call.ACCESS;
    }
    if (ALLOCATIONS.matches(owner, name)) {
      return Call.ALLOCATE;
    }
    if (FREES.matches(owner, name)) {
      return Call.FREE;
    }
    if (REALLOCATIONS.matches(owner, name)) {
      return Call.REALLOCATE;
    }
    if (COPIES.matches(owner, name)) {
      return Call.COPY;
    }
    if (FILLS.matches(owner, name)) {
      return Call.FILL;
    }
    if (FIELD_OFFSETS.matches(owner, name)) {
      return Call.FIELD_OFFSET;
    }
    if (STATIC_FIELD_OFFSETS.matches(owner, name)) {
      return Call.STATIC_FIELD_OFFSET;
    }
    if (STATIC_FIELD_BASES.matches(owner, name)) {
      return Call.STATIC_FIELD_BASE;
    }
    if (ARRAY_BASES.matches(owner, name)) {
      return Call.ARRAY_BASE;
    }
    if (ARRAY_SCALES.matches(owner, name)) {
      return Call.ARRAY_SCALE;
    }
    if (GET_UNSAFE.matches(owner, name)) {
      return Call.GET_UNSAFE;
    }
    return Call.OTHER;
  }

  /**
   * The (base, offset) pairs among a memory call's arguments, as argument indexes {@code {base, offset}}:
   * {@code getLong(Object, long)}, {@code copyMemory(Object, long, Object, long, long)}, {@code
   * setMemory(Object, long, long, byte)}.
   */
  static int[][] pairs(Call call, String descriptor) {
    if (call == Call.ACCESS && descriptor.startsWith("(" + OBJECT + "J")) {
      return new int[][] {{0, 1}};
    }
    if (call == Call.COPY && descriptor.startsWith("(" + OBJECT + "J" + OBJECT + "JJ)")) {
      return new int[][] {{0, 1}, {2, 3}};
    }
    if (call == Call.FILL && descriptor.startsWith("(" + OBJECT + "JJB)")) {
      return new int[][] {{0, 1}};
    }
    return new int[0][];
  }

  /** The absolute-address arguments of a memory call: {@code getLong(long)}, {@code copyMemory(long, long, long)}. */
  static int[] addresses(Call call, String descriptor) {
    if (call == Call.ACCESS && descriptor.startsWith("(J")) {
      return new int[] {0};
    }
    if (call == Call.COPY && descriptor.startsWith("(JJJ)")) {
      return new int[] {0, 1};
    }
    if (call == Call.FILL && descriptor.startsWith("(JJB)")) {
      return new int[] {0};
    }
    return new int[0];
  }

  /** The length argument of a copy or fill, or -1. */
  static int length(Call call, String descriptor) {
    if (call == Call.COPY) {
      return descriptor.startsWith("(JJJ)") ? 2 : descriptor.startsWith("(" + OBJECT + "J" + OBJECT + "JJ)") ? 4 : -1;
    }
    if (call == Call.FILL) {
      return descriptor.startsWith("(JJB)") ? 1 : descriptor.startsWith("(" + OBJECT + "JJB)") ? 2 : -1;
    }
    return -1;
  }

  /** Whether argument {@code index} of a memory call is an address, an offset or a length (not a value written). */
  static boolean isAddressRole(Call call, String descriptor, int index) {
    if (call == Call.COPY || call == Call.FILL) {
      return true;
    }
    if (call != Call.ACCESS) {
      return false;
    }
    for (int[] pair : pairs(call, descriptor)) {
      if (pair[1] == index) {
        return true;
      }
    }
    for (int address : addresses(call, descriptor)) {
      if (address == index) {
        return true;
      }
    }
    return false;
  }

  /** {@code [B} reads {@code byte[]}, {@code [Ljava/lang/Object;} reads {@code Object[]}. */
  static String arrayName(String descriptor) {
    return org.apache.bcel.generic.Type.getType(descriptor).toString().replaceAll("^.*\\.", "");
  }

  /** The element kind that decides an array's layout: every reference array has one. */
  static String layoutKind(String descriptor) {
    return descriptor.startsWith("[L") || descriptor.startsWith("[[") ? "[L" : descriptor;
  }
}
