package dev.crashguard.corpus;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Judges one engine's findings on the whole corpus against the markers, in both directions.
 *
 * <p>It fails on: a marker the engine did not report (unless the marker declares the engine a gap), a
 * finding with no marker (a false positive), a declared gap the engine does report after all (a stale
 * gap: remove the declaration), a message that is not an instance of the catalog's template, and any
 * violation of the corpus rules ({@link Corpus#problems()}).
 *
 * <p>Markers of a hazard the catalog does not yet mark {@link Hazard#implemented() implemented} are not
 * required: a new hazard's corpus is written first (CONTRIBUTING.md, step 2) and its engines after it, and
 * the markers count from the moment {@code implemented} is switched on (step 4). The corpus rules hold for
 * them from the start.
 */
public final class CorpusCheck {

  private final Corpus corpus;
  private final Engine engine;
  private final List<Finding> findings;
  private final List<Marker> missing = new ArrayList<>();
  private final List<Finding> unexpected = new ArrayList<>();
  private final List<Marker> staleGaps = new ArrayList<>();
  private final List<Finding> offTemplate = new ArrayList<>();
  private final List<Marker> found = new ArrayList<>();

  private CorpusCheck(Corpus corpus, Engine engine, Collection<Finding> findings) {
    this.corpus = corpus;
    this.engine = engine;
    this.findings = findings.stream().sorted(Finding.ORDER).toList();
    judge();
  }

  /** Compares {@code findings} (all from {@code engine}) with the corpus markers. */
  public static CorpusCheck of(Corpus corpus, Engine engine, Collection<Finding> findings) {
    for (Finding f : findings) {
      if (f.engine() != engine) {
        throw new IllegalArgumentException("finding from " + f.engine() + " passed as " + engine + ": " + f);
      }
    }
    return new CorpusCheck(corpus, engine, findings);
  }

  private void judge() {
    Map<Marker.Key, Marker> byKey = new LinkedHashMap<>();
    for (Marker m : corpus.markers()) {
      byKey.put(m.key(), m);
    }
    Set<Marker.Key> reported = new java.util.HashSet<>();
    for (Finding f : findings) {
      Marker.Key key = new Marker.Key(f.file(), f.line(), f.hazard());
      reported.add(key);
      if (!byKey.containsKey(key)) {
        unexpected.add(f);
      }
      if (!f.hazard().messagePattern().matcher(f.message()).matches()) {
        offTemplate.add(f);
      }
    }
    for (Marker m : corpus.markers()) {
      if (!m.hazard().implemented()) {
        continue; // not required until the hazard is switched on; see the class comment
      }
      boolean hit = reported.contains(m.key());
      if (m.expectedFrom(engine)) {
        if (hit) {
          found.add(m);
        } else {
          missing.add(m);
        }
      } else if (hit) {
        staleGaps.add(m);
      }
    }
  }

  public boolean passed() {
    return corpus.problems().isEmpty()
        && missing.isEmpty()
        && unexpected.isEmpty()
        && staleGaps.isEmpty()
        && offTemplate.isEmpty();
  }

  /** Throws an {@link AssertionError} listing every failure; prints the coverage matrix either way. */
  public void assertPassed() {
    assertPassed(System.out);
  }

  /** As {@link #assertPassed()}, printing the matrix to {@code out}. */
  public void assertPassed(java.io.PrintStream out) {
    out.println(coverageMatrix());
    if (!passed()) {
      throw new AssertionError(failureReport());
    }
  }

  public String failureReport() {
    StringBuilder out = new StringBuilder();
    out.append(engine.displayName()).append(" does not agree with the corpus:\n");
    section(out, "corpus rule violations", corpus.problems());
    section(out, "missed (marker not reported; fix the engine or declare the gap with a reason)", missing);
    section(out, "unexpected findings (false positives: fix the engine, or mark the line)", unexpected);
    section(out, "stale gaps (declared not seen, but reported: remove '" + engine.id() + "' from the gap)", staleGaps);
    section(
        out,
        "messages that are not the catalog's template",
        offTemplate.stream().map(f -> f + "\n      expected: " + f.hazard().messageTemplate()).toList());
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<?> items) {
    if (items.isEmpty()) {
      return;
    }
    out.append("  ").append(title).append(" (").append(items.size()).append("):\n");
    for (Object item : items) {
      out.append("    ").append(item).append('\n');
    }
  }

  /**
   * Hazard × engine: markers each engine must find and declared gaps. Every column follows from the
   * markers; the column of the engine under test is the one this run verified (marked with *).
   */
  public String coverageMatrix() {
    Map<Hazard, Map<Engine, int[]>> cells = new EnumMap<>(Hazard.class);
    for (Marker m : corpus.markers()) {
      Map<Engine, int[]> row = cells.computeIfAbsent(m.hazard(), h -> new EnumMap<>(Engine.class));
      for (Engine e : Engine.values()) {
        int[] cell = row.computeIfAbsent(e, x -> new int[2]);
        cell[m.expectedFrom(e) ? 0 : 1]++;
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Corpus coverage: %d markers in %d files; verified engine: %s (%s)%n",
            corpus.markers().size(),
            corpus.markers().stream().map(Marker::file).collect(Collectors.toSet()).size(),
            engine.id(),
            passed() ? "PASS" : "FAIL"));
    out.append(String.format("%-24s", "hazard"));
    for (Engine e : Engine.values()) {
      out.append(String.format(" | %-22s", e.id() + (e == engine ? " *" : "")));
    }
    out.append('\n');
    for (Hazard h : Hazard.values()) {
      Map<Engine, int[]> row = cells.get(h);
      out.append(String.format("%-24s", h.catalogName()));
      for (Engine e : Engine.values()) {
        String text;
        if (row == null) {
          text = h.implemented() ? "no markers" : "not implemented";
        } else if (!h.implemented()) {
          text = "not implemented (" + (row.get(e)[0] + row.get(e)[1]) + " marked)";
        } else {
          int[] cell = row.get(e);
          text = cell[0] + " found, " + cell[1] + " gap";
          if (e == engine) {
            text = found.stream().filter(m -> m.hazard() == h).count() + "/" + cell[0] + " found, " + cell[1] + " gap";
          }
        }
        out.append(String.format(" | %-22s", text));
      }
      out.append('\n');
    }
    out.append(
        String.format(
            "%s: %d found, %d missed, %d unexpected, %d stale gaps, %d off-template messages, %d corpus problems%n",
            engine.id(),
            found.size(),
            missing.size(),
            unexpected.size(),
            staleGaps.size(),
            offTemplate.size(),
            corpus.problems().size()));
    return out.toString();
  }

  public List<Marker> missing() {
    return List.copyOf(missing);
  }

  public List<Finding> unexpected() {
    return List.copyOf(unexpected);
  }

  public List<Marker> staleGaps() {
    return List.copyOf(staleGaps);
  }

  public List<Finding> offTemplate() {
    return List.copyOf(offTemplate);
  }

  /** Hazards this engine reported at least once; lets an engine test prove it is not vacuous. */
  public Set<String> reportedHazards() {
    return findings.stream().map(f -> f.hazard().catalogName()).collect(Collectors.toCollection(TreeSet::new));
  }
}
