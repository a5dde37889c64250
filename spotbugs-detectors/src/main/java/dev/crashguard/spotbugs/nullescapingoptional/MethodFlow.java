package dev.crashguard.spotbugs.nullescapingoptional;

import dev.crashguard.spotbugs.common.ControlFlow;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;

/**
 * The normal (non-exceptional) control flow of one method, and the one question the NullEscapingOptional
 * detector asks of it: can a null that starts at some instructions reach a target instruction, given where
 * the value is tested, proven or overwritten on the way? A plain depth-first search over instruction
 * offsets, linear in the method's size; exception edges are not followed (a null that only reaches the
 * target through a catch block is missed, never invented).
 */
final class MethodFlow {

  /** What happens to the tracked value at one instruction. */
  interface Events {
    /** The value is proven non-null or replaced here: the search stops. */
    boolean kills(int pc);

    /** The value is tested for null here: the offset of the branch taken when it is null, else -1. */
    int nullBranch(int pc);
  }

  private final ControlFlow flow;

  MethodFlow(byte[] code) {
    flow = new ControlFlow(code);
  }

  /** The instructions after {@code pc} on the normal path. */
  int[] successors(int pc) {
    return flow.successors(pc);
  }

  boolean isInstruction(int pc) {
    return flow.isInstruction(pc);
  }

  /** Whether the value, live at each of {@code starts}, can reach {@code target} undisturbed. */
  boolean reaches(Collection<Integer> starts, int target, Events events) {
    BitSet seen = new BitSet(flow.length());
    Deque<Integer> work = new ArrayDeque<>(starts);
    while (!work.isEmpty()) {
      int pc = work.pop();
      if (pc < 0 || seen.get(pc)) {
        continue;
      }
      seen.set(pc);
      if (pc == target) {
        return true;
      }
      if (events.kills(pc)) {
        continue;
      }
      int nullBranch = events.nullBranch(pc);
      if (nullBranch >= 0) {
        work.push(nullBranch);
        continue;
      }
      for (int next : successors(pc)) {
        work.push(next);
      }
    }
    return false;
  }
}
