package dev.crashguard.spotbugs;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Library knowledge for {@link UnsynchronizedMapWriteDetector}, kept apart from the analysis so that
 * teaching the detector a new map class, writer method or thread entry point is one line here.
 *
 * <p>Class names are in the JVM's internal form ({@code java/util/HashMap}), as they appear in bytecode.
 */
final class ConcurrencyModel {

  private ConcurrencyModel() {}

  /** Non-thread-safe maps and sets, internal name to the simple name used in messages. */
  private static final Set<String> UNSAFE_COLLECTIONS =
      Set.of(
          "java/util/HashMap",
          "java/util/LinkedHashMap",
          "java/util/TreeMap",
          "java/util/WeakHashMap",
          "java/util/IdentityHashMap",
          "java/util/EnumMap",
          "java/util/HashSet",
          "java/util/LinkedHashSet",
          "java/util/TreeSet");

  /** Methods that change a map, a set, one of their views, or an iterator over them. */
  private static final Set<String> WRITERS =
      Set.of(
          "put",
          "putAll",
          "putIfAbsent",
          "remove",
          "clear",
          "compute",
          "computeIfAbsent",
          "computeIfPresent",
          "merge",
          "replace",
          "replaceAll",
          "add",
          "addAll",
          "removeIf",
          "retainAll",
          "removeAll",
          "pollFirst",
          "pollLast",
          "pollFirstEntry",
          "pollLastEntry",
          "putFirst",
          "putLast",
          "addFirst",
          "addLast",
          "removeFirst",
          "removeLast");

  /** Methods whose result is backed by the receiver: writing to it writes to the map. */
  private static final Set<String> VIEWS =
      Set.of(
          "keySet",
          "values",
          "entrySet",
          "iterator",
          "navigableKeySet",
          "descendingKeySet",
          "descendingMap",
          "descendingSet",
          "headMap",
          "tailMap",
          "subMap",
          "headSet",
          "tailSet",
          "subSet",
          "sequencedKeySet",
          "sequencedValues",
          "sequencedEntrySet",
          "reversed");

  /** Lock types, to the methods that take the lock. */
  private static final Map<String, Set<String>> LOCK_ACQUIRE =
      Map.of(
          "java/util/concurrent/locks/Lock", Set.of("lock", "lockInterruptibly", "tryLock"),
          "java/util/concurrent/locks/ReentrantLock", Set.of("lock", "lockInterruptibly", "tryLock"),
          "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock",
              Set.of("lock", "lockInterruptibly", "tryLock"),
          "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
              Set.of("lock", "lockInterruptibly", "tryLock"),
          "java/util/concurrent/locks/StampedLock",
              Set.of("writeLock", "writeLockInterruptibly", "tryWriteLock", "readLock", "readLockInterruptibly",
                  "tryReadLock"));

  /** Lock types, to the methods that release the lock. */
  private static final Map<String, Set<String>> LOCK_RELEASE =
      Map.of(
          "java/util/concurrent/locks/Lock", Set.of("unlock"),
          "java/util/concurrent/locks/ReentrantLock", Set.of("unlock"),
          "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock", Set.of("unlock"),
          "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock", Set.of("unlock"),
          "java/util/concurrent/locks/StampedLock", Set.of("unlock", "unlockWrite", "unlockRead"));

  /**
   * Calls that run a task on another thread, by the class named in the call instruction. The value lists
   * the methods; the origin names the call as {@code Type.method}.
   */
  private static final Map<String, Set<String>> TASK_ENTRIES =
      Map.ofEntries(
          Map.entry("java/util/concurrent/Executor", Set.of("execute")),
          Map.entry(
              "java/util/concurrent/ExecutorService", Set.of("execute", "submit", "invokeAll", "invokeAny")),
          Map.entry(
              "java/util/concurrent/ScheduledExecutorService",
              Set.of(
                  "execute",
                  "submit",
                  "invokeAll",
                  "invokeAny",
                  "schedule",
                  "scheduleAtFixedRate",
                  "scheduleWithFixedDelay")),
          Map.entry(
              "java/util/concurrent/AbstractExecutorService",
              Set.of("execute", "submit", "invokeAll", "invokeAny")),
          Map.entry(
              "java/util/concurrent/ThreadPoolExecutor", Set.of("execute", "submit", "invokeAll", "invokeAny")),
          Map.entry(
              "java/util/concurrent/ScheduledThreadPoolExecutor",
              Set.of(
                  "execute",
                  "submit",
                  "invokeAll",
                  "invokeAny",
                  "schedule",
                  "scheduleAtFixedRate",
                  "scheduleWithFixedDelay")),
          Map.entry(
              "java/util/concurrent/ForkJoinPool", Set.of("execute", "submit", "invokeAll", "invokeAny")),
          Map.entry("java/util/concurrent/ExecutorCompletionService", Set.of("submit")),
          Map.entry("java/util/concurrent/CompletionService", Set.of("submit")),
          Map.entry("java/util/concurrent/CompletableFuture", Set.of("runAsync", "supplyAsync")),
          Map.entry("java/lang/Thread", Set.of("<init>", "startVirtualThread")),
          Map.entry("java/lang/Thread$Builder", Set.of("start", "unstarted")),
          Map.entry("java/lang/Thread$Builder$OfPlatform", Set.of("start", "unstarted")),
          Map.entry("java/lang/Thread$Builder$OfVirtual", Set.of("start", "unstarted")),
          Map.entry("java/util/Timer", Set.of("schedule", "scheduleAtFixedRate")));

