package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * run() of a Thread or Runnable executes on the new thread; every other method of the same object is
 * called from somewhere else. A map touched by both is shared between threads.
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
}
