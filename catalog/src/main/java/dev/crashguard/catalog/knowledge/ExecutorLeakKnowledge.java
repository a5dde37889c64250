package dev.crashguard.catalog.knowledge;

import dev.crashguard.catalog.FindingKind;
import java.util.List;
import java.util.Set;

/**
 * The library knowledge of hazard {@code ExecutorLeak}, once, for every engine: which calls create an
 * executor or a timer with threads of its own, which calls end them, what takes ownership of one, which
 * threads are daemon or time out (and so cannot keep the JVM alive), where a class tears itself down, which
 * methods serve a request, and the phrase each kind of finding puts into the catalog message's origin slot.
 *
 * <p>The hazard: a pool that is never shut down keeps its threads. Created per call, per request or per loop
 * pass, the pools pile up until {@code OutOfMemoryError: unable to create native thread}
 * (google-http-java-client#2122, spring-boot#18263, metro-jax-ws#454, incubator-kie#2247); kept with
 * non-daemon threads and never shut down, one pool is enough to keep the JVM from exiting (jbang#2523,
 * helix#1915, Hystrix#759, playframework#3719 for a {@code Timer}).
 *
 * <p><b>Where a finding is reported (the corpus marker line):</b> always on the <em>creation</em>, the line
 * where the creating call ({@code Executors.newFixedThreadPool(…)}, {@code new ThreadPoolExecutor(…)},
 * {@code new Timer()}, {@code MoreExecutors.getExitingExecutorService(…)} around one) begins, whatever the
 * kind: for a local never shut down, a pool shut down on the normal path only, an inline argument, a field
 * or static never shut down (its initializer, or the assignment in a constructor or method), and a field
 * overwritten (the creation whose value replaces the old pool). The creation is the one place all three
 * engines see the same way (a {@code new}/{@code invokestatic} in bytecode, a call in the tree); the missing
 * shutdown has no line. The corpus writes each creation on one line.
 *
 * <p><b>What is reported</b> (each a {@link Kind}): a pool created by {@link #EXECUTOR_FACTORIES} or {@link
 * #EXECUTOR_CONSTRUCTORS} in a method and neither shut down ({@link #SHUTDOWN_METHODS}) on every path nor
 * handed away (returned, stored in a field, array or collection, passed to a constructor or a method that is
 * not one of {@link #NON_OWNING_EXECUTOR_PARAMETERS}); one shut down after work that can throw but not in a
 * {@code finally}, and one stored in a field by a constructor before code that can throw (the object whose
 * {@code close()} would end it is never made, apache/maven#12800); one created inline as an argument of a
 * non-owning call, or only to call one method on it; one created in a loop body or in a request handler
 * ({@link #REQUEST_HANDLER_ANNOTATIONS}, {@link #SERVLET_REQUEST_METHODS}) without a shutdown on every path;
 * a field that no method of its class shuts down, and a field assigned a new pool without shutting down the
 * old one; a static pool whose threads keep the JVM alive; a {@code new Timer()} never cancelled.
 *
 * <p><b>What is not:</b> try-with-resources (Java 19+) or a shutdown in {@code finally}; a pool returned
 * (a factory method, a Spring {@code @Bean}: Spring infers {@code shutdown()}/{@code close()} as its destroy
 * method) or handed to a constructor that keeps it; {@link #THREAD_PER_TASK_FACTORIES} (their threads end
 * with their tasks); {@link #SHARED_POOLS}; a pool wrapped by {@link #EXITING_EXECUTOR_WRAPPERS} outside a
 * loop; a field shut down by any method of its class ({@code close()}, a {@link #TEARDOWN_ANNOTATIONS} method,
 * {@code DisposableBean.destroy()}, a shutdown hook); a static pool that cannot keep the JVM alive (see
 * below).
 *
 * <p><b>Static pools never shut down</b> (decided from the real-world data, docs/ExecutorLeak.md): an
 * application-wide static pool is meant to live as long as the JVM; it leaks nothing while it lives, and
 * the only harm is at exit. So a static pool is reported only when its threads can keep the JVM from exiting:
 * built with the default (non-daemon) thread factory, with core threads that never time out ({@link
 * #EXECUTOR_FACTORIES} other than {@link #IDLING_OUT_FACTORIES}, a {@code ThreadPoolExecutor} whose core size
 * is not the literal 0, or a non-daemon {@code Timer}), and with no shutdown anywhere in the class or a
 * shutdown hook. Projects fixed exactly these hangs by making the threads daemon (helix#1936, Hystrix#760,
 * jbang#2524, playframework#3719), and lettuce ships a static daemon pool that is never shut down without
 * trouble: evidence of {@link #DAEMON_THREAD_SIGNALS}, {@link #DAEMON_FLAG_CONSTRUCTORS}, {@link
 * #VIRTUAL_THREAD_FACTORIES}, {@link #CORE_THREAD_TIMEOUT}, {@link #SHUTDOWN_HOOK_REGISTRATIONS} or {@link
 * #EXITING_EXECUTOR_WRAPPERS} silences it.
 *
 * <p>Plain data (strings, {@link MethodRef}), read directly by the Error Prone check and the SpotBugs
 * detector and bound by name into the PMD rule's XPath. Class names are binary names ({@link
 * Class#getName()}); a {@link MethodRef} owner stands for its subtypes too. The catalog's {@code
 * JdkKnowledgeTest} holds every {@code java.*} entry to the running JDK and {@code ExecutorLeakKnowledgeTest}
 * what the lists claim about it. Guava, Spring, servlet and JAX-RS are not on the catalog's class path: the
 * corpus (testdata/pom.xml: Guava 33.7.2, Spring 7.0, Servlet 6.1, JAX-RS 4.0) compiles against them.
 */
