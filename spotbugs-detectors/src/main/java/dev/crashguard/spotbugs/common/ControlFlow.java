package dev.crashguard.spotbugs.common;

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
 * The normal (non-exceptional) control flow of one method's code: the instructions that may run after
 * each one. Exception edges are left out, and so are old {@code jsr}/{@code ret} subroutines; a detector
 * that walks this graph never sees a catch block and must treat code it did not reach as unknown.
 */
public final class ControlFlow {

  private static final int[] NONE = {};

  private final InstructionList instructions;
  private final Map<Integer, int[]> successors = new HashMap<>();
  private final int length;

  public ControlFlow(byte[] code) {
    length = code.length;
    instructions = new InstructionList(code);
    for (InstructionHandle handle = instructions.getStart(); handle != null; handle = handle.getNext()) {
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

  /** The instructions, decoded once. */
  public InstructionList instructions() {
    return instructions;
  }

  /** The instructions after {@code pc} on the normal path. */
  public int[] successors(int pc) {
    return successors.getOrDefault(pc, NONE);
  }

  public boolean isInstruction(int pc) {
    return successors.containsKey(pc);
  }

  /**
   * Whether a jump at or after {@code to} goes back to {@code from} or before it: a loop runs the code
   * between them again (one more task per iteration, a use after an earlier iteration's start).
   */
  public boolean loopsBack(int from, int to) {
    for (Map.Entry<Integer, int[]> edge : successors.entrySet()) {
      if (edge.getKey() >= to) {
        for (int target : edge.getValue()) {
          if (target <= from && target <= edge.getKey()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The code's length in bytes: every offset is below it. */
  public int length() {
    return length;
  }
}
