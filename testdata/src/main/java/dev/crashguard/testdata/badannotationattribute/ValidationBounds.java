package dev.crashguard.testdata.badannotationattribute;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.hibernate.validator.constraints.Length;

/**
 * Bounds Hibernate Validator refuses, or that no value can meet. A negative or crossed {@code @Size} or
 * {@code @Length} (HV000019/HV000020/HV000021), a negative {@code @Digits} (HV000017/HV000018) and a {@code
 * @DecimalMin}/{@code @DecimalMax} that is not a number (HV000016) fail the first validation with {@code
 * ValidationException: HV000032}. {@code @Min} above {@code @Max} on one element throws nothing, but no
 * value passes: every request that carries the field is rejected.
 *
 * <p>Written from Hibernate Validator's annotation-processor checks for these parameters (HV-270,
 * hibernate/hibernate-validator#527: "min must not be greater than max", "value must be a valid
 * BigDecimal"). The compliant twins use zero, equal bounds, an exponent and a sign in decimals, and bounds
 * from constants.
 */
public class ValidationBounds {

  static final int MAX_NAME = 3;

  /** min above max, the second from a constant. */
  static class NoncompliantCrossedSize {
    @Size(min = 5, max = MAX_NAME) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String name;

    String name() {
      return name; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A negative minimum on a collection. */
  static class NoncompliantNegativeSize {
    @Size(min = -1) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    List<String> tags;

    List<String> tags() {
      return tags; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Hibernate's @Length crossed. */
  static class NoncompliantCrossedLength {
    @Length(min = 10, max = 2) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String code;

    String code() {
      return code; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A negative fraction. */
  static class NoncompliantNegativeDigits {
    @Digits(integer = 6, fraction = -2) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    BigDecimal amount;

    BigDecimal amount() {
      return amount; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A decimal comma, as written in much of Europe. */
  static class NoncompliantDecimalComma {
    @DecimalMin("0,5") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    BigDecimal rate;

    BigDecimal rate() {
      return rate; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** The bounds swapped: no age passes. */
  static class NoncompliantSwappedMinMax {
    @Min(120)
    @Max(18) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    int age;

    int age() {
      return age; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Zero, equal bounds, a decimal with sign and exponent, bounds in the right order. */
  static class CompliantEdgeBounds {
    @Size(min = 0, max = 0)
    List<String> none;

    @Size(min = MAX_NAME, max = MAX_NAME)
    String fixed;

    @Digits(integer = 1, fraction = 0)
    BigDecimal zero;

    @DecimalMin("+1.5E-2")
    @DecimalMax(".5")
    BigDecimal share;

    @Min(18)
    @Max(120)
    int age;

    Object all() {
      return List.of(none, fixed, zero, share, age);
    }
  }

  /** A @Min and a @Max of different elements: each method parameter is its own element. */
  static class CompliantBoundsOfDifferentElements {
    int clamp(@Min(100) int low, @Max(10) int high) {
      return Math.max(low, high);
    }
  }

  /** The bounds in order. */
  static class FixedCrossedSize {
    @Size(min = 1, max = MAX_NAME)
    String name;

    String name() {
      return name;
    }
  }

  /** A decimal point. */
  static class FixedDecimalComma {
    @DecimalMin("0.5")
    BigDecimal rate;

    BigDecimal rate() {
      return rate;
    }
  }

  /** The bounds swapped back. */
  static class FixedSwappedMinMax {
    @Min(18)
    @Max(120)
    int age;

    int age() {
      return age;
    }
  }
}
