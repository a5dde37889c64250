package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.Bugs.fieldWrite;
import static dev.crashguard.spotbugs.Bugs.mapWrite;
import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.spotbugs.fixtures.KnowledgeFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entries of the catalog's shared library knowledge that the detector learnt from the other engines:
 * ThreadFactory.newThread, descendingIterator(), call() of a Callable class, reduce on a parallel stream,
 * StampedLock read locks (which guard nothing), @Configuration beans with @Bean and afterPropertiesSet.
 */
class SharedKnowledgeTest {

  @Test
  void threadFactoryRunsTheTaskOnANewThread() {
    List<BugInstance> bugs = analyse(classFiles(KnowledgeFixtures.ThreadFactoryTask.class));
    assertThat(bugs, containsExactly(1, mapWrite()));
    assertMessagesSay(bugs, "a task handed to ThreadFactory.newThread");
  }

  @Test
  void removeThroughADescendingIteratorWritesTheSet() {
    List<BugInstance> bugs = analyse(classFiles(KnowledgeFixtures.DescendingIteratorRemoveInTask.class));
    assertThat(bugs, containsExactly(1, mapWrite()));
  }

  @Test
  void callOfACallableClassRunsOnAnotherThread() {
    List<BugInstance> bugs = analyse(classFiles(KnowledgeFixtures.CallableClass.class));
    assertThat(bugs, containsExactly(1, fieldWrite(KnowledgeFixtures.CallableClass.class, "call", "state")));
    assertMessagesSay(bugs, "call() of Callable class CallableClass, while other methods use it too");
  }

  @Test
  void reduceOnAParallelStreamRunsConcurrently() {
    List<BugInstance> bugs = analyse(classFiles(KnowledgeFixtures.ParallelReduce.class));
    assertThat(bugs, containsExactly(1, mapWrite()));
    assertMessagesSay(bugs, "a parallel stream's reduce");
  }

  @Test
  void aStampedReadLockDoesNotGuardAWrite() {
    List<BugInstance> bugs = analyse(classFiles(KnowledgeFixtures.StampedReadLockWrite.class));
    assertThat(bugs, containsExactly(1, fieldWrite(KnowledgeFixtures.StampedReadLockWrite.class, "sneak", "routes")));
  }

  @Test
  void configurationBeanServesRequestsButBeanMethodsRunOnce() {
    List<BugInstance> bugs = analyse(classFiles(KnowledgeFixtures.ConfigurationBean.class));
    assertThat(bugs, containsExactly(1, fieldWrite(KnowledgeFixtures.ConfigurationBean.class, "lookup", "cache")));
    assertThat(bugs, containsExactly(1, mapWrite()));
  }

  private static void assertMessagesSay(List<BugInstance> bugs, String phrase) {
    for (BugInstance bug : bugs) {
      assertTrue(bug.getMessageWithoutPrefix().contains(phrase), bug.getMessageWithoutPrefix());
    }
  }
}
