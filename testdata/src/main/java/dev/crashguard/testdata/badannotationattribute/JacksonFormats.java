package dev.crashguard.testdata.badannotationattribute;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;

/**
 * A {@code @JsonFormat(pattern)} the date formatter refuses. Jackson builds the formatter when it first
 * serializes or deserializes the owning class: {@code SimpleDateFormat} for {@code Date}/{@code Calendar}
 * ("Illegal pattern character"), {@code DateTimeFormatter} for {@code java.time} ("Pattern includes reserved
 * character", "Pattern ends with an incomplete string literal", thrown raw out of {@code writeValueAsString}); for a {@code Duration} the pattern is a {@code
 * ChronoUnit} name, and anything else is an {@code InvalidDefinitionException}. In Spring MVC the converter
 * then refuses the type and every request answers 415 (spring-projects/spring-framework#24953,
 * FasterXML/jackson-databind#555).
 *
 * <p>The compliant twins use quoted literals, optional sections, ISO offsets, and a pattern on a type
 * Jackson does not format as a date.
 */
public class JacksonFormats {

  /** 'bb' is no letter of SimpleDateFormat. */
  static class NoncompliantLegacyDateLetter {
    @JsonFormat(pattern = "yyyy-MM-dd bb") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    Date created;

    Date created() {
      return created; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** An unterminated quote on a java.time field. */
  static class NoncompliantJavaTimeQuote {
    @JsonFormat(pattern = "yyyy-MM-dd'T") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    LocalDate day;

    LocalDate day() {
      return day; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** '#' is reserved in DateTimeFormatter, on a getter. */
  static class NoncompliantReservedCharacterOnGetter {
    private OffsetDateTime at;

    @JsonFormat(pattern = "yyyy-MM-dd#HH:mm") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    OffsetDateTime getAt() {
      return at; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A Duration's pattern is a unit name, not an ISO period. */
  static class NoncompliantDurationPattern {
    @JsonFormat(pattern = "PT1S") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    Duration timeout;

    Duration timeout() {
      return timeout; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Quoted literals, an optional section, an ISO offset, a unit for a Duration, a number as a string. */
  static class CompliantPatterns {
    @JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
    Date stamp;

    @JsonFormat(pattern = "yyyy-MM-dd['T'HH:mm]")
    LocalDate day;

    @JsonFormat(pattern = "SECONDS")
    Duration timeout;

    @JsonFormat(shape = JsonFormat.Shape.STRING)
    long count;

    @JsonFormat(pattern = "#,##0.00")
    double price;

    Object all() {
      return stamp + "" + day + timeout + count + price;
    }
  }

  /** The letter that was meant. */
  static class FixedLegacyDateLetter {
    @JsonFormat(pattern = "yyyy-MM-dd HH:mm")
    Date created;

    Date created() {
      return created;
    }
  }

  /** The quote closed. */
  static class FixedJavaTimeQuote {
    @JsonFormat(pattern = "yyyy-MM-dd'T'")
    LocalDate day;

    LocalDate day() {
      return day;
    }
  }

  /** A unit name. */
  static class FixedDurationPattern {
    @JsonFormat(pattern = "SECONDS")
    Duration timeout;

    Duration timeout() {
      return timeout;
    }
  }
}
