package dev.crashguard.errorprone;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.anyMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.ASYNC_METHOD_SUFFIX;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.ASYNC_STAGE_TYPE;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.predicates.TypePredicates;
import com.sun.source.tree.ExpressionTree;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Library knowledge about threads: which calls run a task they are handed on another thread, which
 * stream operations run concurrently, which classes' entry method runs on a thread of its own, and
 * which calls take and release a lock. The lists are the catalog's {@link
 * UnsynchronizedMapWriteKnowledge}, shared with the other engines; this class only turns them into
 * matchers. {@link #STREAM_SUPPORT} is Error Prone's own.
 */
final class ThreadModel {

  /**
   * Calls that run a Runnable/Callable/lambda argument on another thread, concurrently with the caller:
   * {@link UnsynchronizedMapWriteKnowledge#TASK_HANDOFFS} and the {@code *Async} methods of {@link
   * UnsynchronizedMapWriteKnowledge#ASYNC_STAGE_TYPE}.
   */
  static final Matcher<ExpressionTree> TASK_HANDOFF =
      anyOf(
          anyOf(onDescendants(UnsynchronizedMapWriteKnowledge.TASK_HANDOFFS)),
          instanceMethod()
              .onDescendantOf(ASYNC_STAGE_TYPE)
              .withNameMatching(Pattern.compile("\\w+" + Pattern.quote(ASYNC_METHOD_SUFFIX))));

  /**
   * Calls that only bundle tasks for a hand-off call around them:
   * {@code pool.invokeAll(List.of(task1, task2))}. {@link UnsynchronizedMapWriteKnowledge#TASK_CONTAINERS}.
   */
  static final Matcher<ExpressionTree> TASK_CONTAINER =
      anyOf(
          byOwner(UnsynchronizedMapWriteKnowledge.TASK_CONTAINERS).entrySet().stream()
              .map(e -> staticMethod().onClass(e.getKey()).namedAnyOf(e.getValue()))
              .collect(ImmutableList.toImmutableList()));

  private static final String BASE_STREAM = "java.util.stream.BaseStream";

  /**
   * Stream operations whose function argument runs on several fork/join threads at once when the
   * pipeline is parallel: {@link UnsynchronizedMapWriteKnowledge#CONCURRENT_STREAM_OPERATIONS}
   * (forEachOrdered is absent on purpose: its actions happen one after another).
   */
  static final Matcher<ExpressionTree> CONCURRENT_STREAM_OPERATION =
      instanceMethod()
          .onDescendantOf(BASE_STREAM)
          .namedAnyOf(UnsynchronizedMapWriteKnowledge.CONCURRENT_STREAM_OPERATIONS);

  /** A call on a stream that returns the same pipeline (intermediate operations and mode switches). */
  static final Matcher<ExpressionTree> STREAM_METHOD = instanceMethod().onDescendantOf(BASE_STREAM).withAnyName();

  static final Matcher<ExpressionTree> MAKES_PARALLEL =
      anyOf(onDescendants(UnsynchronizedMapWriteKnowledge.PARALLEL_STREAM_STARTS));

  static final Matcher<ExpressionTree> MAKES_SEQUENTIAL =
      anyOf(onDescendants(List.of(UnsynchronizedMapWriteKnowledge.SEQUENTIAL_STREAM_SWITCH)));

  /** {@code StreamSupport.stream(spliterator, parallel)}: parallel when the last argument is {@code true}. */
  static final Matcher<ExpressionTree> STREAM_SUPPORT =
      staticMethod().onClass("java.util.stream.StreamSupport").withAnyName();

  /**
   * Supertypes whose single entry method runs on a thread of its own: a field that entry method writes
   * is shared with every other method of the object. {@link
   * UnsynchronizedMapWriteKnowledge#THREAD_ENTRY_METHODS}, supertype to method name.
   */
  static final ImmutableMap<String, String> THREAD_ENTRY_METHODS =
      UnsynchronizedMapWriteKnowledge.THREAD_ENTRY_METHODS.stream()
          .collect(ImmutableMap.toImmutableMap(MethodRef::canonicalOwner, MethodRef::name));

  static final String THREAD = UnsynchronizedMapWriteKnowledge.THREAD_TYPE;

  /** Statements that take a lock until a matching release: {@link UnsynchronizedMapWriteKnowledge#LOCK_ACQUIRES}. */
  static final Matcher<ExpressionTree> LOCK_ACQUIRE =
      anyOf(onDescendants(UnsynchronizedMapWriteKnowledge.LOCK_ACQUIRES));

  /**
   * Conditions under which the lock is held: {@code if (lock.tryLock()) { … }}. {@link
   * UnsynchronizedMapWriteKnowledge#LOCK_TRY_ACQUIRES}.
   */
  static final Matcher<ExpressionTree> LOCK_TRY =
      anyOf(onDescendants(UnsynchronizedMapWriteKnowledge.LOCK_TRY_ACQUIRES));

  /**
   * Releases; one in a finally block means its try block runs under the lock. {@link
   * UnsynchronizedMapWriteKnowledge#LOCK_RELEASES}.
   */
  static final Matcher<ExpressionTree> LOCK_RELEASE =
      anyOf(onDescendants(UnsynchronizedMapWriteKnowledge.LOCK_RELEASES));

  /**
   * One matcher per owner: its methods (static or instance, on the owner or a subtype), and its
   * constructors (of the owner or a subclass) when the list names {@link MethodRef#CONSTRUCTOR}.
   */
  private static ImmutableList<Matcher<ExpressionTree>> onDescendants(List<MethodRef> methods) {
    ImmutableList.Builder<Matcher<ExpressionTree>> matchers = ImmutableList.builder();
    for (Map.Entry<String, List<String>> entry : byOwner(methods).entrySet()) {
      String owner = entry.getKey();
      List<String> names = new ArrayList<>(entry.getValue());
      if (names.remove(MethodRef.CONSTRUCTOR)) {
        matchers.add(constructor().forClass(TypePredicates.isDescendantOf(owner)));
      }
      if (!names.isEmpty()) {
        matchers.add(anyMethod().onDescendantOf(owner).namedAnyOf(names));
      }
    }
    return matchers.build();
  }

  /** Method names by owner (canonical name, as Error Prone's type lookups take it), in list order. */
  private static Map<String, List<String>> byOwner(List<MethodRef> methods) {
    Map<String, List<String>> byOwner = new LinkedHashMap<>();
    for (MethodRef method : methods) {
      byOwner.computeIfAbsent(method.canonicalOwner(), o -> new ArrayList<>()).add(method.name());
    }
    return byOwner;
  }

  private ThreadModel() {}
}
