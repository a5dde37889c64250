package dev.crashguard.spotbugs;

import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import edu.umd.cs.findbugs.ba.Hierarchy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Library knowledge for {@link UnsynchronizedMapWriteDetector}, kept apart from the analysis. The lists
 * themselves are the catalog's {@link UnsynchronizedMapWriteKnowledge}, shared with the other engines
 * (and shaded into the plugin jar, since SpotBugs loads a plugin without its dependencies); this class
 * turns them into the JVM's terms and asks the class hierarchy about subtypes. What only bytecode needs
 * (stream return types, platform packages) is its own.
 *
 * <p>Class names are in the JVM's internal form ({@code java/util/HashMap}), as they appear in bytecode.
 */
final class ConcurrencyModel {

  private ConcurrencyModel() {}

  /** Non-thread-safe maps and sets, by internal name. */
  private static final Set<String> UNSAFE_COLLECTIONS =
      internalNames(UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTIONS);

  /** Lock acquisitions, counted linearly: a tryLock is treated as taking the lock (the silent side). */
  private static final MethodTable LOCK_ACQUIRE =
      new MethodTable(
          concat(UnsynchronizedMapWriteKnowledge.LOCK_ACQUIRES, UnsynchronizedMapWriteKnowledge.LOCK_TRY_ACQUIRES),
          true);

  private static final MethodTable LOCK_RELEASE =
      new MethodTable(UnsynchronizedMapWriteKnowledge.LOCK_RELEASES, true);

  /**
   * Calls that run a task on another thread. The call instruction names the receiver's static type
   * ({@code ThreadPoolExecutor}), so the table also matches subtypes of the catalog's owners.
   */
  private static final MethodTable TASK_ENTRIES =
      new MethodTable(UnsynchronizedMapWriteKnowledge.TASK_HANDOFFS, true);

  private static final String ASYNC_STAGE =
      UnsynchronizedMapWriteKnowledge.ASYNC_STAGE_TYPE.replace('.', '/');

  /** Interfaces whose instances are tasks: their entry method's body runs on the other thread. */
  static final Set<String> TASK_TYPES =
      UnsynchronizedMapWriteKnowledge.owners(UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS);

  /** Names of the task types' entry methods ({@code run}, {@code call}). */
  private static final Set<String> TASK_ENTRY_METHODS =
      UnsynchronizedMapWriteKnowledge.names(UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS);

  /** Classes whose start() runs their own run() on a new thread. */
  static final Set<String> THREAD_TYPES = Set.of(UnsynchronizedMapWriteKnowledge.THREAD_TYPE);

  /** Calls that bundle tasks into one argument ({@code invokeAll(List.of(t1, t2))}); static: exact owners. */
  private static final MethodTable TASK_CONTAINERS =
      new MethodTable(UnsynchronizedMapWriteKnowledge.TASK_CONTAINERS, false);

  private static final Set<String> STREAM_TYPES =
      Set.of(
          "java/util/stream/Stream",
          "java/util/stream/BaseStream",
          "java/util/stream/IntStream",
          "java/util/stream/LongStream",
          "java/util/stream/DoubleStream");

  private static final Set<String> PARALLEL_STARTS =
      UnsynchronizedMapWriteKnowledge.names(UnsynchronizedMapWriteKnowledge.PARALLEL_STREAM_STARTS);

  static final String SEQUENTIAL = UnsynchronizedMapWriteKnowledge.SEQUENTIAL_STREAM_SWITCH.name();

  /** Spring stereotypes, as annotation descriptors. */
  static final Set<String> SPRING_STEREOTYPES =
      descriptors(UnsynchronizedMapWriteKnowledge.SPRING_STEREOTYPES);

  static final String SPRING_SCOPE = descriptor(UnsynchronizedMapWriteKnowledge.SPRING_SCOPE);

  static final Set<String> SPRING_SINGLETON_SCOPES = UnsynchronizedMapWriteKnowledge.SPRING_SINGLETON_SCOPES;

  /** Methods a container calls once, on one thread, while it builds (or destroys) the object. */
  static final Set<String> STARTUP_ANNOTATIONS =
      descriptors(UnsynchronizedMapWriteKnowledge.BEAN_SETUP_ANNOTATIONS);

  static final Set<String> STARTUP_METHOD_NAMES = UnsynchronizedMapWriteKnowledge.BEAN_LIFECYCLE_METHODS;

  /** One servlet instance serves every request; these methods run on request threads. */
  static final Set<String> SERVLET_TYPES = UnsynchronizedMapWriteKnowledge.SERVLET_TYPES;

  static final Set<String> SERVLET_REQUEST_METHODS = UnsynchronizedMapWriteKnowledge.SERVLET_REQUEST_METHODS;

  /** Methods that run on a thread of their own: run() of a Runnable, call() of a Callable (owners dotted). */
  static final List<MethodRef> THREAD_ENTRY_METHODS = UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS;

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

  static boolean isWriter(String method) {
    return UnsynchronizedMapWriteKnowledge.WRITE_METHODS.contains(method);
  }

  static boolean isView(String method) {
    return UnsynchronizedMapWriteKnowledge.VIEW_METHODS.contains(method);
  }

