package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.spotbugs.fixtures.KnowledgeFixtures;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.test.SpotBugsExtension;
import edu.umd.cs.findbugs.test.SpotBugsRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Entries of the catalog's shared library knowledge that the detector learnt from the other engines:
 * ThreadFactory.newThread, descendingIterator(), call() of a Callable class, reduce on a parallel stream,
 * StampedLock read locks (which guard nothing), @Configuration beans with @Bean and afterPropertiesSet.
 */
@ExtendWith(SpotBugsExtension.class)
class SharedKnowledgeTest {

  @Test
  void threadFactoryRunsTheTaskOnANewThread(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(KnowledgeFixtures.ThreadFactoryTask.class));
    assertThat(bugs, containsExactly(1, mapWrite()));
    assertMessagesSay(bugs, "a task handed to ThreadFactory.newThread");
  }

  @Test
  void removeThroughADescendingIteratorWritesTheSet(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(KnowledgeFixtures.DescendingIteratorRemoveInTask.class));
    assertThat(bugs, containsExactly(1, mapWrite()));
  }

  @Test
  void callOfACallableClassRunsOnAnotherThread(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(KnowledgeFixtures.CallableClass.class));
    assertThat(bugs, containsExactly(1, fieldWrite(KnowledgeFixtures.CallableClass.class, "call", "state")));
    assertMessagesSay(bugs, "call() of Callable class CallableClass, while other methods use it too");
  }

  @Test
  void reduceOnAParallelStreamRunsConcurrently(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(KnowledgeFixtures.ParallelReduce.class));
    assertThat(bugs, containsExactly(1, mapWrite()));
    assertMessagesSay(bugs, "a parallel stream's reduce");
  }

  @Test
  void aStampedReadLockDoesNotGuardAWrite(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(KnowledgeFixtures.StampedReadLockWrite.class));
    assertThat(bugs, containsExactly(1, fieldWrite(KnowledgeFixtures.StampedReadLockWrite.class, "sneak", "routes")));
  }

  @Test
  void configurationBeanServesRequestsButBeanMethodsRunOnce(SpotBugsRunner spotbugs) {
    BugCollection bugs = analyse(spotbugs, classFiles(KnowledgeFixtures.ConfigurationBean.class));
    assertThat(bugs, containsExactly(1, fieldWrite(KnowledgeFixtures.ConfigurationBean.class, "lookup", "cache")));
    assertThat(bugs, containsExactly(1, mapWrite()));
  }

  private static void assertMessagesSay(BugCollection bugs, String phrase) {
    for (BugInstance bug : CrashguardAnalysis.crashguardBugs(bugs)) {
      assertTrue(bug.getMessageWithoutPrefix().contains(phrase), bug.getMessageWithoutPrefix());
    }
  }
}
