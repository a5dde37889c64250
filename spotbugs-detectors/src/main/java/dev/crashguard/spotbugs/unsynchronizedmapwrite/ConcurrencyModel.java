package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.handoff;

import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.Kind;
import dev.crashguard.spotbugs.common.KnownMethods;
import dev.crashguard.spotbugs.common.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog's {@link UnsynchronizedMapWriteKnowledge} (shared with Error Prone and PMD, shaded into the
 * plugin since SpotBugs loads a plugin without its dependencies) in the JVM's terms, under the
 * knowledge's own names: internal class names ({@code java/util/HashMap}) and annotation descriptors, as
 * they appear in bytecode, and {@link KnownMethods} for the method lists. What only bytecode needs (which
 * classes are the platform's own) is this class's.
 */
final class ConcurrencyModel {

  private ConcurrencyModel() {}

  static final Set<String> UNSAFE_COLLECTIONS = internalNames(UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTIONS);

  /**
   * Lock acquisitions, counted linearly through a method: a try-acquire counts as taking the lock too,
   * which can only keep a write from being reported (the silent side).
   */
  static final KnownMethods LOCK_ACQUIRES =
      KnownMethods.anyOf(
          concat(UnsynchronizedMapWriteKnowledge.LOCK_ACQUIRES, UnsynchronizedMapWriteKnowledge.LOCK_TRY_ACQUIRES));

  /** Any hold taken or tried, read locks too: the knowledge's ANY_LOCK_ACQUIRES. */
  static final KnownMethods ANY_LOCK_ACQUIRES = KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.ANY_LOCK_ACQUIRES);

  static final KnownMethods LOCK_RELEASES = KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.LOCK_RELEASES);

  /** Assertions that this thread holds a lock: {@link UnsynchronizedMapWriteKnowledge#LOCK_HELD_ASSERTIONS}. */
  static final KnownMethods LOCK_HELD_ASSERTIONS = KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.LOCK_HELD_ASSERTIONS);

  static final KnownMethods TASK_HANDOFFS = KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.TASK_HANDOFFS);

  static final KnownMethods TASK_CONTAINERS = KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.TASK_CONTAINERS);

  static final Set<String> LOCK_TYPES = internalNames(UnsynchronizedMapWriteKnowledge.LOCK_TYPES);

  static final KnownMethods TASK_COMPLETION_WAITS =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.TASK_COMPLETION_WAITS);

  static final KnownMethods THREAD_START = KnownMethods.of(UnsynchronizedMapWriteKnowledge.THREAD_START);

  static final String ASYNC_STAGE_TYPE = UnsynchronizedMapWriteKnowledge.ASYNC_STAGE_TYPE;

  /** The types whose instances are tasks ({@code Runnable}, {@code Callable}): their entry method runs on the other thread. */
  static final Set<String> TASK_TYPES =
      UnsynchronizedMapWriteKnowledge.owners(UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS);

  static final List<MethodRef> THREAD_ENTRY_METHODS = UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS;

  private static final Set<String> THREAD_ENTRY_METHOD_NAMES =
      UnsynchronizedMapWriteKnowledge.names(UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS);

  static final String THREAD_TYPE = UnsynchronizedMapWriteKnowledge.THREAD_TYPE;

  static final Set<String> STREAM_TYPES = internalNames(UnsynchronizedMapWriteKnowledge.STREAM_TYPES);

  static final Set<String> PARALLEL_STREAM_STARTS =
      UnsynchronizedMapWriteKnowledge.names(UnsynchronizedMapWriteKnowledge.PARALLEL_STREAM_STARTS);

  static final KnownMethods PARALLEL_FLAG_STREAM_SOURCES =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.PARALLEL_FLAG_STREAM_SOURCES);

  static final String SEQUENTIAL_STREAM_SWITCH = UnsynchronizedMapWriteKnowledge.SEQUENTIAL_STREAM_SWITCH.name();

  static final Set<String> SPRING_STEREOTYPES = descriptors(UnsynchronizedMapWriteKnowledge.SPRING_STEREOTYPES);

  static final String SPRING_SCOPE = Types.descriptor(UnsynchronizedMapWriteKnowledge.SPRING_SCOPE);

  static final Set<String> BEAN_SETUP_ANNOTATIONS =
      descriptors(UnsynchronizedMapWriteKnowledge.BEAN_SETUP_ANNOTATIONS);

  /** The unsafe collection a type descriptor or internal name denotes, if it is one. */
  static Optional<String> unsafeCollection(String signatureOrName) {
    if (signatureOrName == null) {
      return Optional.empty();
    }
    String name = signatureOrName;
    if (name.startsWith("L") && name.endsWith(";")) {
      name = name.substring(1, name.length() - 1);
    }
    return UNSAFE_COLLECTIONS.contains(name) ? Optional.of(name) : Optional.empty();
  }

  /** The origin phrase for a call that hands a task to another thread, if the call is one. */
  static Optional<String> taskHandoff(String owner, String method, boolean isStatic) {
    boolean handoff =
        (TASK_HANDOFFS.matches(owner, method)
                || (!isStatic
                    && method.endsWith(UnsynchronizedMapWriteKnowledge.ASYNC_METHOD_SUFFIX)
                    && Types.isSubtype(owner, ASYNC_STAGE_TYPE)))
            && !isSerialTaskQueue(owner);
    return handoff
        ? Optional.of(Kind.TASK_HANDOFF.render(handoff(Types.displayName(owner), method, null, 0)))
        : Optional.empty();
  }

  /**
   * {@link UnsynchronizedMapWriteKnowledge#SERIAL_TASK_QUEUES}: the invoked class (the receiver's static type)
   * runs its tasks one at a time, so handing it one is no evidence of another thread.
   */
  static boolean isSerialTaskQueue(String owner) {
    return Types.isSubtypeOfAny(owner, UnsynchronizedMapWriteKnowledge.SERIAL_TASK_QUEUES);
  }

  /** {@code Collection.parallelStream()} or {@code BaseStream.parallel()}. */
  static boolean startsParallelStream(String method, String signature) {
    return PARALLEL_STREAM_STARTS.contains(method) && signature.startsWith("()") && returnsStream(signature);
  }

  static boolean returnsStream(String signature) {
    int close = signature.lastIndexOf(')');
    if (close < 0) {
      return false;
    }
    String ret = signature.substring(close + 1);
    return ret.startsWith("L") && STREAM_TYPES.contains(ret.substring(1, ret.length() - 1));
  }

  /** The JDK's own classes are never analysed as task bodies or field owners. */
  static boolean isPlatformClass(String internalOrDottedName) {
    String n = internalOrDottedName.replace('.', '/');
    return n.startsWith("java/") || n.startsWith("javax/") || n.startsWith("jdk/") || n.startsWith("sun/")
        || n.startsWith("com/sun/");
  }

  /** A task type's entry method: {@code run()} or {@code call()}, no parameters, not static. */
  static boolean isTaskEntryMethod(String name, String signature, boolean isStatic) {
    return !isStatic && THREAD_ENTRY_METHOD_NAMES.contains(name) && signature.startsWith("()");
  }

  private static Set<String> internalNames(Set<String> binaryNames) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : binaryNames) {
      names.add(name.replace('.', '/'));
    }
    return Collections.unmodifiableSet(names);
  }

  private static Set<String> descriptors(Set<String> binaryNames) {
    Set<String> descriptors = new LinkedHashSet<>();
    for (String name : binaryNames) {
      descriptors.add(Types.descriptor(name));
    }
    return Collections.unmodifiableSet(descriptors);
  }

  private static List<MethodRef> concat(List<MethodRef> a, List<MethodRef> b) {
    List<MethodRef> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
