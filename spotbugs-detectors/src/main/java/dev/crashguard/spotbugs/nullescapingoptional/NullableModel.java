package dev.crashguard.spotbugs.nullescapingoptional;

import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NullReturning;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.KnownMethods;
import dev.crashguard.spotbugs.common.Types;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.FieldOrMethod;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.ParameterAnnotationEntry;
import org.apache.bcel.classfile.Unknown;

/**
 * What the NullEscapingOptional detector knows about libraries, read from the catalog's shared {@link
 * NullEscapingOptionalKnowledge} (shaded into the plugin) and turned into bytecode terms: nullable
 * annotations as descriptors, declaration and type-use alike; JDK methods that return null, matched on
 * the owner's subtypes and the arity; the Optional, Stream and assertion calls.
 *
 * <p>Type-use annotations ({@code @org.jspecify.annotations.Nullable String name}) are not in BCEL's
 * annotation model: javac writes them into {@code Runtime[In]VisibleTypeAnnotations} attributes, which
 * BCEL keeps as {@link Unknown} bytes. {@link #typeAnnotations} parses those bytes (JVMS 4.7.20) and
 * counts only annotations on the outermost type (empty type path): {@code String @Nullable []} says the
 * array may be null, {@code @Nullable String[]} says its elements may.
 *
 * <p>Never throws: an unreadable attribute or an unresolvable class means "not known to be nullable".
 */
final class NullableModel {

  static final String OPTIONAL = NullEscapingOptionalKnowledge.OPTIONAL.replace('.', '/');
  static final String OPTIONAL_DESCRIPTOR = "L" + OPTIONAL + ";";
  static final String STREAM = NullEscapingOptionalKnowledge.STREAM.replace('.', '/');

  private static final int TARGET_METHOD_RETURN = 0x14;
  private static final int TARGET_FIELD = 0x13;
  private static final int TARGET_FORMAL_PARAMETER = 0x16;

  private NullableModel() {}

  /** Descriptor {@code Lorg/jspecify/annotations/Nullable;} is one of the knowledge's annotations. */
  static boolean isNullableAnnotation(String descriptor) {
    if (descriptor == null || descriptor.length() < 3 || descriptor.charAt(0) != 'L') {
      return false;
    }
    String binary = descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    return NullEscapingOptionalKnowledge.NULLABLE_ANNOTATIONS.contains(binary);
  }

  /** A field or method (its result) annotated nullable, by a declaration or a type-use annotation. */
  static boolean isNullable(FieldOrMethod member, ConstantPool cp, boolean method) {
    if (hasNullable(member.getAnnotationEntries())) {
      return true;
    }
    return hasTypeAnnotation(member.getAttributes(), cp, method ? TARGET_METHOD_RETURN : TARGET_FIELD, -1);
  }

  /** Parameter {@code index} (0-based, not counting {@code this}) of {@code method} is annotated nullable. */
  static boolean isNullableParameter(Method method, ConstantPool cp, int index) {
    ParameterAnnotationEntry[] parameters = method.getParameterAnnotationEntries();
    if (parameters != null) {
      // javac may leave synthetic parameters (an inner class's outer instance) out of this table; its
      // entries then line up with the declared parameters from the end.
      int declared = org.apache.bcel.generic.Type.getArgumentTypes(method.getSignature()).length;
      int offset = declared - parameters.length;
      int slot = index - Math.max(0, offset);
      if (slot >= 0 && slot < parameters.length && hasNullable(parameters[slot].getAnnotationEntries())) {
        return true;
      }
    }
    return hasTypeAnnotation(method.getAttributes(), cp, TARGET_FORMAL_PARAMETER, index);
  }

