package demo;

import java.util.concurrent.locks.ReentrantLock;

public class Ledger {
  private final ReentrantLock lock = new ReentrantLock();
  private long balance;

  public long withdraw(long amount) throws InterruptedException {
    try {
      lock.lockInterruptibly();
      balance -= amount;
      return balance;
    } finally {
      lock.unlock();
    }
  }
}
