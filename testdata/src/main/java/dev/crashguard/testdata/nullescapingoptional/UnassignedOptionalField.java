package dev.crashguard.testdata.nullescapingoptional;

import jakarta.annotation.PostConstruct;
import java.util.Optional;

/**
 * A private Optional field that no constructor or initialiser assigns starts out null, whatever its type
 * promises: the first {@code isPresent()} throws. A class file keeps no line for a field declaration, so
 * SpotBugs reports the first read of the field instead (the second marker); Error Prone and PMD report
 * the declaration. A static field only a static method assigns is the same. A field counts as set up
 * when this class's code assigns it before any read: a constructor or the private methods it calls, an
 * initialiser block, an overriding or lifecycle method, a lazy null check, a factory method or nested
 * builder filling a new instance; and so does an annotated (injected) field.
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

    /** A later read is not reported again: one finding per field. */
    String second() {
      return email.orElse("?");
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

  /** A static field that only a static method assigns (no static initialiser): null until it is called. */
  static class NoncompliantStaticSetByAMethod {
    private static Optional<String> fallback; // hazard: NullEscapingOptional (not: spotbugs — a class file keeps no line for a field declaration; SpotBugs reports the read below)

    static void configure(String value) {
      fallback = Optional.of(value);
    }

    static String get() {
      return fallback.orElse(""); // hazard: NullEscapingOptional (not: errorprone, pmd — reported at the field declaration above, where the source has it)
    }
  }

  /** An instance initialiser assigns one field; the constructor reaches the other through private helpers. */
  static class CompliantAssignedDuringConstruction {
    private Optional<String> value;
    private Optional<String> instance;

    {
      instance = Optional.empty();
    }

    CompliantAssignedDuringConstruction() {
      init();
    }

    private void init() {
      reset();
    }

    private void reset() {
      value = Optional.empty();
    }

    String show() {
      return value.orElse("") + instance.orElse("");
    }
  }

  /**
   * Filled lazily behind a null check, or on each new instance by a factory method or a nested builder;
   * the constructor is private, so no instance escapes unfilled.
   */
  static class CompliantLazyOrBuilt {
    private Optional<String> cached;
    private Optional<String> name;

    private CompliantLazyOrBuilt() {}

    Optional<String> get() {
      if (cached == null) {
        cached = Optional.of("computed");
      }
      return cached;
    }

    String show() {
      return name.orElse("");
    }

    static CompliantLazyOrBuilt of(String name) {
      CompliantLazyOrBuilt built = new CompliantLazyOrBuilt();
      built.name = Optional.ofNullable(name);
      return built;
    }

    static final class Builder {
      CompliantLazyOrBuilt build() {
        CompliantLazyOrBuilt target = new CompliantLazyOrBuilt();
        target.name = Optional.empty();
        return target;
      }
    }
  }

  /**
   * kafka-clients' SubscriptionState (an analysis error met in the real world): the builder that fills the
   * field holds {@code long} constants, whose constant-pool entries take two slots; reading the builder's
   * constant pool must step over the unused one.
   */
  static class CompliantBuiltByABuilderWithLongConstants {
    private Optional<String> name;

    private CompliantBuiltByABuilderWithLongConstants() {}

    String show() {
      return name.orElse("");
    }

    static final class Builder {
      private long timeoutNanos = 30_000_000_000L;
      private double backoffFactor = 1.5e-3;

      Builder timeout(long nanos) {
        timeoutNanos = nanos > 1_000_000_000_000L ? 1_000_000_000_000L : nanos;
        return this;
      }

      CompliantBuiltByABuilderWithLongConstants build() {
        CompliantBuiltByABuilderWithLongConstants target = new CompliantBuiltByABuilderWithLongConstants();
        target.name = Optional.of(timeoutNanos * backoffFactor > 2.5e7 ? "slow" : "fast");
        return target;
      }
    }
  }

  /**
   * The container sets the fields up before use: an annotated field is injected, a lifecycle method runs
   * after construction. A field nothing reads crashes nothing.
   */
  static class CompliantSetUpByTheContainerOrUnread {
    @jakarta.annotation.Resource private Optional<String> injected;
    private Optional<String> byLifecycle;
    private Optional<String> neverRead;

    @PostConstruct
    void setUp() {
      byLifecycle = Optional.empty();
    }

    String show() {
      return injected.orElse("") + byLifecycle.orElse("");
    }
  }

  static class FixedStaticSetByAMethod {
    private static Optional<String> fallback = Optional.empty();

    static void configure(String value) {
      fallback = Optional.of(value);
    }

    static String get() {
      return fallback.orElse("");
    }
  }
}
