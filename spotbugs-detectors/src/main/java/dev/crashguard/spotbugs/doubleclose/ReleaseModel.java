package dev.crashguard.spotbugs.doubleclose;

import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.MethodLookup;
import dev.crashguard.spotbugs.common.KnownMethods;
import dev.crashguard.spotbugs.common.Types;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The catalog's {@link DoubleCloseKnowledge} (shared with Error Prone and PMD) in the JVM's terms, under the
 * knowledge's own names: {@link KnownMethods} for the method lists, internal class names for the type sets.
 * What only bytecode needs (which JDK acquires cannot throw, what a try-with-resources compiles to) is
 * this package's.
 */
final class ReleaseModel {

  private ReleaseModel() {}

  static final String LOCK = internal(DoubleCloseKnowledge.LOCK);
  static final String STAMPED_LOCK = internal(DoubleCloseKnowledge.STAMPED_LOCK);
  static final String AUTO_CLOSEABLE = internal(DoubleCloseKnowledge.AUTO_CLOSEABLE);
  static final String BASE_STREAM = internal(DoubleCloseKnowledge.BASE_STREAM);
  static final String CALLBACK_STAGE = internal(DoubleCloseKnowledge.CALLBACK_STAGE);
  static final String SIMPLE_CHANNEL_INBOUND_HANDLER = internal(DoubleCloseKnowledge.SIMPLE_CHANNEL_INBOUND_HANDLER);

