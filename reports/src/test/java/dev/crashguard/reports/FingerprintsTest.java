package dev.crashguard.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a fingerprint keeps and what changes it. */
class FingerprintsTest {
  private static final Hazard H = Hazard.UNSYNCHRONIZED_MAP_WRITE;

  private static final List<String> SOURCE =
      """
      package demo;

      public class Counter {
        private final Map<String, Integer> counts = new HashMap<>();

        @Override
        public void countAll(ExecutorService pool, List<String> words) {
          for (String word : words) {
            pool.execute(() -> counts.merge(word, 1, Integer::sum));
            pool.execute(() -> counts.merge(word, 1, Integer::sum));
          }
        }

        Counter(ExecutorService pool) {
          pool.execute(() -> counts.merge("x", 1, Integer::sum));
        }
      }
      """
          .lines()
          .toList();

  @Test
  void theEnclosingMemberIsTypeAndMethod() {
    assertEquals("Counter#countAll(ExecutorService pool, List<String> words)", Fingerprints.enclosingMember(SOURCE, 9));
    assertEquals("Counter", Fingerprints.enclosingMember(SOURCE, 4), "a field belongs to its type");
    assertEquals("Counter", Fingerprints.enclosingMember(SOURCE, 15), "a constructor without modifiers: its type");
  }

  @Test
  void linesAddedAboveKeepItAndTheFlaggedCodeChangesIt() {
    String base = Fingerprints.of(H, "src/Counter.java", SOURCE, 9);
    List<String> shifted = new ArrayList<>(List.of("// a licence header", "// of two lines"));
    shifted.addAll(SOURCE);
    assertEquals(base, Fingerprints.of(H, "src/Counter.java", shifted, 11));

    List<String> reindented = new ArrayList<>(SOURCE);
    reindented.set(8, "      pool.execute(()   ->   counts.merge(word, 1, Integer::sum));   ");
    assertEquals(base, Fingerprints.of(H, "src/Counter.java", reindented, 9), "spacing is normalised");

    List<String> edited = new ArrayList<>(SOURCE);
    edited.set(8, "      pool.execute(() -> counts.merge(word, 2, Integer::sum));");
    assertNotEquals(base, Fingerprints.of(H, "src/Counter.java", edited, 9));
    assertNotEquals(base, Fingerprints.of(H, "src/Other.java", SOURCE, 9), "the file is part of it");
    assertNotEquals(base, Fingerprints.of(Hazard.NULL_ESCAPING_OPTIONAL, "src/Counter.java", SOURCE, 9));
  }

  @Test
  void theSameCodeTwiceInOneMemberIsTwoFingerprints() {
    MergedFinding first = new MergedFinding(H, "src/Counter.java", 9, Map.of(Engine.PMD, "m"));
    MergedFinding second = new MergedFinding(H, "src/Counter.java", 10, Map.of(Engine.PMD, "m"));
    Map<MergedFinding, String> prints = Fingerprints.of(List.of(second, first), file -> Optional.of(SOURCE));
    assertEquals(prints.get(first).replace(":1", ":2"), prints.get(second));
    assertNotEquals(prints.get(first), prints.get(second));
  }
}
