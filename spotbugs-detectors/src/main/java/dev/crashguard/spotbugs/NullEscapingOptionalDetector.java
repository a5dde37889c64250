package dev.crashguard.spotbugs;

import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

/**
 * Reports an Optional that is itself null, or a null taken out of an Optional that reaches a dereference:
 * crashguard's {@code NullEscapingOptional}, bug type {@value #BUG_TYPE}. Each rule names its {@link Kind}:
 *
 * <ul>
 *   <li>{@code RETURNS_NULL}, {@code STORES_NULL}, {@code PASSES_NULL}: a {@code null} literal whose
 *       consumer (after javac's {@code goto} and {@code checkcast} of a ternary or switch arm) is the
 *       {@code areturn} of a method returning Optional (lambda bodies included: javac gives
 *       {@code lambda$…} the erased Optional result), a store into an Optional local (by the local variable
 *       table), field or array, or an Optional parameter of a call. Reported on the line of the null.
 *   <li>{@code NEVER_ASSIGNED}: a private Optional field without annotations that no constructor (static
 *       initialiser for a static field) and no nest mate assigns, and that nothing tests for null (lazy
 *       initialisation); reported at its first read, since a class file has no line for a declaration.
 *   <li>{@code OF_MAY_BE_NULL}: {@code Optional.of(x)} where {@code x} is a {@code @Nullable} parameter,
 *       field or method result, the result of a JDK method that returns null, or a value tested against
 *       null earlier; a small flow search ({@link MethodFlow}) checks that the null reaches the call past
 *       no null test, {@code requireNonNull}, dereference or new assignment.
 *   <li>{@code DEREFERENCES_OR_ELSE_NULL}: the result of {@code orElse(null)} or {@code orElseGet(() ->
 *       null)} reaches a dereference (call, field access, unboxing, for-each, switch, synchronized) by the
 *       same flow search.
 *   <li>{@code PICKS_NULL_ELEMENT}: {@code findFirst/findAny/min/max} on a stream that may hold nulls: after
 *       {@code map} with a null-returning method reference or a lambda that can return null, or {@code
 *       Stream.of} with a null literal, and no {@code filter/flatMap/mapMulti} since.
 * </ul>
 *
 * <p>The OpcodeStack carries the detector's own marks in item user values (lambda targets, orElse-null
 * results, streams that may hold nulls, arrays holding a null), hence {@link OpcodeStack.CustomUserValue}.
 *
 * <p>The detector never throws: anything unexpected about one class is logged as an analysis error and
 * the class is skipped.
 */
@OpcodeStack.CustomUserValue
public final class NullEscapingOptionalDetector extends OpcodeStackDetector {

  /** The SpotBugs bug type; never renamed once shipped. */
  public static final String BUG_TYPE = "CG_NULL_ESCAPING_OPTIONAL";

  /** The catalog name, as {@code @SuppressHazard} names it. */
  public static final String HAZARD = "NullEscapingOptional";

  /** The catalog severity is ERROR: reported at high priority. */
  public static final int PRIORITY = Priorities.HIGH_PRIORITY;

  private static final String OPTIONAL = NullableModel.OPTIONAL;
  private static final String OPTIONAL_DESCRIPTOR = NullableModel.OPTIONAL_DESCRIPTOR;
  private static final String STREAM = NullableModel.STREAM;
  private static final String OPTIONAL_ARRAY = "[" + OPTIONAL_DESCRIPTOR;
  private static final int MAX_CONSUMER_STEPS = 8;
  /** Key for "every field": a call to a method of this class may assign any of them. */
  private static final String ANY_FIELD = "F*";

  /** User value: the target of a lambda or method reference made by invokedynamic. */
  private record LambdaRef(String owner, String name, String signature) {}

  /** User value: the result of orElse(null)/orElseGet(() -> null) at {@code pc}. */
  private record OrElseNull(int pc) {}

  /** User value marks without data. */
  private enum Mark {
    STREAM_MAY_HOLD_NULL,
    ARRAY_HOLDS_NULL
  }

  /** A place where the tracked value could be null: reported when the null can reach {@code pc}. */
  private record Candidate(
      Kind kind, String key, List<Integer> starts, boolean testedStarts, OrElseNull orElse, int pc, String subject) {}

