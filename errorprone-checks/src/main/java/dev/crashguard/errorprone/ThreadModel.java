package dev.crashguard.errorprone;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.predicates.TypePredicates;
import com.sun.source.tree.ExpressionTree;
import java.util.regex.Pattern;

/**
 * Library knowledge about threads: which calls run a task they are handed on another thread, which
 * stream operations run concurrently, which classes' entry method runs on a thread of its own, and
 * which calls take and release a lock.
 */
final class ThreadModel {

  /** Calls that run a Runnable/Callable/lambda argument on another thread, concurrently with the caller. */
  static final Matcher<ExpressionTree> TASK_HANDOFF =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.Executor").named("execute"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ExecutorService")
              .namedAnyOf("submit", "invokeAll", "invokeAny"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
              .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ForkJoinPool")
              .namedAnyOf("execute", "submit", "invoke", "externalSubmit", "lazySubmit"),
          instanceMethod().onDescendantOf("java.util.concurrent.CompletionService").named("submit"),
          staticMethod()
              .onClass("java.util.concurrent.CompletableFuture")
              .namedAnyOf("runAsync", "supplyAsync"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletionStage")
              .withNameMatching(Pattern.compile("\\w+Async")),
          constructor().forClass(TypePredicates.isDescendantOf("java.lang.Thread")),
          instanceMethod().onDescendantOf("java.lang.Thread.Builder").namedAnyOf("start", "unstarted"),
          staticMethod().onClass("java.lang.Thread").named("startVirtualThread"),
          instanceMethod().onDescendantOf("java.util.concurrent.ThreadFactory").named("newThread"),
          instanceMethod().onDescendantOf("java.util.Timer").namedAnyOf("schedule", "scheduleAtFixedRate"));

  /**
   * Calls that only bundle tasks for a hand-off call around them:
   * {@code pool.invokeAll(List.of(task1, task2))}.
   */
  static final Matcher<ExpressionTree> TASK_CONTAINER =
      anyOf(
          staticMethod().onClassAny("java.util.List", "java.util.Set").named("of"),
          staticMethod().onClass("java.util.Arrays").named("asList"),
          staticMethod().onClass("java.util.Collections").namedAnyOf("singletonList", "singleton"),
          staticMethod()
              .onClassAny("com.google.common.collect.ImmutableList", "com.google.common.collect.ImmutableSet")
              .named("of"));

  private static final String BASE_STREAM = "java.util.stream.BaseStream";

  /**
   * Stream operations whose function argument runs on several fork/join threads at once when the
   * pipeline is parallel. forEachOrdered is absent on purpose: its actions happen one after another.
   */
  static final Matcher<ExpressionTree> CONCURRENT_STREAM_OPERATION =
      instanceMethod()
          .onDescendantOf(BASE_STREAM)
          .namedAnyOf(
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
              "filter",
              "anyMatch",
              "allMatch",
              "noneMatch",
              "takeWhile",
              "dropWhile");

  /** A call on a stream that returns the same pipeline (intermediate operations and mode switches). */
  static final Matcher<ExpressionTree> STREAM_METHOD = instanceMethod().onDescendantOf(BASE_STREAM).withAnyName();

  static final Matcher<ExpressionTree> MAKES_PARALLEL =
      anyOf(
          instanceMethod().onDescendantOf(BASE_STREAM).named("parallel"),
          instanceMethod().onDescendantOf("java.util.Collection").named("parallelStream"));

  static final Matcher<ExpressionTree> MAKES_SEQUENTIAL =
      instanceMethod().onDescendantOf(BASE_STREAM).named("sequential");

  /** {@code StreamSupport.stream(spliterator, parallel)}: parallel when the last argument is {@code true}. */
  static final Matcher<ExpressionTree> STREAM_SUPPORT =
      staticMethod().onClass("java.util.stream.StreamSupport").withAnyName();

  /**
   * Supertypes whose single entry method runs on a thread of its own: a field that entry method writes
   * is shared with every other method of the object.
   */
  static final ImmutableMap<String, String> THREAD_ENTRY_METHODS =
      ImmutableMap.of("java.lang.Runnable", "run", "java.util.concurrent.Callable", "call");

  static final String THREAD = "java.lang.Thread";

  private static final String LOCK = "java.util.concurrent.locks.Lock";
  private static final String STAMPED_LOCK = "java.util.concurrent.locks.StampedLock";

  /** Statements that take a lock until a matching release. */
  static final Matcher<ExpressionTree> LOCK_ACQUIRE =
      anyOf(
          instanceMethod().onDescendantOf(LOCK).namedAnyOf("lock", "lockInterruptibly"),
          instanceMethod().onDescendantOf(STAMPED_LOCK).namedAnyOf("writeLock", "writeLockInterruptibly"));

  /** Conditions under which the lock is held: {@code if (lock.tryLock()) { … }}. */
  static final Matcher<ExpressionTree> LOCK_TRY =
      anyOf(
          instanceMethod().onDescendantOf(LOCK).named("tryLock"),
          instanceMethod().onDescendantOf(STAMPED_LOCK).named("tryWriteLock"));

  /** Releases; one in a finally block means its try block runs under the lock. */
  static final Matcher<ExpressionTree> LOCK_RELEASE =
      anyOf(
          instanceMethod().onDescendantOf(LOCK).named("unlock"),
          instanceMethod().onDescendantOf(STAMPED_LOCK).namedAnyOf("unlockWrite", "unlock"));

  private ThreadModel() {}
}
