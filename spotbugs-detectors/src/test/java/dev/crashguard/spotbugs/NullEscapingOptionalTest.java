package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.spotbugs.fixtures.OptionalFixtures;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.test.matcher.BugInstanceMatcherBuilder;
import java.util.List;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * NullEscapingOptionalDetector, one test per rule: the {@code Bad*} fixture is reported exactly where and as
 * often as its Javadoc says, with the catalog message and the rule's origin phrase; the {@code Ok*} twin
 * stays silent.
 */
class NullEscapingOptionalTest {

  static Matcher<BugInstance> optional() {
    return builder().build();
  }

  static BugInstanceMatcherBuilder builder() {
    return new BugInstanceMatcherBuilder().bugType(Hazard.NULL_ESCAPING_OPTIONAL.bugType());
  }

  static Matcher<BugInstance> in(Class<?> cls, String method) {
    return builder().inClass(cls.getName()).inMethod(method).build();
  }

  @Test
  void returnsNull() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadReturns.class));
    assertThat(bugs, containsExactly(4, optional()));
    assertThat(bugs, containsExactly(1, in(OptionalFixtures.BadReturns.class, "arm")));
    // The lambda is reported in the method a reader sees: the constructor holding the field initialiser.
    assertThat(bugs, containsExactly(1, in(OptionalFixtures.BadReturns.class, "<init>")));
    assertAllSay(bugs, Kind.RETURNS_NULL);
  }

  @Test
  void callableReportedOnceNotOnItsBridge() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadCallable.class));
    assertThat(bugs, containsExactly(1, optional()));
    BugInstance bug = bugs.get(0);
    assertEquals(Hazard.NULL_ESCAPING_OPTIONAL.severity().spotbugsPriority(), bug.getPriority());
    assertEquals(Hazard.NULL_ESCAPING_OPTIONAL.message("call", Kind.RETURNS_NULL.phrase()), bug.getMessageWithoutPrefix());
    assertEquals("()Ljava/util/Optional;", bug.getPrimaryMethod().getMethodSignature());
  }

  @Test
  void storesNull() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadStores.class));
    assertThat(bugs, containsExactly(4, optional()));
    assertAllSay(bugs, Kind.STORES_NULL);
    assertSubjects(bugs, "value", "value", "field", "slots[]");
  }

  @Test
  void passesNull() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadPasses.class));
    assertThat(bugs, containsExactly(4, optional()));
    assertAllSay(bugs, Kind.PASSES_NULL);
    assertSubjects(bugs, "greet", "new Person", "pair", "greet");
  }

  @Test
  void neverAssignedFieldReportedAtItsFirstRead() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadNeverAssigned.class));
    assertThat(bugs, containsExactly(1, optional()));
    assertThat(bugs, containsExactly(1, in(OptionalFixtures.BadNeverAssigned.class, "first")));
    assertAllSay(bugs, Kind.NEVER_ASSIGNED);
  }

  @Test
  void optionalOfMaybeNull() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadOf.class));
    assertThat(bugs, containsExactly(8, optional()));
    assertAllSay(bugs, Kind.OF_MAY_BE_NULL);
    assertThat(bugs, containsExactly(1, in(OptionalFixtures.BadOf.class, "typeUseParameter")));
  }

  @Test
  void orElseNullDereferenced() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadOrElse.class));
    assertThat(bugs, containsExactly(4, optional()));
    assertThat(bugs, containsExactly(1, in(OptionalFixtures.BadOrElse.class, "lock")));
    assertAllSay(bugs, Kind.DEREFERENCES_OR_ELSE_NULL);
  }

  @Test
  void streamPicksNullElement() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.BadPicks.class));
    assertThat(bugs, containsExactly(4, optional()));
    assertAllSay(bugs, Kind.PICKS_NULL_ELEMENT);
  }

  @Test
  void twinsAreSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(
                OptionalFixtures.OkReturns.class,
                OptionalFixtures.OkStores.class,
                OptionalFixtures.OkPasses.class,
                OptionalFixtures.OkAssigned.class,
                OptionalFixtures.OkBuiltByNestMate.class,
                OptionalFixtures.OkOf.class,
                OptionalFixtures.OkOrElse.class,
                OptionalFixtures.OkPicks.class,
                OptionalFixtures.Person.class));
    assertThat(bugs, containsExactly(0, optional()));
  }

  @Test
  void suppressions() {
    List<BugInstance> bugs =
        analyse(classFiles(
                OptionalFixtures.SuppressedOnMethod.class,
                OptionalFixtures.SuppressedOnClass.class,
                OptionalFixtures.SuppressedOnField.class,
                OptionalFixtures.SuppressedForSpotBugs.class));
    assertThat(bugs, containsExactly(0, optional()));
  }

  @Test
  void anotherHazardsSuppressionSuppressesNothing() {
    List<BugInstance> bugs = analyse(classFiles(OptionalFixtures.OtherHazardSuppressed.class));
    assertThat(bugs, containsExactly(1, optional()));
  }

  private static void assertAllSay(List<BugInstance> bugs, Kind kind) {
    for (BugInstance bug : bugs) {
      String message = bug.getMessageWithoutPrefix();
      assertTrue(message.contains("' " + kind.phrase() + "; "), message);
      assertTrue(Hazard.NULL_ESCAPING_OPTIONAL.messagePattern().matcher(message).matches(), message);
    }
  }

  private static void assertSubjects(List<BugInstance> bugs, String... subjects) {
    List<String> actual =
        bugs.stream()
            .sorted(java.util.Comparator.comparingInt(b -> b.getPrimarySourceLineAnnotation().getStartLine()))
            .map(b -> b.getMessageWithoutPrefix().substring(1, b.getMessageWithoutPrefix().indexOf("' ")))
            .toList();
    assertEquals(List.of(subjects), actual);
  }
}