  /** What one method's walk saw, evaluated after the walk (a null test may follow in offset order). */
  private static final class MethodFacts {
    final Method method;
    final byte[] code;
    final Map<Integer, Set<String>> kills = new HashMap<>();
    final Map<Integer, String> testKeys = new HashMap<>();
    final Map<Integer, Integer> testNullBranches = new HashMap<>();
    final Map<String, List<Integer>> nullableStores = new HashMap<>();
    final Map<String, List<Integer>> orElseStores = new HashMap<>();
    final List<Candidate> candidates = new ArrayList<>();
    java.util.BitSet jumpTargets;

    MethodFacts(Method method, byte[] code) {
      this.method = method;
      this.code = code;
    }

    void kill(int pc, String key) {
      if (key != null) {
        kills.computeIfAbsent(pc, k -> new HashSet<>()).add(key);
      }
    }
  }

  private final BugReporter bugReporter;
  private final Set<String> reported = new HashSet<>();
  private final Map<String, Boolean> lambdaReturnsNull = new HashMap<>();
  private final List<MethodFacts> methods = new ArrayList<>();
  private MethodFacts current;
  private Object pendingUserValue;
  private int pendingNullTest;
  private String pendingNullTestKey;
  private boolean seenContainsKey;

  public NullEscapingOptionalDetector(BugReporter bugReporter) {
    this.bugReporter = bugReporter;
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass javaClass = classContext.getJavaClass();
    methods.clear();
    lambdaReturnsNull.clear();
    current = null;
    try {
      neverAssignedFields(classContext);
      super.visitClassContext(classContext);
      for (MethodFacts facts : methods) {
        evaluate(classContext, facts);
      }
    } catch (RuntimeException | StackOverflowError e) {
      bugReporter.logError(
          "crashguard " + BUG_TYPE + " could not analyse " + javaClass.getClassName() + "; skipped it", e);
    } finally {
      methods.clear();
      current = null;
    }
  }

  @Override
  public boolean shouldVisitCode(Code code) {
    Method method = getMethod();
    pendingUserValue = null;
    pendingNullTest = 0;
    pendingNullTestKey = null;
    seenContainsKey = false;
    if (method == null || (method.getAccessFlags() & Const.ACC_BRIDGE) != 0 || code.getCode() == null) {
      current = null;
      return false;
    }
    current = new MethodFacts(method, code.getCode());
    methods.add(current);
    return true;
  }

  @Override
  public void report() {
    reported.clear();
  }

  // ---- the walk ------------------------------------------------------------------------------------

  @Override
  public void sawOpcode(int seen) {
    if (current == null) {
      return;
    }
    pendingUserValue = null;
    int nullTest = pendingNullTest;
    String nullTestKey = pendingNullTestKey;
    pendingNullTest = 0;
    pendingNullTestKey = null;
    switch (seen) {
      case Const.ACONST_NULL -> nullLiteral();
      case Const.IFNULL, Const.IFNONNULL -> {
        if (stack.getStackDepth() > 0) {
          String key = keyOf(stack.getStackItem(0));
          recordTest(key, seen == Const.IFNULL ? getBranchTarget() : getNextPC(),
              seen == Const.IFNULL ? getNextPC() : getBranchTarget());
        }
      }
      case Const.IFEQ, Const.IFNE -> {
        if (nullTest != 0 && nullTestKey != null) {
          // isNull: true (ne) means null; nonNull: true means non-null.
          boolean jumpMeansNull = (nullTest > 0) == (seen == Const.IFNE);
          recordTest(nullTestKey, jumpMeansNull ? getBranchTarget() : getNextPC(),
              jumpMeansNull ? getNextPC() : getBranchTarget());
        }
      }
      case Const.ASTORE, Const.ASTORE_0, Const.ASTORE_1, Const.ASTORE_2, Const.ASTORE_3 -> store();
      case Const.PUTFIELD, Const.PUTSTATIC -> {
        XField field = getXFieldOperand();
        if (field != null) {
          current.kill(getPC(), fieldKey(field.getClassName(), field.getName()));
        }
        if (seen == Const.PUTFIELD) {
          dereference(1);
        }
      }
      case Const.GETFIELD, Const.ARRAYLENGTH, Const.MONITORENTER, Const.ATHROW -> dereference(0);
      case Const.IALOAD, Const.LALOAD, Const.FALOAD, Const.DALOAD, Const.AALOAD, Const.BALOAD, Const.CALOAD,
          Const.SALOAD -> dereference(1);
      case Const.AASTORE -> {
        arrayStore();
        dereference(2);
      }
      case Const.IASTORE, Const.LASTORE, Const.FASTORE, Const.DASTORE, Const.BASTORE, Const.CASTORE,
          Const.SASTORE -> dereference(2);
      case Const.CHECKCAST -> {
        if (stack.getStackDepth() > 0) {
          pendingUserValue = stack.getStackItem(0).getUserValue();
        }
      }
      case Const.INVOKEDYNAMIC -> pendingUserValue = lambdaRef();
      case Const.INVOKEVIRTUAL, Const.INVOKEINTERFACE, Const.INVOKESTATIC, Const.INVOKESPECIAL -> invoke(seen);
      default -> {}
    }
  }

