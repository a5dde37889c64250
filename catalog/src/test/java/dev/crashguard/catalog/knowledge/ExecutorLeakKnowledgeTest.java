package dev.crashguard.catalog.knowledge;

import static dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the ExecutorLeak knowledge to the JDK that runs the build, beyond "every name exists" ({@code
 * JdkKnowledgeTest}): the factories are static and return pools, the default factory's threads are
 * non-daemon and a ForkJoinPool's are daemon, a cached pool's core size is 0, each shutdown method ends a
 * pool (and {@code awaitTermination} alone does not), a Timer's thread is non-daemon unless asked, the
 * shared pool ignores shutdown. Library entries (Guava, Spring, servlet, JAX-RS) are not on the catalog's
 * class path; the corpus compiles against them.
 */
class ExecutorLeakKnowledgeTest {

  @Test
  void factoriesAreStaticAndReturnExecutorServices() {
    for (List<MethodRef> list : List.of(EXECUTOR_FACTORIES, IDLING_OUT_FACTORIES, THREAD_PER_TASK_FACTORIES)) {
      for (MethodRef ref : list) {
        assertTrue(methods(ref).allMatch(m -> Modifier.isStatic(m.getModifiers())
            && ExecutorService.class.isAssignableFrom(m.getReturnType())), ref + " is a static factory of a pool");
      }
    }
    assertTrue(EXECUTOR_FACTORIES.containsAll(IDLING_OUT_FACTORIES), "the idling-out factories are factories");
    assertTrue(EXECUTOR_FACTORIES.stream().noneMatch(THREAD_PER_TASK_FACTORIES::contains),
        "thread-per-task factories are never reported, so they are not among the factories");
    for (MethodRef ref : EXECUTOR_CONSTRUCTORS) {
      assertTrue(ref.isConstructor(), ref.toString());
    }
    for (MethodRef ref : FORWARDING_WRAPPERS) {
      if (ref.owner().startsWith("java.")) {
        assertTrue(methods(ref).allMatch(m -> Modifier.isStatic(m.getModifiers())
            && ExecutorService.class.isAssignableFrom(m.getReturnType())), ref.toString());
      }
    }
  }

