package dev.crashguard.catalog.crash;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.CrashSignatures;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which signatures a log matches, and with what evidence. */
public record Explanation(CrashLog log, List<Match> matches) {

  /** One signature found in the log. */
  public record Match(CrashSignature signature, CrashSignature.Evidence evidence) {}

  public Explanation {
    matches = List.copyOf(matches);
  }

  /** Matches {@code log} against every signature of the catalog. */
  public static Explanation of(CrashLog log) {
    return of(log, CrashSignatures.all());
  }

  /** Matches {@code log} against {@code signatures}; a signature that fails on odd input is not a match. */
  public static Explanation of(CrashLog log, List<CrashSignature> signatures) {
    List<Match> out = new ArrayList<>();
    for (CrashSignature s : signatures) {
      Optional<CrashSignature.Evidence> e;
      try {
        e = s.find(log);
      } catch (RuntimeException oddInput) {
        e = Optional.empty();
      }
      e.ifPresent(evidence -> out.add(new Match(s, evidence)));
    }
    // A weaker reading of lines a stronger signature of the same hazard already explains says nothing more
    // (the header of an hs_err file that fatal-error-in-unsafe has read whole).
    out.removeIf(weak -> weak.signature().strength() == CrashSignature.Strength.CONSISTENT_WITH
        && out.stream().anyMatch(strong -> strong.signature().strength() == CrashSignature.Strength.CAUSED_BY
            && strong.signature().hazard() == weak.signature().hazard()
            && strong.evidence().lines().containsAll(weak.evidence().lines())));
    // In the order the log shows them: the first failure of a log is usually the one that matters.
    out.sort(java.util.Comparator.comparingInt(
        m -> m.evidence().lines().isEmpty() ? Integer.MAX_VALUE : m.evidence().lines().get(0).number()));
    return new Explanation(log, out);
  }

  /** The hazards matched, in catalog order. */
  public Set<Hazard> hazards() {
    Set<Hazard> out = new LinkedHashSet<>();
    matches.stream().map(m -> m.signature().hazard()).sorted().forEach(out::add);
    return out;
  }
}
