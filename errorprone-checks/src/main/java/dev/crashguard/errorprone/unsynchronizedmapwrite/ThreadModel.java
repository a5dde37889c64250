package dev.crashguard.errorprone.unsynchronizedmapwrite;

import static com.google.errorprone.matchers.Matchers.allOf;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.Matchers.not;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.ASYNC_METHOD_SUFFIX;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.ASYNC_STAGE_TYPE;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.errorprone.common.KnownMethods;
import java.util.regex.Pattern;

/**
 * Library knowledge about threads: which calls run a task they are handed on another thread, which
 * stream operations run concurrently, which classes' entry method runs on a thread of its own, and
 * which calls take and release a lock. The lists are the catalog's {@link
 * UnsynchronizedMapWriteKnowledge}, shared with the other engines; this class only turns them into
 * matchers.
 */
final class ThreadModel {

  /**
   * Calls that run a Runnable/Callable/lambda argument on another thread, concurrently with the caller:
   * {@link UnsynchronizedMapWriteKnowledge#TASK_HANDOFFS} and the {@code *Async} methods of {@link
   * UnsynchronizedMapWriteKnowledge#ASYNC_STAGE_TYPE}, except on a {@link
   * UnsynchronizedMapWriteKnowledge#SERIAL_TASK_QUEUES serial task queue}, whose tasks never run concurrently.
   */
  static final Matcher<ExpressionTree> TASK_HANDOFFS =
      allOf(
          anyOf(
              KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.TASK_HANDOFFS),
              instanceMethod()
                  .onDescendantOf(ASYNC_STAGE_TYPE)
                  .withNameMatching(Pattern.compile("\\w+" + Pattern.quote(ASYNC_METHOD_SUFFIX)))),
          not(instanceMethod().onDescendantOfAny(UnsynchronizedMapWriteKnowledge.SERIAL_TASK_QUEUES)));

  /**
   * Calls that only bundle tasks for a hand-off call around them:
   * {@code pool.invokeAll(List.of(task1, task2))}. {@link UnsynchronizedMapWriteKnowledge#TASK_CONTAINERS}.
   */
  static final Matcher<ExpressionTree> TASK_CONTAINERS =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.TASK_CONTAINERS);

  /** {@link UnsynchronizedMapWriteKnowledge#TASK_COMPLETION_WAITS}: after these, the tasks handed over before are done. */
  static final Matcher<ExpressionTree> TASK_COMPLETION_WAITS =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.TASK_COMPLETION_WAITS);

  private static final String BASE_STREAM = "java.util.stream.BaseStream";

  /**
   * Stream operations whose function argument runs on several fork/join threads at once when the
   * pipeline is parallel: {@link UnsynchronizedMapWriteKnowledge#CONCURRENT_STREAM_OPERATIONS}
   * (forEachOrdered is absent on purpose: its actions happen one after another).
   */
  static final Matcher<ExpressionTree> CONCURRENT_STREAM_OPERATIONS =
      instanceMethod()
          .onDescendantOf(BASE_STREAM)
          .namedAnyOf(UnsynchronizedMapWriteKnowledge.CONCURRENT_STREAM_OPERATIONS);

  /** A call on a stream that returns the same pipeline (intermediate operations and mode switches). */
  static final Matcher<ExpressionTree> STREAM_METHOD = instanceMethod().onDescendantOf(BASE_STREAM).withAnyName();

  static final Matcher<ExpressionTree> PARALLEL_STREAM_STARTS =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.PARALLEL_STREAM_STARTS);

  static final Matcher<ExpressionTree> SEQUENTIAL_STREAM_SWITCH =
      KnownMethods.of(UnsynchronizedMapWriteKnowledge.SEQUENTIAL_STREAM_SWITCH);

  /** {@code StreamSupport.stream(spliterator, parallel)}: parallel when the last argument is {@code true}. */
  static final Matcher<ExpressionTree> PARALLEL_FLAG_STREAM_SOURCES =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.PARALLEL_FLAG_STREAM_SOURCES);

  /**
   * Supertypes whose single entry method runs on a thread of its own: a field that entry method writes
   * is shared with every other method of the object. {@link
   * UnsynchronizedMapWriteKnowledge#THREAD_ENTRY_METHODS}, supertype to method name.
   */
  static final ImmutableMap<String, String> THREAD_ENTRY_METHODS =
      UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS.stream()
          .collect(ImmutableMap.toImmutableMap(MethodRef::canonicalOwner, MethodRef::name));

  static final String THREAD_TYPE = UnsynchronizedMapWriteKnowledge.THREAD_TYPE;

  /** Statements that take a lock until a matching release: {@link UnsynchronizedMapWriteKnowledge#LOCK_ACQUIRES}. */
  static final Matcher<ExpressionTree> LOCK_ACQUIRES =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.LOCK_ACQUIRES);

  /**
   * Conditions under which the lock is held: {@code if (lock.tryLock()) { … }}. {@link
   * UnsynchronizedMapWriteKnowledge#LOCK_TRY_ACQUIRES}.
   */
  static final Matcher<ExpressionTree> LOCK_TRY_ACQUIRES =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.LOCK_TRY_ACQUIRES);

  /** Any hold taken or tried, read locks too: {@link UnsynchronizedMapWriteKnowledge#ANY_LOCK_ACQUIRES}. */
  static final Matcher<ExpressionTree> ANY_LOCK_ACQUIRES =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.ANY_LOCK_ACQUIRES);

  /**
   * Releases; one in a finally block means its try block runs under the lock. {@link
   * UnsynchronizedMapWriteKnowledge#LOCK_RELEASES}.
   */
  static final Matcher<ExpressionTree> LOCK_RELEASES =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.LOCK_RELEASES);

  /** Assertions that this thread holds a lock: {@link UnsynchronizedMapWriteKnowledge#LOCK_HELD_ASSERTIONS}. */
  static final Matcher<ExpressionTree> LOCK_HELD_ASSERTIONS =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.LOCK_HELD_ASSERTIONS);

  private ThreadModel() {}
}