public final class ExecutorLeakKnowledge {

  private ExecutorLeakKnowledge() {}

  // ---- what creates a pool -------------------------------------------------------------------------------

  /** {@code ExecutorService}: what every pool below is, and what try-with-resources closes (Java 19+). */
  public static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";

  /** {@code java.util.Timer}: one non-daemon thread per timer, unless constructed with {@code isDaemon = true}. */
  public static final String TIMER = "java.util.Timer";

  /**
   * Pools and timers that start a thread when they are made: {@code java.util.Timer}. Every other creation
   * the knowledge names starts its threads with its first task ({@code ThreadPoolExecutor} adds workers in
   * {@code execute}, {@code ScheduledThreadPoolExecutor} in {@code schedule}, {@code ForkJoinPool} on its
   * first submission), so one that fails before its first task leaves no thread behind and nothing leaks.
   */
  public static final Set<String> STARTS_THREAD_WHEN_MADE = Ordered.set(TIMER);

  /** {@code Executors}, whose static factories make the pools of {@link #EXECUTOR_FACTORIES}. */
  public static final String EXECUTORS = "java.util.concurrent.Executors";

  /**
   * Static factories whose result is a new pool with threads of its own, each made by {@code
   * Executors.defaultThreadFactory()} (non-daemon) unless a {@code ThreadFactory} argument says otherwise.
   * {@code newWorkStealingPool} makes a {@code ForkJoinPool} (daemon workers, see {@link
   * #DAEMON_WORKER_POOLS}). Exact owners (static methods are not inherited).
   */
  public static final List<MethodRef> EXECUTOR_FACTORIES =
      methods(
          EXECUTORS, "newFixedThreadPool",
          EXECUTORS, "newCachedThreadPool",
          EXECUTORS, "newSingleThreadExecutor",
          EXECUTORS, "newScheduledThreadPool",
          EXECUTORS, "newSingleThreadScheduledExecutor",
          EXECUTORS, "newWorkStealingPool");