  static boolean isLockAcquire(String owner, String method) {
    return LOCK_ACQUIRE.matches(owner, method);
  }

  static boolean isLockRelease(String owner, String method) {
    return LOCK_RELEASE.matches(owner, method);
  }

  /** The origin phrase for a call that hands a task to another thread, if the call is one. */
  static Optional<String> taskEntry(String owner, String method, boolean isStatic) {
    if (TASK_ENTRIES.matches(owner, method)) {
      return Optional.of("a task handed to " + displayName(owner) + "." + method);
    }
    if (!isStatic
        && method.endsWith(UnsynchronizedMapWriteKnowledge.ASYNC_METHOD_SUFFIX)
        && isSubtype(owner, ASYNC_STAGE)) {
      return Optional.of("a task handed to " + displayName(owner) + "." + method);
    }
    return Optional.empty();
  }

  /**
   * {@code start()} on an object of an application class: when that class is a Thread, its run() is the
   * task (the detector checks the type before it looks at run()).
   */
  static boolean startsThread(String method, String signature) {
    return "start".equals(method) && "()V".equals(signature);
  }

  static boolean isTaskContainer(String owner, String method) {
    return TASK_CONTAINERS.matches(owner, method);
  }

  /** {@code Collection.parallelStream()} or {@code BaseStream.parallel()}. */
  static boolean startsParallelStream(String method, String signature) {
    return PARALLEL_STARTS.contains(method)
        && signature.startsWith("()")
        && returnsStream(signature);
  }

  static boolean isStreamType(String owner) {
    return STREAM_TYPES.contains(owner);
  }

  static boolean returnsStream(String signature) {
    int close = signature.lastIndexOf(')');
    if (close < 0) {
      return false;
    }
    String ret = signature.substring(close + 1);
    return ret.startsWith("L") && STREAM_TYPES.contains(ret.substring(1, ret.length() - 1));
  }

  static boolean isParallelOperation(String method) {
    return UnsynchronizedMapWriteKnowledge.CONCURRENT_STREAM_OPERATIONS.contains(method);
  }

  /** {@code java/lang/Thread$Builder$OfPlatform} reads {@code Thread.Builder.OfPlatform}. */
  static String displayName(String internalName) {
    String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
    return simple.replace('$', '.');
  }

  /** The JDK's own classes are never analysed as task bodies or field owners. */
  static boolean isPlatformClass(String internalOrDottedName) {
    String n = internalOrDottedName.replace('.', '/');
    return n.startsWith("java/") || n.startsWith("javax/") || n.startsWith("jdk/") || n.startsWith("sun/")
        || n.startsWith("com/sun/");
  }

  /** A task type's entry method: {@code run()} or {@code call()}, no parameters, not static. */
  static boolean isTaskEntryMethod(String name, String signature, boolean isStatic) {
    return !isStatic && TASK_ENTRY_METHODS.contains(name) && signature.startsWith("()");
  }

  /**
   * Is {@code internalName} the class {@code supertypeInternalName} or a subtype of it? An incomplete
   * classpath leaves the hierarchy unknown: then only the names themselves are compared (stay silent).
   */
  static boolean isSubtype(String internalName, String supertypeInternalName) {
    if (internalName.equals(supertypeInternalName)) {
      return true;
    }
    if (internalName.startsWith("[")) {
      return false;
    }
    try {
      return Hierarchy.isSubtype(internalName.replace('/', '.'), supertypeInternalName.replace('/', '.'));
    } catch (ClassNotFoundException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Catalog methods by name, to the internal names of their owners: a call matches when its name is
   * listed and its owner is a listed owner (or, with {@code subtypes}, a subtype of one). The name is
   * looked up first, so most calls never reach the class hierarchy.
   */
  private static final class MethodTable {
    private final Map<String, Set<String>> ownersByName;
    private final boolean subtypes;

    MethodTable(List<MethodRef> methods, boolean subtypes) {
      Map<String, Set<String>> byName = new HashMap<>();
      for (MethodRef method : methods) {
        byName.computeIfAbsent(method.name(), n -> new LinkedHashSet<>()).add(method.internalOwner());
      }
      byName.replaceAll((name, owners) -> Set.copyOf(owners));
      this.ownersByName = Map.copyOf(byName);
      this.subtypes = subtypes;
    }

    boolean matches(String owner, String method) {
      Set<String> owners = ownersByName.get(method);
      if (owners == null || owner == null) {
        return false;
      }
      if (owners.contains(owner)) {
        return true;
      }
      if (subtypes) {
        for (String candidate : owners) {
          if (isSubtype(owner, candidate)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static Set<String> internalNames(Set<String> binaryNames) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : binaryNames) {
      names.add(name.replace('.', '/'));
    }
    return Collections.unmodifiableSet(names);
  }

  private static String descriptor(String binaryName) {
    return "L" + binaryName.replace('.', '/') + ";";
  }

  private static Set<String> descriptors(Set<String> binaryNames) {
    Set<String> descriptors = new LinkedHashSet<>();
    for (String name : binaryNames) {
      descriptors.add(descriptor(name));
    }
    return Collections.unmodifiableSet(descriptors);
  }

  private static List<MethodRef> concat(List<MethodRef> a, List<MethodRef> b) {
    List<MethodRef> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
