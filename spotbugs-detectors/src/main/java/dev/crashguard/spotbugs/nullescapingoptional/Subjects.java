package dev.crashguard.spotbugs.nullescapingoptional;

import dev.crashguard.spotbugs.common.HazardReporter;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;

/**
 * How the detector names the thing at fault in the message's subject slot, as the reader wrote it: a
 * method (not javac's {@code lambda$find$0}), a local by its name, a call, a field.
 */
final class Subjects {

  private Subjects() {}

  /** What a {@code return null} of {@code method} names: the method, or "lambda in" the method holding it. */
  static String returnSubject(JavaClass cls, Method method) {
    Method visible = HazardReporter.userVisibleMethod(cls, method);
    String name = displayName(cls, visible);
    return visible == method ? name : "lambda in " + name;
  }

  private static String displayName(JavaClass cls, Method method) {
    return switch (method.getName()) {
      case "<init>" -> simpleName(cls.getClassName());
      case "<clinit>" -> "static initialiser of " + simpleName(cls.getClassName());
      default -> method.getName();
    };
  }

  /** A call named as the reader wrote it: {@code greet}, {@code new Greeting}. */
  static String callSubject(String owner, String name) {
    return "<init>".equals(name) ? "new " + simpleName(owner) : name;
  }

  /** The name of the local in {@code register} at {@code pc}, or "local #n" without a variable table. */
  static String localName(Method method, int register, int pc) {
    LocalVariable local = local(method, register, pc);
    return local == null ? "local #" + register : local.getName();
  }

  static LocalVariable local(Method method, int register, int pc) {
    LocalVariableTable table = method.getLocalVariableTable();
    if (table == null) {
      return null;
    }
    for (LocalVariable local : table.getLocalVariableTable()) {
      if (local.getIndex() == register && pc >= local.getStartPC() && pc <= local.getStartPC() + local.getLength()) {
        return local;
      }
    }
    return null;
  }

  static String simpleName(String className) {
    String name = className.replace('/', '.');
    return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
  }
}
