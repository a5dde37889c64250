package dev.crashguard.reports;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One finding of several engines: a hazard at a file and line, with every engine that saw it. Three
 * engines agreeing is one finding, not three. The message shown is the most specific engine's ({@link
 * Engine#MESSAGE_DETAIL}: Error Prone, then SpotBugs, then PMD, whose XPath rules have one origin phrase
 * each); each engine's own message is kept. Every report that shows findings of several engines (the
 * command line's console and HTML, SARIF, SonarQube's generic issues) merges them here, and only here.
 *
 * @param file relative to the project root, {@code /}-separated
 */
public record MergedFinding(Hazard hazard, String file, int line, Map<Engine, String> messages) {

  public static final Comparator<MergedFinding> ORDER =
      Comparator.comparing((MergedFinding f) -> f.hazard().ordinal())
          .thenComparing(MergedFinding::file)
          .thenComparingInt(MergedFinding::line);

  public MergedFinding {
    messages = Collections.unmodifiableMap(new EnumMap<>(messages));
  }

  public Set<Engine> engines() {
    return messages.isEmpty() ? EnumSet.noneOf(Engine.class) : EnumSet.copyOf(messages.keySet());
  }

  /** The most specific engine's message. */
  public String message() {
    return messages.keySet().stream().min(Engine.MESSAGE_DETAIL).map(messages::get).orElseThrow();
  }

  /** The per-engine findings behind this one (one per engine). */
  public List<Finding> perEngine() {
    List<Finding> out = new ArrayList<>();
    messages.forEach((engine, message) -> out.add(new Finding(engine, hazard, file, line, message)));
    return out;
  }

  /** Groups findings by (file, line, hazard); the result is sorted by hazard, file and line. */
  public static List<MergedFinding> merge(List<Finding> findings) {
    Map<List<Object>, Map<Engine, String>> rows = new LinkedHashMap<>();
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Finding.ORDER);
    for (Finding f : sorted) {
      rows.computeIfAbsent(List.of(f.hazard(), f.file(), f.line()), k -> new EnumMap<>(Engine.class))
          .putIfAbsent(f.engine(), f.message());
    }
    List<MergedFinding> out = new ArrayList<>();
    rows.forEach((key, messages) -> out.add(new MergedFinding((Hazard) key.get(0), (String) key.get(1), (Integer) key.get(2), messages)));
    out.sort(ORDER);
    return out;
  }
}