  /** Any annotation at all on a field, declaration or type-use: a framework may inject such a field. */
  static boolean hasAnyAnnotation(FieldOrMethod member) {
    if (member.getAnnotationEntries().length > 0) {
      return true;
    }
    for (Attribute attribute : member.getAttributes()) {
      if (attribute instanceof Unknown unknown && unknown.getName().endsWith("TypeAnnotations")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNullable(AnnotationEntry[] annotations) {
    if (annotations != null) {
      for (AnnotationEntry annotation : annotations) {
        if (isNullableAnnotation(annotation.getAnnotationType())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasTypeAnnotation(Attribute[] attributes, ConstantPool cp, int target, int parameter) {
    for (Attribute attribute : attributes) {
      if (attribute instanceof Unknown unknown
          && ("RuntimeVisibleTypeAnnotations".equals(unknown.getName())
              || "RuntimeInvisibleTypeAnnotations".equals(unknown.getName()))
          && typeAnnotations(unknown.getBytes(), cp, target, parameter)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the raw type-annotation bytes hold a nullable annotation on {@code target} (top-level type). */
  static boolean typeAnnotations(byte[] bytes, ConstantPool cp, int target, int parameter) {
    if (bytes == null) {
      return false;
    }
    try {
      Reader in = new Reader(bytes);
      int count = in.u2();
      for (int i = 0; i < count; i++) {
        int targetType = in.u1();
        int parameterIndex = -1;
        switch (targetType) {
          case 0x00, 0x01, 0x16 -> parameterIndex = in.u1();
          case 0x10, 0x17, 0x42, 0x43, 0x44, 0x45, 0x46 -> in.skip(2);
          case 0x11, 0x12 -> in.skip(2);
          case 0x13, 0x14, 0x15 -> {}
          case 0x40, 0x41 -> in.skip(6 * in.u2());
          case 0x47, 0x48, 0x49, 0x4A, 0x4B -> in.skip(3);
          default -> {
            return false;
          }
        }
        int pathLength = in.u1();
        in.skip(2 * pathLength);
        int typeIndex = in.u2();
        String descriptor = cp.getConstant(typeIndex) instanceof ConstantUtf8 utf8 ? utf8.getBytes() : null;
        skipPairs(in);
        if (targetType == target
            && pathLength == 0
            && (target != TARGET_FORMAL_PARAMETER || parameterIndex == parameter)
            && isNullableAnnotation(descriptor)) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      return false;
    }
    return false;
  }

  private static void skipPairs(Reader in) {
    int pairs = in.u2();
    for (int p = 0; p < pairs; p++) {
      in.skip(2);
      skipValue(in);
    }
  }

  private static void skipValue(Reader in) {
    int tag = in.u1();
    switch (tag) {
      case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> in.skip(2);
      case 'e' -> in.skip(4);
      case '@' -> {
        in.skip(2);
        skipPairs(in);
      }
      case '[' -> {
        int n = in.u2();
        for (int i = 0; i < n; i++) {
          skipValue(in);
        }
      }
      default -> throw new IllegalStateException("element value tag " + tag);
    }
  }

  private static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int u1() {
      if (at >= bytes.length) {
        throw new IllegalStateException("truncated");
      }
      return bytes[at++] & 0xFF;
    }

    int u2() {
      return (u1() << 8) | u1();
    }

    void skip(int n) {
      if (n < 0 || at + n > bytes.length) {
        throw new IllegalStateException("truncated");
      }
      at += n;
    }
  }

  // ---- methods ---------------------------------------------------------------------------------

  /**
   * A JDK method documented to return null: {@code owner} (slashed or dotted) is the knowledge's owner or
   * a subtype, the name matches and the overload has the listed arity.
   */
  static boolean isNullReturningMethod(String owner, String name, String signature) {
    int arity = -2;
    for (NullReturning entry : NullEscapingOptionalKnowledge.NULL_RETURNING_METHODS) {
      if (!entry.method().name().equals(name)) {
        continue;
      }
      if (entry.arity() != NullEscapingOptionalKnowledge.ANY_ARITY) {
        if (arity == -2) {
          arity = org.apache.bcel.generic.Type.getArgumentTypes(signature).length;
        }
        if (arity != entry.arity()) {
          continue;
        }
      }
      if (Types.isSubtype(owner, entry.method().owner())) {
        return true;
      }
    }
    return false;
  }

  /** A method whose result is annotated nullable (looked up in its class; unknown classes: no). */
  static boolean isNullableResult(String owner, String name, String signature) {
    JavaClass cls = HazardSuppressions.lookup(owner);
    if (cls == null) {
      return false;
    }
    for (Method method : cls.getMethods()) {
      if (method.getName().equals(name) && method.getSignature().equals(signature)) {
        return isNullable(method, cls.getConstantPool(), true);
      }
    }
    return false;
  }

  private static final KnownMethods NON_NULL_ASSERTIONS =
      KnownMethods.anyOf(NullEscapingOptionalKnowledge.NON_NULL_ASSERTIONS);
  private static final KnownMethods IS_NULL_TESTS = KnownMethods.anyOf(NullEscapingOptionalKnowledge.IS_NULL_TESTS);
  private static final KnownMethods NON_NULL_TESTS = KnownMethods.anyOf(NullEscapingOptionalKnowledge.NON_NULL_TESTS);
  static final KnownMethods MAP_KEY_TEST = KnownMethods.of(NullEscapingOptionalKnowledge.MAP_KEY_TEST);
  static final KnownMethods MAP_GET = KnownMethods.of(NullEscapingOptionalKnowledge.MAP_GET);
  static final KnownMethods NULL_MEANS_REMOVE = KnownMethods.anyOf(NullEscapingOptionalKnowledge.NULL_MEANS_REMOVE);
  static final KnownMethods STREAM_OF = KnownMethods.of(NullEscapingOptionalKnowledge.STREAM_OF);

  static boolean isNonNullAssertion(String owner, String name) {
    return NON_NULL_ASSERTIONS.matches(owner, name);
  }

  /** A null test on its one argument: +1 when true means null ({@code Objects.isNull}), -1 when true means not null, else 0. */
  static int nullTest(String owner, String name, String signature) {
    if (IS_NULL_TESTS.matches(owner, name)) {
      return 1;
    }
    if (NON_NULL_TESTS.matches(owner, name)) {
      return -1;
    }
    // Null-safe emptiness tests of any utility class (StringUtils.isEmpty, Utils.isNullOrEmpty, ...),
    // matched by name and a boolean result: true may mean null, or true means not null.
    if (signature.endsWith(")Z")) {
      if (NullEscapingOptionalKnowledge.NULL_OR_EMPTY_TESTS.contains(name)) {
        return 1;
      }
      if (NullEscapingOptionalKnowledge.NOT_NULL_OR_EMPTY_TESTS.contains(name)) {
        return -1;
      }
    }
    return 0;
  }
}
