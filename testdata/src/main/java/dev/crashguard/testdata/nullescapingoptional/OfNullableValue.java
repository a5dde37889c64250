package dev.crashguard.testdata.nullescapingoptional;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code Optional.of(x)} throws NullPointerException when {@code x} is null. Reported where {@code x} is
 * annotated {@code @Nullable} (each of the common annotations), or was tested against null earlier in the
 * method without leaving it.
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
}
