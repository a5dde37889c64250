package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * run() of a Thread or Runnable executes on the new thread; every other method of the same object is
 * called from somewhere else. A map touched by both is shared between threads. The constructor, which runs
 * before start(), and private helpers that only run() calls belong to the thread; a method that only code
 * after the thread's join() can call reads what the finished thread left; a method named run() on a class
 * that is neither Thread nor Runnable starts nothing.
 */
public class ThreadSubclassRun {

  static class NoncompliantWorker extends Thread {
    private final Map<String, Integer> progress = new HashMap<>();

    @Override
    public void run() {
      for (int i = 0; i < 100; i++) {
        progress.put("step", i); // hazard: UnsynchronizedMapWrite
      }
    }

    public Integer currentStep() {
      return progress.get("step");
    }
  }

  static class NoncompliantJob implements Runnable {
    private final Map<String, String> state = new HashMap<>();

    @Override
    public void run() {
      state.put("status", "running"); // hazard: UnsynchronizedMapWrite
    }

    public void reset() {
      state.clear();
    }
  }

  /** call() of a Callable runs on whatever thread the executor picks. */
  static class NoncompliantCallable implements Callable<Integer> {
    private final Map<String, Integer> seen = new HashMap<>();

    @Override
    public Integer call() {
      seen.merge("calls", 1, Integer::sum); // hazard: UnsynchronizedMapWrite
      return seen.size();
    }

    public boolean wasCalled() {
      return seen.containsKey("calls");
    }
  }

  /** The map never leaves call(): each call has its own. */
  static class CompliantCallable implements Callable<Integer> {
    @Override
    public Integer call() {
      Map<String, Integer> seen = new HashMap<>();
      seen.merge("calls", 1, Integer::sum);
      return seen.size();
    }
  }

  static class FixedCallable implements Callable<Integer> {
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();

    @Override
    public Integer call() {
      seen.merge("calls", 1, Integer::sum);
      return seen.size();
    }

    public boolean wasCalled() {
      return seen.containsKey("calls");
    }
  }

  /** The map never leaves run(): the thread owns it. */
  static class CompliantWorker extends Thread {
    private final Map<String, Integer> scratch = new HashMap<>();

    @Override
    public void run() {
      for (int i = 0; i < 100; i++) {
        scratch.put("step", i);
      }
      System.out.println(scratch);
    }
  }

  /** Only read outside run(), but from a ConcurrentHashMap. */
  static class CompliantConcurrentWorker extends Thread {
    private final Map<String, Integer> progress = new ConcurrentHashMap<>();

    @Override
    public void run() {
      progress.put("step", 1);
    }

    public Integer currentStep() {
      return progress.get("step");
    }
  }

  static class FixedWorker extends Thread {
    private final Map<String, Integer> progress = new ConcurrentHashMap<>();

    @Override
    public void run() {
      for (int i = 0; i < 100; i++) {
        progress.put("step", i);
      }
    }

    public Integer currentStep() {
      return progress.get("step");
    }
  }

  static class FixedJob implements Runnable {
    private final Map<String, String> state = new ConcurrentHashMap<>();

    @Override
    public void run() {
      state.put("status", "running");
    }

    public void reset() {
      state.clear();
    }
  }

  /**
   * The constructor's write happens before start(); a private helper that only run() calls is part of
   * run(). Nothing outside the thread touches the map.
   */
  static class CompliantOwnedWithHelper extends Thread {
    private final Map<String, Integer> scratch = new HashMap<>();

    CompliantOwnedWithHelper() {
      scratch.put("created", 0);
    }

    @Override
    public void run() {
      scratch.put("step", 1);
      report();
    }

    private void report() {
      System.out.println(scratch);
    }
  }

  /** The same with the reader public: another thread can iterate the map while run() writes it. */
  static class NoncompliantReadByPublicMethod extends Thread {
    private final Map<String, Integer> scratch = new HashMap<>();

    NoncompliantReadByPublicMethod() {
      scratch.put("created", 0);
    }

    @Override
    public void run() {
      scratch.put("step", 1); // hazard: UnsynchronizedMapWrite
    }

    public String report() {
      return scratch.toString();
    }
  }

  /** A run() method on a class that is neither Thread nor Runnable: nothing says it runs on a thread. */
  static class CompliantNotARunnable {
    private final Map<String, Integer> state = new HashMap<>();

    public void run() {
      state.put("status", 1);
    }

    public void reset() {
      state.clear();
    }
  }

  static class FixedReadByPublicMethod extends Thread {
    private final Map<String, Integer> scratch = new ConcurrentHashMap<>();

    FixedReadByPublicMethod() {
      scratch.put("created", 0);
    }

    @Override
    public void run() {
      scratch.put("step", 1);
    }

    public String report() {
      return scratch.toString();
    }
  }

  /**
   * netty's HashedWheelTimer: the worker's leftovers are read by stop() only after the worker's thread has
   * ended (join), and the worker class is private, so no other caller can read them earlier.
   */
  static class CompliantReadAfterJoin {
    private final Worker worker = new Worker();
    private final Thread thread = new Thread(worker);

    void start() {
      thread.start();
    }

