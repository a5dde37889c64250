package dev.crashguard.corpus;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The consistency check every engine's test runs on that engine's metadata: it fails when the engine
 * registers a rule the catalog does not know (or one the catalog says is not implemented), when an
 * implemented hazard is missing from the engine, or when any declared field disagrees with the catalog.
 * Each engine module reads its own metadata the way its engine does and hands it here, so the rules of
 * agreement are written once.
 */
public final class CatalogAgreement {

  private CatalogAgreement() {}

  public static List<String> disagreements(Engine engine, Collection<RuleMetadata> registered) {
    List<String> problems = new ArrayList<>();
    Set<Hazard> seen = new HashSet<>();
    for (RuleMetadata rule : registered) {
      Optional<Hazard> found = Hazard.byName(rule.name());
      if (found.isEmpty()) {
        problems.add(engine.id() + " registers '" + rule.name() + "', which the catalog does not know");
        continue;
      }
      Hazard hazard = found.get();
      if (!seen.add(hazard)) {
        problems.add(engine.id() + " registers '" + rule.name() + "' twice");
      }
      if (!hazard.implemented()) {
        problems.add(
            engine.id() + " registers '" + rule.name() + "', but the catalog marks it not implemented;"
                + " a rule that is not done in all three engines is not registered in any");
      }
      expect(problems, engine, hazard, "summary", hazard.summary(), rule.summary());
      expect(problems, engine, hazard, "severity", hazard.severity(), rule.severity());
      expect(problems, engine, hazard, "docs URL", hazard.docsUrl(), rule.docsUrl());
      expect(problems, engine, hazard, "bug type", hazard.bugType(), rule.bugType());
      expect(problems, engine, hazard, "category", hazard.category().spotbugsCategory(), rule.category());
      expect(problems, engine, hazard, "CWE", hazard.cwe(), rule.cwe());
      if (rule.message() != null && !hazard.messagePattern().matcher(rule.message()).matches()) {
        problems.add(
            engine.id() + " " + hazard.catalogName() + ": message\n      '" + rule.message()
                + "'\n    is not an instance of the catalog template\n      '" + hazard.messageTemplate() + "'");
      }
    }
    for (Hazard hazard : Hazard.values()) {
      if (hazard.implemented() && !seen.contains(hazard)) {
        problems.add(
            engine.id() + " lacks '" + hazard.catalogName() + "', which the catalog marks implemented");
      }
    }
    return problems;
  }

  /** Fails with every disagreement listed. */
  public static void assertAgrees(Engine engine, Collection<RuleMetadata> registered) {
    List<String> problems = disagreements(engine, registered);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          engine.displayName() + " metadata disagrees with the catalog:\n  " + String.join("\n  ", problems));
    }
  }

  private static void expect(
      List<String> problems, Engine engine, Hazard hazard, String what, Object expected, Object actual) {
    if (actual != null && !Objects.equals(expected, actual)) {
      problems.add(
          engine.id() + " " + hazard.catalogName() + ": " + what + " is '" + actual + "', catalog says '"
              + expected + "'");
    }
  }
}
