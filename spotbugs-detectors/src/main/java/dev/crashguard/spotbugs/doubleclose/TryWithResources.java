package dev.crashguard.spotbugs.doubleclose;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * The {@code close()} calls javac adds for a try-with-resources (Java 11 and later), which the source does
 * not show. javac compiles {@code try (R r = …) { body }} to the body, covered by a handler for {@code
 * Throwable} that closes {@code r} (after {@code if (r != null)} unless {@code r} was made with {@code new})
 * and adds the close's own exception with {@code addSuppressed}, then rethrows; and, at the end of every
 * range the handler covers (each {@code return}, {@code break} or the end of the block), the same {@code
 * aload r; [ifnull]; aload r; close()}. The close inside the handler and the closes at the ends of its
 * ranges are this block's; any other {@code close()} of {@code r} is the user's.
 */
final class TryWithResources {

  private static final String THROWABLE = "java/lang/Throwable";
  private static final int HANDLER_LOOK_AHEAD = 16;

  private TryWithResources() {}

  /** The pcs of the {@code close()} calls a try-with-resources added, in one method's code. */
  static Set<Integer> syntheticCloses(
      CodeException[] table, ConstantPool cp, ConstantPoolGen cpg, Map<Integer, InstructionHandle> handles) {
    Set<Integer> closes = new HashSet<>();
    if (table == null) {
      return closes;
    }
    for (CodeException entry : table) {
      if (entry.getCatchType() == 0 || !THROWABLE.equals(cp.getConstantString(entry.getCatchType(), Const.CONSTANT_Class))) {
        continue;
      }
      InstructionHandle handler = handles.get(entry.getHandlerPC());
      int slot = resourceSlot(handler, cpg);
      if (slot < 0) {
        continue;
      }
      // The close in the handler, and the one at the end of this range.
      addCloseAt(handler.getNext(), slot, cpg, closes);
      InstructionHandle end = handles.get(entry.getEndPC());
      addCloseAt(end, slot, cpg, closes);
    }
    return closes;
  }

  /** The resource's slot when {@code handler} is javac's close-and-add-suppressed handler, else -1. */
  private static int resourceSlot(InstructionHandle handler, ConstantPoolGen cpg) {
    if (handler == null || !(handler.getInstruction() instanceof ASTORE)) {
      return -1;
    }
    InstructionHandle first = handler.getNext();
    if (first == null || !(first.getInstruction() instanceof ALOAD load)) {
      return -1;
    }
    boolean suppressed = false;
    InstructionHandle h = first;
    for (int i = 0; i < HANDLER_LOOK_AHEAD && h != null; i++, h = h.getNext()) {
      if (h.getInstruction() instanceof InvokeInstruction invoke
          && invoke.getOpcode() != Const.INVOKEDYNAMIC
          && "addSuppressed".equals(invoke.getMethodName(cpg))) {
        suppressed = true;
        break;
      }
    }
    return suppressed ? load.getIndex() : -1;
  }

  /** {@code aload slot; [ifnull; aload slot;] invoke close()V} starting at {@code start}: adds the close's pc. */
  private static void addCloseAt(InstructionHandle start, int slot, ConstantPoolGen cpg, Set<Integer> closes) {
    InstructionHandle h = start;
    if (!loads(h, slot)) {
      return;
    }
    h = h.getNext();
    if (h != null && h.getInstruction() instanceof IfInstruction branch && branch.getOpcode() == Const.IFNULL) {
      h = h.getNext();
      if (!loads(h, slot)) {
        return;
      }
      h = h.getNext();
    }
    if (h != null && h.getInstruction() instanceof InvokeInstruction invoke
        && invoke.getOpcode() != Const.INVOKEDYNAMIC
        && "close".equals(invoke.getMethodName(cpg))
        && "()V".equals(invoke.getSignature(cpg))) {
      closes.add(h.getPosition());
    }
  }

  private static boolean loads(InstructionHandle h, int slot) {
    if (h == null) {
      return false;
    }
    Instruction instruction = h.getInstruction();
    return instruction instanceof ALOAD load && load.getIndex() == slot;
  }
}
