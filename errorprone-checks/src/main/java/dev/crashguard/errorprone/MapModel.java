package dev.crashguard.errorprone;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import java.util.Optional;

/**
 * Library knowledge about maps and sets: which classes are not thread-safe, which calls write them,
 * which calls hand out a live view of them, which factories create them, and what a thread-safe
 * replacement is. The analysis in {@link UnsynchronizedMapWrite} asks; adding a library is a line here.
 */
final class MapModel {

  /**
   * Concrete classes whose instances break when written concurrently. Subclasses are deliberately not
   * included: a subclass may add its own locking, and a check that cannot tell stays silent.
   */
  static final ImmutableSet<String> UNSAFE_TYPES =
      ImmutableSet.of(
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.WeakHashMap",
          "java.util.IdentityHashMap",
          "java.util.EnumMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet");

  private static final ImmutableSet<String> WRITER_NAMES =
      ImmutableSet.of(
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

  /** A call that changes the structure of a map, a collection (a set or a map's view) or an iterator. */
  static final Matcher<ExpressionTree> WRITE =
      anyOf(
          instanceMethod().onDescendantOfAny("java.util.Map", "java.util.Collection").namedAnyOf(WRITER_NAMES),
          instanceMethod().onDescendantOf("java.util.Iterator").named("remove"));

  /** A call that returns a live view of its receiver: writing the view writes the map. */
  static final Matcher<ExpressionTree> VIEW =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.Map")
              .namedAnyOf(
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
                  "reversed"),
          instanceMethod()
              .onDescendantOf("java.util.Collection")
              .namedAnyOf(
                  "iterator",
                  "descendingIterator",
                  "descendingSet",
                  "headSet",
                  "tailSet",
                  "subSet",
                  "reversed"));

  /** Static factories whose result is a fresh instance of one of {@link #UNSAFE_TYPES}. */
  static final Matcher<ExpressionTree> FACTORY =
      anyOf(
          staticMethod().onClass("java.util.HashMap").named("newHashMap"),
          staticMethod().onClass("java.util.LinkedHashMap").named("newLinkedHashMap"),
          staticMethod().onClass("java.util.HashSet").named("newHashSet"),
          staticMethod().onClass("java.util.LinkedHashSet").named("newLinkedHashSet"),
          staticMethod()
              .onClass("com.google.common.collect.Maps")
              .namedAnyOf(
                  "newHashMap",
                  "newHashMapWithExpectedSize",
                  "newLinkedHashMap",
                  "newLinkedHashMapWithExpectedSize",
                  "newTreeMap",
                  "newIdentityHashMap",
                  "newEnumMap"),
          staticMethod()
              .onClass("com.google.common.collect.Sets")
              .namedAnyOf(
                  "newHashSet",
                  "newHashSetWithExpectedSize",
                  "newLinkedHashSet",
                  "newLinkedHashSetWithExpectedSize",
                  "newTreeSet"));

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
