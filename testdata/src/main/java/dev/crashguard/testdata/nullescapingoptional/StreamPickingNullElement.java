package dev.crashguard.testdata.nullescapingoptional;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code findFirst()}, {@code findAny()}, {@code min()} and {@code max()} throw NullPointerException
 * instead of returning an Optional when the element they pick is null; a stream gets nulls from {@code
 * map(Map::get)}, a mapper that returns null, or null literals in its source.
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
}
