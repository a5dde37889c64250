package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.spotbugs.fixtures.TaskFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 1: lambdas, method references and task objects handed to other threads. */
class TaskHandoffTest {

  @Test
  void lambdaHandedToExecutorWritesField() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.ExecutorLambda.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.ExecutorLambda.class, "count", "counts")));
    BugInstance bug = bugs.get(0);
    assertEquals(Hazard.UNSYNCHRONIZED_MAP_WRITE.severity().spotbugsPriority(), bug.getPriority());
    assertEquals(
        "'counts' is written without a lock by a task handed to ExecutorService.execute; concurrent writes"
            + " lose entries, loop forever or throw ConcurrentModificationException. Use ConcurrentHashMap"
            + " (ConcurrentHashMap.newKeySet() for a set) or guard every access with one lock.",
        bug.getMessageWithoutPrefix());
  }

  @Test
  void concurrentMapAndSynchronizedWrapperAreSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(
                TaskFixtures.ExecutorLambdaOnConcurrentMap.class,
                TaskFixtures.ExecutorLambdaOnSynchronizedWrapper.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void declaredConcreteTypeIsEnough() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.DeclaredConcreteType.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.DeclaredConcreteType.class, "count", "counts")));
  }

  @Test
  void fieldOfUnknownOriginIsSilent() {
    assertThat(analyse(classFiles(TaskFixtures.UnknownFieldOrigin.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void capturedLocalCreatedAsTreeMapIsReportedByName() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.CapturedLocal.class));
    assertThat(
        bugs,
        containsExactly(
            1,
            Bugs.builder().inClass(TaskFixtures.CapturedLocal.class.getName()).inMethod("fill").atVariable("filled").build()));
    List<BugInstance> found = bugs;
    assertEquals(
        "'filled' is written without a lock by a task handed to ExecutorService.submit",
        found.get(0).getMessageWithoutPrefix()
            .substring(0, "'filled' is written without a lock by a task handed to ExecutorService.submit".length()));
  }

  @Test
  void capturedParameterAndMapMadeInsideTaskAreSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(TaskFixtures.CapturedParameter.class, TaskFixtures.MapMadeInsideTask.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void anonymousRunnableBodyIsTheTask() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.AnonymousRunnable.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.AnonymousRunnable.class.getName() + "$1", "run", "seen")));
  }

  @Test
  void lambdaRunInPlaceAndLockedTaskAreSilent() {
    List<BugInstance> bugs =
        analyse(classFiles(TaskFixtures.LambdaRunInPlace.class, TaskFixtures.LockedInsideTask.class));
    assertThat(bugs, containsExactly(0, mapWrite()));
  }

  @Test
  void boundMethodReferenceToAddInParallelStream() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.BoundMethodReferenceInParallelStream.class));
    assertThat(
        bugs, containsExactly(1, fieldWrite(TaskFixtures.BoundMethodReferenceInParallelStream.class, "all", "seen")));
  }

  @Test
  void writesThroughIteratorAndKeySetAreWrites() {
    List<BugInstance> bugs =
        analyse(classFiles(TaskFixtures.IteratorRemoveInTask.class, TaskFixtures.KeySetRemoveInTask.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.IteratorRemoveInTask.class, "prune", "seen")));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.KeySetRemoveInTask.class, "drop", "counts")));
  }

  @Test
  void sequentialAndOrderedStreamsAreSilent() {
    assertThat(
        analyse(classFiles(TaskFixtures.SequentialAndOrderedStreams.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void methodReferenceTargetIsTheTask() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.MethodReferenceToPrivateMethod.class));
    assertThat(
        bugs, containsExactly(1, fieldWrite(TaskFixtures.MethodReferenceToPrivateMethod.class, "clearAll", "counts")));
  }

  @Test
  void nonAsyncStageIsSilent() {
    assertThat(analyse(classFiles(TaskFixtures.NonAsyncStage.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void lambdaInsideLambdaIsReportedOnTheUserMethod() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.NestedLambda.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.NestedLambda.class, "count", "counts")));
  }

  @Test
  void taskKeptInLocalVariableBeforeHandoff() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.TaskInLocalVariable.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.TaskInLocalVariable.class, "countAll", "counts")));
  }

  @Test
  void anonymousThreadStartedInPlace() {
    List<BugInstance> bugs = analyse(classFiles(TaskFixtures.AnonymousThreadStarted.class));
    assertThat(
        bugs,
        containsExactly(1, fieldWrite(TaskFixtures.AnonymousThreadStarted.class.getName() + "$1", "run", "counts")));
  }

  @Test
  void startOnNonThreadIsSilent() {
    assertThat(analyse(classFiles(TaskFixtures.StartOnNonThread.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void taskHandedToItselfIsSilent() {
    assertThat(analyse(classFiles(TaskFixtures.SelfExecutor.class)), containsExactly(0, mapWrite()));
  }

  @Test
  void taskHandedToAnotherExecutorIsReported() {
    List<BugInstance> bugs =
        analyse(classFiles(TaskFixtures.SelfExecutorUsingWorkers.class, TaskFixtures.StaticHandoffToParameter.class));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.SelfExecutorUsingWorkers.class, "addHook", "hooks")));
    assertThat(bugs, containsExactly(1, fieldWrite(TaskFixtures.StaticHandoffToParameter.class, "count", "COUNTS")));
    assertThat(bugs, containsExactly(2, mapWrite()));
  }
}
