package dev.crashguard.testdata.nullescapingoptional;

import java.lang.ref.Reference;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code findFirst()}, {@code findAny()}, {@code min()} and {@code max()} throw NullPointerException
 * instead of returning an Optional when the element they pick is null; a stream gets nulls from {@code
 * map(Map::get)}, a mapper that returns null (a lambda or a block lambda, a call of Map.get,
 * {@code Reference::get}), or null literals in its source, and keeps them through {@code distinct()} and
 * {@code sorted()}. A later step that filters or transforms the nulls away makes the pick safe.
 */
public class StreamPickingNullElement {

  static class NoncompliantPicks {
    private final Map<String, String> owners = Map.of("a", "Ann");

    Optional<String> firstOwner(List<String> keys) {
      return keys.stream().map(owners::get).findFirst(); // hazard: NullEscapingOptional
    }

    Optional<String> anyMapped(List<String> keys) {
      return keys.stream().map(k -> k.isEmpty() ? null : k).findAny(); // hazard: NullEscapingOptional
    }

    Optional<String> smallest() {
      return Stream.of("b", null, "a").min(Comparator.nullsFirst(Comparator.naturalOrder())); // hazard: NullEscapingOptional
    }

    Optional<String> largest(List<String> keys) {
      return keys.stream().map(k -> (String) null).max(Comparator.naturalOrder()); // hazard: NullEscapingOptional
    }
  }

  static class CompliantPicks {
    private final Map<String, String> owners = Map.of("a", "Ann");

    Optional<String> firstOwner(List<String> keys) {
      return keys.stream().map(owners::get).filter(Objects::nonNull).findFirst();
    }

    Optional<String> firstKey(List<String> keys) {
      return keys.stream().map(String::trim).findFirst();
    }

    /** {@code Optional.map} with a mapper returning null just yields an empty Optional. */
    Optional<String> mappedOptional(Optional<String> key) {
      return key.map(k -> k.isEmpty() ? null : k);
    }

    Optional<String> smallest() {
      return Stream.of("b", "c", "a").min(Comparator.naturalOrder());
    }
  }

  static class Fixed {
    private final Map<String, String> owners = Map.of("a", "Ann");

    Optional<String> firstOwner(List<String> keys) {
      return keys.stream().map(owners::get).filter(Objects::nonNull).findFirst();
    }

    Optional<String> anyMapped(List<String> keys) {
      return keys.stream().map(k -> k.isEmpty() ? null : k).filter(Objects::nonNull).findAny();
    }
  }

  /**
   * The null survives the steps between the mapper and the pick (distinct(), sorted()), or comes from a
   * block-lambda mapper, a lambda calling Map.get, or Reference::get.
   */
  static class NoncompliantMorePipelines {
    private final Map<String, String> owners = Map.of("a", "Ann");

    Optional<String> firstDistinctOwner(List<String> keys) {
      return keys.stream().map(owners::get).distinct().findFirst(); // hazard: NullEscapingOptional
    }

    Optional<String> sortedOnTheWay(List<String> keys) {
      return keys.stream().map(k -> k.isEmpty() ? null : k).sorted().findAny(); // hazard: NullEscapingOptional
    }

    Optional<String> firstNonBlank(List<String> keys) {
      return keys.stream().map(k -> { if (k.isBlank()) { return null; } return k; }).findFirst(); // hazard: NullEscapingOptional
    }

    Optional<String> lambdaCall(List<String> keys) {
      return keys.stream().map(k -> owners.get(k)).findFirst(); // hazard: NullEscapingOptional
    }

    Optional<Object> referents(List<Reference<Object>> refs) {
      return refs.stream().map(Reference::get).max((a, b) -> 0); // hazard: NullEscapingOptional
    }
  }

  /**
   * No null reaches the pick: a later map turns it into "null", flatMap(Optional::stream) drops empties,
   * and the stream of unknown origin is, in this class, only ever one without nulls.
   */
  static class CompliantMorePipelines {
    private final Map<String, String> owners = Map.of("a", "Ann");

    Optional<String> transformedAfter(List<String> keys) {
      return keys.stream().map(owners::get).map(String::valueOf).findFirst();
    }

    Optional<String> flatMapped(List<Optional<String>> values) {
      return values.stream().flatMap(Optional::stream).findFirst();
    }

    Optional<String> anyLetter() {
      return pickAny(Stream.of("a", "b"));
    }

    private static Optional<String> pickAny(Stream<String> unknown) {
      return unknown.findAny();
    }
  }

  static class FixedMorePipelines {
    private final Map<String, String> owners = Map.of("a", "Ann");

    Optional<String> firstDistinctOwner(List<String> keys) {
      return keys.stream().map(owners::get).filter(Objects::nonNull).distinct().findFirst();
    }

    Optional<String> sortedOnTheWay(List<String> keys) {
      return keys.stream().filter(k -> !k.isEmpty()).sorted().findAny();
    }

    Optional<String> firstNonBlank(List<String> keys) {
      return keys.stream().filter(k -> !k.isBlank()).findFirst();
    }

    Optional<String> lambdaCall(List<String> keys) {
      return keys.stream().map(k -> owners.get(k)).filter(Objects::nonNull).findFirst();
    }

    Optional<Object> referents(List<Reference<Object>> refs) {
      return refs.stream().map(Reference::get).filter(Objects::nonNull).max((a, b) -> 0);
    }
  }
}
