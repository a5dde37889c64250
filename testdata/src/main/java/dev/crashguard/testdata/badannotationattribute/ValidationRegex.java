package dev.crashguard.testdata.badannotationattribute;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;

/**
 * A Bean Validation regular expression that does not compile. Hibernate Validator compiles {@code regexp}
 * (with its {@code flags}) only when it first validates the constraint, so the application starts, and the
 * first request or save that validates the field fails with {@code ValidationException: HV000032: Unable
 * to initialize PatternValidator} caused by {@code HV000022: Invalid regular expression}.
 *
 * <p>Written from Hibernate Validator's own compile-time check of the same attribute (HV-270,
 * hibernate/hibernate-validator#527) and swagger-api/swagger-codegen#6336 (a generated constraint failing
 * only on the first validation). The compliant twins hold regular expressions that look broken and are not:
 * escaped brackets, character-class intersections, a back-reference Java accepts, and a pattern that is
 * valid only with the COMMENTS flag it carries.
 */
public class ValidationRegex {

  /** An unclosed character class. */
  static class NoncompliantUnclosedClass {
    @Pattern(regexp = "[a-z") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker) (not: pmd — XPath cannot compile a Java regular expression)
    String code;

    String code() {
      return code; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A quantifier with nothing to repeat, in a constant. */
  static class NoncompliantDanglingQuantifier {
    static final String SKU = "*[0-9]{4}";

    @Pattern(regexp = SKU, message = "bad sku") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker) (not: pmd — XPath cannot compile a Java regular expression)
    String sku;

    String sku() {
      return sku; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** An unknown Unicode property on an e-mail constraint's own regexp. */
  static class NoncompliantEmailProperty {
    @Email(regexp = "\\p{Foo}+@example\\.com") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker) (not: pmd — XPath cannot compile a Java regular expression)
    String mail;

    String mail() {
      return mail; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Escaped brackets, an intersection, a back-reference: all compile. */
  static class CompliantTrickyButValid {
    @Pattern(regexp = "\\[abc\\]")
    String bracketed;

    @Pattern(regexp = "(?i)abc|\\p{L}+|[a-z&&[^b]]")
    String classes;

    @Pattern(regexp = "(a)\\2")
    String backReference;

    @Email
    String plainMail;

    String all() {
      return bracketed + classes + backReference + plainMail;
    }
  }

  /** Valid only because COMMENTS lets the white space and the comment be. */
  static class CompliantCommentsFlag {
    @Pattern(regexp = "[a-z]+ # lower-case letters", flags = Pattern.Flag.COMMENTS)
    String word;

    String word() {
      return word;
    }
  }

  /** The pattern comes from configuration at run time: nothing to judge at compile time. */
  static class CompliantRuntimeValue {
    String code;

    boolean valid(String regexFromConfig) {
      return code != null && code.matches(regexFromConfig);
    }
  }

  /** The class closed. */
  static class FixedUnclosedClass {
    @Pattern(regexp = "[a-z]+")
    String code;

    String code() {
      return code;
    }
  }

  /** The quantifier given something to repeat. */
  static class FixedDanglingQuantifier {
    static final String SKU = "[A-Z]*[0-9]{4}";

    @Pattern(regexp = SKU, message = "bad sku")
    String sku;

    String sku() {
      return sku;
    }
  }
}
