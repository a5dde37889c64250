package dev.crashguard.spotbugs.nullescapingoptional;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * Whether a method's own code compares a parameter with null: {@code if (name == null)}, {@code name !=
 * null ? …}, {@code Objects.isNull(name)}. A callee that does takes null on purpose, so a caller passing
 * null for it is no finding. Read from the callee's bytecode, wherever it was compiled.
 */
final class ParameterTests {

  private ParameterTests() {}

  static boolean comparesWithNull(Method method, ConstantPool cp, int register) {
    try {
      ConstantPoolGen cpg = null;
      InstructionList list = new InstructionList(method.getCode().getCode());
      for (InstructionHandle handle = list.getStart(); handle != null; handle = handle.getNext()) {
        if (!(handle.getInstruction() instanceof ALOAD load)
            || load.getIndex() != register
            || handle.getNext() == null) {
          continue;
        }
        Instruction next = handle.getNext().getInstruction();
        if (next.getOpcode() == Const.IFNULL || next.getOpcode() == Const.IFNONNULL) {
          return true;
        }
        if (next instanceof InvokeInstruction call && next.getOpcode() == Const.INVOKESTATIC) {
          cpg = cpg == null ? new ConstantPoolGen(cp) : cpg;
          String owner = call.getClassName(cpg).replace('.', '/');
          if (NullableModel.nullTest(owner, call.getMethodName(cpg), call.getSignature(cpg)) != 0) {
            return true;
          }
        }
      }
      return false;
    } catch (RuntimeException e) {
      return false; // unreadable code: no known test
    }
  }
}
