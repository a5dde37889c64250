package dev.crashguard.spotbugs.nullescapingoptional;

import java.util.HashMap;
import java.util.Map;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.ObjectType;

/**
 * Whether a method of the class being analysed may return null, read from its bytecode: it returns a null
 * constant on some path ({@code aconst_null} reaching {@code areturn} through javac's gotos and casts), or
 * it is a getter ({@code aload_0; getfield f; areturn}) of a private, non-final field without annotations
 * that the class sets to null or never sets. Answers are cached per class.
 */
final class OwnMethodResults {

  private static final int MAX_CONSUMER_STEPS = 8;

  private final JavaClass cls;
  private final Map<String, Boolean> answers = new HashMap<>();
  private ConstantPoolGen cp;

  OwnMethodResults(JavaClass cls) {
    this.cls = cls;
  }

  boolean mayReturnNull(String name, String signature) {
    if (!signature.endsWith(";") && !signature.endsWith("]")) {
      return false; // a primitive or void result
    }
    return answers.computeIfAbsent(name + signature, k -> answer(name, signature));
  }

  private boolean answer(String name, String signature) {
    for (Method method : cls.getMethods()) {
      if (method.getName().equals(name) && method.getSignature().equals(signature) && method.getCode() != null) {
        try {
          byte[] code = method.getCode().getCode();
          return returnsNullConstant(code) || gettersFieldMayBeNull(method, code);
        } catch (RuntimeException e) {
          return false; // unreadable code says nothing
        }
      }
    }
    return false;
  }

  private static boolean returnsNullConstant(byte[] code) {
    InstructionList list = new InstructionList(code);
    for (InstructionHandle handle = list.getStart(); handle != null; handle = handle.getNext()) {
      if (handle.getInstruction().getOpcode() == Const.ACONST_NULL && reachesReturn(code, handle.getNext())) {
        return true;
      }
    }
    return false;
  }

  private static boolean reachesReturn(byte[] code, InstructionHandle next) {
    if (next == null) {
      return false;
    }
    int pc = next.getPosition();
    for (int step = 0; step < MAX_CONSUMER_STEPS && pc >= 0 && pc < code.length; step++) {
      int opcode = code[pc] & 0xFF;
      if (opcode == Const.ARETURN) {
        return true;
      }
      if (opcode == Const.CHECKCAST) {
        pc += 3;
      } else if (opcode == Const.GOTO && pc + 2 < code.length) {
        pc += (short) (((code[pc + 1] & 0xFF) << 8) | (code[pc + 2] & 0xFF));
      } else {
        return false;
      }
    }
    return false;
  }

  private boolean gettersFieldMayBeNull(Method method, byte[] code) {
    if (method.isStatic() || code.length != 5 || (code[0] & 0xFF) != Const.ALOAD_0
        || (code[1] & 0xFF) != Const.GETFIELD || (code[4] & 0xFF) != Const.ARETURN) {
      return false;
    }
    FieldInstruction get = (FieldInstruction) new InstructionList(code).getStart().getNext().getInstruction();
    ConstantPoolGen pool = pool();
    if (!(get.getReferenceType(pool) instanceof ObjectType owner) || !owner.getClassName().equals(cls.getClassName())) {
      return false;
    }
    String fieldName = get.getFieldName(pool);
    Field field = null;
    for (Field f : cls.getFields()) {
      if (f.getName().equals(fieldName)) {
        field = f;
      }
    }
    if (field == null || !field.isPrivate() || field.isFinal() || NullableModel.hasAnyAnnotation(field)) {
      return false;
    }
    return storesNullOrNothing(fieldName);
  }

  /** The class stores a null constant into the field, or never stores into it. */
  private boolean storesNullOrNothing(String fieldName) {
    boolean stored = false;
    ConstantPoolGen pool = pool();
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null) {
        continue;
      }
      InstructionHandle previous = null;
      for (InstructionHandle handle : new InstructionList(method.getCode().getCode()).getInstructionHandles()) {
        if (handle.getInstruction() instanceof FieldInstruction put
            && put.getOpcode() == Const.PUTFIELD
            && put.getReferenceType(pool) instanceof ObjectType owner
            && owner.getClassName().equals(cls.getClassName())
            && put.getFieldName(pool).equals(fieldName)) {
          if (previous != null && previous.getInstruction().getOpcode() == Const.ACONST_NULL) {
            return true;
          }
          stored = true;
        }
        previous = handle;
      }
    }
    return !stored;
  }

  private ConstantPoolGen pool() {
    if (cp == null) {
      cp = new ConstantPoolGen(cls.getConstantPool());
    }
    return cp;
  }
}