    Set<String> stop() throws InterruptedException {
      while (thread.isAlive()) {
        thread.interrupt();
        thread.join(100);
      }
      return worker.leftovers();
    }

    private static final class Worker implements Runnable {
      private final Set<String> unprocessed = new HashSet<>();

      @Override
      public void run() {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.onSpinWait();
        }
        unprocessed.add("pending");
      }

      public Set<String> leftovers() {
        return Collections.unmodifiableSet(unprocessed);
      }
    }
  }

  /** The same worker, but a status call reads the leftovers while the thread may still run. */
  static class NoncompliantReadWhileRunning {
    private final Worker worker = new Worker();
    private final Thread thread = new Thread(worker);

    void start() {
      thread.start();
    }

    int status() {
      return worker.leftovers().size();
    }

    private static final class Worker implements Runnable {
      private final Set<String> unprocessed = new HashSet<>();

      @Override
      public void run() {
        while (!Thread.currentThread().isInterrupted()) {
          unprocessed.add("pending"); // hazard: UnsynchronizedMapWrite
        }
      }

      public Set<String> leftovers() {
        return Collections.unmodifiableSet(unprocessed);
      }
    }
  }

  static class FixedReadWhileRunning {
    private final Worker worker = new Worker();
    private final Thread thread = new Thread(worker);

    void start() {
      thread.start();
    }

    int status() {
      return worker.leftovers().size();
    }

    private static final class Worker implements Runnable {
      private final Set<String> unprocessed = ConcurrentHashMap.newKeySet();

      @Override
      public void run() {
        while (!Thread.currentThread().isInterrupted()) {
          unprocessed.add("pending");
        }
      }

      public Set<String> leftovers() {
        return Collections.unmodifiableSet(unprocessed);
      }
    }
  }

  /**
   * jgroups' StompConnection (a false alarm met in the real world): the object starts its own receiver thread
   * (new Thread(this)) in startReceiver(), which connect() calls after it has walked the set. Everything
   * before Thread.start() happens before run() begins, so the set's only uses outside run() (the
   * constructor, and connect() before the start) cannot overlap with the receiver's writes.
   */
  static class CompliantUsedBeforeItStartsItself implements Runnable {
    private final Set<String> servers = new HashSet<>();
    private Thread receiver;
    private String connected;

    CompliantUsedBeforeItStartsItself(String server) {
      servers.add(server);
    }

    public void connect() {
      for (String server : servers) {
        connected = server;
        break;
      }
      startReceiver();
    }

    protected synchronized void startReceiver() {
      if (receiver == null || !receiver.isAlive()) {
        receiver = new Thread(this, "receiver");
        receiver.start();
      }
    }

    @Override
    public void run() {
      servers.add(connected + "-backup");
    }
  }

  /** The same order in a Thread subclass that fills the map and then calls its own start(). */
  static class CompliantFilledThenStartsItself extends Thread {
    private final Map<String, Integer> targets = new HashMap<>();

    public void begin(Iterable<String> initial) {
      for (String target : initial) {
        targets.put(target, 0);
      }
      start();
    }

    @Override
    public void run() {
      targets.merge("polls", 1, Integer::sum);
    }
  }

  /** The set is walked after the receiver has started: the walk races the receiver's writes. */
  static class NoncompliantUsedAfterItStartsItself implements Runnable {
    private final Set<String> servers = new HashSet<>();
    private Thread receiver;

    public void connect() {
      startReceiver();
      System.out.println("servers: " + servers);
    }

    protected synchronized void startReceiver() {
      if (receiver == null || !receiver.isAlive()) {
        receiver = new Thread(this, "receiver");
        receiver.start();
      }
    }

    @Override
    public void run() {
      servers.add("backup"); // hazard: UnsynchronizedMapWrite
    }
  }

  /**
   * Filled before each start, but in a loop that starts a new thread every round: from the second round on,
   * the fill races the threads already started.
   */
  static class NoncompliantFilledBeforeEachStartInALoop implements Runnable {
    private final Map<String, Integer> targets = new HashMap<>();

    public void startAll(int workers) {
      for (int i = 0; i < workers; i++) {
        targets.put("worker-" + i, i);
        new Thread(this).start();
      }
    }

    @Override
    public void run() {
      targets.merge("runs", 1, Integer::sum); // hazard: UnsynchronizedMapWrite
    }
  }

  static class FixedUsedAfterItStartsItself implements Runnable {
    private final Set<String> servers = ConcurrentHashMap.newKeySet();
    private Thread receiver;

    public void connect() {
      startReceiver();
      System.out.println("servers: " + servers);
    }

    protected synchronized void startReceiver() {
      if (receiver == null || !receiver.isAlive()) {
        receiver = new Thread(this, "receiver");
        receiver.start();
      }
    }

    @Override
    public void run() {
      servers.add("backup");
    }
  }

  static class FixedFilledBeforeEachStartInALoop implements Runnable {
    private final Map<String, Integer> targets = new ConcurrentHashMap<>();

    public void startAll(int workers) {
      for (int i = 0; i < workers; i++) {
        targets.put("worker-" + i, i);
        new Thread(this).start();
      }
    }

    @Override
    public void run() {
      targets.merge("runs", 1, Integer::sum);
    }
  }
}