  @Test
  void theDefaultThreadFactoryMakesNonDaemonThreadsAndForkJoinWorkersAreDaemon() throws Exception {
    ThreadFactory defaults = Executors.defaultThreadFactory();
    assertFalse(defaults.newThread(() -> {}).isDaemon(), "Executors' pools keep the JVM alive");
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      assertTrue(pool.submit(() -> Thread.currentThread().isDaemon()).get(), "ForkJoinPool workers are daemon");
    } finally {
      pool.shutdown();
    }
    assertEquals(Set.of(ForkJoinPool.class.getName()), DAEMON_WORKER_POOLS);
    // Thread.ofVirtual()/ofPlatform() are Java 21 API; the catalog compiles for 17, the build runs on 21+.
    Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
    Object virtual = Thread.class.getMethod("ofVirtual").invoke(null);
    ThreadFactory virtualFactory = (ThreadFactory) factory.invoke(virtual);
    assertTrue(virtualFactory.newThread(() -> {}).isDaemon(), "virtual threads are daemon");
    Object platform = Thread.class.getMethod("ofPlatform").invoke(null);
    Method daemonSwitch = Class.forName("java.lang.Thread$Builder$OfPlatform").getMethod("daemon");
    Object daemonBuilder = daemonSwitch.invoke(platform);
    assertTrue(((ThreadFactory) factory.invoke(daemonBuilder)).newThread(() -> {}).isDaemon(),
        DAEMON_THREAD_SIGNALS.get(1) + " makes daemon threads");
  }

  @Test
  void aCachedPoolIdlesOutAndCoreThreadTimeOutIsAThreadPoolExecutorSwitch() throws Exception {
    ThreadPoolExecutor cached = (ThreadPoolExecutor) Executors.newCachedThreadPool();
    ThreadPoolExecutor fixed = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
    try {
      assertEquals(0, cached.getCorePoolSize(), "no core thread: every thread ends after the keep-alive");
      assertEquals(2, fixed.getCorePoolSize(), "core threads never end");
      assertFalse(fixed.allowsCoreThreadTimeOut());
      // newFixedThreadPool's keep-alive is 0: the switch throws until a keep-alive time is set.
      assertThrows(IllegalArgumentException.class, () -> fixed.allowCoreThreadTimeOut(true));
      fixed.setKeepAliveTime(1, TimeUnit.SECONDS);
      Method timeout = ThreadPoolExecutor.class.getMethod(CORE_THREAD_TIMEOUT.name(), boolean.class);
      timeout.invoke(fixed, true);
      assertTrue(fixed.allowsCoreThreadTimeOut());
    } finally {
      cached.shutdown();
      fixed.shutdown();
    }
  }

  @Test
  void eachShutdownMethodEndsAPoolAndAwaitTerminationAloneDoesNot() throws Exception {
    for (MethodRef ref : SHUTDOWN_METHODS) {
      if (ref.owner().equals(TIMER)) {
        continue;
      }
      ExecutorService pool = Executors.newSingleThreadExecutor();
      pool.submit(() -> {}).get();
      assertFalse(pool.awaitTermination(10, TimeUnit.MILLISECONDS), "no shutdown asked for: it does not end");
      ExecutorService.class.getMethod(ref.name()).invoke(pool);
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), ref + " ends the pool");
    }
    assertFalse(SHUTDOWN_METHODS.contains(new MethodRef(EXECUTOR_SERVICE, "awaitTermination")));
  }

  @Test
  void aTimerThreadIsNonDaemonUnlessAskedAndCancelEndsIt() throws Exception {
    Timer timer = new Timer();
    Timer daemon = new Timer(true);
    try {
      assertFalse(timerThreadIsDaemon(timer), "new Timer() keeps the JVM alive");
      assertTrue(timerThreadIsDaemon(daemon), "new Timer(true) does not");
    } finally {
      timer.cancel();
      daemon.cancel();
    }
    assertTrue(SHUTDOWN_METHODS.contains(new MethodRef(TIMER, "cancel")));
    assertTrue(DAEMON_FLAG_CONSTRUCTORS.contains(new MethodRef(TIMER, MethodRef.CONSTRUCTOR)));
    assertTrue(Arrays.stream(Timer.class.getConstructors()).anyMatch(c -> c.getParameterTypes().length > 0
        && c.getParameterTypes()[c.getParameterCount() - 1] == boolean.class), "new Timer(…, boolean isDaemon)");
  }

  private static boolean timerThreadIsDaemon(Timer timer) throws InterruptedException {
    boolean[] daemon = new boolean[1];
    CountDownLatch ran = new CountDownLatch(1);
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        daemon[0] = Thread.currentThread().isDaemon();
        ran.countDown();
      }
    }, 0);
    assertTrue(ran.await(10, TimeUnit.SECONDS));
    return daemon[0];
  }

  @Test
  void theSharedPoolIgnoresShutdown() {
    assertEquals(List.of(new MethodRef(ForkJoinPool.class.getName(), "commonPool")), SHARED_POOLS);
    ForkJoinPool.commonPool().shutdown();
    assertFalse(ForkJoinPool.commonPool().isShutdown(), "commonPool(): shutdown has no effect");
  }

  @Test
  void sharedKnowledgeIsTheSameObjects() {
    assertSame(UnsynchronizedMapWriteKnowledge.TASK_HANDOFFS, TASK_HANDOFFS);
    assertSame(UnsynchronizedMapWriteKnowledge.TEARDOWN_METHOD_NAMES, TEARDOWN_METHOD_NAMES);
    assertSame(UnsynchronizedMapWriteKnowledge.ASYNC_STAGE_TYPE, ASYNC_STAGE_TYPE);
    for (MethodRef ref : NON_OWNING_EXECUTOR_PARAMETERS) {
      assertTrue(ref.isConstructor() || methods(ref).anyMatch(m -> Arrays.stream(m.getParameterTypes())
          .anyMatch(java.util.concurrent.Executor.class::equals)), ref + " takes an Executor");
    }
  }

  @Test
  void annotationAndServletListsNameTheirFrameworks() {
    assertTrue(REQUEST_HANDLER_ANNOTATIONS.stream().allMatch(a ->
        a.startsWith("org.springframework.web.bind.annotation.") || a.startsWith("jakarta.ws.rs.")
            || a.startsWith("javax.ws.rs.")), REQUEST_HANDLER_ANNOTATIONS.toString());
    assertTrue(SERVLET_REQUEST_METHODS.stream().allMatch(m -> m.owner().contains("servlet")));
    assertTrue(TEARDOWN_ANNOTATIONS.stream().allMatch(a -> a.endsWith(".PreDestroy")));
    assertTrue(EXITING_EXECUTOR_WRAPPERS.stream().allMatch(m -> m.owner().startsWith("com.google.common.")));
  }

  /** The public methods of the running JDK that a MethodRef names; at least one. */
  private static Stream<Method> methods(MethodRef ref) {
    try {
      List<Method> found =
          Arrays.stream(Class.forName(ref.owner()).getMethods()).filter(m -> m.getName().equals(ref.name())).toList();
      assertFalse(found.isEmpty(), ref + " is no public method");
      return found.stream();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(ref.owner(), e);
    }
  }
}
