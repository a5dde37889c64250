package dev.crashguard.testdata.badannotationattribute;

import static dev.crashguard.testdata.CrashEvidence.Explained.ranked;
import static dev.crashguard.testdata.CrashEvidence.Explained.unranked;
import static dev.crashguard.testdata.badannotationattribute.Failures.crash;
import static dev.crashguard.testdata.badannotationattribute.Failures.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash proofs for the Bean Validation cases ({@link ValidationRegex}, {@link ValidationBounds}): the corpus'
 * own classes validated by the real Hibernate Validator 9 (with Expressly for message interpolation), as
 * a request body or an entity would be. Hibernate Validator initializes a constraint's validator only when
 * a validation first evaluates it, so nothing fails while the factory is built; the first {@code
 * validate} of a noncompliant class throws {@code ValidationException: HV000032: Unable to initialize
 * <validator>}, caused by the validator's own complaint about the attribute. The fixed classes validate
 * (and still reject the values they should); the compliant ones, whose attributes only look wrong, validate
 * without an exception.
 *
 * <p>The Jackson cases are in {@link BadAnnotationAttributeJacksonCrashProofTest}, Spring's in {@link
 * BadAnnotationAttributeSpringCrashProofTest}.
 */
class BadAnnotationAttributeCrashProofTest {

  private static final String VALIDATOR_REFUSES = "bad-annotation-attribute/validator-refuses-constraint";

  /**
   * HV000032 names the validator, never the annotated class: a failure ranks its marker only by the value it
   * quotes (the regex PatternSyntaxException prints, the decimal HV000016 prints) as a literal on the
   * marker's line. A bound's failure quotes no value.
   */
  private static final String BOUND_NOT_QUOTED =
      "Hibernate Validator names the validator and the broken rule (\"The length cannot be negative\"), not the"
          + " class, the element or the numbers";

  private static ValidatorFactory factory;
  private static Validator validator;

  @BeforeAll
  static void buildValidator() {
    factory = Validation.buildDefaultValidatorFactory();
    validator = factory.getValidator();
  }

  @AfterAll
  static void closeValidator() {
    factory.close();
  }

  /**
   * Validates {@code bean}, expects HV000032 naming {@code validatorClass}, caused by an
   * IllegalArgumentException holding {@code cause} (Hibernate Validator's message for the attribute); its
   * trace is explained by HV000032's signature, and ranks {@code bean}'s class first, or cannot for the
   * reason {@code whyNotRanked} (null: it ranks).
   */
  private static ValidationException unableToInitialize(
      Object bean, String validatorClass, String cause, String whyNotRanked) {
    ValidationException e = crash("validate(" + bean.getClass().getSimpleName() + ")", ValidationException.class,
        whyNotRanked == null ? ranked(VALIDATOR_REFUSES, bean.getClass()) : unranked(VALIDATOR_REFUSES, whyNotRanked),
        () -> validator.validate(bean));
    assertTrue(e.getMessage().startsWith("HV000032: Unable to initialize "), e.getMessage());
    assertTrue(e.getMessage().contains(validatorClass), e.getMessage());
    IllegalArgumentException iae = assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(iae.getMessage().startsWith(cause), iae.getMessage());
    return e;
  }

  private static Set<String> violations(Object bean) {
    return validator.validate(bean).stream()
        .map(v -> v.getPropertyPath() + " " + v.getMessage())
        .collect(Collectors.toSet());
  }

  // ---- ValidationRegex ---------------------------------------------------------------------------------

