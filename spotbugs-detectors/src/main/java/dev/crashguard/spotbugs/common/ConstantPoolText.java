package dev.crashguard.spotbugs.common;

import java.util.function.Predicate;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;

/**
 * The text a class file's constant pool holds: every class, method and field name and every descriptor
 * the class's code refers to or declares. A detector asks it first whether a class can hold anything the
 * detector is about (a call named {@code close}, a type {@code java/util/Optional}); most classes cannot,
 * and a look at the pool costs a fraction of an analysis of their code.
 */
public final class ConstantPoolText {

  private ConstantPoolText() {}

  /** Whether any UTF-8 entry of the class's constant pool satisfies {@code test}. */
  public static boolean mentions(JavaClass cls, Predicate<String> test) {
    ConstantPool pool = cls.getConstantPool();
    for (Constant constant : pool.getConstantPool()) {
      if (constant instanceof ConstantUtf8 utf8 && test.test(utf8.getBytes())) {
        return true;
      }
    }
    return false;
  }
}
