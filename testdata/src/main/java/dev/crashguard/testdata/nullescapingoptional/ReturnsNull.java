package dev.crashguard.testdata.nullescapingoptional;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A method declared to return {@code Optional} returns null: the caller's {@code isPresent()}, {@code map()}
 * or {@code orElse()} throws NullPointerException, far from this line. Also through a ternary (either
 * arm), a switch arm or {@code yield}, a cast or parentheses, and a lambda whose functional interface
 * returns {@code Optional}. A lambda inside such a method that returns something else is not the method's
 * return.
 */
public class ReturnsNull {

  static class NoncompliantDirect {
    private final Set<String> users = Set.of("ann", "bob");

    Optional<String> findUser(String id) {
      if (!users.contains(id)) {
        return null; // hazard: NullEscapingOptional
      }
      return Optional.of(id.toUpperCase());
    }
  }

  static class NoncompliantTernary {
    Optional<String> nickname(String name, boolean known) {
      return known ? Optional.of(name) : null; // hazard: NullEscapingOptional
    }
  }

  static class NoncompliantSwitchArm {
    Optional<String> level(int code) {
      return switch (code) {
        case 1 -> Optional.of("low");
        case 2 -> Optional.of("high");
        default -> null; // hazard: NullEscapingOptional
      };
    }
  }

  static class NoncompliantLambda {
    final Supplier<Optional<String>> lookup = () -> null; // hazard: NullEscapingOptional

    final Function<String, Optional<Integer>> parse =
        text -> {
          if (text.isEmpty()) {
            return null; // hazard: NullEscapingOptional
          }
          return Optional.of(text.length());
        };
  }

  static class NoncompliantCallable implements Callable<Optional<String>> {
    @Override
    public Optional<String> call() {
      return null; // hazard: NullEscapingOptional
    }
  }

  static class CompliantEmpty {
    Optional<String> findUser(Map<String, String> users, String id) {
      if (!users.containsKey(id)) {
        return Optional.empty();
      }
      return Optional.ofNullable(users.get(id));
    }

    Optional<String> nickname(String name, boolean known) {
      return known ? Optional.of(name) : Optional.empty();
    }

    final Supplier<Optional<String>> lookup = Optional::empty;
  }

  /** Returning null where the declared type is not Optional is another matter (and not this hazard). */
  static class CompliantNotOptional {
    String name(boolean known) {
      return known ? "Ann" : null;
    }

    final Supplier<String> lookup = () -> null;

    /** Generic {@code T} is not Optional, even when a caller picks {@code Optional} for it. */
    static class Box<T> {
      private T value;

      T get() {
        return value == null ? null : value;
      }

      T reset() {
        return null;
      }
    }

    Box<Optional<String>> box = new Box<>();
  }

  /**
   * A method whose Optional result is itself declared nullable (a declaration or a type-use annotation) has
   * told its callers to check: Guava's {@code Optional.toJavaUtil(null)} returns null by contract.
   */
  static class CompliantDeclaredNullable {
    @jakarta.annotation.Nullable
    Optional<String> legacy(boolean known) {
      return known ? Optional.of("x") : null;
    }

    java.util.@org.jspecify.annotations.Nullable Optional<String> converted(boolean known) {
      return known ? Optional.of("x") : null;
    }
  }

  /**
   * Code that checks an Optional for null proves that some API hands out null Optionals, but the check
   * itself is not the fault: the producer is reported (above), not this consumer.
   */
  static class CompliantConsumerChecksForNull {
    String describe(NoncompliantDirect directory, String id) {
      Optional<String> user = directory.findUser(id);
      if (user == null) {
        return "unknown";
      }
      return user.orElse("nobody");
    }
  }

  static class FixedDirect {
    private final Set<String> users = Set.of("ann", "bob");

    Optional<String> findUser(String id) {
      if (!users.contains(id)) {
        return Optional.empty();
      }
      return Optional.of(id.toUpperCase());
    }

    Optional<String> nickname(String name, boolean known) {
      return known ? Optional.of(name) : Optional.empty();
    }

    Optional<String> level(int code) {
      return switch (code) {
        case 1 -> Optional.of("low");
        case 2 -> Optional.of("high");
        default -> Optional.empty();
      };
    }

    final Supplier<Optional<String>> lookup = () -> Optional.empty();
  }

  /**
   * Null in more spellings: in parentheses, cast, yielded from a switch block, in the first arm of a
   * conditional, and from a lambda whose target type is the method's own return type.
   */
  static class NoncompliantMoreShapes {
    Optional<String> parenthesized(String name, boolean known) {
      return known ? Optional.of(name) : (null); // hazard: NullEscapingOptional
    }

    Optional<String> cast() {
      return (Optional<String>) null; // hazard: NullEscapingOptional
    }

    Optional<String> yielded(int code) {
      return switch (code) {
        case 1 -> Optional.of("low");
        default -> {
          System.out.println(code);
          yield null; // hazard: NullEscapingOptional
        }
      };
    }

    Optional<String> firstArm(boolean unknown, String name) {
      return unknown ? null : Optional.of(name); // hazard: NullEscapingOptional
    }

    Callable<Optional<String>> task() {
      return () -> null; // hazard: NullEscapingOptional
    }
  }

  /**
   * The null comes from a function that does not return Optional: a lambda nested in the method, one whose
   * target returns a type variable, one that only takes an Optional, and the remapping functions of
   * compute, computeIfAbsent and merge, where null means "no entry".
   */
  static class CompliantNullFromOtherFunctions {
    final Function<Optional<String>, String> describe = o -> null;

    Optional<String> nested() {
      Supplier<String> inner = () -> null;
      return Optional.ofNullable(inner.get());
    }

    void removal(Map<String, Optional<String>> cache, String key) {
      cache.computeIfAbsent(key, k -> null);
      cache.compute(key, (k, v) -> null);
      cache.merge(key, Optional.empty(), (a, b) -> null);
    }

    Optional<String> inferred() {
      return Optional.ofNullable(pick(() -> null));
    }

    static <T> T pick(Supplier<T> supplier) {
      return supplier.get();
    }
  }

  static class FixedMoreShapes {
    Optional<String> parenthesized(String name, boolean known) {
      return known ? Optional.of(name) : (Optional.empty());
    }

    Optional<String> cast() {
      return Optional.empty();
    }

    Optional<String> yielded(int code) {
      return switch (code) {
        case 1 -> Optional.of("low");
        default -> {
          System.out.println(code);
          yield Optional.empty();
        }
      };
    }

    Optional<String> firstArm(boolean unknown, String name) {
      return unknown ? Optional.empty() : Optional.of(name);
    }

    Callable<Optional<String>> task() {
      return Optional::empty;
    }
  }
}
