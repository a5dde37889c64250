package dev.crashguard.testdata.nullescapingoptional;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Optional.of(x)} throws NullPointerException when {@code x} is null. Reported where {@code x} is
 * annotated {@code @Nullable} (each of the common annotations, also {@code @CheckForNull} and type-use
 * annotations on a result or an array), or was tested against null earlier in the method without leaving
 * it. A test, exit, default or {@code instanceof} that proves {@code x} non-null on every path to
 * {@code Optional.of} clears it.
 */
public class OfNullableValue {

  static class NoncompliantAnnotated {
    @org.jetbrains.annotations.Nullable private String alias;

    Optional<String> jakartaParameter(@jakarta.annotation.Nullable String name) {
      return Optional.of(name); // hazard: NullEscapingOptional
    }

    Optional<String> jspecifyParameter(@org.jspecify.annotations.Nullable String name) {
      return Optional.of(name); // hazard: NullEscapingOptional
    }

    Optional<String> checkerParameter(@org.checkerframework.checker.nullness.qual.Nullable String name) {
      return Optional.of(name); // hazard: NullEscapingOptional
    }

    Optional<String> jetbrainsField() {
      return Optional.of(alias); // hazard: NullEscapingOptional
    }

    @javax.annotation.Nullable
    String findJsr305() {
      return alias;
    }

    @org.springframework.lang.Nullable
    String findSpring() {
      return alias;
    }

    Optional<String> jsr305Result() {
      return Optional.of(findJsr305()); // hazard: NullEscapingOptional
    }

    Optional<String> springResult() {
      return Optional.of(findSpring()); // hazard: NullEscapingOptional
    }
  }

  static class NoncompliantCheckedEarlier {
    Optional<String> describe(String name) {
      if (name == null) {
        System.err.println("no name given");
      }
      return Optional.of(name); // hazard: NullEscapingOptional
    }
  }

  static class CompliantProvenNonNull {
    Optional<String> required(@jakarta.annotation.Nullable String name) {
      Objects.requireNonNull(name, "name");
      return Optional.of(name);
    }

    Optional<String> earlyReturn(@org.jspecify.annotations.Nullable String name) {
      if (name == null) {
        return Optional.empty();
      }
      return Optional.of(name);
    }

    Optional<String> insideCheck(String name) {
      if (name != null) {
        return Optional.of(name);
      }
      return Optional.empty();
    }

    Optional<String> literalAndNew() {
      return Optional.of("fixed").or(() -> Optional.of(new String("made")));
    }

    Optional<String> guardedGet(Optional<String> other) {
      if (other.isPresent()) {
        return Optional.of(other.get());
      }
      return Optional.empty();
    }

    Optional<String> plainParameter(String name) {
      return Optional.of(name);
    }
  }

  static class Fixed {
    Optional<String> jakartaParameter(@jakarta.annotation.Nullable String name) {
      return Optional.ofNullable(name);
    }

    Optional<String> describe(String name) {
      if (name == null) {
        System.err.println("no name given");
      }
      return Optional.ofNullable(name);
    }
  }

  /**
   * More sources the engines know may be null: a field named through {@code this}, results annotated
   * {@code @CheckForNull} or with a type-use {@code @Nullable}, a nullable parameter after a {@code long}
   * one, an array that is itself nullable; and a value wrapped inside the branch where it is null.
   */
  static class NoncompliantMoreNullableSources {
    @org.jetbrains.annotations.Nullable private String alias;

    @javax.annotation.CheckForNull
    String find() {
      return alias;
    }

    @org.checkerframework.checker.nullness.qual.Nullable
    String typeUse() {
      return alias;
    }

    Optional<String> qualifiedField() {
      return Optional.of(this.alias); // hazard: NullEscapingOptional
    }

    Optional<String> checkForNullResult() {
      return Optional.of(find()); // hazard: NullEscapingOptional
    }

    Optional<String> typeUseResult() {
      return Optional.of(typeUse()); // hazard: NullEscapingOptional
    }

    Optional<String> afterWide(long wide, @org.jspecify.annotations.Nullable String name) {
      return Optional.of(name); // hazard: NullEscapingOptional
    }

