package dev.crashguard.errorprone.unsynchronizedmapwrite;

import static com.google.errorprone.matchers.Matchers.allOf;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.errorprone.common.KnownMethods;
import java.util.Optional;
import java.util.Set;

/**
 * Library knowledge about maps and sets: which classes are not thread-safe, which calls write them,
 * which calls hand out a live view of them, which factories create them, and what a thread-safe
 * replacement is. The analysis in {@link UnsynchronizedMapWrite} asks. The knowledge all three engines
 * share (classes, writers, views) comes from the catalog's {@link UnsynchronizedMapWriteKnowledge}; the
 * factories and the fix's replacements are Error Prone's own.
 */
final class MapModel {

  /**
   * A call that changes the structure of a map, a collection (a set or a map's view) or an iterator:
   * {@link UnsynchronizedMapWriteKnowledge#WRITE_METHODS} on those receivers.
   */
  static final Matcher<ExpressionTree> WRITE_METHODS =
      allOf(
          // the name first: it rules out almost every call for the price of a set lookup, before any
          // subtype test
          KnownMethods.named(
              Sets.union(
                  UnsynchronizedMapWriteKnowledge.WRITE_METHODS,
                  Set.of(UnsynchronizedMapWriteKnowledge.ITERATOR_REMOVE.name()))),
          anyOf(
              instanceMethod()
                  .onDescendantOfAny(UnsynchronizedMapWriteKnowledge.COLLECTION_TYPES)
                  .namedAnyOf(UnsynchronizedMapWriteKnowledge.WRITE_METHODS),
              KnownMethods.of(UnsynchronizedMapWriteKnowledge.ITERATOR_REMOVE)));

  /**
   * A call that returns a live view of its receiver, a map or a collection (a set or one of a map's
   * views): {@link UnsynchronizedMapWriteKnowledge#VIEW_METHODS}. Writing the view writes the map.
   */
  static final Matcher<ExpressionTree> VIEW_METHODS =
      instanceMethod()
          .onDescendantOfAny(UnsynchronizedMapWriteKnowledge.COLLECTION_TYPES)
          .namedAnyOf(UnsynchronizedMapWriteKnowledge.VIEW_METHODS);

  /** {@link UnsynchronizedMapWriteKnowledge#UNSAFE_COLLECTION_FACTORIES}. */
  static final Matcher<ExpressionTree> UNSAFE_COLLECTION_FACTORIES =
      KnownMethods.anyOf(UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTION_FACTORIES);

  /**
   * A drop-in thread-safe replacement for a constructor call: {@code type} is what the fixed
   * expression's static type is, {@code keySetFactory} says the fix is {@code ConcurrentHashMap.newKeySet()}
   * rather than a constructor of {@code type}, {@code comparatorArgument} says the class also takes a
   * Comparator with the same meaning.
   */
  record Replacement(String type, boolean keySetFactory, boolean comparatorArgument) {}

  /**
   * Only classes whose contract the replacement keeps. LinkedHashMap/LinkedHashSet (order),
   * IdentityHashMap (identity), WeakHashMap (weak keys) and EnumMap have none, so they get no fix.
   */
  private static final ImmutableMap<String, Replacement> REPLACEMENTS =
      ImmutableMap.of(
          "java.util.HashMap", new Replacement("java.util.concurrent.ConcurrentHashMap", false, false),
          "java.util.TreeMap", new Replacement("java.util.concurrent.ConcurrentSkipListMap", false, true),
          "java.util.HashSet",
              new Replacement("java.util.concurrent.ConcurrentHashMap.KeySetView", true, false),
          "java.util.TreeSet", new Replacement("java.util.concurrent.ConcurrentSkipListSet", false, true));

  static final String CONCURRENT_HASH_MAP = "java.util.concurrent.ConcurrentHashMap";

  static Optional<Replacement> replacementFor(String unsafeType) {
    return Optional.ofNullable(REPLACEMENTS.get(unsafeType));
  }

  private MapModel() {}
}