  @Override
  public void afterOpcode(int seen) {
    Object mark = pendingUserValue;
    pendingUserValue = null;
    super.afterOpcode(seen);
    if (mark != null && current != null && stack.getStackDepth() > 0) {
      OpcodeStack.Item top = stack.getStackItem(0);
      if (top.getUserValue() == null) {
        top.setUserValue(mark);
      }
    }
  }

  private void recordTest(String key, int nullBranch, int otherBranch) {
    if (key == null || isBooleanMaterialisation(nullBranch, otherBranch)) {
      return;
    }
    current.testKeys.put(getPC(), key);
    current.testNullBranches.put(getPC(), nullBranch);
  }

  /** {@code boolean b = x == null}: both branches push a constant; the test guards nothing itself. */
  private boolean isBooleanMaterialisation(int a, int b) {
    byte[] code = current.code;
    return a >= 0 && b >= 0 && a < code.length && b < code.length
        && isIntConstant(code[a] & 0xFF) && isIntConstant(code[b] & 0xFF);
  }

  private static boolean isIntConstant(int opcode) {
    return opcode == Const.ICONST_0 || opcode == Const.ICONST_1;
  }

  /** A null literal: follow it to its consumer through javac's ternary/switch-arm gotos and casts. */
  private void nullLiteral() {
    int pc = getNextPC();
    boolean jumped = false;
    byte[] code = current.code;
    for (int step = 0; step < MAX_CONSUMER_STEPS && pc >= 0 && pc < code.length; step++) {
      int opcode = code[pc] & 0xFF;
      if (opcode == Const.CHECKCAST) {
        pc += 3;
      } else if (opcode == Const.GOTO) {
        pc += (short) (((code[pc + 1] & 0xFF) << 8) | (code[pc + 2] & 0xFF));
        jumped = true;
      } else {
        consumeNull(opcode, pc, jumped);
        return;
      }
    }
  }

  private void consumeNull(int opcode, int consumerPc, boolean jumped) {
    Method method = getMethod();
    switch (opcode) {
      case Const.ARETURN -> {
        // A result declared nullable (java.util.@Nullable Optional, or @Nullable on the method) tells
        // callers to check: Guava's Optional.toJavaUtil(null) returns null by contract.
        if (method.getSignature().endsWith(")" + OPTIONAL_DESCRIPTOR)
            && !NullableModel.isNullable(method, getConstantPool(), true)) {
          report(getPC(), Kind.RETURNS_NULL, returnSubject(method), null);
        }
      }
      case Const.ASTORE, Const.ASTORE_0, Const.ASTORE_1, Const.ASTORE_2, Const.ASTORE_3 -> {
        int register = opcode == Const.ASTORE ? current.code[consumerPc + 1] & 0xFF : opcode - Const.ASTORE_0;
        int after = consumerPc + (opcode == Const.ASTORE ? 2 : 1);
        LocalVariable local = local(method, register, after);
        if (local != null && OPTIONAL_DESCRIPTOR.equals(local.getSignature())) {
          report(getPC(), Kind.STORES_NULL, local.getName(), null);
        }
      }
      case Const.PUTFIELD, Const.PUTSTATIC -> {
        String[] field = memberRef(consumerPc);
        if (field != null && OPTIONAL_DESCRIPTOR.equals(field[2])) {
          report(getPC(), Kind.STORES_NULL, field[1], field);
        }
      }
      case Const.INVOKEVIRTUAL, Const.INVOKEINTERFACE, Const.INVOKESTATIC, Const.INVOKESPECIAL -> {
        // A null that is the last argument after a ternary; a direct null argument is seen at the call.
        String[] called = memberRef(consumerPc);
        if ((jumped || isJumpTarget(consumerPc)) && called != null) {
          Type[] arguments = Type.getArgumentTypes(called[2]);
          if (arguments.length > 0 && OPTIONAL_DESCRIPTOR.equals(arguments[arguments.length - 1].getSignature())) {
            report(getPC(), Kind.PASSES_NULL, callSubject(called[0], called[1]), null);
          }
        }
      }
      default -> {}
    }
  }

