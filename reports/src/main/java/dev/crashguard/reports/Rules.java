package dev.crashguard.reports;

import dev.crashguard.catalog.Hazard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the writers say about a hazard as a rule, built from the catalog only. */
final class Rules {
  private Rules() {}

  /** "UnsynchronizedMapWrite" becomes "Unsynchronized map write". */
  static String displayName(Hazard hazard) {
    String name = hazard.catalogName();
    StringBuilder out = new StringBuilder().append(name.charAt(0));
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append(' ').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The summary and where the full page is: the same text in SonarQube and SARIF. */
  static String description(Hazard hazard) {
    return hazard.summary() + " Why it fails, how to fix it, and examples: " + hazard.docsUrl();
  }

  /** The hazards the findings use, in catalog order. */
  static List<Hazard> used(Collection<Hazard> hazards) {
    Set<Hazard> used = EnumSet.noneOf(Hazard.class);
    used.addAll(hazards);
    return new ArrayList<>(used);
  }

  /** A message to show, or the summary when an engine reported none. */
  static String message(Hazard hazard, String message) {
    return message == null || message.isBlank() ? hazard.summary() : message;
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
