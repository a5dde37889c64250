package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.errorprone.common.KnownMethods;
import dev.crashguard.errorprone.common.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The library knowledge {@link DoubleClose} asks, as matchers built once from the catalog's {@link
 * DoubleCloseKnowledge}: what acquires and releases a lock, what releases, retains or takes over a Netty
 * buffer, which {@code close()} is idempotent, which types throw when used after close, which results
 * depend on their owner and which wrappers close what they wrap. Nothing here looks at control flow.
 */
final class ReleaseModel {

  private ReleaseModel() {}

  static final KnownMethods LOCK_VIEWS = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_VIEWS);
  /** Calls that end a path like a {@code throw}: DoubleCloseKnowledge's NEVER_RETURNING_METHODS. */
  static final KnownMethods NEVER_RETURNING_METHODS = KnownMethods.anyOf(DoubleCloseKnowledge.NEVER_RETURNING_METHODS);
  static final KnownMethods LOCK_ACQUIRES = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_ACQUIRES);
  static final KnownMethods LOCK_TRY_ACQUIRES = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_TRY_ACQUIRES);
  static final KnownMethods LOCK_RELEASES = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_RELEASES);
  static final KnownMethods LOCK_HELD_TESTS = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_HELD_TESTS);

  static final KnownMethods REFCOUNT_RELEASE = KnownMethods.of(DoubleCloseKnowledge.REFCOUNT_RELEASE);
  static final KnownMethods REFCOUNT_STATIC_RELEASES = KnownMethods.anyOf(DoubleCloseKnowledge.REFCOUNT_STATIC_RELEASES);
  static final KnownMethods REFCOUNT_RETAINS = KnownMethods.anyOf(DoubleCloseKnowledge.REFCOUNT_RETAINS);
  static final KnownMethods NON_THROWING_CALLS = KnownMethods.anyOf(DoubleCloseKnowledge.NON_THROWING_CALLS);
  static final KnownMethods OWNERSHIP_TAKING_CALLS = KnownMethods.anyOf(DoubleCloseKnowledge.OWNERSHIP_TAKING_CALLS);
  /**
   * The names of {@link DoubleCloseKnowledge#OWNERSHIP_TAKING_CALLS} that no release has: a call of one
   * matters only when it is one of those calls.
   */
  static final Set<String> HAND_OVER_ONLY_NAMES = handOverOnlyNames();

  static final KnownMethods AUTO_RELEASE_SWITCH = KnownMethods.of(DoubleCloseKnowledge.AUTO_RELEASE_SWITCH);
  static final KnownMethods RELEASE_ON_CLOSE_STREAMS = KnownMethods.anyOf(DoubleCloseKnowledge.RELEASE_ON_CLOSE_STREAMS);

  static final KnownMethods CLOSE = KnownMethods.of(DoubleCloseKnowledge.CLOSE);
  static final KnownMethods OWNER_DEPENDENT_RESULTS = KnownMethods.anyOf(DoubleCloseKnowledge.OWNER_DEPENDENT_RESULTS);
  static final KnownMethods CLOSING_WRAPPER_FACTORIES = KnownMethods.anyOf(DoubleCloseKnowledge.CLOSING_WRAPPER_FACTORIES);

  static final KnownMethods LATER_RUNNING_CALLS = KnownMethods.anyOf(DoubleCloseKnowledge.LATER_RUNNING_CALLS);
  static final KnownMethods COMPLETION_WAITS = KnownMethods.anyOf(DoubleCloseKnowledge.COMPLETION_WAITS);

  /** Conditions that ask whether a resource is still open, a lock held, or let one caller through. */
  static final KnownMethods GUARD_CALLS =
      KnownMethods.anyOf(
          concat(
              DoubleCloseKnowledge.OPEN_STATE_TESTS,
              DoubleCloseKnowledge.ONCE_GUARDS,
              DoubleCloseKnowledge.LOCK_HELD_TESTS));

  private static List<MethodRef> concat(
      List<MethodRef> a,
      List<MethodRef> b,
      List<MethodRef> c) {
    List<MethodRef> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  static boolean isLock(Type type, VisitorState state) {
    return Types.isSubtype(type, DoubleCloseKnowledge.LOCK, state);
  }

  static boolean isReadWriteLock(Type type, VisitorState state) {
    return Types.isSubtype(type, DoubleCloseKnowledge.READ_WRITE_LOCK, state);
  }

  static boolean isStampedLock(Type type, VisitorState state) {
    return Types.isSubtype(type, DoubleCloseKnowledge.STAMPED_LOCK, state);
  }

  static boolean isReferenceCounted(Type type, VisitorState state) {
    return Types.isSubtype(type, DoubleCloseKnowledge.REFERENCE_COUNTED, state);
  }

  static boolean isAutoCloseable(Type type, VisitorState state) {
    return Types.isSubtype(type, DoubleCloseKnowledge.AUTO_CLOSEABLE, state);
  }

  /** A type whose values this check may follow: a lock, a buffer, something closeable. */
  static boolean isResourceType(Type type, VisitorState state) {
    return isLock(type, state)
        || isReadWriteLock(type, state)
        || isStampedLock(type, state)
        || isReferenceCounted(type, state)
        || isAutoCloseable(type, state);
  }

  /** Whether a second {@code close()} of a {@code type} is documented to do nothing. */
  static boolean idempotentClose(Type type, VisitorState state) {
    return anySubtype(type, DoubleCloseKnowledge.IDEMPOTENT_CLOSEABLES, state);
  }

  /**
   * Whether calling {@code method} on a closed {@code type} throws: a type of {@link
   * DoubleCloseKnowledge#CLOSED_USE_THROWING_TYPES}, not exactly one of {@link
   * DoubleCloseKnowledge#USABLE_AFTER_CLOSE} nor of {@link
   * DoubleCloseKnowledge#USABLE_AFTER_CLOSE_LIBRARY_TYPES}, and a method not in {@link
   * DoubleCloseKnowledge#CLOSED_SAFE_METHOD_NAMES}, nor one that returns the object's lock ({@link
   * DoubleCloseKnowledge#LOCK_TYPES}).
   */
  static boolean throwsWhenClosed(Type type, boolean exact, MethodSymbol method, VisitorState state) {
    return method != null
        && !method.isStatic()
        && !DoubleCloseKnowledge.CLOSED_SAFE_METHOD_NAMES.contains(method.getSimpleName().toString())
        && !anySubtype(method.getReturnType(), DoubleCloseKnowledge.LOCK_TYPES, state)
        && throwingType(type, exact, state);
  }

  /**
   * A type that throws when used after close, and does not keep working. {@code exact}: the object is of
   * exactly this class (created with {@code new}), so a class that inherits its {@code close()} from one of
   * {@link DoubleCloseKnowledge#NO_OP_CLOSE_CLASSES} is known to keep working.
   */
  static boolean throwingType(Type type, boolean exact, VisitorState state) {
    String name = Types.erasedName(type, state);
    return name != null
        && DoubleCloseKnowledge.CLOSED_USE_JUDGED_PACKAGES.stream().anyMatch(name::startsWith)
        && anySubtype(type, DoubleCloseKnowledge.CLOSED_USE_THROWING_TYPES, state)
        && !DoubleCloseKnowledge.USABLE_AFTER_CLOSE.contains(Types.erasedName(type, state))
        && !anySubtype(type, DoubleCloseKnowledge.USABLE_AFTER_CLOSE_LIBRARY_TYPES, state)
        && !(exact && closeInheritedFromNoOp(type, state));
  }

  /** Whether the {@code close()} of class {@code type} is the one of a {@link DoubleCloseKnowledge#NO_OP_CLOSE_CLASSES}. */
  private static boolean closeInheritedFromNoOp(Type type, VisitorState state) {
    Type current = type;
    for (int depth = 0; depth < 20 && current != null && current.tsym instanceof ClassSymbol c; depth++) {
      for (Symbol member : c.members().getSymbolsByName(state.getName("close"))) {
        if (member instanceof MethodSymbol close && close.getParameters().isEmpty() && !close.isStatic()) {
          return DoubleCloseKnowledge.NO_OP_CLOSE_CLASSES.contains(c.getQualifiedName().toString());
        }
      }
      current = c.getSuperclass();
    }
    return false;
  }

  /** A lock of one of {@link DoubleCloseKnowledge#NON_THROWING_ACQUIRE_LOCKS}. */
  static boolean nonThrowingAcquire(Type type, VisitorState state) {
    return anySubtype(type, DoubleCloseKnowledge.NON_THROWING_ACQUIRE_LOCKS, state);
  }

  /** {@code new X(inner, …)} of a JDK wrapper that closes its first argument. */
  static boolean isClosingWrapper(NewClassTree tree, VisitorState state) {
    return anySubtype(ASTHelpers.getType(tree), DoubleCloseKnowledge.CLOSING_WRAPPERS, state);
  }

  /**
   * Whether {@code tree}'s result reads from (or is closed with) the object it is called on: {@link
   * DoubleCloseKnowledge#OWNER_DEPENDENT_RESULTS}, or an intermediate operation of a stream.
   */
  static boolean ownerDependent(ExpressionTree tree, VisitorState state) {
    if (OWNER_DEPENDENT_RESULTS.matches(tree, state)) {
      return true;
    }
    Symbol symbol = ASTHelpers.getSymbol(tree);
    return symbol instanceof MethodSymbol method
        && !method.isStatic()
        && Types.isSubtype(method.owner, DoubleCloseKnowledge.BASE_STREAM, state)
        && Types.isSubtype(ASTHelpers.getType(tree), DoubleCloseKnowledge.BASE_STREAM, state);
  }

  private static boolean anySubtype(Type type, Set<String> supertypes, VisitorState state) {
    if (type == null) {
      return false;
    }
    for (String supertype : supertypes) {
      if (Types.isSubtype(type, supertype, state)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> handOverOnlyNames() {
    Set<String> names = new HashSet<>();
    DoubleCloseKnowledge.OWNERSHIP_TAKING_CALLS.forEach(m -> names.add(m.name()));
    names.remove(DoubleCloseKnowledge.CLOSE.name());
    names.remove(DoubleCloseKnowledge.REFCOUNT_RELEASE.name());
    DoubleCloseKnowledge.LOCK_RELEASES.forEach(m -> names.remove(m.name()));
    DoubleCloseKnowledge.REFCOUNT_STATIC_RELEASES.forEach(m -> names.remove(m.name()));
    return Set.copyOf(names);
  }
}