  /**
   * Constructors of pools and timers: each {@code new} starts (or will start, on the first task) threads
   * that only a shutdown or cancel ends. A subclass ({@code new MyPool(…)} extending {@code
   * ThreadPoolExecutor}) is covered.
   */
  public static final List<MethodRef> EXECUTOR_CONSTRUCTORS =
      methods(
          "java.util.concurrent.ThreadPoolExecutor", MethodRef.CONSTRUCTOR,
          "java.util.concurrent.ScheduledThreadPoolExecutor", MethodRef.CONSTRUCTOR,
          "java.util.concurrent.ForkJoinPool", MethodRef.CONSTRUCTOR,
          TIMER, MethodRef.CONSTRUCTOR);

  /**
   * Factories among {@link #EXECUTOR_FACTORIES} whose threads all end after an idle time: {@code
   * newCachedThreadPool} (core size 0, 60 s keep-alive). Created per call they still pile up under load; as
   * a static pool they delay JVM exit by a minute at most and are not reported (fb-contrib rates this case
   * "Meh"). The same holds for {@code new ThreadPoolExecutor(0, …)} with a literal core size 0.
   */
  public static final List<MethodRef> IDLING_OUT_FACTORIES = methods(EXECUTORS, "newCachedThreadPool");

  /**
   * Factories whose executor starts one new thread per task and keeps none: when the tasks end, nothing is
   * left running (virtual threads are daemon). Never reported, closed or not; try-with-resources around
   * them is the structured-concurrency idiom of JEP 444.
   */
  public static final List<MethodRef> THREAD_PER_TASK_FACTORIES =
      methods(
          EXECUTORS, "newVirtualThreadPerTaskExecutor",
          EXECUTORS, "newThreadPerTaskExecutor");

  /**
   * Pools that are not created but shared, and must never be shut down by their users: {@code
   * ForkJoinPool.commonPool()} ("its run state is unaffected by attempts to shutdown or shutdownNow"), the
   * pool behind {@code CompletableFuture}'s default async methods.
   */
  public static final List<MethodRef> SHARED_POOLS = methods("java.util.concurrent.ForkJoinPool", "commonPool");

  /**
   * Pools whose workers are daemon threads: {@code ForkJoinPool} (and so {@code newWorkStealingPool()}).
   * They never keep the JVM alive, so a {@code ForkJoinPool} field or static never shut down is not
   * reported; created per call or per loop pass they still pile up (idle workers end after 60 s only:
   * incubator-kie#2247, scala/bug#11097, tribuo#223).
   */
  public static final Set<String> DAEMON_WORKER_POOLS = Ordered.set("java.util.concurrent.ForkJoinPool");

  /**
   * Factories among {@link #EXECUTOR_FACTORIES} whose pool is one of {@link #DAEMON_WORKER_POOLS} although
   * their declared result type does not say so: {@code newWorkStealingPool} returns a {@code ForkJoinPool}
   * typed as {@code ExecutorService}.
   */
  public static final List<MethodRef> DAEMON_WORKER_FACTORIES = methods(EXECUTORS, "newWorkStealingPool");

  // ---- what ends it ---------------------------------------------------------------------------------------

  /**
   * Calls that end a pool's or a timer's threads (once their tasks are done): {@code shutdown()}, {@code
   * shutdownNow()}, {@code close()} (Java 19+: shutdown and wait, what try-with-resources calls), {@code
   * Timer.cancel()}. {@code awaitTermination} alone is <em>not</em> here: it waits for a shutdown that was
   * never asked for and returns false (fb-contrib's {@code SingleThreadExecutorTryProblem}).
   */
  public static final List<MethodRef> SHUTDOWN_METHODS =
      methods(
          EXECUTOR_SERVICE, "shutdown",
          EXECUTOR_SERVICE, "shutdownNow",
          EXECUTOR_SERVICE, "close",
          TIMER, "cancel");

  /**
   * Static helpers that shut down the executor they are given as their first argument: Guava's {@code
   * MoreExecutors.shutdownAndAwaitTermination(service, timeout)}.
   */
  public static final List<MethodRef> STATIC_SHUTDOWN_HELPERS =
      methods("com.google.common.util.concurrent.MoreExecutors", "shutdownAndAwaitTermination");