  @Test
  void regexThatDoesNotCompileFailsTheFirstValidation() {
    ValidationRegex.NoncompliantUnclosedClass unclosed = new ValidationRegex.NoncompliantUnclosedClass();
    unclosed.code = "abc";
    ValidationException e =
        unableToInitialize(unclosed, "PatternValidator", "HV000022: Invalid regular expression.", null);
    PatternSyntaxException syntax = assertInstanceOf(PatternSyntaxException.class, root(e));
    assertEquals("[a-z", syntax.getPattern());
    assertTrue(syntax.getDescription().startsWith("Unclosed character class"), syntax.getDescription());

    // The value does not matter: a null (which @Pattern accepts) still initializes the validator first.
    ValidationRegex.NoncompliantDanglingQuantifier sku = new ValidationRegex.NoncompliantDanglingQuantifier();
    e = unableToInitialize(sku, "PatternValidator", "HV000022: Invalid regular expression.",
        "the regex is quoted, but the marker's line names the constant SKU, not the literal");
    syntax = assertInstanceOf(PatternSyntaxException.class, root(e));
    assertEquals(ValidationRegex.NoncompliantDanglingQuantifier.SKU, syntax.getPattern());
    assertTrue(syntax.getDescription().startsWith("Dangling meta character '*'"), syntax.getDescription());

    ValidationRegex.NoncompliantEmailProperty mail = new ValidationRegex.NoncompliantEmailProperty();
    mail.mail = "ann@example.com";
    e = unableToInitialize(mail, "EmailValidator", "HV000022: Invalid regular expression.", null);
    syntax = assertInstanceOf(PatternSyntaxException.class, root(e));
    assertTrue(syntax.getDescription().startsWith("Unknown character property name"), syntax.getDescription());
  }

  @Test
  void fixedAndTrickyButValidRegexesValidate() {
    ValidationRegex.FixedUnclosedClass unclosed = new ValidationRegex.FixedUnclosedClass();
    unclosed.code = "abc";
    assertEquals(Set.of(), violations(unclosed));
    unclosed.code = "ABC";
    assertEquals(1, violations(unclosed).size(), "the constraint still works");

    ValidationRegex.FixedDanglingQuantifier sku = new ValidationRegex.FixedDanglingQuantifier();
    sku.sku = "AB1234";
    assertEquals(Set.of(), violations(sku));
    sku.sku = "1234AB";
    assertEquals(Set.of("sku bad sku"), violations(sku));

    ValidationRegex.CompliantTrickyButValid tricky = new ValidationRegex.CompliantTrickyButValid();
    tricky.bracketed = "[abc]";
    tricky.classes = "\u00e9t\u00e9";
    tricky.plainMail = "ann@example.com";
    assertEquals(Set.of(), violations(tricky));

    ValidationRegex.CompliantCommentsFlag comments = new ValidationRegex.CompliantCommentsFlag();
    comments.word = "lower";
    assertEquals(Set.of(), violations(comments));
    comments.word = "lower case";
    assertEquals(1, violations(comments).size(), "COMMENTS drops the blank and the comment from the pattern");
  }

  // ---- ValidationBounds --------------------------------------------------------------------------------

  @Test
  void boundsHibernateValidatorRefusesFailTheFirstValidation() {
    ValidationBounds.NoncompliantCrossedSize crossedSize = new ValidationBounds.NoncompliantCrossedSize();
    crossedSize.name = "Ann";
    unableToInitialize(crossedSize, "SizeValidatorForCharSequence", "HV000021: The length cannot be negative.",
        BOUND_NOT_QUOTED);

    ValidationBounds.NoncompliantNegativeSize negativeSize = new ValidationBounds.NoncompliantNegativeSize();
    negativeSize.tags = List.of("a");
    unableToInitialize(negativeSize, "SizeValidatorForCollection", "HV000019: The min parameter cannot be negative.",
        BOUND_NOT_QUOTED);

    ValidationBounds.NoncompliantCrossedLength crossedLength = new ValidationBounds.NoncompliantCrossedLength();
    crossedLength.code = "abcdef";
    unableToInitialize(crossedLength, "LengthValidator", "HV000021: The length cannot be negative.", BOUND_NOT_QUOTED);

    ValidationBounds.NoncompliantNegativeDigits digits = new ValidationBounds.NoncompliantNegativeDigits();
    digits.amount = new BigDecimal("12.50");
    unableToInitialize(digits, "DigitsValidatorForNumber",
        "HV000018: The length of the fraction part cannot be negative.", BOUND_NOT_QUOTED);

    ValidationBounds.NoncompliantDecimalComma comma = new ValidationBounds.NoncompliantDecimalComma();
    comma.rate = new BigDecimal("0.75");
    ValidationException e = unableToInitialize(comma, "DecimalMinValidatorForBigDecimal",
        "HV000016: 0,5 does not represent a valid BigDecimal format.", null);
    assertInstanceOf(NumberFormatException.class, root(e));
  }

