package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;

import dev.crashguard.spotbugs.fixtures.LockFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lock held away from the write: by every caller of a protected or package-private helper, or taken by a
 * private boolean helper the writer calls first.
 */
class LockEvidenceTest {

  @Test
  void helperWhoseCallersAllHoldTheLockIsSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(
                LockFixtures.ProtectedHelperCalledUnderLock.class,
                LockFixtures.HelperBehindQualifyingCaller.class,
                LockFixtures.VolatileMapHelperUnderLock.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void helperWithoutCallerInTheClassIsReported() {
    // Called from elsewhere (reflection, serialization, a subclass): nothing says its callers hold the lock.
    List<BugInstance> bugs = analyse(classFiles(LockFixtures.HelperWithoutCallers.class));
    assertThat(bugs, containsExactly(1, fieldWrite(LockFixtures.HelperWithoutCallers.class, "store", "cache")));
  }

  @Test
  void oneCallerWithoutTheLockKeepsTheHelperReported() {
    List<BugInstance> bugs =
        analyse(classFiles(
                LockFixtures.HelperAlsoCalledWithoutLock.class, LockFixtures.HelperCalledFromLambdaOutsideLock.class));
    assertThat(bugs, containsExactly(1, fieldWrite(LockFixtures.HelperAlsoCalledWithoutLock.class, "store", "cache")));
    assertThat(
        bugs, containsExactly(1, fieldWrite(LockFixtures.HelperCalledFromLambdaOutsideLock.class, "store", "cache")));
    assertThat(bugs, containsExactly(2, mapWrite()));
  }

  @Test
  void publicHelperIsReportedWhateverItsCallersHold() {
    List<BugInstance> bugs = analyse(classFiles(LockFixtures.PublicHelperCalledUnderLock.class));
    assertThat(bugs, containsExactly(1, fieldWrite(LockFixtures.PublicHelperCalledUnderLock.class, "store", "cache")));
    assertThat(bugs, containsExactly(1, mapWrite()));
  }

  @Test
  void writeLockedThroughItsCallersCountsAsLocked() {
    List<BugInstance> bugs = analyse(classFiles(LockFixtures.LockedOnlyThroughCallers.class));
    assertThat(bugs, containsExactly(1, fieldWrite(LockFixtures.LockedOnlyThroughCallers.class, "drop", "cache")));
    assertThat(bugs, containsExactly(1, mapWrite()));
  }

  @Test
  void lockTakenByPrivateBooleanHelperIsHeld() {
    List<BugInstance> bugs =
        analyse(classFiles(LockFixtures.TryLockHelper.class, LockFixtures.LockHelper.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void booleanHelperWithoutALockHeldAfterwardsGuardsNothing() {
    List<BugInstance> bugs =
        analyse(classFiles(LockFixtures.HelperTakesNoLock.class, LockFixtures.HelperReleasesItsLock.class));
    assertThat(bugs, containsExactly(1, fieldWrite(LockFixtures.HelperTakesNoLock.class, "close", "listeners")));
    assertThat(bugs, containsExactly(1, fieldWrite(LockFixtures.HelperReleasesItsLock.class, "close", "listeners")));
    assertThat(bugs, containsExactly(2, mapWrite()));
  }
}