  /**
   * Calls whose result wraps the executor they are given and forwards {@code shutdown()} to it: the wrapper
   * is the pool, shutting the wrapper down shuts the pool down, and a wrapper returned or stored hands the
   * pool away with it ({@code Executors.unconfigurableExecutorService(pool)}, Guava's {@code
   * MoreExecutors.listeningDecorator(pool)}).
   */
  public static final List<MethodRef> FORWARDING_WRAPPERS =
      methods(
          EXECUTORS, "unconfigurableExecutorService",
          EXECUTORS, "unconfigurableScheduledExecutorService",
          "com.google.common.util.concurrent.MoreExecutors", "listeningDecorator");

  /**
   * Where work between a pool's creation and its shutdown counts as unable to throw ({@link
   * Kind#SHUT_DOWN_ONLY_ON_NORMAL_PATH}): methods and constructors of classes in these packages (the JDK's
   * own) that declare no checked exception ({@code new ArrayList<>()}, {@code list.add(…)}, {@code
   * String.valueOf}); their unchecked exceptions are bugs, not failures to plan a shutdown for. Any other call,
   * a JDK call that declares a checked exception ({@code Future.get}, {@code Thread.sleep}) and a {@code
   * throw} can throw; calls on the pool itself never count (a fresh pool rejects nothing). Prefixes of
   * fully qualified class names.
   */
  public static final Set<String> NON_THROWING_PACKAGE_PREFIXES = Ordered.set("java.");

  /**
   * {@link ControlFlowKnowledge#LOGGER_TYPES}: a call on a logger does not throw, so a log call between a
   * pool's creation and its shutdown, or in a catch block that goes on to the shutdown (libthrift's
   * TNonblockingMultiFetchClient logs each failure of the fetch through SLF4J), cannot skip the shutdown.
   */
  public static final Set<String> NON_THROWING_CALL_TYPES = ControlFlowKnowledge.LOGGER_TYPES;

  /**
   * For PMD, which sees no throws clause: the calls on a task's future that throw when the task failed
   * ({@code Future.get} declares {@code ExecutionException}), on a future the pool returned or a task handed
   * to it ({@code executor.execute(futureTask)}, libthrift's TNonblockingMultiFetchClient). Its other calls
   * ({@code cancel}, {@code isDone}) declare nothing, so they cannot throw ({@link
   * #NON_THROWING_PACKAGE_PREFIXES}).
   */
  public static final List<MethodRef> TASK_RESULT_WAITS = methods("java.util.concurrent.Future", "get");

  /**
   * {@link ControlFlowKnowledge#UNCHECKED_EXCEPTION_ROOTS}: a method whose throws clause names only these
   * catches every checked exception of its calls itself (how PMD, which cannot read a JDK call's throws
   * clause, knows that typed catches cover them all).
   */
  public static final Set<String> UNCHECKED_EXCEPTION_ROOTS = ControlFlowKnowledge.UNCHECKED_EXCEPTION_ROOTS;

  // ---- who owns it ----------------------------------------------------------------------------------------

  /**
   * Calls that take an executor argument to run work on and never shut it down: {@code
   * CompletableFuture.supplyAsync(task, Executors.newFixedThreadPool(4))} leaves the pool running
   * (google-http-java-client#2122: {@code executeAsync(Executors.newSingleThreadExecutor())}). Every
   * instance method of {@link #ASYNC_STAGE_TYPE} named {@code …}{@link #ASYNC_METHOD_SUFFIX} that takes an
   * executor belongs here too. Passing a fresh pool to any other constructor or method hands it to an owner
   * (curator's {@code new CloseableExecutorService(Executors.newSingleThreadExecutor(tf), true)}, Quartz's
   * {@code new CounterManagerImpl(new Timer(…))}), which is not reported.
   */
  public static final List<MethodRef> NON_OWNING_EXECUTOR_PARAMETERS =
      methods(
          "java.util.concurrent.CompletableFuture", "supplyAsync",
          "java.util.concurrent.CompletableFuture", "runAsync",
          "java.util.concurrent.CompletableFuture", "delayedExecutor",
          "java.util.concurrent.ExecutorCompletionService", MethodRef.CONSTRUCTOR,
          "java.util.concurrent.SubmissionPublisher", MethodRef.CONSTRUCTOR,
          "java.net.http.HttpClient$Builder", "executor");

