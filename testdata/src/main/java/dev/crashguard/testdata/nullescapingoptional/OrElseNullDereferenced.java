package dev.crashguard.testdata.nullescapingoptional;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code orElse(null)} and {@code orElseGet(() -> null)} take null out of an empty Optional; dereferencing
 * that value with no null check on the way throws NullPointerException: a method call, a field access,
 * unboxing, a for-each loop, a switch, a synchronized block, a bound method reference. Passing the value to
 * a method first, or testing it in a branch that does not leave, does not make it safe; a check, a
 * default, {@code case null} or a comparison with null does.
 */
public class OrElseNullDereferenced {

  static final class Point {
    int x;
  }

  static void audit(@jakarta.annotation.Nullable String user) {}

  static void log(String message) {}

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

  /**
   * More dereferences: unboxing in arithmetic (directly, or through a boxed local), a bound method
   * reference (evaluated at once), a value tested for null in a branch that does not leave, and a value
   * passed to a method first, which makes it no less null.
   */
  static class NoncompliantMoreDereferences {
    int doubled(Optional<Integer> count) {
      return count.orElse(null) * 2; // hazard: NullEscapingOptional
    }

    int boxedLocal(Optional<Integer> count) {
      Integer boxed = count.orElse(null);
      return 1 + boxed; // hazard: NullEscapingOptional
    }

    Runnable methodReference(Optional<String> name) {
      String v = name.orElseGet(() -> { return null; });
      return v::length; // hazard: NullEscapingOptional
    }

    int testedButNotLeft(Optional<String> name) {
      String value = name.orElse(null);
      if (value == null) {
        System.out.println("missing");
      }
      return value.length(); // hazard: NullEscapingOptional
    }

    int loggedFirst(Optional<String> name) {
      String value = name.orElse(null);
      log(value);
      return value.length(); // hazard: NullEscapingOptional (not: pmd — a value passed to a method is no longer followed)
    }
  }

  /**
   * The null is checked or never dereferenced: requireNonNull, a default assigned in the null branch, a
   * supplier that returns a value, passed on to a nullable parameter, String.valueOf and string
   * concatenation, {@code case null}, a comparison with null, and a static member named through the value.
   */
  static class CompliantMoreNullHandling {
    static final String CONSTANT = "c";

    int asserted(Optional<String> name) {
      String value = name.orElse(null);
      Objects.requireNonNull(value, "value");
      return value.length();
    }

    int reassigned(Optional<String> name) {
      String value = name.orElse(null);
      if (value == null) {
        value = "";
      }
      return value.length();
    }

    int defaultedLazily(Optional<String> name) {
      return name.orElseGet(() -> "x").length();
    }

    String passedOn(Optional<String> user) {
      String kept = user.orElse(null);
      audit(kept);
      return String.valueOf(user.orElse(null)) + " user " + user.orElse(null);
    }

    String nullCase(Optional<String> name) {
      return switch (name.orElse(null)) {
        case null -> "none";
        default -> "some";
      };
    }

    boolean compared(Optional<Integer> count) {
      return count.orElse(null) == null;
    }

    String staticAccess(Optional<CompliantMoreNullHandling> self) {
      return self.orElse(null).CONSTANT;
    }
  }

  static class FixedMoreDereferences {
    int doubled(Optional<Integer> count) {
      return count.orElse(0) * 2;
    }

    int boxedLocal(Optional<Integer> count) {
      Integer boxed = count.orElse(0);
      return 1 + boxed;
    }

    Runnable methodReference(Optional<String> name) {
      String v = name.orElseGet(() -> { return ""; });
      return v::length;
    }

    int testedButNotLeft(Optional<String> name) {
      String value = name.orElse(null);
      if (value == null) {
        System.out.println("missing");
        return 0;
      }
      return value.length();
    }

    int loggedFirst(Optional<String> name) {
      String value = name.orElse("");
      log(value);
      return value.length();
    }
  }
}
