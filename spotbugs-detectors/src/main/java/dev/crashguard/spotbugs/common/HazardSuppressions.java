package dev.crashguard.spotbugs.common;

import dev.crashguard.catalog.Suppression;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ArrayElementValue;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ElementValue;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.EnclosingMethod;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.InnerClass;
import org.apache.bcel.classfile.InnerClasses;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.util.ByteSequence;

/**
 * Whether {@code @dev.crashguard.annotations.SuppressHazard} silences a hazard at a place in bytecode.
 * Every crashguard detector asks this before it reports; SpotBugs' own {@code @SuppressFBWarnings} is
 * handled by SpotBugs itself.
 *
 * <p>The annotation counts on the field at fault, on the method or constructor holding the code, and on
 * every class around it. Bytecode moves code out of the declaration a reader sees, so this follows it
 * back: a lambda body is a synthetic {@code lambda$name$n} method, suppressed by whatever suppresses the
 * method whose {@code invokedynamic} creates it (found by that instruction, not by the name); a local or
 * anonymous class is suppressed by its {@code EnclosingMethod}; a nested class by its outer classes
 * ({@code InnerClasses}, else the {@code $} in its name).
 *
 * <p>Never throws: a class that cannot be loaded contributes no suppression.
 */
public final class HazardSuppressions {

  /** Descriptor of the cross-engine annotation (CLASS retention: kept in class files, not at run time). */
  public static final String SUPPRESS_HAZARD = Types.descriptor(Suppression.ANNOTATION);

  private static final int MAX_STEPS = 64;

  private HazardSuppressions() {}

  /**
   * @param hazard the catalog name, e.g. {@code UnsynchronizedMapWrite}
   * @param javaClass the class holding the code at fault
   * @param method the method holding it, or null
   * @param fieldClass the class declaring the field at fault (dotted or slashed), or null
   * @param fieldName the field at fault, or null
   */
  public static boolean isSuppressed(
      String hazard, JavaClass javaClass, Method method, String fieldClass, String fieldName) {
    try {
      if (fieldClass != null && fieldName != null) {
        JavaClass owner = lookup(fieldClass);
        if (owner != null) {
          for (Field field : owner.getFields()) {
            if (field.getName().equals(fieldName) && suppresses(field.getAnnotationEntries(), hazard)) {
              return true;
            }
          }
        }
      }
      return isCodeSuppressed(hazard, javaClass, method);
    } catch (RuntimeException e) {
      // A malformed class file must not break the analysis; it simply suppresses nothing.
      return false;
    }
  }

  private record Place(JavaClass javaClass, Method method) {}

  private static boolean isCodeSuppressed(String hazard, JavaClass start, Method startMethod) {
    Deque<Place> work = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    work.add(new Place(start, startMethod));
    int steps = 0;
    while (!work.isEmpty() && steps++ < MAX_STEPS) {
      Place place = work.removeFirst();
      JavaClass cls = place.javaClass();
      Method method = place.method();
      String id = cls.getClassName() + "#" + (method == null ? "" : method.getName() + method.getSignature());
      if (!seen.add(id)) {
        continue;
      }
      if (method != null) {
        if (suppresses(method.getAnnotationEntries(), hazard)) {
          return true;
        }
        Method creator = lambdaCreator(cls, method);
        if (creator != null) {
          work.add(new Place(cls, creator));
        }
        work.add(new Place(cls, null));
        continue;
      }
      if (suppresses(cls.getAnnotationEntries(), hazard)) {
        return true;
      }
      Place enclosing = enclosingMethod(cls);
      if (enclosing != null) {
        work.add(enclosing);
      }
      JavaClass outer = outerClass(cls);
      if (outer != null) {
        work.add(new Place(outer, null));
      }
    }
    return false;
  }