  /**
   * {@link UnsynchronizedMapWriteKnowledge#ASYNC_STAGE_TYPE}: its {@code …Async(fn, executor)} methods only
   * use the executor.
   */
  public static final String ASYNC_STAGE_TYPE = UnsynchronizedMapWriteKnowledge.ASYNC_STAGE_TYPE;

  /** {@link UnsynchronizedMapWriteKnowledge#ASYNC_METHOD_SUFFIX}. */
  public static final String ASYNC_METHOD_SUFFIX = UnsynchronizedMapWriteKnowledge.ASYNC_METHOD_SUFFIX;

  /**
   * Calls that configure a pool and start no thread: a {@code ThreadPoolExecutor} starts its workers with its
   * first task (or a {@code prestart…} call), and its settings and a {@code ScheduledThreadPoolExecutor}'s
   * shutdown policies only record a value. A constructor that stores a pool, configures it and then fails
   * leaves no thread behind (qpid-jms-client's {@code JmsConnectionConsumer} sets its dispatcher's policies
   * before creating the consumer, which can fail).
   */
  public static final List<MethodRef> POOL_CONFIGURATION_METHODS =
      methods(
          "java.util.concurrent.ThreadPoolExecutor", "setMaximumPoolSize",
          "java.util.concurrent.ThreadPoolExecutor", "setKeepAliveTime",
          "java.util.concurrent.ThreadPoolExecutor", "allowCoreThreadTimeOut",
          "java.util.concurrent.ThreadPoolExecutor", "setThreadFactory",
          "java.util.concurrent.ThreadPoolExecutor", "setRejectedExecutionHandler",
          "java.util.concurrent.ScheduledThreadPoolExecutor", "setRemoveOnCancelPolicy",
          "java.util.concurrent.ScheduledThreadPoolExecutor", "setContinueExistingPeriodicTasksAfterShutdownPolicy",
          "java.util.concurrent.ScheduledThreadPoolExecutor", "setExecuteExistingDelayedTasksAfterShutdownPolicy");

  /**
   * {@link UnsynchronizedMapWriteKnowledge#TASK_HANDOFFS}: calls that hand a task to a pool. Called on a
   * pool created in the same expression ({@code Executors.newSingleThreadExecutor().submit(task)}), the pool
   * is used for that one call and dropped while its thread still runs.
   */
  public static final List<MethodRef> TASK_HANDOFFS = UnsynchronizedMapWriteKnowledge.TASK_HANDOFFS;

  /**
   * {@code Executor}: a class that is one itself and keeps its pool in a field (an event loop that runs its
   * tasks on a single-thread pool, SelfExecutingEventLoop in the UnsynchronizedMapWrite corpus) is a pool to
   * its users: it is owned, and judged, where it is created, not by its field.
   */
  public static final String EXECUTOR = "java.util.concurrent.Executor";

  // ---- threads that cannot keep the JVM alive -------------------------------------------------------------

  /**
   * Calls that make the threads of a {@code ThreadFactory} daemon (with a {@code true} argument where they
   * take one): {@code Thread.setDaemon(true)} in the factory's {@code newThread} (a lambda or a class),
   * {@code Thread.ofPlatform().daemon()} before {@code .factory()}, Guava's {@code new
   * ThreadFactoryBuilder().setDaemon(true)}, commons-lang's {@code BasicThreadFactory.Builder.daemon(true)},
   * and Spring's {@code CustomizableThreadCreator.setDaemon(true)}. A pool built with such a factory never
   * keeps the JVM from exiting. See also {@link #DAEMON_FLAG_CONSTRUCTORS} and {@link
   * #VIRTUAL_THREAD_FACTORIES}.
   */
  public static final List<MethodRef> DAEMON_THREAD_SIGNALS =
      methods(
          "java.lang.Thread", "setDaemon",
          "java.lang.Thread$Builder$OfPlatform", "daemon",
          "com.google.common.util.concurrent.ThreadFactoryBuilder", "setDaemon",
          "org.apache.commons.lang3.concurrent.BasicThreadFactory$Builder", "daemon",
          "org.springframework.util.CustomizableThreadCreator", "setDaemon");

