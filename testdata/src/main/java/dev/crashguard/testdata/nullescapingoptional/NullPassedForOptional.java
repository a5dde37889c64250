package dev.crashguard.testdata.nullescapingoptional;

import java.util.Optional;

/** Null passed for a parameter of type Optional: the callee's {@code isPresent()} throws. */
public class NullPassedForOptional {

  static String greet(Optional<String> name) {
    return "Hello " + name.orElse("stranger");
  }

  record Person(String id, Optional<String> email) {}

  static void log(String message) {}

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
}
