package dev.crashguard.spotbugs.badannotationattribute;

import edu.umd.cs.findbugs.SourceLineAnnotation;
import java.util.HashMap;
import java.util.Map;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;

/**
 * Where a finding about an annotation is reported. A class file keeps no line for an annotation, so the
 * line is one of the annotated element's own: a method's (or its parameters') annotation on the method's
 * first line (the line of its first instruction; an abstract method has none and is reported without a
 * line); a field's on the first line of its class that reads or writes it (its initializer, its getter),
 * else on the first line of the class's first constructor; a class's own on its first constructor's.
 */
final class ReportPlaces {

  /** A place to report: the method holding the line (named in the bug) and the line. */
  record Place(Method method, SourceLineAnnotation line) {}

  private final JavaClass cls;
  private Map<String, Place> fieldAccesses;

  ReportPlaces(JavaClass cls) {
    this.cls = cls;
  }

  /** The method's first line. */
  Place ofMethod(Method method) {
    Code code = method.getCode();
    SourceLineAnnotation line = code != null && code.getCode() != null && code.getCode().length > 0
        ? SourceLineAnnotation.fromVisitedInstruction(cls, method, 0)
        : SourceLineAnnotation.forEntireMethod(cls, method);
    return new Place(method, line);
  }

  /** The field's first read or write in its class, else the class's place; null when there is none. */
  Place ofField(Field field) {
    if (fieldAccesses == null) {
      fieldAccesses = firstAccesses();
    }
    Place access = fieldAccesses.get(field.getName() + ":" + field.getSignature());
    return access != null ? access : ofClass();
  }

  /**
   * The first line of the first constructor with code (a default constructor's is the class's own line),
   * else of the first method; null when the class has no method at all.
   */
  Place ofClass() {
    Method first = null;
    for (Method method : cls.getMethods()) {
      if (Const.CONSTRUCTOR_NAME.equals(method.getName()) && method.getCode() != null) {
        return ofMethod(method);
      }
      if (first == null && !method.isSynthetic()) {
        first = method;
      }
    }
    return first == null ? null : ofMethod(first);
  }

  /** For each field of the class, its access on the lowest line of the class's own code. */
  private Map<String, Place> firstAccesses() {
    Map<String, Place> first = new HashMap<>();
    Map<String, Integer> lowest = new HashMap<>();
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    String self = cls.getClassName();
    for (Method method : cls.getMethods()) {
      Code code = method.getCode();
      if (code == null || code.getCode() == null) {
        continue;
      }
      InstructionList instructions;
      try {
        instructions = new InstructionList(code.getCode());
      } catch (RuntimeException e) {
        continue; // Code BCEL cannot decode holds no access this reads.
      }
      LineNumberTable lines = code.getLineNumberTable();
      for (InstructionHandle handle : instructions.getInstructionHandles()) {
        String key = handle.getInstruction() instanceof FieldInstruction access ? ownField(access, cpg, self) : null;
        if (key == null) {
          continue;
        }
        int pc = handle.getPosition();
        int line = lines == null ? -1 : lines.getSourceLine(pc);
        int rank = line > 0 ? line : Integer.MAX_VALUE;
        Integer seen = lowest.get(key);
        if (seen == null || rank < seen) {
          lowest.put(key, rank);
          first.put(key, new Place(method, SourceLineAnnotation.fromVisitedInstruction(cls, method, pc)));
        }
      }
    }
    return first;
  }

  /** {@code name:signature} of the field {@code access} reads or writes when it is one of this class's. */
  private static String ownField(FieldInstruction access, ConstantPoolGen cpg, String self) {
    try {
      return self.equals(access.getReferenceType(cpg).toString())
          ? access.getFieldName(cpg) + ":" + access.getSignature(cpg)
          : null;
    } catch (RuntimeException e) {
      return null; // A malformed reference names no field of this class.
    }
  }
}