  /**
   * Constructors whose {@code boolean} argument, when {@code true}, makes their threads daemon: {@code new
   * Timer(true)} and {@code new Timer(name, true)} ({@code isDaemon}), Netty's {@code new
   * DefaultThreadFactory(name, true)}. With {@code false}, or without the argument, the threads are not.
   */
  public static final List<MethodRef> DAEMON_FLAG_CONSTRUCTORS =
      methods(
          TIMER, MethodRef.CONSTRUCTOR,
          "io.netty.util.concurrent.DefaultThreadFactory", MethodRef.CONSTRUCTOR);

  /**
   * Thread factories whose threads are virtual, and so daemon: {@code Thread.ofVirtual().factory()}.
   */
  public static final List<MethodRef> VIRTUAL_THREAD_FACTORIES =
      methods("java.lang.Thread$Builder$OfVirtual", "factory");

  /**
   * {@code ThreadPoolExecutor.allowCoreThreadTimeOut(true)}: core threads end after the keep-alive time too,
   * so an idle pool shrinks to no thread (HikariCP's network-timeout executor). With it, a pool delays JVM
   * exit by its keep-alive time at most; a static or field pool is not reported (langchain4j#3678: without
   * it, core threads never expire whatever {@code keepAliveTime} says). It throws {@code
   * IllegalArgumentException} on a pool whose keep-alive is 0, as {@code newFixedThreadPool}'s is, until
   * {@code setKeepAliveTime} gives it one.
   */
  public static final MethodRef CORE_THREAD_TIMEOUT =
      new MethodRef("java.util.concurrent.ThreadPoolExecutor", "allowCoreThreadTimeOut");

  /**
   * {@code ThreadFactory}: a pool given one makes its threads the factory's way (daemon by {@link
   * #DAEMON_THREAD_SIGNALS}, virtual, or inheriting the daemon flag of the thread that creates them), so
   * whether they can keep the JVM alive is not the default factory's answer. An engine that cannot follow
   * the factory to such evidence stays silent on a static pool given one (the creating thread decides).
   */
  public static final String THREAD_FACTORY = "java.util.concurrent.ThreadFactory";

  // ---- what shuts it down at exit -------------------------------------------------------------------------

  /**
   * Registrations of code that runs when the JVM shuts down: a pool shut down by a hook ({@code
   * Runtime.getRuntime().addShutdownHook(new Thread(pool::shutdown))}) is owned by the application's
   * lifetime. Guava's {@code addDelayedShutdownHook(service, …)} registers one that shuts down {@code
   * service}.
   */
  public static final List<MethodRef> SHUTDOWN_HOOK_REGISTRATIONS =
      methods(
          "java.lang.Runtime", "addShutdownHook",
          "com.google.common.util.concurrent.MoreExecutors", "addDelayedShutdownHook");

  /**
   * Guava's exiting executors: {@code getExitingExecutorService(pool)} makes the pool's threads daemon and
   * registers a shutdown hook that shuts it down (default 120 s to finish). A static or field pool wrapped
   * this way is not reported. Each call adds a hook that keeps the pool reachable until exit, so one created
   * per call or in a loop still piles up threads and hooks, and is reported.
   */
  public static final List<MethodRef> EXITING_EXECUTOR_WRAPPERS =
      methods(
          "com.google.common.util.concurrent.MoreExecutors", "getExitingExecutorService",
          "com.google.common.util.concurrent.MoreExecutors", "getExitingScheduledExecutorService");

  // ---- where a class tears itself down --------------------------------------------------------------------

  /**
   * Annotations of the method a container calls when it retires the object (jakarta and javax {@code
   * @PreDestroy}): where a field's shutdown belongs. A shutdown in any method of the class counts (the class
   * shows it knows the pool must end); this list tells an engine's fix where to add one.
   */
  public static final Set<String> TEARDOWN_ANNOTATIONS =
      Ordered.set("jakarta.annotation.PreDestroy", "javax.annotation.PreDestroy");