  static final KnownMethods LOCK_VIEWS = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_VIEWS);
  static final KnownMethods LOCK_ACQUIRES = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_ACQUIRES);
  static final KnownMethods LOCK_TRY_ACQUIRES = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_TRY_ACQUIRES);
  static final KnownMethods LOCK_RELEASES = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_RELEASES);
  static final KnownMethods LOCK_HELD_TESTS = KnownMethods.anyOf(DoubleCloseKnowledge.LOCK_HELD_TESTS);

  static final KnownMethods REFCOUNT_RELEASE = KnownMethods.of(DoubleCloseKnowledge.REFCOUNT_RELEASE);
  static final KnownMethods REFCOUNT_STATIC_RELEASES = KnownMethods.anyOf(DoubleCloseKnowledge.REFCOUNT_STATIC_RELEASES);
  static final KnownMethods REFCOUNT_RETAINS = KnownMethods.anyOf(DoubleCloseKnowledge.REFCOUNT_RETAINS);
  static final KnownMethods NON_THROWING_CALLS = KnownMethods.anyOf(DoubleCloseKnowledge.NON_THROWING_CALLS);
  static final KnownMethods SHARED_COUNT_DERIVATIONS = KnownMethods.anyOf(DoubleCloseKnowledge.SHARED_COUNT_DERIVATIONS);
  static final KnownMethods OWNERSHIP_TAKING_CALLS = KnownMethods.anyOf(DoubleCloseKnowledge.OWNERSHIP_TAKING_CALLS);
  static final KnownMethods RELEASE_ON_CLOSE_STREAMS = KnownMethods.anyOf(DoubleCloseKnowledge.RELEASE_ON_CLOSE_STREAMS);
  static final List<MethodRef> AUTO_RELEASED_PARAMETER_METHODS = DoubleCloseKnowledge.AUTO_RELEASED_PARAMETER_METHODS;

  static final KnownMethods CLOSE = KnownMethods.of(DoubleCloseKnowledge.CLOSE);
  static final Set<String> IDEMPOTENT_CLOSEABLES = internal(DoubleCloseKnowledge.IDEMPOTENT_CLOSEABLES);
  static final Set<String> CLOSED_USE_THROWING_TYPES = internal(DoubleCloseKnowledge.CLOSED_USE_THROWING_TYPES);
  static final Set<String> USABLE_AFTER_CLOSE = internal(DoubleCloseKnowledge.USABLE_AFTER_CLOSE);
  static final Set<String> CLOSED_SAFE_METHOD_NAMES = DoubleCloseKnowledge.CLOSED_SAFE_METHOD_NAMES;
  static final KnownMethods OWNER_DEPENDENT_RESULTS = KnownMethods.anyOf(DoubleCloseKnowledge.OWNER_DEPENDENT_RESULTS);
  static final Set<String> CLOSING_WRAPPERS = internal(DoubleCloseKnowledge.CLOSING_WRAPPERS);
  static final KnownMethods CLOSING_WRAPPER_FACTORIES = KnownMethods.anyOf(DoubleCloseKnowledge.CLOSING_WRAPPER_FACTORIES);

  static final KnownMethods NEVER_RETURNING_METHODS = KnownMethods.anyOf(DoubleCloseKnowledge.NEVER_RETURNING_METHODS);
  static final KnownMethods LATER_RUNNING_CALLS = KnownMethods.anyOf(DoubleCloseKnowledge.LATER_RUNNING_CALLS);
  static final KnownMethods COMPLETION_WAITS = KnownMethods.anyOf(DoubleCloseKnowledge.COMPLETION_WAITS);
  static final KnownMethods OPEN_STATE_TESTS = KnownMethods.anyOf(DoubleCloseKnowledge.OPEN_STATE_TESTS);
  static final KnownMethods ONCE_GUARDS = KnownMethods.anyOf(DoubleCloseKnowledge.ONCE_GUARDS);

  static final Set<String> NON_THROWING_ACQUIRE_LOCKS = internal(DoubleCloseKnowledge.NON_THROWING_ACQUIRE_LOCKS);
  static final List<MethodRef> AUTO_RELEASING_DISPATCHERS = DoubleCloseKnowledge.AUTO_RELEASING_DISPATCHERS;
  static final Set<String> USABLE_AFTER_CLOSE_LIBRARY_TYPES = internal(DoubleCloseKnowledge.USABLE_AFTER_CLOSE_LIBRARY_TYPES);
  static final Set<String> NO_OP_CLOSE_CLASSES = internal(DoubleCloseKnowledge.NO_OP_CLOSE_CLASSES);

  /**
   * Whether an untimed, uninterruptible acquire ({@code lock()}, {@code StampedLock.writeLock()}/{@code
   * readLock()}) on a lock of {@code type} returns only once it holds the lock ({@link
   * DoubleCloseKnowledge#NON_THROWING_ACQUIRE_LOCKS}). An exception edge from one would carry an earlier
   * state into a handler on a path only an {@code Error} takes, so none is drawn. Through the {@code Lock}
   * interface (an injected, maybe distributed lock), or with {@code lockInterruptibly()}, the acquire may
   * throw, and does.
   */
  static boolean acquireCannotThrow(String type, String name) {
    return type != null
        && (name.equals("lock") || name.equals("writeLock") || name.equals("readLock"))
        && Types.isSubtypeOfAny(type, NON_THROWING_ACQUIRE_LOCKS);
  }

  static final String REFERENCE_COUNTED = internal(DoubleCloseKnowledge.REFERENCE_COUNTED);

  /**
   * Whether a value of {@code type} may be reference counted: unknown, {@code Object}, or a {@code
   * ReferenceCounted} type. A message typed {@code SpdyRstStreamFrame} or {@code HttpObject}, or an NIO
   * buffer given to {@code Unpooled.wrappedBuffer(ByteBuffer)}, has no reference to hand over.
   */
  static boolean mayBeReferenceCounted(String type) {
    if (type == null || type.equals("java/lang/Object")) {
      return true;
    }
    return !type.startsWith("[") && Types.isSubtype(type, REFERENCE_COUNTED);
  }

  /** Whether a second close() of a value of these types is documented to do nothing. */
  static boolean idempotent(String... types) {
    for (String type : types) {
      if (type != null && Types.isSubtypeOfAny(type, IDEMPOTENT_CLOSEABLES)) {
        return true;
      }
    }
    return false;
  }

  /** Whether calls on a closed value of {@code type} throw (and the exact class does not keep working). */
  static boolean throwsWhenClosed(String type) {
    return type != null && isJdkType(type) && !USABLE_AFTER_CLOSE.contains(type)
        && !Types.isSubtypeOfAny(type, USABLE_AFTER_CLOSE_LIBRARY_TYPES)
        && Types.isSubtypeOfAny(type, CLOSED_USE_THROWING_TYPES);
  }

  /**
   * Whether the class {@code made} (created with {@code new} right there, so exactly this class) inherits
   * its {@code close()} from one of {@link DoubleCloseKnowledge#NO_OP_CLOSE_CLASSES}: then closing it does
   * nothing and it keeps working.
   */
  static boolean closeDoesNothing(String made) {
    String current = made;
    for (int depth = 0; current != null && depth < 16; depth++) {
      if (NO_OP_CLOSE_CLASSES.contains(current)) {
        return true;
      }
      JavaClass cls = HazardSuppressions.lookup(current);
      if (cls == null) {
        return false;
      }
      for (Method method : cls.getMethods()) {
        if (method.getName().equals("close") && method.getSignature().equals("()V") && !method.isAbstract()) {
          return false;
        }
      }
      String parent = cls.getSuperclassName();
      current = parent == null || parent.equals(cls.getClassName()) ? null : parent.replace('.', '/');
    }
    return false;
  }

  /**
   * The JDK documents what its types do once closed; a library's own stream or channel (an in-memory
   * buffer that keeps working, a connection whose views ignore the close) may do anything, so only values
   * whose type is the JDK's own are judged after their close.
   */
  static boolean isJdkType(String type) {
    String dotted = type.replace('/', '.');
    return DoubleCloseKnowledge.CLOSED_USE_JUDGED_PACKAGES.stream().anyMatch(dotted::startsWith);
  }

  /**
   * The exceptions (internal names) that the method a call names declares in its class file: found in
   * {@code owner} or, inherited, in the first supertype that has it. An override declares no more than the
   * method it overrides, so these bound what the call may throw besides unchecked exceptions. Null when the
   * method cannot be found (a class outside the analysis): it may throw anything.
   */
  static List<String> declaredExceptions(String owner, String name, String signature) {
    MethodLookup.Found found = MethodLookup.find(owner, name, signature);
    return found == null ? null : found.declaredExceptions();
  }

  static boolean isClosingWrapper(String type) {
    return Types.isSubtypeOfAny(type, CLOSING_WRAPPERS);
  }

  static String internal(String binaryName) {
    return binaryName.replace('.', '/');
  }

  private static Set<String> internal(Set<String> names) {
    return names.stream().map(ReleaseModel::internal).collect(Collectors.toUnmodifiableSet());
  }
}
