package dev.crashguard.catalog.knowledge;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** How the knowledge classes write a list of names: an unmodifiable set in the order written, no repeats. */
final class Ordered {

  private Ordered() {}

  /** The values as an unmodifiable set that iterates in the order given; a value listed twice is an error. */
  static Set<String> set(String... values) {
    Set<String> set = new LinkedHashSet<>();
    for (String value : values) {
      if (!set.add(value)) {
        throw new IllegalArgumentException("listed twice: " + value);
      }
    }
    return Collections.unmodifiableSet(set);
  }
}