  /** Whether some branch jumps to {@code pc}: a value there may come from a merge. */
  private boolean isJumpTarget(int pc) {
    if (current.jumpTargets == null) {
      current.jumpTargets = new java.util.BitSet();
      InstructionList list = new InstructionList(current.code);
      for (InstructionHandle handle = list.getStart(); handle != null; handle = handle.getNext()) {
        if (handle.getInstruction() instanceof org.apache.bcel.generic.BranchInstruction branch) {
          current.jumpTargets.set(branch.getTarget().getPosition());
          if (branch instanceof org.apache.bcel.generic.Select select) {
            for (InstructionHandle target : select.getTargets()) {
              current.jumpTargets.set(target.getPosition());
            }
          }
        }
      }
    }
    return current.jumpTargets.get(pc);
  }

  private void store() {
    if (stack.getStackDepth() == 0) {
      return;
    }
    int register = getRegisterOperand();
    String key = registerKey(register);
    current.kill(getPC(), key);
    OpcodeStack.Item value = stack.getStackItem(0);
    if (value.getUserValue() instanceof OrElseNull) {
      current.orElseStores.computeIfAbsent(key + "@" + value.getUserValue(), k -> new ArrayList<>()).add(getNextPC());
    }
    XMethod source = value.getReturnValueOf();
    if (source != null && value.getRegisterNumber() < 0 && isNullableSource(source)) {
      current.nullableStores.computeIfAbsent(key, k -> new ArrayList<>()).add(getNextPC());
    }
  }

  private void arrayStore() {
    if (stack.getStackDepth() < 3) {
      return;
    }
    OpcodeStack.Item value = stack.getStackItem(0);
    OpcodeStack.Item array = stack.getStackItem(2);
    if (!isNullLiteral(value)) {
      return;
    }
    if (OPTIONAL_ARRAY.equals(array.getSignature())) {
      XField field = array.getXField();
      String subject =
          field != null ? field.getName() + "[]" : array.getRegisterNumber() >= 0
              ? localName(array.getRegisterNumber()) + "[]" : "array element";
      report(getPC(), Kind.STORES_NULL, subject,
          field == null ? null : new String[] {field.getClassName(), field.getName(), field.getSignature()});
    }
    if (array.getUserValue() == null) {
      array.setUserValue(Mark.ARRAY_HOLDS_NULL);
    }
  }