  /**
   * Methods a framework or a user calls to retire an object: {@code AutoCloseable.close()}, Spring's {@code
   * DisposableBean.destroy()} and {@code Lifecycle.stop()}, a servlet's or filter's {@code destroy()}, Guava's
   * {@code AbstractIdleService.shutDown()}.
   * Like {@link #TEARDOWN_ANNOTATIONS}, a place for a fix to shut the field down.
   */
  public static final List<MethodRef> TEARDOWN_METHODS =
      methods(
          "java.lang.AutoCloseable", "close",
          "org.springframework.beans.factory.DisposableBean", "destroy",
          "org.springframework.context.Lifecycle", "stop",
          "jakarta.servlet.Servlet", "destroy",
          "jakarta.servlet.Filter", "destroy",
          "com.google.common.util.concurrent.AbstractIdleService", "shutDown");

  /**
   * {@link UnsynchronizedMapWriteKnowledge#TEARDOWN_METHOD_NAMES}: methods that retire an object, by name
   * ({@code close}, {@code dispose}, {@code shutdown}, {@code stop}, {@code destroy}), for classes that
   * implement no interface of {@link #TEARDOWN_METHODS} (prometheus#303: {@code HTTPServer.stop()}).
   */
  public static final Set<String> TEARDOWN_METHOD_NAMES = UnsynchronizedMapWriteKnowledge.TEARDOWN_METHOD_NAMES;

  /**
   * Spring's {@code @Bean}: a method returning a pool hands it to the container, which calls its public
   * {@code close()} or {@code shutdown()} when the context closes (destroy-method inference), so the return
   * that silences any factory method silences this one too. {@code @Bean(destroyMethod = "")} turns the
   * inference off; that is not judged.
   */
  public static final String SPRING_BEAN = "org.springframework.context.annotation.Bean";

  // ---- request scope --------------------------------------------------------------------------------------

  /**
   * Annotations of methods that run once per request: Spring MVC's request mappings and JAX-RS's resource
   * methods (jakarta and javax). A pool created in one of them and not shut down on every path there is
   * created for every request (spring-boot#18263, lightblue-core#632); handing it to an object the handler
   * made does not save it, that object is request scoped too.
   */
  public static final Set<String> REQUEST_HANDLER_ANNOTATIONS =
      Ordered.set(
          "org.springframework.web.bind.annotation.RequestMapping",
          "org.springframework.web.bind.annotation.GetMapping",
          "org.springframework.web.bind.annotation.PostMapping",
          "org.springframework.web.bind.annotation.PutMapping",
          "org.springframework.web.bind.annotation.DeleteMapping",
          "org.springframework.web.bind.annotation.PatchMapping",
          "jakarta.ws.rs.GET",
          "jakarta.ws.rs.POST",
          "jakarta.ws.rs.PUT",
          "jakarta.ws.rs.DELETE",
          "jakarta.ws.rs.PATCH",
          "jakarta.ws.rs.HEAD",
          "jakarta.ws.rs.OPTIONS",
          "javax.ws.rs.GET",
          "javax.ws.rs.POST",
          "javax.ws.rs.PUT",
          "javax.ws.rs.DELETE",
          "javax.ws.rs.PATCH",
          "javax.ws.rs.HEAD",
          "javax.ws.rs.OPTIONS");

  /** Servlet methods that run once per request, in a subclass that overrides them (jakarta and javax). */
  public static final List<MethodRef> SERVLET_REQUEST_METHODS =
      methods(
          "jakarta.servlet.http.HttpServlet", "doGet",
          "jakarta.servlet.http.HttpServlet", "doPost",
          "jakarta.servlet.http.HttpServlet", "doPut",
          "jakarta.servlet.http.HttpServlet", "doDelete",
          "jakarta.servlet.http.HttpServlet", "doPatch",
          "jakarta.servlet.http.HttpServlet", "service",
          "jakarta.servlet.Filter", "doFilter",
          "javax.servlet.http.HttpServlet", "doGet",
          "javax.servlet.http.HttpServlet", "doPost",
          "javax.servlet.http.HttpServlet", "doPut",
          "javax.servlet.http.HttpServlet", "doDelete",
          "javax.servlet.http.HttpServlet", "service",
          "javax.servlet.Filter", "doFilter");

