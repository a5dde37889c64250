package dev.crashguard.spotbugs.common;

import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.Type;

/** Local variable slots of a method on entry: which register holds which parameter. */
public final class Slots {

  private Slots() {}

  /** The index of the parameter held in {@code register} on entry, or -1 when it is no parameter. */
  public static int parameterOfRegister(Method method, int register) {
    int slot = method.isStatic() ? 0 : 1;
    Type[] arguments = Type.getArgumentTypes(method.getSignature());
    for (int i = 0; i < arguments.length; i++) {
      if (slot == register) {
        return i;
      }
      slot += arguments[i].getSize();
    }
    return -1;
  }

  /** The register that holds parameter {@code index} on entry, or -1 when there is no such parameter. */
  public static int registerOfParameter(Method method, int index) {
    int slot = method.isStatic() ? 0 : 1;
    Type[] arguments = Type.getArgumentTypes(method.getSignature());
    if (index < 0 || index >= arguments.length) {
      return -1;
    }
    for (int i = 0; i < index; i++) {
      slot += arguments[i].getSize();
    }
    return slot;
  }
}
