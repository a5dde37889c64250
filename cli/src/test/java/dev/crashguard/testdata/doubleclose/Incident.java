package dev.crashguard.testdata.doubleclose;

/**
 * A production incident made of the corpus' own noncompliant code, for {@code crashguard explain}'s tests and
 * README example: a worker thread drains an empty queue, and the lock that the early return released is
 * released again by the finally. The JVM prints the uncaught exception as any service's log would. In the
 * corpus' package because its cases are package-private.
 */
public final class Incident {

  private Incident() {}

  /** Runs the failing drain on a thread named like a service's worker, and waits for it. */
  public static void main(String[] args) throws InterruptedException {
    Thread worker = new Thread(() -> new LockReleasedTwice.NoncompliantEarlyUnlock().drain(true), "order-drainer");
    worker.start();
    worker.join();
  }

  /** The same failure in this thread, for in-process tests. */
  public static void drainEmptyQueue() {
    new LockReleasedTwice.NoncompliantEarlyUnlock().drain(true);
  }
}
