package dev.crashguard.spotbugs.nullescapingoptional;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.bcel.Const;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.Select;

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

  private static final int[] NONE = {};
  private final Map<Integer, int[]> successors = new HashMap<>();
  private final int length;

  MethodFlow(byte[] code) {
    length = code.length;
    InstructionList list = new InstructionList(code);
    for (InstructionHandle handle = list.getStart(); handle != null; handle = handle.getNext()) {
      successors.put(handle.getPosition(), successorsOf(handle));
    }
  }

  private static int[] successorsOf(InstructionHandle handle) {
    Instruction instruction = handle.getInstruction();
    int next = handle.getNext() == null ? -1 : handle.getNext().getPosition();
    if (instruction instanceof Select select) {
      InstructionHandle[] targets = select.getTargets();
      int[] out = new int[targets.length + 1];
      for (int i = 0; i < targets.length; i++) {
        out[i] = targets[i].getPosition();
      }
      out[targets.length] = select.getTarget().getPosition();
      return out;
    }
    if (instruction instanceof GotoInstruction jump) {
      return new int[] {jump.getTarget().getPosition()};
    }
    if (instruction instanceof IfInstruction branch) {
      return next < 0 ? new int[] {branch.getTarget().getPosition()}
          : new int[] {branch.getTarget().getPosition(), next};
    }
    if (instruction instanceof BranchInstruction) {
      return NONE; // jsr/ret: old subroutines are not followed
    }
    short opcode = instruction.getOpcode();
    if ((opcode >= Const.IRETURN && opcode <= Const.RETURN) || opcode == Const.ATHROW || opcode == Const.RET) {
      return NONE;
    }
    return next < 0 ? NONE : new int[] {next};
  }

  /** The instructions after {@code pc} on the normal path. */
  int[] successors(int pc) {
    return successors.getOrDefault(pc, NONE);
  }

  boolean isInstruction(int pc) {
    return successors.containsKey(pc);
  }

  /** Whether the value, live at each of {@code starts}, can reach {@code target} undisturbed. */
  boolean reaches(Collection<Integer> starts, int target, Events events) {
    BitSet seen = new BitSet(length);
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