    Optional<String[]> nullableArray(String @org.jspecify.annotations.Nullable [] names) {
      return Optional.of(names); // hazard: NullEscapingOptional
    }

    Optional<String> insideNullBranch(String name) {
      if (name == null) {
        return Optional.of(name); // hazard: NullEscapingOptional
      }
      return Optional.empty();
    }
  }

  /** The null test sits in another branch, off the path to Optional.of, which throws all the same. */
  static class NoncompliantNullTestOffThePath {
    Optional<String> testedInAnotherBranch(String name, boolean b) {
      if (b) {
        if (name == null) {
          System.out.println();
        }
      }
      return Optional.of(name); // hazard: NullEscapingOptional (not: errorprone — a null test inside another branch is not taken as the author expecting null here)
    }
  }

  /**
   * Proven non-null on every path to Optional.of: an early exit under {@code ||}, a throw after
   * {@code Objects.isNull}, {@code &&} and ternary guards, {@code Objects.nonNull}, a default assigned in
   * the null branch, {@code instanceof}, a guarded or lazily loaded field, a reassigned local, a boolean
   * flag holding the test. An annotation on the array's elements says nothing about the array.
   */
  static class CompliantMoreProofs {
    @jakarta.annotation.Nullable private String alias;
    private String cache;

    Optional<String> earlyReturnOnEither(@org.jspecify.annotations.Nullable String name, boolean other) {
      if (other || name == null) {
        return Optional.empty();
      }
      return Optional.of(name);
    }

    Optional<String> earlyThrow(@org.jspecify.annotations.Nullable String name) {
      if (Objects.isNull(name)) {
        throw new IllegalArgumentException("name");
      }
      return Optional.of(name);
    }

    Optional<String> conjunctionOrTernary(@jakarta.annotation.Nullable String name) {
      if (name != null && !name.isEmpty()) {
        return Optional.of(name);
      }
      return name != null ? Optional.of(name) : Optional.empty();
    }

    Optional<String> nonNullTest(@jakarta.annotation.Nullable String name) {
      if (Objects.nonNull(name)) {
        return Optional.of(name);
      }
      return Optional.empty();
    }

    Optional<String> defaulted(@jakarta.annotation.Nullable String name) {
      if (name == null) {
        name = "anonymous";
      }
      return Optional.of(name);
    }

    Optional<Object> instanceOf(@jakarta.annotation.Nullable Object o) {
      if (o instanceof String) {
        return Optional.of(o);
      }
      return Optional.empty();
    }

    Optional<String> guardedField() {
      if (alias == null) {
        return Optional.empty();
      }
      return Optional.of(alias);
    }

    Optional<String> lazyField() {
      if (cache == null) {
        load();
      }
      return Optional.of(cache);
    }

    private void load() {
      cache = "x";
    }

    Optional<Integer> reassignedLocal(Map<String, Integer> map) {
      Integer v = map.get("a");
      v = 3;
      return Optional.of(v);
    }

    Optional<String> booleanFlag(String name) {
      boolean missing = name == null;
      if (missing) {
        return Optional.empty();
      }
      return Optional.of(name);
    }

    Optional<String[]> nullableElements(@org.jspecify.annotations.Nullable String[] names) {
      return Optional.of(names);
    }
  }

  static class FixedMoreNullableSources {
    @org.jetbrains.annotations.Nullable private String alias;

    @javax.annotation.CheckForNull
    String find() {
      return alias;
    }

    Optional<String> qualifiedField() {
      return Optional.ofNullable(this.alias);
    }

    Optional<String> checkForNullResult() {
      return Optional.ofNullable(find());
    }

    Optional<String> afterWide(long wide, @org.jspecify.annotations.Nullable String name) {
      return Optional.ofNullable(name);
    }

    Optional<String[]> nullableArray(String @org.jspecify.annotations.Nullable [] names) {
      return Optional.ofNullable(names);
    }
  }

  static class FixedNullTestOffThePath {
    Optional<String> testedInAnotherBranch(String name, boolean b) {
      if (b) {
        if (name == null) {
          System.out.println();
        }
      }
      return Optional.ofNullable(name);
    }
  }
}
