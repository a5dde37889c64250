package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.spotbugs.fixtures.ClassFixtures;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.test.SpotBugsExtension;
import edu.umd.cs.findbugs.test.SpotBugsRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rules 2 to 6: inconsistent locking, volatile fields, thread classes, Spring singletons, servlets. */
@ExtendWith(SpotBugsExtension.class)
class SharedClassTest {

  @Test
  void writeSkippingTheLockOthersHold(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(
            spotbugs,
            classFiles(
                ClassFixtures.SynchronizedAndNot.class, ClassFixtures.LockAndNot.class, ClassFixtures.StampedAndNot.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.SynchronizedAndNot.class, "close", "sessions")));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.LockAndNot.class, "drop", "routes")));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.StampedAndNot.class, "drop", "routes")));
    assertThat(bugs, containsExactly(3, mapWrite()));
    assertMessagesSay(bugs, "a method that skips the lock its other writers hold");
  }

  @Test
  void consistentLockingAndPrivateHelperAreSilent(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(
            spotbugs, classFiles(ClassFixtures.AlwaysLocked.class, ClassFixtures.UnlockedOnlyInPrivateHelper.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void mutatedVolatileMap(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(ClassFixtures.VolatileMutated.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.VolatileMutated.class, "set", "config")));
    assertMessagesSay(bugs, "several threads (the field is volatile)");
  }

  @Test
  void copyOnWriteVolatileIsSilent(SpotBugsRunner spotbugs) {
    assertThat(analyse(spotbugs, classFiles(ClassFixtures.VolatileReplaced.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void threadRunWritesMapOtherMethodsUse(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(ClassFixtures.WorkerThread.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.WorkerThread.class, "run", "progress")));
    assertMessagesSay(bugs, "run() of thread class WorkerThread, while other methods use it too");
  }

  @Test
  void threadOwningItsMapAndNonRunnableAreSilent(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(spotbugs, classFiles(ClassFixtures.WorkerOwningItsMap.class, ClassFixtures.NotARunnable.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void springSingletonPublicMethod(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(ClassFixtures.SpringService.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.SpringService.class, "lookup", "cache")));
    assertMessagesSay(bugs, "concurrent requests to Spring singleton SpringService");
  }

  @Test
  void prototypeStartupAndPlainClassesAreSilent(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(
            spotbugs,
            classFiles(
                ClassFixtures.SpringPrototype.class,
                ClassFixtures.SpringStartupOnly.class,
                ClassFixtures.PlainClass.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void servletRequestMethodButNotInit(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(ClassFixtures.Servlet.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.Servlet.class, "doPost", "hits")));
    assertMessagesSay(bugs, "concurrent requests to servlet Servlet");
  }

  private static void assertMessagesSay(BugCollection bugs, String origin) {
    for (var bug : CrashguardAnalysis.crashguardBugs(bugs)) {
      assertTrue(
          bug.getMessageWithoutPrefix().contains(" is written from " + origin + " without a lock;"),
          () -> "message does not name the origin '" + origin + "': " + bug.getMessageWithoutPrefix());
    }
  }
}