  @Test
  void minAboveMaxThrowsNothingButNoValuePasses() {
    ValidationBounds.NoncompliantSwappedMinMax swapped = new ValidationBounds.NoncompliantSwappedMinMax();
    ValidationBounds.FixedSwappedMinMax fixed = new ValidationBounds.FixedSwappedMinMax();
    for (int age : new int[] {Integer.MIN_VALUE, -1, 0, 17, 18, 19, 42, 69, 119, 120, 121, Integer.MAX_VALUE}) {
      swapped.age = age;
      Set<ConstraintViolation<ValidationBounds.NoncompliantSwappedMinMax>> rejected = validator.validate(swapped);
      assertFalse(rejected.isEmpty(), "age " + age + " passed @Min(120) @Max(18)");
      fixed.age = age;
      assertEquals(age >= 18 && age <= 120, validator.validate(fixed).isEmpty(), "fixed, age " + age);
    }
    System.out.println("@Min(120) @Max(18): every age rejected, e.g. 42 -> " + violations(swapped(42)));
  }

  private static ValidationBounds.NoncompliantSwappedMinMax swapped(int age) {
    ValidationBounds.NoncompliantSwappedMinMax swapped = new ValidationBounds.NoncompliantSwappedMinMax();
    swapped.age = age;
    return swapped;
  }

  @Test
  void fixedAndEdgeBoundsValidate() {
    ValidationBounds.FixedCrossedSize size = new ValidationBounds.FixedCrossedSize();
    size.name = "Ann";
    assertEquals(Set.of(), violations(size));
    size.name = "Anna";
    assertEquals(1, violations(size).size());

    ValidationBounds.FixedDecimalComma rate = new ValidationBounds.FixedDecimalComma();
    rate.rate = new BigDecimal("0.75");
    assertEquals(Set.of(), violations(rate));
    rate.rate = new BigDecimal("0.25");
    assertEquals(1, violations(rate).size());

    ValidationBounds.CompliantEdgeBounds edges = new ValidationBounds.CompliantEdgeBounds();
    edges.none = List.of();
    edges.fixed = "abc";
    edges.zero = null;
    edges.share = new BigDecimal("0.1");
    edges.age = 30;
    assertEquals(Set.of(), violations(edges));
    // @Digits(integer = 1, fraction = 0): one integer digit (Hibernate Validator counts the digit of 0 itself).
    for (String number : new String[] {"0", "-0", "7"}) {
      edges.zero = new BigDecimal(number);
      assertEquals(Set.of(), violations(edges), "@Digits(1, 0) and " + number);
    }
    edges.zero = new BigDecimal("12");
    assertEquals(1, violations(edges).size(), "@Digits(1, 0) and 12");

    // A @Min and a @Max on two parameters: two elements, each with a bound it can meet.
    ValidationBounds.CompliantBoundsOfDifferentElements clamp =
        new ValidationBounds.CompliantBoundsOfDifferentElements();
    Method m = method(ValidationBounds.CompliantBoundsOfDifferentElements.class, "clamp", int.class, int.class);
    assertEquals(Set.of(), validator.forExecutables().validateParameters(clamp, m, new Object[] {150, 5}));
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getDeclaredMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
