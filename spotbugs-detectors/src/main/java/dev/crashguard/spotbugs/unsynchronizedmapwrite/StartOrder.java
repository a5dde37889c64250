package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Call;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.MethodFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Thread confinement by start order (jgroups' {@code StompConnection}): a {@code Runnable} or {@code Thread}
 * class whose method walks or fills the map and then starts the object's own thread. {@code Thread.start()}
 * happens before everything {@code run()} does, so a use at a pc before the start, with no loop (a backward
 * jump) around both, cannot overlap with {@code run()}'s writes. The object starts its own thread where
 * {@link FactCollector} saw {@code new Thread(this)} or {@code start()} on itself ({@code selfStarts}), or
 * calls on itself a method of its class that does, up to {@value #MAX_CALL_DEPTH} calls down. A method that
 * starts the object's thread is taken to run once before that thread; calling it again while the thread
 * runs would race, and is not followed. A lambda in the method is a method of its own, with no start.
 */
final class StartOrder {

  private static final int MAX_CALL_DEPTH = 3;

  private StartOrder() {}

  /** Whether every use of {@code field} in {@code method} comes before the method starts the object's thread. */
  static boolean usedOnlyBeforeItStartsItself(ClassFacts cls, MethodFacts method, String field) {
    List<Integer> uses = method.fieldUses.get(field);
    if (uses == null || uses.isEmpty()) {
      return false;
    }
    List<Integer> starts = new ArrayList<>(method.selfStarts);
    for (Call call : method.calls) {
      if (call.onThis() && !call.reference()
          && startsItself(cls, cls.method(call.name(), call.signature()), MAX_CALL_DEPTH, new HashSet<>())) {
        starts.add(call.pc());
      }
    }
    if (starts.isEmpty()) {
      return false;
    }
    if (method.method.getCode() == null) {
      return false;
    }
    ControlFlow flow;
    try {
      flow = new ControlFlow(method.method.getCode().getCode());
    } catch (RuntimeException e) {
      return false; // unreadable code: no order to rely on
    }
    for (int use : uses) {
      boolean before = false;
      for (int start : starts) {
        before |= use < start && !flow.loopsBack(use, start);
      }
      if (!before) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsItself(ClassFacts cls, MethodFacts method, int depth, Set<MethodFacts> seen) {
    if (method == null || !seen.add(method)) {
      return false;
    }
    if (!method.selfStarts.isEmpty()) {
      return true;
    }
    if (depth == 0) {
      return false;
    }
    for (Call call : method.calls) {
      if (call.onThis() && !call.reference()
          && startsItself(cls, cls.method(call.name(), call.signature()), depth - 1, seen)) {
        return true;
      }
    }
    return false;
  }

}
