package dev.crashguard.errorprone.unsafememorymisuse;

import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.ALLOCATIONS;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.ARRAY_BASE_OFFSETS;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.ARRAY_INDEX_SCALES;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.COPIES;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.FIELD_OFFSETS;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.FILLS;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.FREES;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.GET_UNSAFE;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.MEMORY_ACCESSES;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.REALLOCATIONS;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.STATIC_FIELD_BASES;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.STATIC_FIELD_OFFSETS;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.INTERNAL_UNSAFE;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.SUN_UNSAFE;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Name;
import com.sun.tools.javac.util.Names;
import dev.crashguard.catalog.knowledge.MethodRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Unsafe} methods of the knowledge as the compilation's own {@link Name}s, so that telling
 * whether a call may be one costs an identity lookup (it runs on every call of every unit), and the role
 * of a call that is one: its owner must be {@code sun.misc.Unsafe} or {@code jdk.internal.misc.Unsafe}
 * exactly (the knowledge's {@code UNSAFE_TYPES}) (QuestDB's own {@code
 * Unsafe} is not).
 */
final class UnsafeCalls {

  /** What an {@code Unsafe} method does. */
  enum Role {
    ALLOCATE, FREE, REALLOCATE, ACCESS, COPY, FILL, FIELD_OFFSET, STATIC_FIELD_OFFSET, STATIC_FIELD_BASE,
    ARRAY_BASE, ARRAY_SCALE, GET_UNSAFE
  }

  private static volatile UnsafeCalls last;

  private final Names table;
  private final Map<Name, Role> roles = new HashMap<>();
  private final Map<String, Role> sunOnly = new HashMap<>();
  private final Map<String, Role> internalOnly = new HashMap<>();

  private UnsafeCalls(Names table) {
    this.table = table;
    add(ALLOCATIONS, Role.ALLOCATE);
    add(FREES, Role.FREE);
    add(REALLOCATIONS, Role.REALLOCATE);
    add(MEMORY_ACCESSES, Role.ACCESS);
    add(COPIES, Role.COPY);
    add(FILLS, Role.FILL);
    add(FIELD_OFFSETS, Role.FIELD_OFFSET);
    add(STATIC_FIELD_OFFSETS, Role.STATIC_FIELD_OFFSET);
    add(STATIC_FIELD_BASES, Role.STATIC_FIELD_BASE);
    add(ARRAY_BASE_OFFSETS, Role.ARRAY_BASE);
    add(ARRAY_INDEX_SCALES, Role.ARRAY_SCALE);
    add(List.of(GET_UNSAFE), Role.GET_UNSAFE);
  }

  private void add(List<MethodRef> methods, Role role) {
    for (MethodRef method : methods) {
      roles.put(table.fromString(method.name()), role);
      (method.owner().equals(SUN_UNSAFE) ? sunOnly : internalOnly).put(method.name(), role);
    }
  }

  /** The names of the compilation {@code state} belongs to. */
  static UnsafeCalls of(VisitorState state) {
    UnsafeCalls calls = last;
    if (calls == null || calls.table != state.getNames()) {
      calls = new UnsafeCalls(state.getNames());
      last = calls;
    }
    return calls;
  }

  /** Whether {@code call}'s name is one of an {@code Unsafe} method: the cheap test, no symbol asked. */
  boolean mayBeUnsafe(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    Name name =
        select instanceof MemberSelectTree member
            ? (Name) member.getIdentifier()
            : select instanceof IdentifierTree id ? (Name) id.getName() : null;
    return name != null && roles.containsKey(name);
  }

  /** The role of {@code call} when it is a call of an {@code Unsafe} method; null otherwise. */
  Role role(MethodInvocationTree call) {
    if (!mayBeUnsafe(call)) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol(call);
    if (!(symbol instanceof MethodSymbol method) || method.owner == null) {
      return null;
    }
    String owner = method.owner.getQualifiedName().toString();
    String name = method.getSimpleName().toString();
    if (owner.equals(SUN_UNSAFE)) {
      return sunOnly.get(name);
    }
    if (owner.equals(INTERNAL_UNSAFE)) {
      return internalOnly.get(name);
    }
    return null;
  }
}