  private void invoke(int seen) {
    String owner = getClassConstantOperand();
    String name = getNameConstantOperand();
    String signature = getSigConstantOperand();
    Type[] arguments = Type.getArgumentTypes(signature);
    int count = arguments.length;
    if (stack.getStackDepth() < count + (seen == Const.INVOKESTATIC ? 0 : 1)) {
      return;
    }
    // Null for an Optional parameter.
    for (int i = 0; i < count; i++) {
      if (OPTIONAL_DESCRIPTOR.equals(arguments[i].getSignature()) && isNullLiteral(stack.getStackItem(count - 1 - i))) {
        report(getPC(), Kind.PASSES_NULL, callSubject(owner, name), null);
        break;
      }
    }
    if (seen != Const.INVOKESTATIC && !"<init>".equals(name)) {
      dereference(count);
    }
    if (owner.equals(getClassName()) || (seen == Const.INVOKESPECIAL && !"<init>".equals(name))) {
      current.kill(getPC(), ANY_FIELD);
    }
    if (seen == Const.INVOKESTATIC && count > 0 && NullableModel.isNonNullAssertion(owner, name)) {
      current.kill(getPC(), keyOf(stack.getStackItem(count - 1)));
    }
    int test = seen == Const.INVOKESTATIC && count == 1 ? NullableModel.nullTest(owner, name, signature) : 0;
    if (test != 0) {
      pendingNullTest = test;
      pendingNullTestKey = keyOf(stack.getStackItem(0));
    }
    if ("containsKey".equals(name)) {
      seenContainsKey = true;
    }
    if (OPTIONAL.equals(owner)) {
      optionalCall(name, signature, count);
    } else if (STREAM.equals(owner)) {
      streamCall(seen, name, signature, count);
    }
  }

  private void optionalCall(String name, String signature, int count) {
    if (NullEscapingOptionalKnowledge.OPTIONAL_OF.name().equals(name) && count == 1) {
      optionalOf(stack.getStackItem(0));
    } else if (NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE.name().equals(name) && count == 1) {
      if (isNullLiteral(stack.getStackItem(0))) {
        pendingUserValue = new OrElseNull(getPC());
      }
    } else if (NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE_GET.name().equals(name) && count == 1) {
      if (stack.getStackItem(0).getUserValue() instanceof LambdaRef supplier && mayReturnNull(supplier)) {
        pendingUserValue = new OrElseNull(getPC());
      }
    }
  }

  private void optionalOf(OpcodeStack.Item value) {
    if (isNullLiteral(value)) {
      report(getPC(), Kind.OF_MAY_BE_NULL, "null", null);
      return;
    }
    String key = keyOf(value);
    int register = value.getRegisterNumber();
    XField field = value.getXField();
    List<Integer> starts = new ArrayList<>();
    String subject;
    if (register >= 0) {
      subject = localName(register);
      int parameter = Slots.parameterOfRegister(getMethod(), register);
      if (parameter >= 0 && NullableModel.isNullableParameter(getMethod(), getConstantPool(), parameter)) {
        starts.add(0);
      }
    } else if (field != null) {
      subject = field.getName();
      if (isNullableField(field)) {
        starts.add(0);
      }
    } else {
      XMethod source = value.getReturnValueOf();
      if (source != null && isNullableSource(source)) {
        report(getPC(), Kind.OF_MAY_BE_NULL, simpleName(source.getClassName()) + "." + source.getName() + "()", null);
      }
      return;
    }
    if (key != null) {
      current.candidates.add(new Candidate(Kind.OF_MAY_BE_NULL, key, starts, true, null, getPC(), subject));
    }
  }

  private void streamCall(int seen, String name, String signature, int count) {
    OpcodeStack.Item receiver = seen == Const.INVOKESTATIC ? null : stack.getStackItem(count);
    if (receiver != null
        && NullEscapingOptionalKnowledge.STREAM_PICKING_OPERATIONS.contains(name)
        && receiver.getUserValue() == Mark.STREAM_MAY_HOLD_NULL) {
      report(getPC(), Kind.PICKS_NULL_ELEMENT, name + "()", null);
      return;
    }
    if (!signature.endsWith(")L" + STREAM + ";")) {
      return;
    }
    boolean mayHoldNull;
    if (receiver == null) {
      mayHoldNull =
          "of".equals(name) && count == 1
              && (isNullLiteral(stack.getStackItem(0)) || stack.getStackItem(0).getUserValue() == Mark.ARRAY_HOLDS_NULL);
    } else if (NullEscapingOptionalKnowledge.STREAM_MAPPING_OPERATIONS.contains(name)) {
      mayHoldNull = count == 1 && stack.getStackItem(0).getUserValue() instanceof LambdaRef mapper && mayReturnNull(mapper);
    } else if (NullEscapingOptionalKnowledge.STREAM_NULL_REMOVING_OPERATIONS.contains(name)) {
      mayHoldNull = false;
    } else {
      mayHoldNull = receiver.getUserValue() == Mark.STREAM_MAY_HOLD_NULL;
    }
    if (mayHoldNull) {
      pendingUserValue = Mark.STREAM_MAY_HOLD_NULL;
    }
  }

