package dev.crashguard.corpus;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of one line comment into markers. The grammar (also in {@code testdata/README.md}):
 *
 * <pre>
 * comment  := marker (";" marker)*
 * marker   := "hazard:" NAME gap*
 * gap      := "(not:" ENGINE ("," ENGINE)* ("—" | "--") REASON ")"
 * </pre>
 *
 * A marker may follow another tool's trailing comment on the same line: {@code // NOPMD // hazard: X}.
 * NAME is a catalog name, ENGINE one of {@code errorprone}, {@code pmd}, {@code spotbugs}; REASON is free
 * text (balanced parentheses allowed) and must not be empty. A comment that starts with {@code hazard}
 * but does not follow the grammar is an error, never silently ignored: a typo would otherwise turn a
 * case into one that expects nothing.
 */
final class MarkerSyntax {

  private static final Pattern HEAD = Pattern.compile("\\s*hazard:\\s*([A-Za-z0-9_]+)\\s*");
  private static final Pattern GAP_HEAD = Pattern.compile("\\(not:\\s*([a-z, ]+?)\\s*(?:—|--)\\s*");

  private MarkerSyntax() {}

  private static final Pattern EMBEDDED = Pattern.compile("//\\s*(?=hazard)", Pattern.CASE_INSENSITIVE);

  /**
   * The marker part of a line comment, if it is meant to be one (so that a malformed marker is reported,
   * not skipped): the whole comment when it starts with {@code hazard}, or what follows a second
   * {@code //} when the marker comes after another tool's comment ({@code // NOPMD - why // hazard: X}).
   */
  static Optional<String> markerText(String comment) {
    if (comment.strip().toLowerCase(java.util.Locale.ROOT).startsWith("hazard")) {
      return Optional.of(comment);
    }
    Matcher embedded = EMBEDDED.matcher(comment);
    return embedded.find() ? Optional.of(comment.substring(embedded.end())) : Optional.empty();
  }

  /**
   * Parses one comment. Problems (unknown hazard or engine, bad syntax, empty reason) are added to
   * {@code problems} prefixed with {@code where}.
   */
  static List<Marker> parse(String comment, String file, int line, List<String> problems) {
    List<Marker> markers = new ArrayList<>();
    String where = file + ":" + line + ": ";
    for (String part : splitTopLevel(comment)) {
      Matcher head = HEAD.matcher(part);
      if (!head.lookingAt()) {
        problems.add(where + "marker does not follow 'hazard: Name (not: engine — reason)': " + part.strip());
        continue;
      }
      String name = head.group(1);
      Optional<Hazard> hazard = Hazard.byName(name);
      if (hazard.isEmpty()) {
        problems.add(where + "marker names an unknown hazard '" + name + "' (not in the catalog)");
        continue;
      }
      Map<Engine, String> gaps = new EnumMap<>(Engine.class);
      String rest = part.substring(head.end()).strip();
      boolean ok = true;
      while (!rest.isEmpty()) {
        Matcher gap = GAP_HEAD.matcher(rest);
        int close = gap.lookingAt() ? matchingParen(rest) : -1;
        if (close < 0) {
          problems.add(where + "cannot read the gap declaration '" + rest + "'");
          ok = false;
          break;
        }
        String reason = rest.substring(gap.end(), close).strip();
        if (reason.isEmpty()) {
          problems.add(where + "gap declared without a reason");
          ok = false;
        }
        for (String id : gap.group(1).split(",")) {
          Optional<Engine> engine = Engine.byId(id);
          if (engine.isEmpty()) {
            problems.add(where + "unknown engine '" + id.strip() + "' in gap declaration");
            ok = false;
          } else if (gaps.put(engine.get(), reason) != null) {
            problems.add(where + "engine '" + id.strip() + "' declared twice");
            ok = false;
          }
        }
        rest = rest.substring(close + 1).strip();
      }
      if (ok) {
        markers.add(new Marker(file, line, hazard.get(), gaps));
      }
    }
    return markers;
  }

  /** Splits on ';' outside parentheses, so reasons may contain semicolons inside brackets. */
  private static List<String> splitTopLevel(String comment) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < comment.length(); i++) {
      char c = comment.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ';' && depth == 0) {
        parts.add(comment.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(comment.substring(start));
    return parts;
  }

  /** Index of the parenthesis closing the one at index 0, or -1. */
  private static int matchingParen(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
