package dev.crashguard.testdata.nullescapingoptional;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The null comes one call away: a method of the same class that returns null on some path, a getter of a
 * field that is set to null or never set; or it is the plainest null of all, {@code Optional.of(null)},
 * a null returned where a generic method promises {@code Optional<T>}, a null among Optional varargs.
 * Optional.of throws NullPointerException on it, and a null Optional throws at its first use.
 */
public class NullOneCallAway {

  static class NoncompliantNullFromOwnMethod {
    private String nickname;
    private String alias = "a";

    String findAlias(String key) {
      if (key.isEmpty()) {
        return null;
      }
      return alias;
    }

    String nickname() {
      return nickname;
    }

    String alias() {
      return alias;
    }

    void forget() {
      alias = null;
    }

    void rename(String n) {
      nickname = n;
    }

    Optional<String> byKey(String key) {
      return Optional.of(findAlias(key)); // hazard: NullEscapingOptional
    }

    Optional<String> currentAlias() {
      return Optional.of(alias()); // hazard: NullEscapingOptional
    }
  }

  static class NoncompliantPlainNulls {
    Optional<String> none() {
      return Optional.of(null); // hazard: NullEscapingOptional
    }

    <T> Optional<T> first(List<T> items) {
      if (items.isEmpty()) {
        return null; // hazard: NullEscapingOptional
      }
      return Optional.of(items.get(0));
    }

    @SafeVarargs
    final int count(String first, Optional<String>... rest) {
      int n = 0;
      for (Optional<String> o : rest) {
        n += o.isPresent() ? 1 : 0;
      }
      return n;
    }

    int counted() {
      return count("a", Optional.of("b"), null); // hazard: NullEscapingOptional
    }
  }

  /**
   * Non-null one call away: a final field's getter, a field the constructor sets from a checked value, a
   * method that never returns null, a null-returning method whose result is tested or wrapped first.
   */
  static class CompliantNonNullOneCallAway {
    private final String name = "n";
    private final String label;

    CompliantNonNullOneCallAway(String label) {
      this.label = Objects.requireNonNull(label);
    }

    String name() {
      return name;
    }

    String label() {
      return label;
    }

    String describe(String key) {
      return key.isEmpty() ? "none" : key.trim();
    }

    String orDefault(String key) {
      String v = lookup(key);
      return v == null ? "x" : v;
    }

    private String lookup(String k) {
      return k.isEmpty() ? null : k;
    }

    Optional<String> named() {
      return Optional.of(name());
    }

    Optional<String> labelled() {
      return Optional.of(label());
    }

    Optional<String> described(String key) {
      return Optional.of(describe(key)).or(() -> Optional.of(orDefault(key)));
    }

    Optional<String> tested(String key) {
      String v = lookup(key);
      return v == null ? Optional.empty() : Optional.of(v);
    }

    Optional<String> wrapped(String key) {
      return Optional.ofNullable(lookup(key));
    }

    Optional<String> guarded(String key) {
      return key.isEmpty() ? Optional.empty() : Optional.of(lookup(key));
    }

    <T> Optional<T> first(List<T> items) {
      return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }
  }

  static class FixedNullFromOwnMethod {
    private String alias = "a";

    String findAlias(String key) {
      if (key.isEmpty()) {
        return null;
      }
      return alias;
    }

    String alias() {
      return alias;
    }

    void forget() {
      alias = null;
    }

    Optional<String> byKey(String key) {
      return Optional.ofNullable(findAlias(key));
    }

    Optional<String> currentAlias() {
      return Optional.ofNullable(alias());
    }

    Optional<String> none() {
      return Optional.empty();
    }

    <T> Optional<T> first(List<T> items) {
      return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }
  }
}