  /** The item at {@code depth} is dereferenced here: an orElse(null) result is a candidate; a tracked value is proven. */
  private void dereference(int depth) {
    if (stack.getStackDepth() <= depth) {
      return;
    }
    OpcodeStack.Item item = stack.getStackItem(depth);
    String key = keyOf(item);
    if (item.getUserValue() instanceof OrElseNull orElse) {
      String subject = item.getRegisterNumber() >= 0 ? localName(item.getRegisterNumber()) : "orElse(null)";
      if (key == null || item.getRegisterNumber() < 0) {
        report(getPC(), Kind.DEREFERENCES_OR_ELSE_NULL, subject, null);
      } else {
        current.candidates.add(
            new Candidate(Kind.DEREFERENCES_OR_ELSE_NULL, key, List.of(), false, orElse, getPC(), subject));
      }
    }
    current.kill(getPC(), key);
  }

  // ---- after the walk: flow questions ------------------------------------------------------------

  private void evaluate(ClassContext classContext, MethodFacts facts) {
    if (facts.candidates.isEmpty()) {
      return;
    }
    MethodFlow flow = new MethodFlow(facts.code);
    Set<OrElseNull> reportedOrElse = new HashSet<>();
    for (Candidate candidate : facts.candidates) {
      List<Integer> starts = new ArrayList<>(candidate.starts());
      if (candidate.orElse() != null) {
        if (reportedOrElse.contains(candidate.orElse())) {
          continue;
        }
        starts.addAll(facts.orElseStores.getOrDefault(candidate.key() + "@" + candidate.orElse(), List.of()));
      } else {
        starts.addAll(facts.nullableStores.getOrDefault(candidate.key(), List.of()));
      }
      if (candidate.testedStarts()) {
        for (Map.Entry<Integer, String> test : facts.testKeys.entrySet()) {
          if (test.getValue().equals(candidate.key())) {
            starts.add(facts.testNullBranches.get(test.getKey()));
          }
        }
      }
      if (starts.isEmpty()) {
        continue;
      }
      String key = candidate.key();
      boolean isField = key.startsWith("f");
      MethodFlow.Events events =
          new MethodFlow.Events() {
            @Override
            public boolean kills(int pc) {
              Set<String> killed = facts.kills.get(pc);
              return killed != null && (killed.contains(key) || (isField && killed.contains(ANY_FIELD)));
            }

            @Override
            public int nullBranch(int pc) {
              return key.equals(facts.testKeys.get(pc)) ? facts.testNullBranches.get(pc) : -1;
            }
          };
      if (flow.reaches(starts, candidate.pc(), events)) {
        if (candidate.orElse() != null) {
          reportedOrElse.add(candidate.orElse());
        }
        reportAt(classContext.getJavaClass(), facts.method, candidate.pc(), candidate.kind(), candidate.subject(), null);
      }
    }
  }

  // ---- never-assigned private fields -------------------------------------------------------------

