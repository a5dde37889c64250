package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.spotbugs.fixtures.ClassFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules 2 to 6: inconsistent locking, volatile fields, thread classes, Spring singletons, servlets. */
class SharedClassTest {

  @Test
  void writeSkippingTheLockOthersHold() {
    List<BugInstance> bugs =
        analyse(classFiles(
                ClassFixtures.SynchronizedAndNot.class, ClassFixtures.LockAndNot.class, ClassFixtures.StampedAndNot.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.SynchronizedAndNot.class, "close", "sessions")));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.LockAndNot.class, "drop", "routes")));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.StampedAndNot.class, "drop", "routes")));
    assertThat(bugs, containsExactly(3, mapWrite()));
    assertMessagesSay(bugs, "(), while its other writers hold one");
  }

  @Test
  void consistentLockingAndPrivateHelperAreSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(ClassFixtures.AlwaysLocked.class, ClassFixtures.UnlockedOnlyInPrivateHelper.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void mutatedVolatileMap() {
    List<BugInstance> bugs = analyse(classFiles(ClassFixtures.VolatileMutated.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.VolatileMutated.class, "set", "config")));
    assertMessagesSay(bugs, "by several threads (the field is volatile)");
  }

  @Test
  void copyOnWriteVolatileIsSilent() {
    assertThat(analyse(classFiles(ClassFixtures.VolatileReplaced.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void threadRunWritesMapOtherMethodsUse() {
    List<BugInstance> bugs = analyse(classFiles(ClassFixtures.WorkerThread.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.WorkerThread.class, "run", "progress")));
    assertMessagesSay(bugs, "run() of thread class WorkerThread, while other methods use it too");
  }

  @Test
  void threadOwningItsMapAndNonRunnableAreSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(ClassFixtures.WorkerOwningItsMap.class, ClassFixtures.NotARunnable.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void springSingletonPublicMethod() {
    List<BugInstance> bugs = analyse(classFiles(ClassFixtures.SpringService.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.SpringService.class, "lookup", "cache")));
    assertMessagesSay(bugs, "concurrent requests to Spring singleton SpringService");
  }

  @Test
  void prototypeStartupAndPlainClassesAreSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(
                ClassFixtures.SpringPrototype.class,
                ClassFixtures.SpringStartupOnly.class,
                ClassFixtures.PlainClass.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void servletRequestMethodButNotInit() {
    List<BugInstance> bugs = analyse(classFiles(ClassFixtures.Servlet.class));
    assertThat(bugs, containsExactly(1, fieldWrite(ClassFixtures.Servlet.class, "doPost", "hits")));
    assertMessagesSay(bugs, "concurrent requests to servlet Servlet");
  }

  private static void assertMessagesSay(List<BugInstance> bugs, String origin) {
    for (var bug : bugs) {
      assertTrue(
          bug.getMessageWithoutPrefix().contains(" is written without a lock ")
              && bug.getMessageWithoutPrefix().contains(origin + ";"),
          () -> "message does not name the origin '" + origin + "': " + bug.getMessageWithoutPrefix());
    }
  }
}