  /** Classes whose every {@code *Async} instance method runs its function on another thread. */
  private static final Set<String> ASYNC_STAGES =
      Set.of("java/util/concurrent/CompletableFuture", "java/util/concurrent/CompletionStage");

  /** Interfaces and classes whose instances are tasks: their run()/call() body runs on the other thread. */
  static final Set<String> TASK_TYPES =
      Set.of("java.lang.Runnable", "java.util.concurrent.Callable", "java.util.TimerTask");

  /** Classes whose start() runs their own run() on a new thread. */
  static final Set<String> THREAD_TYPES = Set.of("java.lang.Thread");

  /** Calls that collect tasks into one argument ({@code invokeAll(List.of(t1, t2))}). */
  private static final Map<String, Set<String>> TASK_CONTAINERS =
      Map.of(
          "java/util/List", Set.of("of", "copyOf"),
          "java/util/Set", Set.of("of", "copyOf"),
          "java/util/Arrays", Set.of("asList"),
          "java/util/Collections", Set.of("singletonList", "singleton"));

  private static final Set<String> STREAM_TYPES =
      Set.of(
          "java/util/stream/Stream",
          "java/util/stream/BaseStream",
          "java/util/stream/IntStream",
          "java/util/stream/LongStream",
          "java/util/stream/DoubleStream");

  /**
   * Stream operations whose function runs on the common pool, several elements at once, when the stream
   * is parallel. Not forEachOrdered (one action at a time) and not collect (each thread fills its own
   * container).
   */
  private static final Set<String> PARALLEL_OPERATIONS =
      Set.of(
          "forEach",
          "peek",
          "map",
          "mapToObj",
          "mapToInt",
          "mapToLong",
          "mapToDouble",
          "flatMap",
          "mapMulti",
          "filter",
          "anyMatch",
          "allMatch",
          "noneMatch",
          "takeWhile",
          "dropWhile",
          "reduce");

  /** Spring stereotypes: a class carrying one is a singleton bean unless its scope says otherwise. */
  static final Set<String> SPRING_STEREOTYPES =
      Set.of(
          "Lorg/springframework/stereotype/Service;",
          "Lorg/springframework/stereotype/Component;",
          "Lorg/springframework/stereotype/Controller;",
          "Lorg/springframework/stereotype/Repository;",
          "Lorg/springframework/web/bind/annotation/RestController;");

  static final String SPRING_SCOPE = "Lorg/springframework/context/annotation/Scope;";

  /** Methods a container calls once, on one thread, while it builds the object (before sharing it). */
  static final Set<String> STARTUP_ANNOTATIONS =
      Set.of(
          "Ljakarta/annotation/PostConstruct;",
          "Ljavax/annotation/PostConstruct;",
          "Lorg/springframework/beans/factory/annotation/Autowired;");

  /** One servlet instance serves every request; these methods run on request threads. */
  static final Set<String> SERVLET_TYPES =
      Set.of(
          "jakarta.servlet.GenericServlet",
          "jakarta.servlet.http.HttpServlet",
          "javax.servlet.GenericServlet",
          "javax.servlet.http.HttpServlet");

  static final Set<String> SERVLET_REQUEST_METHODS =
      Set.of("service", "doGet", "doPost", "doPut", "doDelete", "doHead", "doOptions", "doTrace", "doPatch");

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
    return WRITERS.contains(method);
  }

  static boolean isView(String method) {
    return VIEWS.contains(method);
  }

  static boolean isLockAcquire(String owner, String method) {
    return LOCK_ACQUIRE.getOrDefault(owner, Set.of()).contains(method);
  }

  static boolean isLockRelease(String owner, String method) {
    return LOCK_RELEASE.getOrDefault(owner, Set.of()).contains(method);
  }

  /** The origin phrase for a call that hands a task to another thread, if the call is one. */
  static Optional<String> taskEntry(String owner, String method, boolean isStatic) {
    Set<String> methods = TASK_ENTRIES.get(owner);
    if (methods != null && methods.contains(method)) {
      return Optional.of("a task handed to " + displayName(owner) + "." + method);
    }
    if (!isStatic && ASYNC_STAGES.contains(owner) && method.endsWith("Async")) {
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
    Set<String> methods = TASK_CONTAINERS.get(owner);
    return methods != null && methods.contains(method);
  }

  /** {@code Collection.parallelStream()} or {@code BaseStream.parallel()}. */
  static boolean startsParallelStream(String method, String signature) {
    return ("parallelStream".equals(method) || "parallel".equals(method))
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
    return PARALLEL_OPERATIONS.contains(method);
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
}
