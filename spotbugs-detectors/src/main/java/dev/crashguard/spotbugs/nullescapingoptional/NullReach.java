package dev.crashguard.spotbugs.nullescapingoptional;

import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.Candidate;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.MethodFacts;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.OrElseNull;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.classfile.Method;

/**
 * The rule for candidates that need the flow question answered after the walk ({@code Optional.of(x)} of
 * a value that may be null, the dereference of an {@code orElse(null)} result held in a local): a finding
 * when a null that starts where the value may become null (a nullable parameter or store, the null branch
 * of a test, the orElse(null) store) reaches the candidate past no test, proof or new assignment ({@link
 * MethodFlow}). One finding per orElse(null) call.
 */
final class NullReach {

  /** Where a finding goes. */
  interface Report {
    void at(Method method, int pc, Kind kind, String subject);
  }

  private NullReach() {}

  /** Reports, through {@code report}, each candidate of {@code facts} that a null can reach. */
  static void evaluate(MethodFacts facts, Report report) {
    if (facts.candidates.isEmpty()) {
      return;
    }
    MethodFlow flow = new MethodFlow(facts.code);
    Set<OrElseNull> reportedOrElse = new HashSet<>();
    for (Candidate candidate : facts.candidates) {
      List<Integer> starts = new ArrayList<>(candidate.starts());
      if (candidate.orElse() != null) {
        if (reportedOrElse.contains(candidate.orElse())) {
          continue;
        }
        starts.addAll(facts.orElseStores.getOrDefault(candidate.key() + "@" + candidate.orElse(), List.of()));
      } else {
        starts.addAll(facts.nullableStores.getOrDefault(candidate.key(), List.of()));
      }
      if (candidate.testedStarts()) {
        for (Map.Entry<Integer, String> test : facts.testKeys.entrySet()) {
          if (test.getValue().equals(candidate.key())) {
            starts.add(facts.testNullBranches.get(test.getKey()));
          }
        }
      }
      if (starts.isEmpty()) {
        continue;
      }
      String key = candidate.key();
      boolean isField = key.startsWith("f");
      MethodFlow.Events events =
          new MethodFlow.Events() {
            @Override
            public boolean kills(int pc) {
              Set<String> killed = facts.kills.get(pc);
              return killed != null && (killed.contains(key) || (isField && killed.contains(WalkFacts.ANY_FIELD)));
            }

            @Override
            public int nullBranch(int pc) {
              return key.equals(facts.testKeys.get(pc)) ? facts.testNullBranches.get(pc) : -1;
            }
          };
      if (flow.reaches(starts, candidate.pc(), events)) {
        if (candidate.orElse() != null) {
          reportedOrElse.add(candidate.orElse());
        }
        report.at(facts.method, candidate.pc(), candidate.kind(), candidate.subject());
      }
    }
  }
}
