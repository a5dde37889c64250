package dev.crashguard.spotbugs.nullescapingoptional;

import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.Overrides;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ObjectType;

/**
 * The rule for {@code NEVER_ASSIGNED}: a private Optional field without annotations that no set-up code
 * assigns (a constructor, an overriding or framework-annotated method, and what they call in the class;
 * the static initialiser and what it calls for a static field), nor any nest mate, and that
 * nothing tests for null (lazy initialisation). A class file has no line for a field declaration, so it is
 * reported at the field's first read.
 */
final class UnassignedOptionalFields {

  /** Where a finding goes: the read that will see null, and the field. */
  interface Report {
    void at(Method method, int pc, String field, String owner);
  }

  private UnassignedOptionalFields() {}

  /** Reports each private Optional field of {@code cls} that nothing assigns, at its first read. */
  static void find(JavaClass cls, Report report) {
    List<Field> suspects = new ArrayList<>();
    for (Field field : cls.getFields()) {
      if (field.isPrivate() && !field.isSynthetic() && NullableModel.OPTIONAL_DESCRIPTOR.equals(field.getSignature())
          && !NullableModel.hasAnyAnnotation(field)) {
        suspects.add(field);
      }
    }
    if (suspects.isEmpty()) {
      return;
    }
    String self = cls.getClassName();
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    Map<String, MethodAccesses> byMethod = new HashMap<>();
    Set<String> nullTested = new HashSet<>();
    Map<String, Object[]> firstRead = new HashMap<>();
    for (Method method : cls.getMethods()) {
      Code code = method.getCode();
      if (code == null) {
        continue;
      }
      MethodAccesses accesses = new MethodAccesses();
      byMethod.put(method.getName() + method.getSignature(), accesses);
      InstructionList list = new InstructionList(code.getCode());
      for (InstructionHandle handle = list.getStart(); handle != null; handle = handle.getNext()) {
        if (handle.getInstruction() instanceof InvokeInstruction call
            && call.getOpcode() != Const.INVOKEDYNAMIC
            && call.getReferenceType(cpg) instanceof ObjectType callee
            && self.equals(callee.getClassName())) {
          accesses.calls.add(call.getMethodName(cpg) + call.getSignature(cpg));
          continue;
        }
        if (!(handle.getInstruction() instanceof FieldInstruction access)
            || !(access.getReferenceType(cpg) instanceof ObjectType owner)
            || !self.equals(owner.getClassName())) {
          continue;
        }
        String name = access.getFieldName(cpg);
        short opcode = access.getOpcode();
        if (opcode == Const.PUTFIELD) {
          accesses.instanceStores.add(name);
        } else if (opcode == Const.PUTSTATIC) {
          accesses.staticStores.add(name);
        } else if (opcode == Const.GETFIELD || opcode == Const.GETSTATIC) {
          InstructionHandle next = handle.getNext();
          if (next != null
              && (next.getInstruction().getOpcode() == Const.IFNULL
                  || next.getInstruction().getOpcode() == Const.IFNONNULL)) {
            nullTested.add(name);
          }
          int line = line(code, handle.getPosition());
          Object[] known = firstRead.get(name);
          if (known == null || (int) known[2] > line) {
            firstRead.put(name, new Object[] {method, handle.getPosition(), line});
          }
        }
      }
    }
    Set<String> assigned = new HashSet<>();
    for (String setUp : reachedFrom(instanceSetUp(cls), byMethod)) {
      assigned.addAll(byMethod.get(setUp).instanceStores);
    }
    for (String setUp : reachedFrom(Set.of(STATIC_INITIALISER), byMethod)) {
      assigned.addAll(byMethod.get(setUp).staticStores);
    }
    for (Field field : suspects) {
      String name = field.getName();
      Object[] read = firstRead.get(name);
      if (assigned.contains(name) || nullTested.contains(name) || read == null || assignedByNestMate(cls, field)) {
        continue;
      }
      report.at((Method) read[0], (int) read[1], name, self);
    }
  }

  private static final String STATIC_INITIALISER = "<clinit>()V";

  /** What one method stores into the class's fields and which of the class's methods it calls. */
  private static final class MethodAccesses {
    final Set<String> instanceStores = new HashSet<>();
    final Set<String> staticStores = new HashSet<>();
    final Set<String> calls = new HashSet<>();
  }

  /**
   * Where an object is set up before anyone else may read it: its constructors, a method that overrides
   * another (a superclass constructor or a framework may call it; one whose supertype cannot be loaded
   * counts: unsure means silent) and a method with an annotation from
   * outside {@code java.lang} ({@code @PostConstruct}, {@code @BeforeEach}, {@code @Inject}).
   */
  private static Set<String> instanceSetUp(JavaClass cls) {
    Set<String> roots = new HashSet<>();
    for (Method method : cls.getMethods()) {
      if (method.getName().equals("<init>") || Overrides.anySupertypeMethod(cls, method, true) || hasFrameworkAnnotation(method)) {
        roots.add(method.getName() + method.getSignature());
      }
    }
    return roots;
  }

  private static boolean hasFrameworkAnnotation(Method method) {
    for (var annotation : method.getAnnotationEntries()) {
      if (!annotation.getAnnotationType().startsWith("Ljava/lang/")) {
        return true;
      }
    }
    return false;
  }

  /** {@code roots} and the methods of the class they call, transitively. */
  private static Set<String> reachedFrom(Set<String> roots, Map<String, MethodAccesses> byMethod) {
    Set<String> reached = new HashSet<>();
    List<String> pending = new ArrayList<>(roots);
    while (!pending.isEmpty()) {
      String method = pending.remove(pending.size() - 1);
      MethodAccesses accesses = byMethod.get(method);
      if (accesses != null && reached.add(method)) {
        pending.addAll(accesses.calls);
      }
    }
    return reached;
  }

  /** A nest mate (a builder, say) may assign the field where this class cannot see: stay silent then. */
  private static boolean assignedByNestMate(JavaClass cls, Field field) {
    String self = cls.getClassName().replace('.', '/');
    int dollar = self.indexOf('$');
    String top = dollar < 0 ? self : self.substring(0, dollar);
    Set<String> mates = new HashSet<>();
    mates.add(top);
    for (Attribute attribute : cls.getAttributes()) {
      if (attribute instanceof org.apache.bcel.classfile.InnerClasses inner) {
        for (org.apache.bcel.classfile.InnerClass entry : inner.getInnerClasses()) {
          if (entry.getInnerClassIndex() != 0) {
            mates.add(cls.getConstantPool().getConstantString(entry.getInnerClassIndex(), Const.CONSTANT_Class));
          }
        }
      }
    }
    mates.remove(self);
    for (String mate : mates) {
      JavaClass other = HazardSuppressions.lookup(mate);
      if (other != null && writes(other, self, field.getName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean writes(JavaClass cls, String owner, String fieldName) {
    ConstantPool cp = cls.getConstantPool();
    // The raw entries: the slot after a long or double constant is unused (null there), and asking the
    // pool for it by index throws.
    for (org.apache.bcel.classfile.Constant constant : cp.getConstantPool()) {
      if (constant instanceof org.apache.bcel.classfile.ConstantFieldref ref
          && owner.equals(cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class))
          && cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat
          && fieldName.equals(nat.getName(cp))) {
        // Referenced at all: a read-only reference is rare enough to count as "may assign".
        return true;
      }
    }
    return false;
  }

  private static int line(Code code, int pc) {
    LineNumberTable lines = code.getLineNumberTable();
    return lines == null ? Integer.MAX_VALUE : lines.getSourceLine(pc);
  }
}