  // ---- what the message says ------------------------------------------------------------------------------

  /**
   * What went wrong, each with the phrase it puts into the catalog message's origin slot ({@code {1}}),
   * verb included: "'pool' is created on every pass of a loop and never shut down; …". The subject slot
   * ({@code {0}}) names the variable or field, or the creating call when it has no name. The {@code %s}
   * details are what an engine can name (a call and its line, a method, a field); Error Prone and SpotBugs
   * use these phrases, PMD uses {@link #PMD_ORIGIN}.
   */
  public enum Kind implements FindingKind {
    /** A pool created in a method, held in a local, and neither shut down on every path nor handed away. */
    CREATED_AND_DROPPED("is created here and never shut down, returned, stored or handed to an owner"),
    /**
     * A shutdown after work that can throw, not in a finally block (nor in a catch-all that rethrows), or a
     * pool stored by a constructor before work that can throw; detail: the call that can throw. Work that
     * can throw is any call other than a hand-off to the pool itself ({@link
     * ExecutorLeakKnowledge#TASK_HANDOFFS} on it) or a call that configures it (a fresh pool rejects
     * nothing): {@code submit(…)}, {@code shutdown()}, {@code awaitTermination(…)} is right; {@code
     * submit(…).get()}, then {@code shutdown()} is not.
     */
    SHUT_DOWN_ONLY_ON_NORMAL_PATH("is shut down only on the normal path, not when %s throws before that"),
    /** A pool created as the argument of a call that only runs work on it; detail: the call. */
    CREATED_AS_ARGUMENT("is created inline as the argument of %s, which runs work on it but never shuts it down"),
    /** A pool created only to call one method on it; detail: the call. */
    CREATED_FOR_ONE_CALL("is created only for %s and dropped while its threads still run"),
    /** A pool created in a loop body and not shut down in that pass. */
    CREATED_IN_LOOP("is created on every pass of a loop and never shut down"),
    /** A pool created in a request handler and not shut down there; detail: the handler. */
    CREATED_PER_REQUEST("is created for every request to %s and never shut down"),
    /** A field pool that no method of its class shuts down; detail: the field. */
    FIELD_NEVER_SHUT_DOWN(
        "is kept in field %s, which no method of the class shuts down (close(), @PreDestroy, a shutdown hook)"),
    /**
     * A new pool assigned to a field, outside the constructor, whose old pool is not shut down first (in the
     * same method, before or right after the assignment); an assignment under {@code if (field == null)} is
     * lazy creation, not a replacement; detail: the field.
     */
    FIELD_OVERWRITTEN("replaces the pool in field %s without shutting down the one it held, whose threads stay"),
    /** A static pool with non-daemon threads that never time out and nothing to end them; detail: the field. */
    STATIC_POOL_KEEPS_JVM_ALIVE(
        "is kept in static field %s with non-daemon threads that nothing stops, so the JVM cannot exit"),
    /** A non-daemon Timer, in a field or static, that nothing cancels. */
    TIMER_NEVER_CANCELLED("starts a non-daemon timer thread that is never cancelled"),
    /** A Timer created in a method and not cancelled on every path. */
    TIMER_PER_CALL("starts a new timer thread on every call and never cancels it");

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
   * The origin phrase of the PMD rule, which has one message for all its branches (XPath cannot say which
   * branch found the leak).
   */
  public static final String PMD_ORIGIN =
      "is created per call, per request or in a loop without a shutdown on every path, or kept in a field that"
          + " nothing shuts down or cancels";

  private static List<MethodRef> methods(String... ownersAndNames) {
    return MethodRef.list(ownersAndNames);
  }
}
