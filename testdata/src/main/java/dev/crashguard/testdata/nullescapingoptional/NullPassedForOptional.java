package dev.crashguard.testdata.nullescapingoptional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Null passed for a parameter of type Optional: the callee's {@code isPresent()} throws. Also for a
 * constructor's parameter ({@code new}, {@code super(null)}, {@code this(null)}) and through a conditional
 * argument. A parameter declared nullable, or typed by a type variable or Object, takes null by contract.
 */
public class NullPassedForOptional {

  static String greet(Optional<String> name) {
    return "Hello " + name.orElse("stranger");
  }

  record Person(String id, Optional<String> email) {}

  static void log(String message) {}

  static String pair(Optional<String> first, String second) {
    return first.orElse(second);
  }

  static class Base {
    Base(Optional<String> label) {}
  }

  static void tolerant(@org.jspecify.annotations.Nullable Optional<String> maybe) {}

  static String defensive(Optional<String> name) {
    return name == null ? "none" : name.orElse("");
  }

  /** A test helper whose name says it expects a throw (matched by name, like JUnit's assertThrows). */
  static <T> void assertThrows(Class<T> type, Runnable body) {}

  static class NoncompliantArgument {
    String anonymous() {
      return greet(null); // hazard: NullEscapingOptional
    }

    Person withoutEmail(String id) {
      return new Person(id, null); // hazard: NullEscapingOptional
    }
  }

  static class CompliantArgument {
    String anonymous() {
      log(null);
      return greet(Optional.empty());
    }

    Person withoutEmail(String id) {
      return new Person(null, Optional.empty());
    }
  }

  static class Fixed {
    String anonymous() {
      return greet(Optional.empty());
    }

    Person withoutEmail(String id) {
      return new Person(id, Optional.empty());
    }
  }

  /**
   * Null for an Optional parameter that is not the last argument, through a conditional argument, and to
   * a constructor through {@code super(null)} and {@code this(null)}.
   */
  static class NoncompliantMoreCalls {
    String notLast() {
      return pair(null, "x"); // hazard: NullEscapingOptional
    }

    String conditional(boolean known) {
      return greet(known ? Optional.of("Ann") : null); // hazard: NullEscapingOptional
    }

    static class Sub extends Base {
      Sub() {
        super(null); // hazard: NullEscapingOptional
      }
    }

    static class Delegating {
      Delegating(Optional<String> label) {}

      Delegating() {
        this(null); // hazard: NullEscapingOptional
      }
    }
  }

  /**
   * The parameter says it takes null, is a type variable or Object (a map value, a function's input, a
   * list element, varargs), or the callee checks for null; or the call is the body of a test expecting the
   * throw, which never runs here.
   */
  static class CompliantNullAccepted {
    void all() {
      tolerant(null);
      Map<String, Optional<String>> map = new HashMap<>();
      map.put("k", null);
      Function<Optional<String>, String> describe = o -> o == null ? "unset" : o.orElse("");
      describe.apply(null);
      List<Optional<String>> list = new ArrayList<>();
      list.contains(null);
      Objects.hash((Object) null);
      assertThrows(NullPointerException.class, () -> greet(null));
      defensive(null);
    }
  }

  static class FixedMoreCalls {
    String notLast() {
      return pair(Optional.empty(), "x");
    }

    String conditional(boolean known) {
      return greet(known ? Optional.of("Ann") : Optional.empty());
    }

    static class Sub extends Base {
      Sub() {
        super(Optional.empty());
      }
    }

    static class Delegating {
      Delegating(Optional<String> label) {}

      Delegating() {
        this(Optional.empty());
      }
    }
  }
}
