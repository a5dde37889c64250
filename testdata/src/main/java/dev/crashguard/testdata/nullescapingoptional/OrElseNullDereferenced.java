package dev.crashguard.testdata.nullescapingoptional;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code orElse(null)} and {@code orElseGet(() -> null)} take null out of an empty Optional; dereferencing
 * that value with no null check on the way throws NullPointerException: a method call, a field access,
 * unboxing, a for-each loop, a switch, a synchronized block.
 */
public class OrElseNullDereferenced {

  static final class Point {
    int x;
  }

  static void audit(@jakarta.annotation.Nullable String user) {}

  /** A null-safe emptiness test, as every utility library and many projects have one. */
  static boolean isNullOrEmpty(Collection<?> values) {
    return values == null || values.isEmpty();
  }

  static class NoncompliantDereference {
    int nameLength(Optional<String> name) {
      String value = name.orElse(null);
      return value.length(); // hazard: NullEscapingOptional
    }

    int fieldAccess(Optional<Point> point) {
      Point p = point.orElse(null);
      return p.x; // hazard: NullEscapingOptional
    }

    int unboxing(Optional<Integer> count) {
      int n = count.orElse(null); // hazard: NullEscapingOptional
      return n + 1;
    }

    int forEach(Optional<List<String>> lines) {
      int total = 0;
      for (String line : lines.orElse(null)) { // hazard: NullEscapingOptional
        total += line.length();
      }
      return total;
    }

    int switchOn(Optional<String> command) {
      String c = command.orElse(null);
      switch (c) { // hazard: NullEscapingOptional
        case "stop":
          return 0;
        default:
          return 1;
      }
    }

    void lock(Optional<Object> monitor) {
      Object m = monitor.orElseGet(() -> null);
      synchronized (m) { // hazard: NullEscapingOptional
        m.notifyAll();
      }
    }

    String upper(Optional<String> name) {
      return name.orElse(null).toUpperCase(); // hazard: NullEscapingOptional
    }
  }

  static class CompliantChecked {
    int nameLength(Optional<String> name) {
      String value = name.orElse(null);
      if (value == null) {
        return 0;
      }
      return value.length();
    }

    int guardedInline(Optional<String> name) {
      String value = name.orElse(null);
      return value != null ? value.length() : -1;
    }

    void passedToNullable(Optional<String> user) {
      audit(user.orElse(null));
    }

    @jakarta.annotation.Nullable
    String returnedAsNullable(Optional<String> user) {
      return user.orElse(null);
    }

    /** javaparser's printer does this: the null test is a utility call (a name the knowledge lists). */
    int checkedByUtility(Optional<List<String>> lines) {
      List<String> value = lines.orElse(null);
      int total = 0;
      if (!isNullOrEmpty(value)) {
        for (String line : value) {
          total += line.length();
        }
      }
      return total;
    }

    int withDefault(Optional<String> name) {
      return name.orElse("").length();
    }
  }

  static class Fixed {
    int nameLength(Optional<String> name) {
      return name.map(String::length).orElse(0);
    }

    int unboxing(Optional<Integer> count) {
      int n = count.orElse(0);
      return n + 1;
    }

    int forEach(Optional<List<String>> lines) {
      int total = 0;
      for (String line : lines.orElse(List.of())) {
        total += line.length();
      }
      return total;
    }

    void lock(Optional<Object> monitor) {
      monitor.ifPresent(
          m -> {
            synchronized (m) {
              m.notifyAll();
            }
          });
    }
  }
}
