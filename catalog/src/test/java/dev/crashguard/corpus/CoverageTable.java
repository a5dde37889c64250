package dev.crashguard.corpus;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import java.util.List;

/**
 * The "what each engine sees" table of a hazard's docs page, rendered from the corpus markers. Because
 * each engine's corpus test fails unless the engine finds exactly the markers not declared as its gaps,
 * this table is what the engines really do, not what someone wrote down once. {@code CatalogTest} fails
 * when the page's table differs from this rendering.
 */
public final class CoverageTable {

  public static final String BEGIN = "<!-- coverage:begin (generated from the corpus markers; do not edit) -->";
  public static final String END = "<!-- coverage:end -->";

  private CoverageTable() {}

  public static String render(Corpus corpus, Hazard hazard) {
    List<Marker> markers = corpus.markers().stream().filter(m -> m.hazard() == hazard).toList();
    StringBuilder out = new StringBuilder();
    out.append("| corpus case | ");
    for (Engine e : Engine.values()) {
      out.append(e.displayName()).append(" | ");
    }
    out.append("\n|---|");
    out.append("---|".repeat(Engine.values().length)).append('\n');
    int[] found = new int[Engine.values().length];
    for (Marker m : markers) {
      String file = m.file().substring(m.file().lastIndexOf('/') + 1);
      out.append("| `").append(file).append(':').append(m.line()).append("` ")
          .append(corpus.caseOf(m)).append(" | ");
      for (Engine e : Engine.values()) {
        if (m.expectedFrom(e)) {
          found[e.ordinal()]++;
          out.append("found | ");
        } else {
          out.append("not seen: ").append(m.gaps().get(e).replace("|", "\\|")).append(" | ");
        }
      }
      out.append('\n');
    }
    out.append("| **total** | ");
    for (Engine e : Engine.values()) {
      out.append("**").append(found[e.ordinal()]).append(" / ").append(markers.size()).append("** | ");
    }
    out.append('\n');
    return out.toString();
  }

  /** Replaces the generated block of a docs page; the page must already hold both delimiters. */
  public static String replaceIn(String page, String table) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("page has no " + BEGIN + " … " + END + " block");
    }
    return page.substring(0, begin + BEGIN.length()) + "\n" + table + page.substring(end);
  }
}
