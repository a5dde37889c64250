package dev.crashguard.catalog.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The library knowledge of hazard {@code UnsynchronizedMapWrite}, once, for every engine: which maps and
 * sets break under concurrent writes, which calls write them, which calls hand code to another thread,
 * which objects a framework shares between request threads, and which calls take a lock.
 *
 * <p>Plain data only (strings, {@link MethodRef}), so that the Error Prone check and the SpotBugs detector
 * read it directly, and the PMD rule, whose XPath cannot call Java, is held to it by {@code
 * PmdKnowledgeAgreementTest}. Teaching all three engines a new library method is one line here (plus the
 * PMD list the test then points at). What only one engine needs (Error Prone's fix replacements and
 * factory methods, SpotBugs' reading of descriptors) stays in that engine.
 *
 * <p>Class names are binary names ({@link Class#getName()}); a type named here stands for its subtypes
 * too, unless a set says otherwise. Sets iterate in the order written here. The catalog's {@code
 * UnsynchronizedMapWriteKnowledgeTest} checks the JDK entries against the running JDK.
 */
public final class UnsynchronizedMapWriteKnowledge {

  private UnsynchronizedMapWriteKnowledge() {}

  // ---- maps and sets --------------------------------------------------------------------------------

  /**
   * Concrete JDK map and set classes that corrupt themselves when written concurrently (lost entries,
   * a bin cycle that makes {@code get} loop forever, {@code ConcurrentModificationException}). Exact
   * classes: a subclass is <em>not</em> covered, since it may add its own locking, and an engine that
   * cannot tell stays silent.
   */
  public static final Set<String> UNSAFE_COLLECTIONS =
      Ordered.set(
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.WeakHashMap",
          "java.util.IdentityHashMap",
          "java.util.EnumMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet");

  /**
   * Methods that change the structure of a map, a set, one of their views, or an iterator over them
   * ({@code Iterator.remove}). From {@code Map}, {@code Collection}, {@code NavigableMap}/{@code
   * NavigableSet} ({@code pollFirst…}), and Java 21's {@code SequencedMap}/{@code SequencedCollection}
   * ({@code putFirst}, {@code putLast}, {@code addFirst}, {@code addLast}, {@code removeFirst}, {@code
   * removeLast}, {@code pollFirstEntry}, {@code pollLastEntry}: on Java 17 these names do not exist on
   * the unsafe classes, so they cannot match by mistake). {@code Map.Entry.setValue} is not here: it
   * replaces a value without changing the table's structure.
   */
  public static final Set<String> WRITE_METHODS =
      Ordered.set(
          "put",
          "putAll",
          "putIfAbsent",
          "putFirst",
          "putLast",
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
          "addFirst",
          "addLast",
          "removeIf",
          "retainAll",
          "removeAll",
          "removeFirst",
          "removeLast",
          "pollFirst",
          "pollLast",
          "pollFirstEntry",
          "pollLastEntry");

  /**
   * The types whose {@link #WRITE_METHODS} and {@link #VIEW_METHODS} are meant: a map, and a collection
   * (a set, or a view of a map).
   */
  public static final Set<String> COLLECTION_TYPES = Ordered.set("java.util.Map", "java.util.Collection");

  /** An iterator over a map's view; {@link #ITERATOR_REMOVE} through it writes the map. */
  public static final String ITERATOR_TYPE = "java.util.Iterator";

  /** {@code Iterator.remove()}: removes from the collection the iterator walks. */
  public static final MethodRef ITERATOR_REMOVE = new MethodRef(ITERATOR_TYPE, "remove");

  /**
   * Methods of a map or set (or of one of its views) that return a live view backed by it: writing
   * the view, or removing through the iterator, writes the map. {@code Map}'s {@code keySet}/{@code
   * values}/{@code entrySet}, {@code NavigableMap}/{@code NavigableSet}'s sub-maps and descending views,
   * Java 21's sequenced views and {@code reversed()}, and the iterators.
   */
  public static final Set<String> VIEW_METHODS =
      Ordered.set(
          "keySet",
          "values",
          "entrySet",
          "navigableKeySet",
          "descendingKeySet",
          "descendingMap",
          "headMap",
          "tailMap",
          "subMap",
          "sequencedKeySet",
          "sequencedValues",
          "sequencedEntrySet",
          "reversed",
          "descendingSet",
          "headSet",
          "tailSet",
          "subSet",
          "iterator",
          "descendingIterator");

  /**
   * Static factories whose result is a fresh instance of one of {@link #UNSAFE_COLLECTIONS}: the JDK 19+
   * sized factories and Guava's {@code Maps}/{@code Sets}. A variable every value of which comes from
   * {@code new} of an unsafe class or from one of these holds an unsafe collection whatever its declared
   * type.
   */
  public static final List<MethodRef> UNSAFE_COLLECTION_FACTORIES =
      methods(
          "java.util.HashMap", "newHashMap",
          "java.util.LinkedHashMap", "newLinkedHashMap",
          "java.util.HashSet", "newHashSet",
          "java.util.LinkedHashSet", "newLinkedHashSet",
          "com.google.common.collect.Maps", "newHashMap",
          "com.google.common.collect.Maps", "newHashMapWithExpectedSize",
          "com.google.common.collect.Maps", "newLinkedHashMap",
          "com.google.common.collect.Maps", "newLinkedHashMapWithExpectedSize",
          "com.google.common.collect.Maps", "newTreeMap",
          "com.google.common.collect.Maps", "newIdentityHashMap",
          "com.google.common.collect.Maps", "newEnumMap",
          "com.google.common.collect.Sets", "newHashSet",
          "com.google.common.collect.Sets", "newHashSetWithExpectedSize",
          "com.google.common.collect.Sets", "newLinkedHashSet",
          "com.google.common.collect.Sets", "newLinkedHashSetWithExpectedSize",
          "com.google.common.collect.Sets", "newTreeSet");

  // ---- code that runs on another thread -------------------------------------------------------------

  /**
   * Calls that run a task they are handed (a {@code Runnable}, {@code Callable}, {@code TimerTask},
   * lambda or method reference argument) on another thread, concurrently with the caller and with each
   * other. Owners include subtypes ({@code ThreadPoolExecutor.submit} is {@code ExecutorService#submit}).
   * {@code Thread#<init>}: a thread's constructor takes the Runnable it will run. The {@code
   * ForkJoinPool} entries that take a {@code ForkJoinTask} ({@code invoke}, {@code externalSubmit},
   * {@code lazySubmit}) matter only to an engine that looks into such a task. See also {@link
   * #ASYNC_STAGE_TYPE}.
   */
  public static final List<MethodRef> TASK_HANDOFFS =
      methods(
          "java.util.concurrent.Executor", "execute",
          "java.util.concurrent.ExecutorService", "submit",
          "java.util.concurrent.ExecutorService", "invokeAll",
          "java.util.concurrent.ExecutorService", "invokeAny",
          "java.util.concurrent.ScheduledExecutorService", "schedule",
          "java.util.concurrent.ScheduledExecutorService", "scheduleAtFixedRate",
          "java.util.concurrent.ScheduledExecutorService", "scheduleWithFixedDelay",
          "java.util.concurrent.ForkJoinPool", "invoke",
          "java.util.concurrent.ForkJoinPool", "externalSubmit",
          "java.util.concurrent.ForkJoinPool", "lazySubmit",
          "java.util.concurrent.CompletionService", "submit",
          "java.util.concurrent.CompletableFuture", "runAsync",
          "java.util.concurrent.CompletableFuture", "supplyAsync",
          "java.lang.Thread", MethodRef.CONSTRUCTOR,
          "java.lang.Thread", "startVirtualThread",
          "java.lang.Thread$Builder", "start",
          "java.lang.Thread$Builder", "unstarted",
          "java.util.concurrent.ThreadFactory", "newThread",
          "java.util.Timer", "schedule",
          "java.util.Timer", "scheduleAtFixedRate");

  /**
   * Executors that run the tasks they are handed one at a time, never concurrently with each other, and whose
   * owners run their own code in the same sequence: a task handed to one ({@link #TASK_HANDOFFS}' {@code
   * execute}) is no evidence of another thread. gRPC's {@code SynchronizationContext} ("a queue of tasks that
   * run in sequence": ordering, serialization, non-reentrancy; every {@code LoadBalancer} method is called in
   * it) is how gRPC code guards state instead of locks. Netty confines a channel's and an I/O handler's state
   * to its event loop the same way: an {@code OrderedEventExecutor} ("processes all submitted tasks in an
   * ordered / serial fashion", every {@code EventLoop}) and the {@code ThreadAwareExecutor} an {@code
   * IoHandler} is given (every call of the handler "MUST be done from the executor thread"); the idiom is
   * {@code if (executor.isExecutorThread(currentThread())) work(); else executor.execute(this::work);}
   * (netty's LocalIoHandler). By the receiver's static type, subtypes included; one reached through a plain
   * {@code Executor} variable is not recognised.
   */
  public static final Set<String> SERIAL_TASK_QUEUES =
      Ordered.set(
          "io.grpc.SynchronizationContext",
          "io.netty.util.concurrent.OrderedEventExecutor",
          "io.netty.util.concurrent.ThreadAwareExecutor");

  /**
   * {@code CompletionStage} (and so {@code CompletableFuture}): every <em>instance</em> method whose name
   * ends in {@link #ASYNC_METHOD_SUFFIX} ({@code thenApplyAsync}, {@code whenCompleteAsync}, {@code
   * completeAsync}, …) runs its function on another thread. By suffix, so that stages added to the JDK
   * are covered.
   */
  public static final String ASYNC_STAGE_TYPE = "java.util.concurrent.CompletionStage";

  /** See {@link #ASYNC_STAGE_TYPE}. */
  public static final String ASYNC_METHOD_SUFFIX = "Async";

  /**
   * Static factories that only bundle tasks for a hand-off call around them: {@code
   * pool.invokeAll(List.of(task1, task2))}. Exact owners (static methods are not inherited).
   */
  public static final List<MethodRef> TASK_CONTAINERS =
      methods(
          "java.util.List", "of",
          "java.util.List", "copyOf",
          "java.util.Set", "of",
          "java.util.Set", "copyOf",
          "java.util.Arrays", "asList",
          "java.util.Collections", "singletonList",
          "java.util.Collections", "singleton",
          "com.google.common.collect.ImmutableList", "of",
          "com.google.common.collect.ImmutableSet", "of");

  /**
   * Methods that run on a thread of their own when their class implements the owner: a field such a
   * method writes is shared with every other (non-private) method of the object, which other threads
   * call. {@code Thread} is a {@code Runnable}, and so is {@code TimerTask}; a {@code Callable} is what an
   * executor runs.
   */
  public static final List<MethodRef> THREAD_ENTRY_METHODS =
      methods(
          "java.lang.Runnable", "run",
          "java.util.concurrent.Callable", "call");

  /** The class whose {@code start()} runs the object's own {@code run()} on a new thread. */
  public static final String THREAD_TYPE = "java.lang.Thread";

  /**
   * {@code @Deprecated}: a deprecated non-public method that its class never calls is an overload kept for
   * compatibility; its call of a helper says nothing about the lock the helper's callers hold (jackson's
   * DeserializerCache._createAndCache2, which the deprecated three-argument overload forwards to).
   */
  public static final String DEPRECATED_ANNOTATION = "java.lang.Deprecated";

  /** {@code Thread.start()}: the started object's {@code run()} runs on the new thread. */
  public static final MethodRef THREAD_START = new MethodRef(THREAD_TYPE, "start");

  /** {@code Thread.run()}: what {@link #THREAD_START} runs, in a subclass that overrides it. */
  public static final MethodRef THREAD_RUN = new MethodRef(THREAD_TYPE, "run");

  // ---- parallel streams -----------------------------------------------------------------------------

  /**
   * The stream types whose pipelines can be parallel: {@code BaseStream} (first: every stream is one) and
   * its four JDK kinds.
   */
  public static final Set<String> STREAM_TYPES =
      Ordered.set(
          "java.util.stream.BaseStream",
          "java.util.stream.Stream",
          "java.util.stream.IntStream",
          "java.util.stream.LongStream",
          "java.util.stream.DoubleStream");

  /**
   * Words that name a test double ({@code FakeTicker}, {@code MockClock}, {@code StubResolver}), matched
   * as a whole word of a class's simple name in camel case. Such a class, even shipped in main code, is
   * driven by one test thread by contract; a synchronized reset method does not make its other writers
   * an inconsistent-locking race.
   */
  public static final Set<String> TEST_DOUBLE_NAME_WORDS = Ordered.set("Fake", "Mock", "Stub", "Dummy", "Spy");

  /** Whether {@code simpleName} has one of {@link #TEST_DOUBLE_NAME_WORDS} as a camel-case word. */
  public static boolean namesATestDouble(String simpleName) {
    for (String word : simpleName.split("(?<=[a-z0-9])(?=[A-Z])|_|\\$")) {
      if (TEST_DOUBLE_NAME_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Calls after which the tasks handed over before them have finished, or the caller has waited for them:
   * a task's writes happen-before what the caller does next ({@code future.get()}, {@code thread.join()},
   * {@code pool.awaitTermination(…)}). A local map handed to one task is the task's alone until then.
   */
  public static final List<MethodRef> TASK_COMPLETION_WAITS =
      methods(
          "java.util.concurrent.Future", "get",
          "java.util.concurrent.CompletableFuture", "join",
          "java.util.concurrent.ForkJoinTask", "join",
          "java.lang.Thread", "join",
          "java.util.concurrent.ExecutorService", "awaitTermination",
          "java.util.concurrent.ExecutorService", "close");

  /** Calls whose result is a parallel stream: {@code Collection.parallelStream()}, {@code BaseStream.parallel()}. */
  public static final List<MethodRef> PARALLEL_STREAM_STARTS =
      methods(
          "java.util.Collection", "parallelStream",
          "java.util.stream.BaseStream", "parallel");

  /**
   * Static stream factories whose last argument says whether the stream they make is parallel: {@code
   * StreamSupport.stream(spliterator, true)} starts a parallel pipeline, {@code false} a sequential one.
   * Needed apart from {@link #PARALLEL_STREAM_STARTS} because only the flag's value tells the two apart.
   */
  public static final List<MethodRef> PARALLEL_FLAG_STREAM_SOURCES =
      methods(
          "java.util.stream.StreamSupport", "stream",
          "java.util.stream.StreamSupport", "intStream",
          "java.util.stream.StreamSupport", "longStream",
          "java.util.stream.StreamSupport", "doubleStream");

  /** The call that turns a parallel pipeline back into a sequential one. */
  public static final MethodRef SEQUENTIAL_STREAM_SWITCH = new MethodRef("java.util.stream.BaseStream", "sequential");

  /**
   * Stream operations ({@code Stream}, {@code IntStream}, {@code LongStream}, {@code DoubleStream}) whose
   * function arguments run on several fork/join threads at once when the pipeline is parallel. That is
   * every operation taking a function except {@link #SERIAL_STREAM_OPERATIONS}; the catalog's test
   * checks the two sets against the running JDK. {@code reduce}, {@code collect} (the three-argument
   * form: each thread accumulates into its own container, but a function that writes a map declared
   * outside the stream races), {@code sorted}/{@code min}/{@code max} (the comparator) and {@code
   * toArray} (the generator) are included: their functions are called concurrently too.
   */
  public static final Set<String> CONCURRENT_STREAM_OPERATIONS =
      Ordered.set(
          "forEach",
          "peek",
          "map",
          "mapToObj",
          "mapToInt",
          "mapToLong",
          "mapToDouble",
          "flatMap",
          "flatMapToInt",
          "flatMapToLong",
          "flatMapToDouble",
          "mapMulti",
          "mapMultiToInt",
          "mapMultiToLong",
          "mapMultiToDouble",
          "filter",
          "anyMatch",
          "allMatch",
          "noneMatch",
          "takeWhile",
          "dropWhile",
          "reduce",
          "collect",
          "sorted",
          "min",
          "max",
          "toArray");

  /**
   * Stream operations that take a function but never run it concurrently, even on a parallel stream:
   * {@code forEachOrdered} (each action happens-before the next, in encounter order) and {@code onClose}
   * (runs on the thread that closes the stream).
   */
  public static final Set<String> SERIAL_STREAM_OPERATIONS = Ordered.set("forEachOrdered", "onClose");

  // ---- objects a framework shares between request threads -----------------------------------------

  /**
   * Spring annotations that make a class a bean, one instance (a singleton) of which serves every
   * request unless {@link #SPRING_SCOPE} says otherwise. All are meta-annotated with {@link
   * #SPRING_COMPONENT}; an engine that reads meta-annotations also covers users' own stereotypes.
   */
  public static final Set<String> SPRING_STEREOTYPES =
      Ordered.set(
          "org.springframework.stereotype.Component",
          "org.springframework.stereotype.Service",
          "org.springframework.stereotype.Repository",
          "org.springframework.stereotype.Controller",
          "org.springframework.web.bind.annotation.RestController",
          "org.springframework.web.bind.annotation.ControllerAdvice",
          "org.springframework.web.bind.annotation.RestControllerAdvice",
          "org.springframework.context.annotation.Configuration");

  /** Spring's root stereotype (see {@link #SPRING_STEREOTYPES}). */
  public static final String SPRING_COMPONENT = "org.springframework.stereotype.Component";

  /** The annotation that changes a bean's scope; its {@code value} or {@code scopeName} names it. */
  public static final String SPRING_SCOPE = "org.springframework.context.annotation.Scope";

  /** {@link #SPRING_SCOPE} values under which one instance serves every thread ("" is the default). */
  public static final Set<String> SPRING_SINGLETON_SCOPES = Ordered.set("", "singleton");

  /**
   * Names of Spring's constants for the singleton scope ({@code ConfigurableBeanFactory.SCOPE_SINGLETON},
   * {@code BeanDefinition.SCOPE_SINGLETON}), for an engine that reads {@code @Scope(SCOPE_SINGLETON)} from
   * source without resolving the constant's value.
   */
  public static final Set<String> SPRING_SINGLETON_SCOPE_CONSTANTS = Ordered.set("SCOPE_SINGLETON");

  /**
   * Annotations on a bean's methods that the container calls once, on one thread, while it creates
   * (or destroys) the bean, not per request: such a method's writes are not reported.
   */
  public static final Set<String> BEAN_SETUP_ANNOTATIONS =
      Ordered.set(
          "jakarta.annotation.PostConstruct",
          "javax.annotation.PostConstruct",
          "jakarta.annotation.PreDestroy",
          "javax.annotation.PreDestroy",
          "org.springframework.beans.factory.annotation.Autowired",
          "jakarta.inject.Inject",
          "javax.inject.Inject",
          "org.springframework.context.annotation.Bean");

  /**
   * Bean methods the container calls once, by name: {@code InitializingBean.afterPropertiesSet}, {@code
   * DisposableBean.destroy}, and {@code init}, the usual {@code @Bean(initMethod = "init")} /
   * {@code init-method} name. Not reported, like {@link #BEAN_SETUP_ANNOTATIONS}: a bean whose public
   * {@code init()} is really called per request is missed, which is the silent side.
   */
  public static final Set<String> BEAN_LIFECYCLE_METHODS = Ordered.set("afterPropertiesSet", "destroy", "init");

  /** Servlet types (subtypes included): one instance serves every request. */
  public static final Set<String> SERVLET_TYPES =
      Ordered.set(
          "jakarta.servlet.Servlet",
          "jakarta.servlet.GenericServlet",
          "jakarta.servlet.http.HttpServlet",
          "javax.servlet.Servlet",
          "javax.servlet.GenericServlet",
          "javax.servlet.http.HttpServlet");

  /** Servlet methods the container calls for each request, on the request's thread. */
  public static final Set<String> SERVLET_REQUEST_METHODS =
      Ordered.set("service", "doGet", "doPost", "doPut", "doDelete", "doHead", "doOptions", "doTrace", "doPatch");

  // ---- locks ------------------------------------------------------------------------------------------

  /**
   * Calls that take an exclusive lock until a matching {@link #LOCK_RELEASES}. {@code Lock} covers
   * {@code ReentrantLock} and both halves of {@code ReentrantReadWriteLock} (a read lock's {@code
   * lock()} cannot be told from a write lock's by type). {@code StampedLock}'s read locks are
   * <em>not</em> here: threads holding a read lock run together, so it does not guard a write.
   */
  public static final List<MethodRef> LOCK_ACQUIRES = LockKnowledge.EXCLUSIVE_ACQUIRES;

  /**
   * Calls that may take an exclusive lock and say whether they did: {@code if (lock.tryLock()) {…}}
   * guards the branch ({@code StampedLock}'s return a non-zero stamp on success).
   */
  public static final List<MethodRef> LOCK_TRY_ACQUIRES = LockKnowledge.EXCLUSIVE_TRY_ACQUIRES;

  /**
   * Every call that takes or tries a hold, shared (read) ones too ({@link LockKnowledge#ACQUIRES}, {@link
   * LockKnowledge#TRY_ACQUIRES}): a method that makes one expects to run while other threads do, even where
   * the hold does not guard its writes. With a {@code synchronized} block, this is how an unlocked writer
   * nothing else is known to call shows that it runs alongside the locked writers (inconsistent locking).
   */
  public static final List<MethodRef> ANY_LOCK_ACQUIRES =
      java.util.stream.Stream.concat(LockKnowledge.ACQUIRES.stream(), LockKnowledge.TRY_ACQUIRES.stream()).toList();

  /**
   * Calls that release what {@link #LOCK_ACQUIRES} took: one in a {@code finally} means its {@code try}
   * block ran under the lock. {@code StampedLock.unlockRead} is not here: it releases a read lock, which
   * does not guard writes.
   */
  public static final List<MethodRef> LOCK_RELEASES = LockKnowledge.EXCLUSIVE_RELEASES;

  /**
   * Lock types whose instances a class keeps in its own fields: {@code lock.lock()} on such a field, or on
   * {@code readWriteLock.writeLock()} of one, takes a lock the class owns. A lock obtained from another
   * object ({@code owner.writeLock()} on a type that is none of these) belongs to that object: the locking
   * protocol lives there, and writes under it are no evidence about this class's other writers.
   */
  public static final Set<String> LOCK_TYPES = LockKnowledge.LOCK_TYPES;

  /**
   * {@link LockKnowledge#HELD_ASSERTIONS}: a method that asserts that the current thread holds a lock runs
   * with it held; its callers, maybe in a superclass this class cannot see, take it.
   */
  public static final List<MethodRef> LOCK_HELD_ASSERTIONS = LockKnowledge.HELD_ASSERTIONS;

  /**
   * Methods that retire an object ({@code close}, {@code dispose}, {@code shutdown}, …). A {@link
   * #CLEARING_WRITE_METHODS clear} there runs when the object's writers are expected to have stopped: it
   * races them only when teardown can run on another thread, which a class shows by handing work to other
   * threads (spring's shutdown hook runs close()); a lock alone does not (reactor's
   * SchedulerMetricDecorator.dispose(), retired under its registry's lock).
   */
  public static final Set<String> TEARDOWN_METHOD_NAMES =
      Ordered.set("close", "dispose", "shutdown", "shutdownNow", "stop", "destroy");

  /** Writes that empty the whole map or set: what a teardown method does to it. */
  public static final Set<String> CLEARING_WRITE_METHODS = Ordered.set("clear");

  // ---- what the message says ------------------------------------------------------------------------

  /** The remedy for a map or set whose class the engine cannot tell: the replacements for each kind. */
  public static final String REMEDY_FOR_ANY_MAP =
      "Use ConcurrentHashMap (ConcurrentHashMap.newKeySet() for a set), ConcurrentSkipListMap where the"
          + " sort order matters, or guard every access with one lock.";

  /**
   * The remedy that keeps what the code relies on, by the class written ({@link #UNSAFE_COLLECTIONS}): a
   * sorted map needs a sorted concurrent one, an insertion-ordered, identity or weak map has no concurrent
   * twin and needs a lock or a synchronized wrapper. {@link #REMEDY_FOR_ANY_MAP} for anything else.
   */
  public static String remedyFor(String unsafeCollection) {
    if (unsafeCollection == null) {
      return REMEDY_FOR_ANY_MAP;
    }
    return switch (unsafeCollection.replace('/', '.')) {
      case "java.util.HashMap" -> "Use ConcurrentHashMap or guard every access with one lock.";
      case "java.util.HashSet" -> "Use ConcurrentHashMap.newKeySet() or guard every access with one lock.";
      case "java.util.TreeMap" ->
          "Use ConcurrentSkipListMap, which keeps the sort order, or guard every access with one lock.";
      case "java.util.TreeSet" ->
          "Use ConcurrentSkipListSet, which keeps the sort order, or guard every access with one lock.";
      case "java.util.LinkedHashMap", "java.util.LinkedHashSet" ->
          "Guard every access, iteration included, with one lock (or a Collections.synchronized wrapper held"
              + " while iterating); ConcurrentHashMap would lose the order.";
      case "java.util.WeakHashMap" ->
          "Guard every access with one lock, or wrap it with Collections.synchronizedMap; the JDK has no"
              + " concurrent weak map.";
      case "java.util.IdentityHashMap" ->
          "Guard every access with one lock, or wrap it with Collections.synchronizedMap; ConcurrentHashMap"
              + " compares keys with equals(), not identity.";
      case "java.util.EnumMap" ->
          "Guard every access with one lock, or wrap it with Collections.synchronizedMap, which keeps the"
              + " enum order.";
      default -> REMEDY_FOR_ANY_MAP;
    };
  }

  /**
   * Where the other thread comes from, with the phrase each kind puts into the message's origin slot
   * ("'cache' is written without a lock {1}"). The {@code %s} details are what the engine can name.
   */
  public enum Kind implements dev.crashguard.catalog.FindingKind {
    /** A task handed to another thread; detail: {@link #handoff} of the call. */
    TASK_HANDOFF("by a task handed to %s"),
    /** A function of a parallel stream; detail: the operation ("forEach at line 12"). */
    PARALLEL_STREAM("by a parallel stream's %s"),
    /** The thread entry method of a thread or task class; details: method, kind of class, class. */
    THREAD_ENTRY("in %s() of %s class %s, while other methods use it too"),
    /** A method that takes no lock although the map's other writers hold one; detail: the method. */
    INCONSISTENT_LOCKING("in %s(), while its other writers hold one"),
    /** A volatile field: the class says several threads use it. */
    VOLATILE_FIELD("by several threads (the field is volatile)"),
    /** A public method of a Spring singleton; detail: the class. */
    SPRING_SINGLETON("by concurrent requests to Spring singleton %s"),
    /** A request method of a servlet; detail: the class. */
    SERVLET("by concurrent requests to servlet %s");

    private final String phrase;

    Kind(String phrase) {
      this.phrase = phrase;
    }

    @Override
    public String phrase() {
      return phrase;
    }
  }

  /**
   * How an engine names the call a task was handed to, as much as it can see: {@code
   * ExecutorService.submit on 'pool' at line 14}, {@code new Thread at line 9}.
   *
   * @param owner the declaring type's simple name ({@code ExecutorService}, {@code Thread.Builder})
   * @param method the method's name, {@link MethodRef#CONSTRUCTOR} for a constructor
   * @param receiver the variable the call is made on, or null
   * @param line the line of the call, or 0 when unknown
   */
  public static String handoff(String owner, String method, String receiver, long line) {
    StringBuilder out = new StringBuilder();
    out.append(MethodRef.CONSTRUCTOR.equals(method) ? "new " + owner : owner + "." + method);
    if (receiver != null) {
      out.append(" on '").append(receiver).append("'");
    }
    if (line > 0) {
      out.append(" at line ").append(line);
    }
    return out.toString();
  }

  /** A hand-off whose task calls the method holding the write: "… (which calls forgetAll())". */
  public static String callingMethod(String handoff, String method) {
    return handoff + " (which calls " + method + "())";
  }

  /** A hand-off whose task is a method reference to the method holding the write: "… (this::forgetAll)". */
  public static String referencing(String handoff, String reference) {
    return handoff + " (" + reference + ")";
  }

  /**
   * The origin phrase of the PMD rule, which has one message for all its branches (XPath cannot say which
   * branch found a write).
   */
  public static final String PMD_ORIGIN =
      "by code that runs concurrently: an executor task, a new thread, a parallel stream, a request to a"
          + " shared bean or servlet, or a method whose sibling writers synchronize";

  // ---- helpers ---------------------------------------------------------------------------------------

  /** The distinct method names of some {@link MethodRef}s, in order. */
  public static Set<String> names(List<MethodRef> methods) {
    Set<String> names = new LinkedHashSet<>();
    for (MethodRef method : methods) {
      names.add(method.name());
    }
    return Collections.unmodifiableSet(names);
  }

  /** The distinct owners of some {@link MethodRef}s, in order. */
  public static Set<String> owners(List<MethodRef> methods) {
    Set<String> owners = new LinkedHashSet<>();
    for (MethodRef method : methods) {
      owners.add(method.owner());
    }
    return Collections.unmodifiableSet(owners);
  }

  private static List<MethodRef> methods(String... ownersAndNames) {
    return MethodRef.list(ownersAndNames);
  }
}
