package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;

import dev.crashguard.spotbugs.fixtures.SuppressionFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @SuppressHazard} (honoured by HazardSuppressions, following lambdas and anonymous classes back to
 * the method a reader sees) and {@code @SuppressFBWarnings} (honoured by SpotBugs itself, which works
 * because the bug names that method rather than javac's lambda$name$0).
 */
class SuppressionTest {

  @Test
  void suppressHazardOnMethodCoversItsLambdas() {
    List<BugInstance> bugs =
        analyse(classFiles(
                SuppressionFixtures.OnMethodHoldingLambda.class,
                SuppressionFixtures.OnMethodHoldingNestedLambda.class,
                SuppressionFixtures.OnMethodHoldingAnonymousClass.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void suppressHazardOnFieldClassAndOuterClass() {
    List<BugInstance> bugs =
        analyse(classFiles(
                SuppressionFixtures.OnField.class,
                SuppressionFixtures.OnClass.class,
                SuppressionFixtures.OnOuterClass.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void suppressingAnotherHazardSuppressesNothing() {
    List<BugInstance> bugs = analyse(classFiles(SuppressionFixtures.OtherHazardSuppressed.class));
    assertThat(bugs, containsExactly(1, fieldWrite(SuppressionFixtures.OtherHazardSuppressed.class, "count", "counts")));
  }

  @Test
  void suppressFbWarningsWithOurBugType() {
    List<BugInstance> bugs = analyse(classFiles(SuppressionFixtures.SpotBugsSuppression.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void suppressFbWarningsWithAnotherBugType() {
    List<BugInstance> bugs = analyse(classFiles(SuppressionFixtures.SpotBugsSuppressionOfAnotherType.class));
    assertThat(
        bugs,
        containsExactly(1, fieldWrite(SuppressionFixtures.SpotBugsSuppressionOfAnotherType.class, "count", "counts")));
  }
}
