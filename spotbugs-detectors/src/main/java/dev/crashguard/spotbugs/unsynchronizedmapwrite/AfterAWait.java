package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import dev.crashguard.spotbugs.common.HazardSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.InnerClass;
import org.apache.bcel.classfile.InnerClasses;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * netty's HashedWheelTimer: a method of a thread's class that only the top-level class can call (the
 * method or a class around it is private), and that each of those calls makes after waiting for the thread
 * ({@code join()}, {@code get()}, {@code awaitTermination()} earlier in the calling method), reads what the
 * finished thread left: it is no concurrent use of the thread's fields. The nest is read from the
 * top-level class's InnerClasses attribute; a class that cannot be loaded leaves the answer "no".
 */
final class AfterAWait {

  private AfterAWait() {}

  static boolean calledOnlyAfterAWait(JavaClass cls, Method method) {
    if (!method.isPrivate() && !inPrivateClass(cls)) {
      return false;
    }
    String owner = cls.getClassName().replace('.', '/');
    int calls = 0;
    for (JavaClass mate : nest(owner)) {
      ConstantPoolGen cp = new ConstantPoolGen(mate.getConstantPool());
      for (Method caller : mate.getMethods()) {
        if (caller.getCode() == null) {
          continue;
        }
        boolean waited = false;
        for (InstructionHandle handle : new InstructionList(caller.getCode().getCode()).getInstructionHandles()) {
          if (!(handle.getInstruction() instanceof InvokeInstruction invoke)) {
            continue;
          }
          if (invoke.getOpcode() == Const.INVOKEDYNAMIC) {
            continue; // a method reference to it would be a use at any time; rare enough to ignore here
          }
          String calledOwner = invoke.getClassName(cp).replace('.', '/');
          String name = invoke.getMethodName(cp);
          if (ConcurrencyModel.TASK_COMPLETION_WAITS.matches(calledOwner, name)) {
            waited = true;
          } else if (calledOwner.equals(owner)
              && name.equals(method.getName())
              && invoke.getSignature(cp).equals(method.getSignature())) {
            if (!waited) {
              return false;
            }
            calls++;
          }
        }
      }
    }
    return calls > 0;
  }

  /** The class is nested and declared private (its InnerClasses entry says so). */
  private static boolean inPrivateClass(JavaClass cls) {
    String self = cls.getClassName().replace('.', '/');
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof InnerClasses inner) {
        for (InnerClass entry : inner.getInnerClasses()) {
          if (entry.getInnerClassIndex() != 0
              && self.equals(cls.getConstantPool().getConstantString(entry.getInnerClassIndex(), Const.CONSTANT_Class))
              && (entry.getInnerAccessFlags() & Const.ACC_PRIVATE) != 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The top-level class of {@code internalName} and the nested classes it lists. */
  private static List<JavaClass> nest(String internalName) {
    String top = FactCollector.topLevel(internalName);
    Set<String> names = new LinkedHashSet<>(List.of(top));
    JavaClass topClass = HazardSuppressions.lookup(top);
    if (topClass != null) {
      for (Attribute attribute : topClass.getAttributes()) {
        if (attribute instanceof InnerClasses inner) {
          for (InnerClass entry : inner.getInnerClasses()) {
            if (entry.getInnerClassIndex() != 0) {
              String name = topClass.getConstantPool().getConstantString(entry.getInnerClassIndex(), Const.CONSTANT_Class);
              if (FactCollector.topLevel(name).equals(top)) {
                names.add(name);
              }
            }
          }
        }
      }
    }
    List<JavaClass> classes = new ArrayList<>();
    for (String name : names) {
      JavaClass cls = HazardSuppressions.lookup(name);
      if (cls != null) {
        classes.add(cls);
      }
    }
    return classes;
  }
}
