package dev.crashguard.testdata.nullescapingoptional;

import java.util.Optional;

/**
 * Null stored where an Optional is expected (a local, a field, an array element): every reader that
 * trusts the type ({@code opt.isPresent()}) throws NullPointerException.
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
}
