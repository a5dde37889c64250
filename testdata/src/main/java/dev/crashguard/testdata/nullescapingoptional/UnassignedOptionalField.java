package dev.crashguard.testdata.nullescapingoptional;

import java.util.Optional;

/**
 * A private Optional field that no constructor or initialiser assigns starts out null, whatever its type
 * promises: the first {@code isPresent()} throws. A class file keeps no line for a field declaration, so
 * SpotBugs reports the first read of the field instead (the second marker); Error Prone and PMD report
 * the declaration.
 */
public class UnassignedOptionalField {

  static class NoncompliantNeverAssigned {
    private Optional<String> nickname; // hazard: NullEscapingOptional (not: spotbugs — a class file keeps no line for a field declaration; SpotBugs reports the read below)

    String display(String name) {
      return nickname.orElse(name); // hazard: NullEscapingOptional (not: errorprone, pmd — reported at the field declaration above, where the source has it)
    }
  }

  static class NoncompliantOnlyASetterAssigns {
    private Optional<String> email; // hazard: NullEscapingOptional (not: spotbugs — a class file keeps no line for a field declaration; SpotBugs reports the read below)

    void setEmail(String email) {
      this.email = Optional.ofNullable(email);
    }

    boolean reachable() {
      return email.isPresent(); // hazard: NullEscapingOptional (not: errorprone, pmd — reported at the field declaration above, where the source has it)
    }
  }

  static class CompliantAssigned {
    private Optional<String> nickname;
    private Optional<String> email = Optional.empty();
    private final Optional<String> title;

    CompliantAssigned(String nickname) {
      this.nickname = Optional.ofNullable(nickname);
      this.title = Optional.empty();
    }

    CompliantAssigned() {
      this(null);
    }

    String display(String name) {
      return nickname.orElse(name) + email.orElse("") + title.orElse("");
    }
  }

  /** A field others can reach may be assigned where this class cannot see; a static one by a static block. */
  static class CompliantAssignedElsewhere {
    Optional<String> visibleToPackage;
    private static Optional<String> fallback;

    static {
      fallback = Optional.of("none");
    }

    String display() {
      return visibleToPackage.orElse(fallback.orElse(""));
    }
  }

  /** A step of a template method, run by the superclass before anything reads the field. */
  abstract static class Parser {
    final Parser parse(String text) {
      start(text);
      return this;
    }

    protected abstract void start(String text);
  }

  /**
   * A field assigned by an overriding method (a lifecycle or template-method step the superclass or a
   * framework calls) is taken as set up, like one a constructor assigns: hibernate-validator's XML
   * builders fill their state this way. A plain setter is not (see NoncompliantOnlyASetterAssigns).
   */
  static class CompliantAssignedByOverride extends Parser {
    private Optional<String> header;

    @Override
    protected void start(String text) {
      header = Optional.of(text);
    }

    String header() {
      return header.orElse("");
    }
  }

  static class Fixed {
    private Optional<String> nickname = Optional.empty();
    private Optional<String> email = Optional.empty();

    void setEmail(String email) {
      this.email = Optional.ofNullable(email);
    }

    String display(String name) {
      return nickname.orElse(name) + email.orElse("");
    }
  }
}
