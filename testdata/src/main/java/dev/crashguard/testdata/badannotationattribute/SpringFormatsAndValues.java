package dev.crashguard.testdata.badannotationattribute;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * Spring's {@code @DateTimeFormat(pattern)} that the date formatter refuses: Spring builds the formatter on
 * the first conversion, so every request that binds the parameter answers 400 ({@code
 * MethodArgumentTypeMismatchException} caused by "Unknown pattern letter"). And {@code @Value} with an
 * unclosed {@code #{}, which Spring cannot parse at start-up, or an unclosed {@code ${} where Spring must
 * convert the text: it injects the literal text, and the conversion to a number or a {@code Duration} fails
 * at start-up ({@code TypeMismatchException: For input string: "${timeout"}).
 *
 * <p>An unclosed {@code ${} into a {@code String} is injected as text without failing and is not reported.
 */
public class SpringFormatsAndValues {

  /** 'b' is no pattern letter for java.time. */
  static class NoncompliantDateTimeFormatLetter {
    LocalDate parse(@DateTimeFormat(pattern = "yyyy-MM-dd bb") LocalDate day) { // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker) (not: pmd — the pattern letters DateTimeFormatter knows are the running JDK's, and XPath cannot run its parser)
      return day; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A SimpleDateFormat letter that does not exist, on a Date field. */
  static class NoncompliantLegacyFormatField {
    @DateTimeFormat(pattern = "dd.MM.yyyy VV") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    Date due;

    Date due() {
      return due; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** An unclosed placeholder into an int. */
  static class NoncompliantPlaceholderIntoInt {
    @Value("${pool.size") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    int poolSize;

    int poolSize() {
      return poolSize; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** An unclosed expression. */
  static class NoncompliantUnclosedExpression {
    @Value("#{systemProperties['user.home']") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String home;

    String home() {
      return home; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Valid patterns, placeholders Spring resolves, an unclosed placeholder into a String (taken as text). */
  static class CompliantFormatsAndValues {
    @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
    Date stamp;

    @DateTimeFormat(pattern = "dd.MM.yyyy", iso = DateTimeFormat.ISO.DATE)
    LocalDate both;

    @Value("${pool.size:8}")
    int poolSize;

    @Value("${http.timeout:PT30S}")
    Duration timeout;

    @Value("${greeting")
    String greeting;

    @Value("#{'${list}'.split(',')}")
    String[] list;

    Object all() {
      return stamp + "" + both + poolSize + timeout + greeting + list.length;
    }
  }

  /** Spring injects no static field: an unclosed placeholder there is never read. */
  static class CompliantStaticValue {
    @Value("${pool.size")
    static int poolSize;

    static int poolSize() {
      return poolSize;
    }
  }

  /**
   * Neither compliant nor noncompliant, and not judged: a placeholder in a {@code @DateTimeFormat} pattern
   * is resolved only by a conversion service built with a resolver ({@code FormattingConversionServiceFactoryBean});
   * the {@code DefaultFormattingConversionService} Spring MVC registers resolves none, and then every
   * conversion fails on the pattern's '{'. The configuration decides, so every engine stays silent (the
   * crash proofs show both).
   */
  static class UnjudgedPlaceholderPattern {
    @DateTimeFormat(pattern = "${app.date-format}")
    LocalDate configured;

    LocalDate configured() {
      return configured;
    }
  }

  /** The letters that were meant. */
  static class FixedDateTimeFormatLetter {
    LocalDate parse(@DateTimeFormat(pattern = "yyyy-MM-dd") LocalDate day) {
      return day;
    }
  }

  /** The placeholder closed. */
  static class FixedPlaceholderIntoInt {
    @Value("${pool.size}")
    int poolSize;

    int poolSize() {
      return poolSize;
    }
  }
}
