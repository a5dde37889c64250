package dev.crashguard.spotbugs.nullescapingoptional;

import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.LambdaRef;
import java.util.HashMap;
import java.util.Map;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ObjectType;

/**
 * Facts about the lambdas and method references of one class: which method an invokedynamic names, and
 * whether it can return null (a JDK method documented to, a {@code @Nullable} method, or a body of this
 * class that returns a null literal or such a method's result). Answers are kept for the class.
 */
final class LambdaReturns {

  private static final int MAX_CONSUMER_STEPS = 8;

  private final JavaClass cls;
  private final Map<String, Boolean> known = new HashMap<>();

  LambdaReturns(JavaClass cls) {
    this.cls = cls;
  }

  /** Whether a lambda or method reference can return null: a null-returning method, or a body returning a null literal. */
  boolean mayReturnNull(LambdaRef target) {
    String id = target.owner() + "." + target.name() + target.signature();
    Boolean answer = known.get(id);
    if (answer != null) {
      return answer;
    }
    boolean result =
        NullableModel.isNullReturningMethod(target.owner(), target.name(), target.signature())
            || NullableModel.isNullableResult(target.owner(), target.name(), target.signature())
            || bodyReturnsNull(target);
    known.put(id, result);
    return result;
  }

  private boolean bodyReturnsNull(LambdaRef target) {
    if (!cls.getClassName().replace('.', '/').equals(target.owner())) {
      return false;
    }
    for (Method method : cls.getMethods()) {
      if (method.isSynthetic() && method.getName().equals(target.name())
          && method.getSignature().equals(target.signature()) && method.getCode() != null) {
        return returnsNull(method.getCode().getCode(), new ConstantPoolGen(cls.getConstantPool()));
      }
    }
    return false;
  }

  /** A null literal, or the result of a null-returning JDK method, reaches an areturn. */
  private static boolean returnsNull(byte[] code, ConstantPoolGen cpg) {
    InstructionList list = new InstructionList(code);
    for (InstructionHandle handle = list.getStart(); handle != null; handle = handle.getNext()) {
      Instruction instruction = handle.getInstruction();
      if (instruction.getOpcode() == Const.ACONST_NULL) {
        InstructionHandle next = handle.getNext();
        for (int step = 0; next != null && step < MAX_CONSUMER_STEPS; step++) {
          Instruction consumer = next.getInstruction();
          if (consumer.getOpcode() == Const.CHECKCAST) {
            next = next.getNext();
          } else if (consumer instanceof GotoInstruction jump) {
            next = jump.getTarget();
          } else {
            if (consumer.getOpcode() == Const.ARETURN) {
              return true;
            }
            break;
          }
        }
      } else if (instruction.getOpcode() == Const.ARETURN) {
        InstructionHandle previous = handle.getPrev();
        if (previous != null && previous.getInstruction().getOpcode() == Const.CHECKCAST) {
          previous = previous.getPrev();
        }
        if (previous != null && previous.getInstruction() instanceof InvokeInstruction call
            && call.getOpcode() != Const.INVOKEDYNAMIC
            && NullableModel.isNullReturningMethod(
                call.getReferenceType(cpg) instanceof ObjectType owner ? owner.getClassName() : "",
                call.getMethodName(cpg), call.getSignature(cpg))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The implementation method of the lambda or method reference an invokedynamic of {@code cls} makes. */
  static LambdaRef lambdaRef(JavaClass cls, Object operand) {
    if (!(operand instanceof ConstantInvokeDynamic indy)) {
      return null;
    }
    ConstantPool cp = cls.getConstantPool();
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof BootstrapMethods bootstraps) {
        BootstrapMethod[] all = bootstraps.getBootstrapMethods();
        int index = indy.getBootstrapMethodAttrIndex();
        if (index < 0 || index >= all.length) {
          return null;
        }
        int[] arguments = all[index].getBootstrapArguments();
        if (arguments.length < 2
            || !(cp.getConstant(arguments[1]) instanceof ConstantMethodHandle handle)
            || !(cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP ref)
            || !(cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat)) {
          return null;
        }
        return new LambdaRef(
            cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class), nat.getName(cp), nat.getSignature(cp));
      }
    }
    return null;
  }
}
