package samples;

import java.util.concurrent.locks.ReentrantLock;

/** The smallest code that makes DoubleClose report: its message goes to the consistency test. */
class DoubleCloseSample {
  private final ReentrantLock lock = new ReentrantLock();

  void twice() {
    lock.lock();
    lock.unlock();
    lock.unlock();
  }
}
