package dev.crashguard.catalog.knowledge.attributes;

import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Attribute values the libraries hand to a JDK parser, judged by that same parser at analysis time, so the
 * answer is the one the application gets: a regular expression, a {@code DateTimeFormatter} or {@code
 * SimpleDateFormat} pattern, a {@code BigDecimal}, a time-zone id as Spring reads it.
 */
public final class JdkGrammars {

  private JdkGrammars() {}

  /**
   * Why {@code Pattern.compile(regex, flags)} fails, or empty: {@code flags} are names of {@code
   * jakarta.validation.constraints.Pattern.Flag} (the same as {@link Pattern}'s constants; {@code COMMENTS}
   * changes what compiles). An unknown flag name is left out.
   */
  public static Optional<String> regex(String regex, Collection<String> flags) {
    int bits = 0;
    for (String flag : flags) {
      bits |= switch (flag) {
        case "UNIX_LINES" -> Pattern.UNIX_LINES;
        case "CASE_INSENSITIVE" -> Pattern.CASE_INSENSITIVE;
        case "COMMENTS" -> Pattern.COMMENTS;
        case "MULTILINE" -> Pattern.MULTILINE;
        case "DOTALL" -> Pattern.DOTALL;
        case "UNICODE_CASE" -> Pattern.UNICODE_CASE;
        case "CANON_EQ" -> Pattern.CANON_EQ;
        default -> 0;
      };
    }
    try {
      Pattern.compile(regex, bits);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(e.getDescription() + " near index " + e.getIndex());
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Why {@code DateTimeFormatter.ofPattern(pattern)} fails (java.time types), or empty. */
  public static Optional<String> dateTimeFormatter(String pattern) {
    try {
      DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Why {@code new SimpleDateFormat(pattern)} fails ({@code Date}, {@code Calendar}), or empty. */
  public static Optional<String> simpleDateFormat(String pattern) {
    try {
      new SimpleDateFormat(pattern, Locale.ROOT);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Why {@code new BigDecimal(value)} fails, or empty. */
  public static Optional<String> bigDecimal(String value) {
    try {
      new BigDecimal(value);
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.of("'" + value + "' is not a decimal number");
    }
  }

  /** {@code new BigDecimal(value)}, or null when it is not one. */
  public static BigDecimal decimalOrNull(String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Why Spring's {@code StringUtils.parseTimeZoneString} rejects {@code zone}: {@code TimeZone.getTimeZone}
   * falls back to GMT for an id it does not know, and Spring refuses that fallback unless the id itself
   * starts with {@code GMT}.
   */
  public static Optional<String> springTimeZone(String zone) {
    TimeZone timeZone = TimeZone.getTimeZone(zone);
    return "GMT".equals(timeZone.getID()) && !zone.startsWith("GMT")
        ? Optional.of("'" + zone + "' is not a time-zone id")
        : Optional.empty();
  }
}