  /** True when one of the annotations is @SuppressHazard and its value names {@code hazard}. */
  public static boolean suppresses(AnnotationEntry[] annotations, String hazard) {
    if (annotations == null) {
      return false;
    }
    for (AnnotationEntry annotation : annotations) {
      if (!SUPPRESS_HAZARD.equals(annotation.getAnnotationType())) {
        continue;
      }
      for (ElementValuePair pair : annotation.getElementValuePairs()) {
        if (Suppression.VALUE.equals(pair.getNameString()) && names(pair.getValue(), hazard)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean names(ElementValue value, String hazard) {
    if (value instanceof ArrayElementValue array) {
      for (ElementValue element : array.getElementValuesArray()) {
        if (names(element, hazard)) {
          return true;
        }
      }
      return false;
    }
    return hazard.equals(value.stringifyValue());
  }

  /**
   * The method whose {@code invokedynamic} creates the lambda or method reference implemented by
   * {@code target}, if {@code target} is one (only synthetic methods are followed: a method reference
   * to a named method is that method's own code, and its own annotations decide).
   */
  public static Method lambdaCreator(JavaClass cls, Method target) {
    if (!target.isSynthetic()) {
      return null;
    }
    ConstantPool cp = cls.getConstantPool();
    BootstrapMethods bootstraps = null;
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof BootstrapMethods b) {
        bootstraps = b;
      }
    }
    if (bootstraps == null) {
      return null;
    }
    for (Method method : cls.getMethods()) {
      Code code = method.getCode();
      if (code == null || method == target) {
        continue;
      }
      if (createsLambda(code.getCode(), cp, bootstraps, cls.getClassName().replace('.', '/'), target)) {
        return method;
      }
    }
    return null;
  }

  private static boolean createsLambda(
      byte[] bytecode, ConstantPool cp, BootstrapMethods bootstraps, String owner, Method target) {
    try (ByteSequence bytes = new ByteSequence(bytecode)) {
      while (bytes.available() > 0) {
        org.apache.bcel.generic.Instruction instruction =
            org.apache.bcel.generic.Instruction.readInstruction(bytes);
        if (instruction.getOpcode() != Const.INVOKEDYNAMIC) {
          continue;
        }
        int index = ((org.apache.bcel.generic.INVOKEDYNAMIC) instruction).getIndex();
        if (!(cp.getConstant(index) instanceof org.apache.bcel.classfile.ConstantInvokeDynamic indy)) {
          continue;
        }
        BootstrapMethod[] all = bootstraps.getBootstrapMethods();
        int b = indy.getBootstrapMethodAttrIndex();
        if (b < 0 || b >= all.length) {
          continue;
        }
        for (int argument : all[b].getBootstrapArguments()) {
          if (cp.getConstant(argument) instanceof ConstantMethodHandle handle
              && cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP ref
              && cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat
              && owner.equals(cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class))
              && target.getName().equals(nat.getName(cp))
              && target.getSignature().equals(nat.getSignature(cp))) {
            return true;
          }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** The method (or class, for an initializer) a local or anonymous class is declared in. */
  private static Place enclosingMethod(JavaClass cls) {
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof EnclosingMethod enclosing) {
        String outerName =
            cls.getConstantPool().getConstantString(enclosing.getEnclosingClassIndex(), Const.CONSTANT_Class);
        JavaClass outer = lookup(outerName);
        if (outer == null) {
          return null;
        }
        if (enclosing.getEnclosingMethodIndex() == 0) {
          return new Place(outer, null);
        }
        ConstantNameAndType nat = enclosing.getEnclosingMethod();
        ConstantPool cp = cls.getConstantPool();
        String name = nat.getName(cp);
        String signature = nat.getSignature(cp);
        for (Method method : outer.getMethods()) {
          if (method.getName().equals(name) && method.getSignature().equals(signature)) {
            return new Place(outer, method);
          }
        }
        return new Place(outer, null);
      }
    }
    return null;
  }

  private static JavaClass outerClass(JavaClass cls) {
    String self = cls.getClassName().replace('.', '/');
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof InnerClasses inner) {
        for (InnerClass entry : inner.getInnerClasses()) {
          if (entry.getInnerClassIndex() != 0
              && entry.getOuterClassIndex() != 0
              && self.equals(cls.getConstantPool().getConstantString(entry.getInnerClassIndex(), Const.CONSTANT_Class))) {
            return lookup(cls.getConstantPool().getConstantString(entry.getOuterClassIndex(), Const.CONSTANT_Class));
          }
        }
      }
    }
    int dollar = self.lastIndexOf('$');
    return dollar > self.lastIndexOf('/') + 1 ? lookup(self.substring(0, dollar)) : null;
  }

  public static JavaClass lookup(String name) {
    try {
      AnalysisContext context = AnalysisContext.currentAnalysisContext();
      return context == null ? null : context.lookupClass(name.replace('/', '.'));
    } catch (ClassNotFoundException | RuntimeException e) {
      return null;
    }
  }
}
