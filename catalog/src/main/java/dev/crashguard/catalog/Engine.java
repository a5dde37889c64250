package dev.crashguard.catalog;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The three engines every hazard is implemented in. Their ids appear in corpus markers and on the CLI. */
public enum Engine {
  ERROR_PRONE("errorprone", "Error Prone", "ep"),
  PMD("pmd", "PMD", "pmd"),
  SPOTBUGS("spotbugs", "SpotBugs", "sb");

  private final String id;
  private final String displayName;
  private final String alias;

  Engine(String id, String displayName, String alias) {
    this.id = id;
    this.displayName = displayName;
    this.alias = alias;
  }

  /** The id written in corpus markers ({@code not: pmd}) and reports. */
  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /**
   * Which engine's message to show when several report the same finding: the most specific first. Error
   * Prone and SpotBugs fill the catalog template's slots per finding ("'findUser' returns null although its
   * type is Optional"); a PMD XPath rule has one message for all its branches, so PMD comes last.
   */
  public static final Comparator<Engine> MESSAGE_DETAIL =
      Comparator.comparingInt(e -> switch (e) {
        case ERROR_PRONE -> 0;
        case SPOTBUGS -> 1;
        case PMD -> 2;
      });

  /** Finds an engine by id or short alias ({@code ep}, {@code sb}), ignoring case. */
  public static Optional<Engine> byId(String text) {
    String key = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(e -> e.id.equals(key) || e.alias.equals(key)).findFirst();
  }
}
