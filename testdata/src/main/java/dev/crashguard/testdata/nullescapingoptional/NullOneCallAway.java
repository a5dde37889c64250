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

  /**
   * A copier in the shape of kryo's {@code Kryo.copy(T)}: its only {@code return null} answers a null
   * argument ({@code if (object == null) return null;}); given a value, it returns a copy.
   */
  static class Copier {
    <T> T copy(T object) {
      if (object == null) {
        return null;
      }
      return deepCopy(object);
    }

    <T> T copyOrNull(T object) {
      return object == null ? null : deepCopy(object);
    }

    @SuppressWarnings("unchecked")
    private <T> T deepCopy(T object) {
      return object instanceof StringBuilder builder ? (T) new StringBuilder(builder) : object;
    }
  }

  /**
   * kryo's OptionalSerializers.OptionalSerializer.copy (a false alarm met in the real world): {@code
   * Optional.of(kryo.copy(original.get()))} under {@code original.isPresent()}. Kryo.copy returns null only
   * when it is given null, and {@code original.get()} is never null, so neither is the copy. The same for
   * other arguments nothing says may be null: {@code orElseThrow()}, {@code new}, a literal, {@code this},
   * the result of a method that does not return null.
   */
  static class CompliantCopyOfAPresentValue {
    private final Copier copier = new Copier();

    Optional<Object> copy(Optional<Object> original) {
      if (original.isPresent()) {
        return Optional.of(copier.copy(original.get()));
      }
      return original;
    }

    Optional<Object> copyThrown(Optional<Object> original) {
      return Optional.of(copier.copyOrNull(original.orElseThrow()));
    }

    Optional<StringBuilder> fresh() {
      return Optional.of(copier.copy(new StringBuilder("b")));
    }

    Optional<String> literal() {
      return Optional.of(copier.copy("x"));
    }

    Optional<CompliantCopyOfAPresentValue> self() {
      return Optional.of(copier.copy(this));
    }

    Optional<String> trimmed(String name) {
      return Optional.of(copier.copy(name.trim()));
    }

    Optional<String> viaLocal(Optional<String> original) {
      String copied = copier.copy(original.get());
      return Optional.of(copied);
    }
  }

  static class NoncompliantCopyOfANullableValue {
    private final java.util.Map<String, String> values = new java.util.HashMap<>();
    private final Copier copier = new Copier();

    Optional<String> copyOf(String key) {
      return Optional.of(copier.copy(values.get(key))); // hazard: NullEscapingOptional (not: pmd, spotbugs — only a method of the same class is followed, and the copier is another class)
    }

    Optional<String> copyOfTested(String name) {
      if (name == null) {
        System.err.println("no name");
      }
      return Optional.of(copier.copy(name)); // hazard: NullEscapingOptional (not: pmd, spotbugs — only a method of the same class is followed, and the copier is another class)
    }

    Optional<String> copyOrNullOf(String key) {
      return Optional.of(copier.copyOrNull(values.get(key))); // hazard: NullEscapingOptional (not: pmd, spotbugs — only a method of the same class is followed, and the copier is another class)
    }
  }

  static class FixedCopyOfANullableValue {
    private final java.util.Map<String, String> values = new java.util.HashMap<>();
    private final Copier copier = new Copier();

    Optional<String> copyOf(String key) {
      return Optional.ofNullable(copier.copy(values.get(key)));
    }

    Optional<String> copyOfTested(String name) {
      return name == null ? Optional.empty() : Optional.of(copier.copy(name));
    }

    Optional<String> copyOrNullOf(String key) {
      return Optional.ofNullable(copier.copyOrNull(values.get(key)));
    }
  }

  /**
   * The parameter is replaced before its null test: the null then answered is the map's, not the caller's,
   * so a non-null argument does not keep it away.
   */
  static class NoncompliantParameterReplacedBeforeItsTest {
    private final java.util.Map<String, String> aliases = new java.util.HashMap<>();

    String resolve(String key) {
      key = aliases.get(key);
      if (key == null) {
        return null;
      }
      return key.trim();
    }

    Optional<String> resolved() {
      return Optional.of(resolve("main")); // hazard: NullEscapingOptional
    }
  }

  static class FixedParameterReplacedBeforeItsTest {
    private final java.util.Map<String, String> aliases = new java.util.HashMap<>();

    String resolve(String key) {
      String alias = aliases.get(key);
      return alias == null ? null : alias.trim();
    }

    Optional<String> resolved() {
      return Optional.ofNullable(resolve("main"));
    }
  }
}