  private void neverAssignedFields(ClassContext classContext) {
    JavaClass cls = classContext.getJavaClass();
    List<Field> suspects = new ArrayList<>();
    for (Field field : cls.getFields()) {
      if (field.isPrivate() && !field.isSynthetic() && OPTIONAL_DESCRIPTOR.equals(field.getSignature())
          && !NullableModel.hasAnyAnnotation(field)) {
        suspects.add(field);
      }
    }
    if (suspects.isEmpty()) {
      return;
    }
    String self = cls.getClassName();
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    Set<String> assigned = new HashSet<>();
    Set<String> nullTested = new HashSet<>();
    Map<String, Object[]> firstRead = new HashMap<>();
    for (Method method : cls.getMethods()) {
      Code code = method.getCode();
      if (code == null) {
        continue;
      }
      InstructionList list = new InstructionList(code.getCode());
      for (InstructionHandle handle = list.getStart(); handle != null; handle = handle.getNext()) {
        if (!(handle.getInstruction() instanceof FieldInstruction access)
            || !(access.getReferenceType(cpg) instanceof ObjectType owner)
            || !self.equals(owner.getClassName())) {
          continue;
        }
        String name = access.getFieldName(cpg);
        short opcode = access.getOpcode();
        if ((opcode == Const.PUTFIELD && (method.getName().equals("<init>") || overrides(cls, method)))
            || (opcode == Const.PUTSTATIC && method.getName().equals("<clinit>"))) {
          assigned.add(name);
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
    for (Field field : suspects) {
      String name = field.getName();
      Object[] read = firstRead.get(name);
      if (assigned.contains(name) || nullTested.contains(name) || read == null || assignedByNestMate(cls, field)) {
        continue;
      }
      reportAt(cls, (Method) read[0], (int) read[1], Kind.NEVER_ASSIGNED, name,
          new String[] {self, name, field.getSignature()});
    }
  }

  /**
   * Whether {@code method} overrides or implements a method of a supertype: a lifecycle or template-method
   * step the superclass or a framework calls, which counts as set-up like a constructor (hibernate-validator's
   * XML builders assign their state in {@code add}, an override). A supertype that cannot be loaded counts
   * as "overrides": unsure means silent.
   */
  private static boolean overrides(JavaClass cls, Method method) {
    if (method.isPrivate() || method.isStatic() || method.getName().startsWith("<")) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    List<String> pending = new ArrayList<>();
    pending.add(cls.getSuperclassName());
    pending.addAll(List.of(cls.getInterfaceNames()));
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (name == null || name.isEmpty() || !seen.add(name)) {
        continue;
      }
      JavaClass type;
      try {
        type = edu.umd.cs.findbugs.ba.AnalysisContext.currentAnalysisContext().lookupClass(name);
      } catch (ClassNotFoundException | RuntimeException e) {
        return true;
      }
      for (Method candidate : type.getMethods()) {
        if (!candidate.isPrivate() && !candidate.isStatic() && candidate.getName().equals(method.getName())
            && candidate.getSignature().equals(method.getSignature())) {
          return true;
        }
      }
      if (!"java.lang.Object".equals(type.getClassName())) {
        pending.add(type.getSuperclassName());
      }
      pending.addAll(List.of(type.getInterfaceNames()));
    }
    return false;
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
    for (int i = 1; i < cp.getLength(); i++) {
      if (cp.getConstant(i) instanceof org.apache.bcel.classfile.ConstantFieldref ref
          && owner.equals(cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class))
          && cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat
          && fieldName.equals(nat.getName(cp))) {
        // Referenced at all: a read-only reference is rare enough to count as "may assign".
        return true;
      }
    }
    return false;
  }

  // ---- knowledge ---------------------------------------------------------------------------------

  private boolean isNullableSource(XMethod method) {
    String owner = method.getClassName();
    if (NullableModel.isNullReturningMethod(owner, method.getName(), method.getSignature())) {
      // map.containsKey(k) guarding map.get(k): the key is there.
      return !(seenContainsKey && "get".equals(method.getName()));
    }
    return NullableModel.isNullableResult(owner, method.getName(), method.getSignature());
  }

  private static boolean isNullableField(XField field) {
    JavaClass owner = HazardSuppressions.lookup(field.getClassName());
    if (owner == null) {
      return false;
    }
    for (Field f : owner.getFields()) {
      if (f.getName().equals(field.getName())) {
        return NullableModel.isNullable(f, owner.getConstantPool(), false);
      }
    }
    return false;
  }

  /** Whether a lambda or method reference can return null: a null-returning method, or a body returning a null literal. */
  private boolean mayReturnNull(LambdaRef target) {
    String id = target.owner() + "." + target.name() + target.signature();
    Boolean known = lambdaReturnsNull.get(id);
    if (known != null) {
      return known;
    }
    boolean result =
        NullableModel.isNullReturningMethod(target.owner(), target.name(), target.signature())
            || NullableModel.isNullableResult(target.owner(), target.name(), target.signature())
            || bodyReturnsNull(target);
    lambdaReturnsNull.put(id, result);
    return result;
  }

  private boolean bodyReturnsNull(LambdaRef target) {
    JavaClass cls = getThisClass();
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

  private LambdaRef lambdaRef() {
    if (!(getConstantRefOperand() instanceof ConstantInvokeDynamic indy)) {
      return null;
    }
    JavaClass cls = getThisClass();
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

  // ---- reporting ---------------------------------------------------------------------------------

  private void report(int pc, Kind kind, String subject, String[] field) {
    reportAt(getThisClass(), getMethod(), pc, kind, subject, field);
  }

  private void reportAt(JavaClass cls, Method method, int pc, Kind kind, String subject, String[] field) {
    // One finding per line and kind: a null in a ternary is seen both where it is pushed and where it is used.
    int line = SourceLineAnnotation.fromVisitedInstruction(cls, method, pc).getStartLine();
    String key = cls.getClassName() + "#" + method.getName() + method.getSignature() + "@"
        + (line > 0 ? "line " + line : "pc " + pc) + ":" + kind;
    if (!reported.add(key)) {
      return;
    }
    if (HazardSuppressions.isSuppressed(
        HAZARD, cls, method, field == null ? null : field[0], field == null ? null : field[1])) {
      return;
    }
    // Name the method the reader wrote, not javac's lambda$name$0: @SuppressFBWarnings on it then applies.
    Method visible = UnsynchronizedMapWriteDetector.userVisibleMethod(cls, method);
    BugInstance bug =
        new BugInstance(this, BUG_TYPE, PRIORITY)
            .addClass(cls)
            .addMethod(cls, visible)
            .addString(subject)
            .addString(kind.phrase())
            .addSourceLine(SourceLineAnnotation.fromVisitedInstruction(cls, method, pc));
    bugReporter.reportBug(bug);
  }

  private String returnSubject(Method method) {
    Method visible = UnsynchronizedMapWriteDetector.userVisibleMethod(getThisClass(), method);
    String name = displayName(visible);
    return visible == method ? name : "lambda in " + name;
  }

  private String displayName(Method method) {
    return switch (method.getName()) {
      case "<init>" -> simpleName(getClassName());
      case "<clinit>" -> "static initialiser of " + simpleName(getClassName());
      default -> method.getName();
    };
  }

  private static String callSubject(String owner, String name) {
    return "<init>".equals(name) ? "new " + simpleName(owner) : name;
  }

  private String localName(int register) {
    LocalVariable local = local(getMethod(), register, getPC());
    return local == null ? "local #" + register : local.getName();
  }

  private static LocalVariable local(Method method, int register, int pc) {
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

  /** Owner (slashed), name and descriptor of the field or method an instruction at {@code pc} names. */
  private String[] memberRef(int pc) {
    byte[] code = current.code;
    if (pc + 2 >= code.length) {
      return null;
    }
    int index = ((code[pc + 1] & 0xFF) << 8) | (code[pc + 2] & 0xFF);
    ConstantPool cp = getThisClass().getConstantPool();
    if (!(cp.getConstant(index) instanceof ConstantCP ref)
        || !(cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat)) {
      return null;
    }
    return new String[] {
      cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class), nat.getName(cp), nat.getSignature(cp)
    };
  }

  private static int line(Code code, int pc) {
    LineNumberTable lines = code.getLineNumberTable();
    return lines == null ? Integer.MAX_VALUE : lines.getSourceLine(pc);
  }

  /**
   * A null the code itself pushes. OpcodeStack also calls a local or field "null" on a branch where it was
   * compared with null, and gets that wrong when the test guards the other way; those values are left to
   * the flow search, which knows which branch is which.
   */
  private static boolean isNullLiteral(OpcodeStack.Item item) {
    return item.isNull() && item.getRegisterNumber() < 0 && item.getXField() == null;
  }

  private static String keyOf(OpcodeStack.Item item) {
    if (item.getRegisterNumber() >= 0) {
      return registerKey(item.getRegisterNumber());
    }
    XField field = item.getXField();
    return field == null ? null : fieldKey(field.getClassName(), field.getName());
  }

  private static String registerKey(int register) {
    return "r" + register;
  }

  private static String fieldKey(String className, String name) {
    return "f" + className.replace('/', '.') + "." + name;
  }

  private static String simpleName(String className) {
    String name = className.replace('/', '.');
    return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
  }
}
