package dev.crashguard.testdata.nullescapingoptional;

import java.util.Optional;

/**
 * Null stored where an Optional is expected (a local, a field, an array element): every reader that
 * trusts the type ({@code opt.isPresent()}) throws NullPointerException. Also through a conditional, into
 * a {@code var} local or {@code this.field}. Null as a state that the class tests for before each use
 * (lazy loading), and targets declared nullable or not Optional at all, are not this hazard.
 */
public class NullStoredInOptional {

  static class NoncompliantLocal {
    int length(boolean known) {
      Optional<String> name = null; // hazard: NullEscapingOptional
      if (known) {
        name = Optional.of("Ann");
      }
      return name.map(String::length).orElse(0);
    }

    int reset(Optional<String> name) {
      name = null; // hazard: NullEscapingOptional
      return name.isPresent() ? 1 : 0;
    }
  }

  static class NoncompliantField {
    private Optional<String> owner = null; // hazard: NullEscapingOptional
    private Optional<String> lastError = Optional.empty();

    void clear() {
      lastError = null; // hazard: NullEscapingOptional
    }

    boolean hasError() {
      return lastError.isPresent() || owner.isPresent();
    }
  }

  static class NoncompliantArrayElement {
    @SuppressWarnings("unchecked")
    private final Optional<String>[] slots = new Optional[] {Optional.empty(), Optional.empty()};

    void free(int slot) {
      slots[slot] = null; // hazard: NullEscapingOptional
    }

    boolean used(int slot) {
      return slots[slot].isPresent();
    }
  }

  static class CompliantEmpty {
    private Optional<String> owner = Optional.empty();
    private String lastError = null;

    int length(boolean known) {
      Optional<String> name = Optional.empty();
      if (known) {
        name = Optional.of("Ann");
      }
      String plain = null;
      return name.map(String::length).orElse(0) + (plain == null ? 0 : 1);
    }

    void clear() {
      owner = Optional.empty();
      lastError = null;
    }

    boolean hasError() {
      return owner.isPresent() || lastError != null;
    }
  }

  static class FixedLocal {
    private Optional<String> owner = Optional.empty();
    private Optional<String> lastError = Optional.empty();

    int length(boolean known) {
      Optional<String> name = Optional.empty();
      if (known) {
        name = Optional.of("Ann");
      }
      return name.map(String::length).orElse(0);
    }

    void clear() {
      lastError = Optional.empty();
    }

    boolean hasError() {
      return lastError.isPresent() || owner.isPresent();
    }
  }

  /** Null through a conditional into a declared or a {@code var} local, and into {@code this.field}. */
  static class NoncompliantMoreTargets {
    private Optional<String> last = Optional.empty();

    int inferred(boolean known) {
      var viaVar = known ? Optional.of("x") : null; // hazard: NullEscapingOptional
      return viaVar.hashCode();
    }

    int declared(boolean b) {
      Optional<String> maybe = b ? null : Optional.of("a"); // hazard: NullEscapingOptional
      return maybe.isPresent() ? 1 : 0;
    }

    void clear() {
      this.last = null; // hazard: NullEscapingOptional
    }

    boolean hasLast() {
      return last.isPresent();
    }
  }

  /**
   * Not Optional (an Object field, an Object[] element), declared nullable, or null as a state the class
   * itself tests for before every use.
   */
  static class CompliantNullIsAState {
    @jakarta.annotation.Nullable private Optional<String> tristate = null;
    private Object anything = null;
    /** null means "not loaded yet": every reader goes through cached(). */
    private Optional<String> cached = null;

    void clear() {
      tristate = null;
      anything = null;
      Object[] objects = new Object[1];
      objects[0] = null;
    }

    Optional<String> cached() {
      if (cached == null) {
        cached = Optional.of("loaded");
      }
      return cached;
    }

    void invalidate() {
      cached = null;
    }

    String local(boolean b) {
      Optional<String> maybe = null;
      if (b) {
        maybe = Optional.of("x");
      }
      return maybe == null ? "unset" : maybe.orElse("");
    }
  }

  static class FixedMoreTargets {
    private Optional<String> last = Optional.empty();

    int inferred(boolean known) {
      var viaVar = known ? Optional.of("x") : Optional.<String>empty();
      return viaVar.hashCode();
    }

    int declared(boolean b) {
      Optional<String> maybe = b ? Optional.empty() : Optional.of("a");
      return maybe.isPresent() ? 1 : 0;
    }

    void clear() {
      this.last = Optional.empty();
    }

    boolean hasLast() {
      return last.isPresent();
    }
  }

  /**
   * tomcat's AuthenticatorBase: null means "not looked up yet", and the only reader tests a local copy of
   * the field before using it.
   */
  static class CompliantNullTestedThroughACopy {
    private volatile Optional<String> provider = null;

    String provider() {
      Optional<String> found = provider;
      if (found == null) {
        found = Optional.of("looked up");
        provider = found;
      }
      return found.orElse("");
    }

    void forget() {
      provider = null;
    }
  }
}
