package dev.crashguard.corpus;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import java.util.Map;

/**
 * One expected finding in the corpus: {@code // hazard: Name} at the end of a line, optionally with
 * engines that are declared not to see it and why ({@code (not: pmd — the lock is taken in the caller)}).
 *
 * @param file path relative to the corpus source root, {@code /}-separated
 * @param gaps engines that cannot see this case, each with its reason
 */
public record Marker(String file, int line, Hazard hazard, Map<Engine, String> gaps) {

  public Marker {
    gaps = Map.copyOf(gaps);
  }

  public boolean expectedFrom(Engine engine) {
    return !gaps.containsKey(engine);
  }

  public Key key() {
    return new Key(file, line, hazard);
  }

  /** What a marker and a finding are matched on. */
  public record Key(String file, int line, Hazard hazard) {
    @Override
    public String toString() {
      return file + ":" + line + " " + hazard.catalogName();
    }
  }

  @Override
  public String toString() {
    return key() + (gaps.isEmpty() ? "" : " (not: " + gaps.keySet() + ")");
  }
}
