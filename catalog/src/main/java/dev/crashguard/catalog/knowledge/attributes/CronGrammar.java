package dev.crashguard.catalog.knowledge.attributes;

import java.time.DateTimeException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Spring's cron expressions ({@code org.springframework.scheduling.support.CronExpression.parse}, the grammar
 * of Spring 5.3 to 7.0): six fields separated by spaces (seconds, minutes, hours, day of month, month, day of
 * week), or one of the macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly} (any case).
 * A field is a comma list of {@code *}, {@code n}, {@code a-b}, each optionally {@code /step} (step at least
 * 1; a single start {@code n/step} runs to the field's maximum). {@code ?} stands for {@code *} in the two
 * day fields. Month and day-of-week names ({@code JAN}, {@code MON}, any case) are replaced by their numbers
 * as text, so {@code MONDAY} becomes {@code 1DAY} and fails. Day of week runs 0–7 (0 and 7 are Sunday; 7 as
 * the start of a range means 0). Quartz's extras: {@code L}, {@code L-n}, {@code LW}, {@code nW} in the day of
 * month (upper case only), {@code nL} and {@code n#k} in the day of week. Not supported, as in Spring: a
 * year field, five-field Unix crons, {@code @reboot}, {@code C}, {@code H}.
 */
public final class CronGrammar {

  private static final String[] MACROS = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"};
  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

  private CronGrammar() {}

  /** Why Spring rejects {@code expression}, or empty when it parses. */
  public static Optional<String> problem(String expression) {
    if (expression.isEmpty()) {
      return Optional.of("the expression is empty");
    }
    String trimmed = expression.trim();
    for (String macro : MACROS) {
      if (macro.equalsIgnoreCase(trimmed)) {
        return Optional.empty();
      }
    }
    List<String> fields = new ArrayList<>();
    for (String token : trimmed.split(" ")) {
      String field = token.trim();
      if (!field.isEmpty()) {
        fields.add(field);
      }
    }
    if (fields.size() != 6) {
      return Optional.of("6 fields needed, seconds first, found " + fields.size());
    }
    try {
      bits(fields.get(0), ChronoField.SECOND_OF_MINUTE);
      bits(fields.get(1), ChronoField.MINUTE_OF_HOUR);
      bits(fields.get(2), ChronoField.HOUR_OF_DAY);
      dayOfMonth(fields.get(3));
      bits(names(fields.get(4), MONTHS), ChronoField.MONTH_OF_YEAR);
      dayOfWeek(names(fields.get(5), DAYS));
      return Optional.empty();
    } catch (IllegalArgumentException | DateTimeException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static void dayOfMonth(String value) {
    if (!value.contains("L") && !value.contains("W")) {
      bits(dateField(value), ChronoField.DAY_OF_MONTH);
      return;
    }
    for (String item : list(value)) {
      if (item.contains("L") || item.contains("W")) {
        quartzDayOfMonth(item);
      } else {
        bits(dateField(item), ChronoField.DAY_OF_MONTH);
      }
    }
  }

  private static void dayOfWeek(String value) {
    if (!value.contains("L") && !value.contains("#")) {
      bits(dateField(value), ChronoField.DAY_OF_WEEK);
      return;
    }
    for (String item : list(value)) {
      if (item.contains("L") || item.contains("#")) {
        quartzDayOfWeek(item);
      } else {
        bits(dateField(item), ChronoField.DAY_OF_WEEK);
      }
    }
  }

  private static String dateField(String value) {
    return value.equals("?") ? "*" : value;
  }

  /** A comma list of ranges and steps; every item is checked against the field's range. */
  private static void bits(String value, ChronoField field) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a field is empty");
    }
    for (String item : list(value)) {
      int slash = item.indexOf('/');
      if (slash == -1) {
        range(item, field);
      } else {
        range(item.substring(0, slash), field);
        if (Integer.parseInt(item.substring(slash + 1)) <= 0) {
          throw new IllegalArgumentException("the step in '" + item + "' must be 1 or more");
        }
      }
    }
  }

  private static void range(String value, ChronoField field) {
    if (value.equals("*")) {
      return;
    }
    int hyphen = value.indexOf('-');
    if (hyphen == -1) {
      valid(Integer.parseInt(value), field);
      return;
    }
    int min = valid(Integer.parseInt(value, 0, hyphen, 10), field);
    int max = valid(Integer.parseInt(value, hyphen + 1, value.length(), 10), field);
    if (field == ChronoField.DAY_OF_WEEK && min == 7) {
      min = 0;
    }
    if (min > max) {
      throw new IllegalArgumentException("the range '" + value + "' runs backwards");
    }
  }

  private static int valid(int value, ChronoField field) {
    if (field == ChronoField.DAY_OF_WEEK && value == 0) {
      return value;
    }
    return field.checkValidIntValue(value);
  }

  private static void quartzDayOfMonth(String value) {
    int l = value.lastIndexOf('L');
    if (l != -1) {
      if (l != 0) {
        throw new IllegalArgumentException("characters before 'L' in '" + value + "'");
      }
      if (value.length() == 1 || value.equals("LW")) {
        return;
      }
      if (Integer.parseInt(value, 1, value.length(), 10) >= 0) {
        throw new IllegalArgumentException("the offset in '" + value + "' must be negative");
      }
      return;
    }
    int w = value.lastIndexOf('W');
    if (w == 0) {
      throw new IllegalArgumentException("no day of month before 'W' in '" + value + "'");
    }
    if (w != value.length() - 1) {
      throw new IllegalArgumentException("characters after 'W' in '" + value + "'");
    }
    valid(Integer.parseInt(value, 0, w, 10), ChronoField.DAY_OF_MONTH);
  }

  private static void quartzDayOfWeek(String value) {
    int l = value.lastIndexOf('L');
    if (l != -1) {
      if (l != value.length() - 1) {
        throw new IllegalArgumentException("characters after 'L' in '" + value + "'");
      }
      if (l == 0) {
        throw new IllegalArgumentException("no day of week before 'L' in '" + value + "'");
      }
      day(value.substring(0, l));
      return;
    }
    int hash = value.lastIndexOf('#');
    if (hash == 0) {
      throw new IllegalArgumentException("no day of week before '#' in '" + value + "'");
    }
    if (hash == value.length() - 1) {
      throw new IllegalArgumentException("no ordinal after '#' in '" + value + "'");
    }
    day(value.substring(0, hash));
    if (Integer.parseInt(value, hash + 1, value.length(), 10) <= 0) {
      throw new IllegalArgumentException("the ordinal in '" + value + "' must be positive");
    }
  }

  private static void day(String value) {
    int day = Integer.parseInt(value);
    if (day < 0 || day > 7) {
      throw new IllegalArgumentException("no day of week " + day + " in '" + value + "'");
    }
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    int start = 0;
    for (int comma = value.indexOf(','); comma != -1; comma = value.indexOf(',', start)) {
      items.add(value.substring(start, comma));
      start = comma + 1;
    }
    items.add(value.substring(start));
    return items;
  }

  private static String names(String value, String[] names) {
    String upper = value.toUpperCase(Locale.ROOT);
    for (int i = 0; i < names.length; i++) {
      upper = upper.replace(names[i], Integer.toString(i + 1));
    }
    return upper;
  }
}
