package dev.crashguard.catalog.knowledge.attributes;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The duration strings of {@code @Scheduled(fixedDelayString, fixedRateString, initialDelayString)} as
 * Spring 6.2 and 7.0 read them ({@code DurationFormatterUtils.detectAndParse}): ISO-8601 ({@code PT5S}, any
 * case, signed), a simple number with an optional unit ({@code 5000}, {@code 5s}, {@code 10ms}: {@code ns us
 * ms s m h d}, any case) or a composite ({@code 1h30m}, {@code -(1d 2h)}). Spring 6.1 and older read only
 * ISO-8601 and plain numbers: a superset of what they accept is accepted here, so that only values every
 * release rejects are reported. {@link #millis} gives the value a long-lived task would wait, to tell a zero
 * or negative period, which the JDK scheduler refuses.
 */
public final class DurationGrammar {

  private static final Pattern ISO = Pattern.compile("^[+-]?[pP].*$");
  private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");
  private static final Pattern COMPOSITE =
      Pattern.compile("^([+-]?)\\(?\\s?(\\d+d)?\\s?(\\d+h)?\\s?(\\d+m)?\\s?(\\d+s)?\\s?(\\d+ms)?\\s?(\\d+us)?\\s?(\\d+ns)?\\)?$");
  private static final Set<String> UNITS = Set.of("", "ns", "us", "ms", "s", "m", "h", "d");

  private DurationGrammar() {}

  /** Why Spring rejects {@code value} as a duration, or empty when it parses. */
  public static Optional<String> problem(String value) {
    if (ISO.matcher(value).matches()) {
      try {
        Duration.parse(value);
        return Optional.empty();
      } catch (DateTimeParseException e) {
        return Optional.of("'" + value + "' is not an ISO-8601 duration");
      }
    }
    var simple = SIMPLE.matcher(value);
    if (simple.matches()) {
      try {
        Long.parseLong(simple.group(1));
      } catch (NumberFormatException e) {
        return Optional.of("'" + value + "' is too large a number");
      }
      return UNITS.contains(simple.group(2).toLowerCase(Locale.ROOT))
          ? Optional.empty()
          : Optional.of("'" + simple.group(2) + "' is not a duration unit (ns, us, ms, s, m, h, d)");
    }
    var composite = COMPOSITE.matcher(value);
    if (composite.matches() && !value.isEmpty()) {
      try {
        Duration total = Duration.ZERO;
        for (int g = 2; g <= composite.groupCount(); g++) {
          String part = composite.group(g);
          if (part != null) {
            total = total.plus(part(part));
          }
        }
        return Optional.empty();
      } catch (ArithmeticException | NumberFormatException e) {
        return Optional.of("'" + value + "' is too long a duration");
      }
    }
    return Optional.of("expected a form like 5000, 5s, PT5S or 1h30m");
  }

  private static Duration part(String part) {
    String unit = part.replaceAll("[0-9]", "");
    long n = Long.parseLong(part.substring(0, part.length() - unit.length()));
    return switch (unit) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      case "s" -> Duration.ofSeconds(n);
      case "ms" -> Duration.ofMillis(n);
      case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
      default -> Duration.ofNanos(n);
    };
  }

  /**
   * Whether {@code value}, which {@link #problem} accepts, is zero or negative: {@code 0}, {@code -5},
   * {@code -PT1S}, {@code PT0S}. A number without a unit is positive or not whatever the unit.
   */
  public static boolean notPositive(String value) {
    if (ISO.matcher(value).matches()) {
      Duration d = Duration.parse(value);
      return d.isZero() || d.isNegative();
    }
    var simple = SIMPLE.matcher(value);
    if (simple.matches()) {
      return Long.parseLong(simple.group(1)) <= 0;
    }
    var composite = COMPOSITE.matcher(value);
    if (composite.matches()) {
      if (composite.group(1).equals("-")) {
        return true;
      }
      for (int g = 2; g <= composite.groupCount(); g++) {
        String part = composite.group(g);
        if (part != null && Long.parseLong(part.replaceAll("[a-z]", "")) > 0) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
