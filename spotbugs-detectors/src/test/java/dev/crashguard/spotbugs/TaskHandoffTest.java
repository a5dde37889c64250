package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crashguard.spotbugs.fixtures.TaskFixtures;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.test.SpotBugsExtension;
import edu.umd.cs.findbugs.test.SpotBugsRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rule 1: lambdas, method references and task objects handed to other threads. */
@ExtendWith(SpotBugsExtension.class)
class TaskHandoffTest {

  @Test
  void lambdaHandedToExecutorWritesField(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.ExecutorLambda.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.ExecutorLambda.class, "count", "counts")));
    BugInstance bug = CrashguardAnalysis.crashguardBugs(bugs).get(0);
    assertEquals(UnsynchronizedMapWriteDetector.PRIORITY, bug.getPriority());
    assertEquals(
        "'counts' is written from a task handed to ExecutorService.execute without a lock; concurrent writes"
            + " lose entries, loop forever or throw ConcurrentModificationException. Use ConcurrentHashMap"
            + " (ConcurrentHashMap.newKeySet() for a set) or guard every access with one lock.",
        bug.getMessageWithoutPrefix());
  }

  @Test
  void concurrentMapAndSynchronizedWrapperAreSilent(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(
            spotbugs,
            classFiles(
                TaskFixtures.ExecutorLambdaOnConcurrentMap.class,
                TaskFixtures.ExecutorLambdaOnSynchronizedWrapper.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void declaredConcreteTypeIsEnough(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.DeclaredConcreteType.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.DeclaredConcreteType.class, "count", "counts")));
  }

  @Test
  void fieldOfUnknownOriginIsSilent(SpotBugsRunner spotbugs) {
    assertThat(analyse(spotbugs, classFiles(TaskFixtures.UnknownFieldOrigin.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void capturedLocalCreatedAsTreeMapIsReportedByName(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.CapturedLocal.class));
    assertThat(
        bugs,
        containsExactly(
            1,
            Bugs.builder().inClass(TaskFixtures.CapturedLocal.class.getName()).inMethod("fill").atVariable("filled").build()));
    List<BugInstance> found = CrashguardAnalysis.crashguardBugs(bugs);
    assertEquals(
        "'filled' is written from a task handed to ExecutorService.submit",
        found.get(0).getMessageWithoutPrefix().substring(0, "'filled' is written from a task handed to ExecutorService.submit".length()));
  }

  @Test
  void capturedParameterAndMapMadeInsideTaskAreSilent(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(spotbugs, classFiles(TaskFixtures.CapturedParameter.class, TaskFixtures.MapMadeInsideTask.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void anonymousRunnableBodyIsTheTask(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.AnonymousRunnable.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.AnonymousRunnable.class.getName() + "$1", "run", "seen")));
  }

  @Test
  void lambdaRunInPlaceAndLockedTaskAreSilent(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(spotbugs, classFiles(TaskFixtures.LambdaRunInPlace.class, TaskFixtures.LockedInsideTask.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void boundMethodReferenceToAddInParallelStream(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.BoundMethodReferenceInParallelStream.class));
    assertThat(
        bugs, containsExactly(1, fieldWrite(TaskFixtures.BoundMethodReferenceInParallelStream.class, "all", "seen")));
  }

  @Test
  void writesThroughIteratorAndKeySetAreWrites(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(spotbugs, classFiles(TaskFixtures.IteratorRemoveInTask.class, TaskFixtures.KeySetRemoveInTask.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.IteratorRemoveInTask.class, "prune", "seen")));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.KeySetRemoveInTask.class, "drop", "counts")));
  }

  @Test
  void sequentialAndOrderedStreamsAreSilent(SpotBugsRunner spotbugs) {
    assertThat(
        analyse(spotbugs, classFiles(TaskFixtures.SequentialAndOrderedStreams.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void methodReferenceTargetIsTheTask(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.MethodReferenceToPrivateMethod.class));
    assertThat(
        bugs, containsExactly(1, fieldWrite(TaskFixtures.MethodReferenceToPrivateMethod.class, "clearAll", "counts")));
  }

  @Test
  void nonAsyncStageIsSilent(SpotBugsRunner spotbugs) {
    assertThat(analyse(spotbugs, classFiles(TaskFixtures.NonAsyncStage.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void lambdaInsideLambdaIsReportedOnTheUserMethod(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.NestedLambda.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.NestedLambda.class, "count", "counts")));
  }

  @Test
  void taskKeptInLocalVariableBeforeHandoff(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.TaskInLocalVariable.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.TaskInLocalVariable.class, "countAll", "counts")));
  }

  @Test
  void anonymousThreadStartedInPlace(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(TaskFixtures.AnonymousThreadStarted.class));
    assertThat(
        bugs,
        containsExactly(1, fieldWrite(TaskFixtures.AnonymousThreadStarted.class.getName() + "$1", "run", "counts")));
  }

  @Test
  void startOnNonThreadIsSilent(SpotBugsRunner spotbugs) {
    assertThat(analyse(spotbugs, classFiles(TaskFixtures.StartOnNonThread.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void taskHandedToItselfIsSilent(SpotBugsRunner spotbugs) {
    assertThat(analyse(spotbugs, classFiles(TaskFixtures.SelfExecutor.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void taskHandedToAnotherExecutorIsReported(SpotBugsRunner spotbugs) {
    BugCollection bugs =
        analyse(
            spotbugs,
            classFiles(TaskFixtures.SelfExecutorUsingWorkers.class, TaskFixtures.StaticHandoffToParameter.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.SelfExecutorUsingWorkers.class, "addHook", "hooks")));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.StaticHandoffToParameter.class, "count", "COUNTS")));
    assertThat(bugs, containsExactly(2, mapWrite()));
  }
}
