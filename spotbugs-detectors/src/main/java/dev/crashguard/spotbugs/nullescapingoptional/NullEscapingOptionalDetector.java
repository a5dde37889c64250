package dev.crashguard.spotbugs.nullescapingoptional;

import static dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.fieldKey;
import static dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.isNullLiteral;
import static dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.keyOf;
import static dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.registerKey;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.spotbugs.common.ConstantPoolText;
import dev.crashguard.spotbugs.common.HazardReporter;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.Slots;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.Candidate;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.LambdaRef;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.Mark;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.MethodFacts;
import dev.crashguard.spotbugs.nullescapingoptional.WalkFacts.OrElseNull;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
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

  private static final String OPTIONAL = NullableModel.OPTIONAL;
  private static final String OPTIONAL_DESCRIPTOR = NullableModel.OPTIONAL_DESCRIPTOR;
  private static final String STREAM = NullableModel.STREAM;
  private static final String OPTIONAL_ARRAY = "[" + OPTIONAL_DESCRIPTOR;
  private static final int MAX_CONSUMER_STEPS = 8;

  /** {@link NullEscapingOptionalKnowledge#OPTIONAL} as the constant pool writes it. */
  private static final String OPTIONAL_IN_POOL = NullEscapingOptionalKnowledge.OPTIONAL.replace('.', '/');

  private final HazardReporter reporter;
  private final List<MethodFacts> methods = new ArrayList<>();
  /**
   * Findings that wait for the whole class to be walked: whether the null is meant ({@link Deferred#meant})
   * depends on code that may come later (the field's null test, the callee's, where a lambda goes).
   */
  private final List<Deferred> deferred = new ArrayList<>();
  /** Lambda bodies of this class (name and descriptor) handed to Map.compute/merge and kin. */
  private final Set<String> nullMeansRemove = new HashSet<>();
  /** Lambda bodies of this class handed to an assertion that expects them to throw. */
  private final Set<String> expectedToThrow = new HashSet<>();
  private LambdaReturns lambdas;
  private OwnMethodResults ownResults;
  private MethodFacts current;
  private Object pendingUserValue;
  private int pendingNullTest;
  private String pendingNullTestKey;
  private boolean seenMapKeyTest;

  /** A finding decided after the walk: reported unless {@code meant} says the null is meant there. */
  private record Deferred(Method method, int pc, Kind kind, String subject, String[] field, BooleanSupplier meant) {}

  public NullEscapingOptionalDetector(BugReporter bugReporter) {
    this.reporter = new HazardReporter(this, bugReporter, Hazard.NULL_ESCAPING_OPTIONAL);
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass javaClass = classContext.getJavaClass();
    clearClassState();
    lambdas = new LambdaReturns(javaClass);
    ownResults = new OwnMethodResults(javaClass);
    try {
      reporter.analyse(javaClass, () -> {
        if (!ConstantPoolText.mentions(javaClass, text -> text.contains(OPTIONAL_IN_POOL))) {
          return; // no Optional in any descriptor or call: nothing to find
        }
        UnassignedOptionalFields.find(javaClass, (method, pc, field, owner) ->
            reportAt(javaClass, method, pc, Kind.NEVER_ASSIGNED, field, owner, field));
        super.visitClassContext(classContext);
        for (MethodFacts facts : methods) {
          NullReach.evaluate(facts, (method, pc, kind, subject) -> reportAt(javaClass, method, pc, kind, subject, null, null));
        }
        for (Deferred finding : deferred) {
          if (!finding.meant().getAsBoolean()) {
            String[] field = finding.field();
            reportAt(javaClass, finding.method(), finding.pc(), finding.kind(), finding.subject(),
                field == null ? null : field[0], field == null ? null : field[1]);
          }
        }
      });
    } finally {
      clearClassState();
    }
  }

  private void clearClassState() {
    methods.clear();
    deferred.clear();
    nullMeansRemove.clear();
    expectedToThrow.clear();
    current = null;
  }

  private void defer(Kind kind, String subject, String[] field, BooleanSupplier meant) {
    deferred.add(new Deferred(getMethod(), getPC(), kind, subject, field, meant));
  }

  // ---- when a null is meant --------------------------------------------------------------------------

  /** Whether {@code key} (a field or a register of {@code facts}' method) is compared with null. */
  private boolean testedForNull(String key, MethodFacts facts) {
    if (key.startsWith("f")) {
      // The field, or a local copy of it (Optional<T> p = this.provider; if (p == null) …).
      return methods.stream()
          .anyMatch(m -> m.testKeys.values().stream().anyMatch(k -> k.equals(key) || m.fieldCopies.contains(k + "|" + key)));
    }
    return facts.testKeys.containsValue(key);
  }

  /** Null into a store: meant when the variable is compared with null (null is one of its states). */
  private BooleanSupplier testedStore(String key) {
    MethodFacts facts = current;
    return () -> testedForNull(key, facts);
  }

  /**
   * Null for parameter {@code index} of {@code owner.name(signature)}: meant inside a lambda a test expects
   * to throw, or when the callee compares that parameter with null.
   */
  private BooleanSupplier passedMeant(String owner, String name, String signature, int index) {
    String caller = getMethod().getName() + getMethod().getSignature();
    return () -> expectedToThrow.contains(caller) || calleeTestsForNull(owner, name, signature, index);
  }

  /** The callee's code loads parameter {@code index} and tests it for null straight away. */
  private static boolean calleeTestsForNull(String owner, String name, String signature, int index) {
    JavaClass callee = HazardSuppressions.lookup(owner);
    if (callee == null) {
      return false;
    }
    for (Method method : callee.getMethods()) {
      if (method.getName().equals(name) && method.getSignature().equals(signature) && method.getCode() != null) {
        int register = Slots.registerOfParameter(method, index);
        return register >= 0 && ParameterTests.comparesWithNull(method, callee.getConstantPool(), register);
      }
    }
    return false;
  }

  /** Parameter {@code index} of the called method is declared nullable: the callee takes null. */
  private static boolean acceptsNull(String owner, String name, String signature, int index) {
    JavaClass callee = HazardSuppressions.lookup(owner);
    if (callee == null) {
      return false;
    }
    for (Method method : callee.getMethods()) {
      if (method.getName().equals(name) && method.getSignature().equals(signature)) {
        return NullableModel.isNullableParameter(method, callee.getConstantPool(), index);
      }
    }
    return false;
  }

  /** A field declared nullable ({@code @Nullable Optional<T> f}): null is one of its values. */
  private static boolean isNullableField(String owner, String name) {
    JavaClass cls = HazardSuppressions.lookup(owner);
    if (cls == null) {
      return false;
    }
    for (Field f : cls.getFields()) {
      if (f.getName().equals(name)) {
        return NullableModel.isNullable(f, cls.getConstantPool(), false);
      }
    }
    return false;
  }

  @Override
  public boolean shouldVisitCode(Code code) {
    Method method = getMethod();
    pendingUserValue = null;
    pendingNullTest = 0;
    pendingNullTestKey = null;
    seenMapKeyTest = false;
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
    reporter.clear();
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
      case Const.INSTANCEOF -> instanceOf();
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
      case Const.INVOKEDYNAMIC -> pendingUserValue = LambdaReturns.lambdaRef(getThisClass(), getConstantRefOperand());
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

  /**
   * {@code x instanceof T} followed by a branch: where it is true, x is not null (where it is false, x may
   * be anything, so that side is no null test).
   */
  private void instanceOf() {
    int next = getNextPC();
    byte[] code = current.code;
    if (stack.getStackDepth() == 0 || next + 2 >= code.length) {
      return;
    }
    String key = keyOf(stack.getStackItem(0));
    int opcode = code[next] & 0xFF;
    int target = next + (short) (((code[next + 1] & 0xFF) << 8) | (code[next + 2] & 0xFF));
    if (opcode == Const.IFEQ) {
      current.kill(next + 3, key);
    } else if (opcode == Const.IFNE) {
      current.kill(target, key);
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
          // A lambda body whose null means "no entry" (Map.compute) is known once the class is walked.
          String body = method.getName() + method.getSignature();
          defer(Kind.RETURNS_NULL, Subjects.returnSubject(getThisClass(), method), null, () -> nullMeansRemove.contains(body));
        }
      }
      case Const.ASTORE, Const.ASTORE_0, Const.ASTORE_1, Const.ASTORE_2, Const.ASTORE_3 -> {
        int register = opcode == Const.ASTORE ? current.code[consumerPc + 1] & 0xFF : opcode - Const.ASTORE_0;
        int after = consumerPc + (opcode == Const.ASTORE ? 2 : 1);
        LocalVariable local = Subjects.local(method, register, after);
        if (local != null && OPTIONAL_DESCRIPTOR.equals(local.getSignature())) {
          defer(Kind.STORES_NULL, local.getName(), null, testedStore(registerKey(register)));
        }
      }
      case Const.PUTFIELD, Const.PUTSTATIC -> {
        String[] field = memberRef(consumerPc);
        if (field != null && OPTIONAL_DESCRIPTOR.equals(field[2]) && !isNullableField(field[0], field[1])) {
          defer(Kind.STORES_NULL, field[1], field, testedStore(fieldKey(field[0], field[1])));
        }
      }
      case Const.INVOKEVIRTUAL, Const.INVOKEINTERFACE, Const.INVOKESTATIC, Const.INVOKESPECIAL -> {
        // A null that is the last argument after a ternary; a direct null argument is seen at the call.
        String[] called = memberRef(consumerPc);
        if ((jumped || isJumpTarget(consumerPc)) && called != null) {
          Type[] arguments = Type.getArgumentTypes(called[2]);
          int last = arguments.length - 1;
          if (last >= 0 && OPTIONAL_DESCRIPTOR.equals(arguments[last].getSignature())) {
            passesNull(called[0], called[1], called[2], last);
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
    if (value.getXField() != null && value.getRegisterNumber() < 0) {
      current.fieldCopies.add(key + "|" + fieldKey(value.getXField().getClassName(), value.getXField().getName()));
    }
    if (value.getUserValue() instanceof OrElseNull) {
      current.orElseStores.computeIfAbsent(key + "@" + value.getUserValue(), k -> new ArrayList<>()).add(getNextPC());
    }
    XMethod source = value.getReturnValueOf();
    if (source != null
        && value.getRegisterNumber() < 0
        && value.getUserValue() != Mark.RECEIVER_CONSULTED
        && isNullableSource(source)) {
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
              ? Subjects.localName(getMethod(), array.getRegisterNumber(), getPC()) + "[]" : "array element";
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
        passesNull(owner, name, signature, i);
        break;
      }
    }
    lambdaDestinations(owner, name, count);
    consultReceiver(seen, owner, name, signature, count);
    if (seen != Const.INVOKESTATIC && !"<init>".equals(name)) {
      dereference(count, isUnboxing(owner, name, signature) ? Kind.UNBOXES_OR_ELSE_NULL : Kind.DEREFERENCES_OR_ELSE_NULL);
    }
    if (owner.equals(getClassName()) || (seen == Const.INVOKESPECIAL && !"<init>".equals(name))) {
      current.kill(getPC(), WalkFacts.ANY_FIELD);
    }
    if (seen == Const.INVOKESTATIC && count > 0 && NullableModel.isNonNullAssertion(owner, name)) {
      if (count == 1 && isBoundReceiverCheck()) {
        dereference(0); // v::length: javac's requireNonNull of the receiver throws as a call on it would
      }
      current.kill(getPC(), keyOf(stack.getStackItem(count - 1)));
    }
    int test = seen == Const.INVOKESTATIC && count == 1 ? NullableModel.nullTest(owner, name, signature) : 0;
    if (test != 0) {
      pendingNullTest = test;
      pendingNullTestKey = keyOf(stack.getStackItem(0));
    }
    if (NullableModel.MAP_KEY_TEST.matches(owner, name)) {
      seenMapKeyTest = true;
    }
    if (OPTIONAL.equals(owner)) {
      optionalCall(name, signature, count);
    } else if (STREAM.equals(owner)) {
      streamCall(seen, owner, name, signature, count);
    }
  }

  private void passesNull(String owner, String name, String signature, int index) {
    if (!acceptsNull(owner, name, signature, index)) {
      defer(Kind.PASSES_NULL, Subjects.callSubject(owner, name), null, passedMeant(owner, name, signature, index));
    }
  }

  /** Remembers the lambda bodies of this class handed to a null-means-remove method or a throw assertion. */
  private void lambdaDestinations(String owner, String name, int count) {
    boolean removal = NullableModel.NULL_MEANS_REMOVE.matches(owner, name);
    boolean throwing = NullEscapingOptionalKnowledge.EXPECTED_EXCEPTION_ASSERTIONS.contains(name);
    if (!removal && !throwing) {
      return;
    }
    for (int i = 0; i < count; i++) {
      if (stack.getStackItem(i).getUserValue() instanceof LambdaRef lambda && lambda.owner().equals(getClassName())) {
        (removal ? nullMeansRemove : expectedToThrow).add(lambda.name() + lambda.signature());
      }
    }
  }

  /**
   * A call on a receiver: a boolean or int query ({@code isEmpty()}, {@code size()}, {@code containsKey(k)})
   * or a null-returning call marks the receiver consulted; a null-returning call on a receiver consulted
   * earlier gives a result marked {@link Mark#RECEIVER_CONSULTED}.
   */
  private void consultReceiver(int seen, String owner, String name, String signature, int count) {
    if (owner.equals(getClassName()) && ownResults.mayReturnNull(name, signature) && argumentConsulted(count)) {
      pendingUserValue = Mark.RECEIVER_CONSULTED; // key.isEmpty() ? … : Optional.of(lookup(key))
    }
    if (seen == Const.INVOKESTATIC || "<init>".equals(name)) {
      return;
    }
    String receiver = keyOf(stack.getStackItem(count));
    if (receiver == null) {
      return;
    }
    boolean nullReturning = NullableModel.isNullReturningMethod(owner, name, signature);
    if (nullReturning && current.consultedReceivers.contains(receiver)) {
      pendingUserValue = Mark.RECEIVER_CONSULTED;
    }
    if (nullReturning
        || signature.endsWith(")Z")
        || signature.endsWith(")I")
        || NullEscapingOptionalKnowledge.KEY_SOURCES.contains(name)) {
      current.consultedReceivers.add(receiver); // for (K k : map.keySet()) … map.get(k)
    }
  }

  /** One of the call's arguments was asked about (a boolean or int query on it, a null test) earlier. */
  private boolean argumentConsulted(int count) {
    for (int i = 0; i < count; i++) {
      String key = keyOf(stack.getStackItem(i));
      if (key != null && (current.consultedReceivers.contains(key) || current.testKeys.containsValue(key))) {
        return true;
      }
    }
    return false;
  }

  /** {@code dup; invokestatic Objects.requireNonNull; pop}: javac's check of a bound method reference's receiver. */
  private boolean isBoundReceiverCheck() {
    byte[] code = current.code;
    int pc = getPC();
    int next = getNextPC();
    return pc > 0 && next < code.length && (code[pc - 1] & 0xFF) == Const.DUP && (code[next] & 0xFF) == Const.POP;
  }

  private void optionalCall(String name, String signature, int count) {
    if (NullEscapingOptionalKnowledge.OPTIONAL_OF.name().equals(name) && count == 1) {
      optionalOf(stack.getStackItem(0));
    } else if (NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE.name().equals(name) && count == 1) {
      if (isNullLiteral(stack.getStackItem(0))) {
        pendingUserValue = new OrElseNull(getPC());
      }
    } else if (NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE_GET.name().equals(name) && count == 1) {
      if (stack.getStackItem(0).getUserValue() instanceof LambdaRef supplier && lambdas.mayReturnNull(supplier)) {
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
      subject = Subjects.localName(getMethod(), register, getPC());
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
      if (source != null && value.getUserValue() != Mark.RECEIVER_CONSULTED && isNullableSource(source)) {
        report(getPC(), Kind.OF_MAY_BE_NULL, Subjects.simpleName(source.getClassName()) + "." + source.getName() + "()", null);
      }
      return;
    }
    if (key != null) {
      current.candidates.add(new Candidate(Kind.OF_MAY_BE_NULL, key, starts, true, null, getPC(), subject));
    }
  }

  private void streamCall(int seen, String owner, String name, String signature, int count) {
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
          NullableModel.STREAM_OF.matches(owner, name) && count == 1
              && (isNullLiteral(stack.getStackItem(0)) || stack.getStackItem(0).getUserValue() == Mark.ARRAY_HOLDS_NULL);
    } else if (NullEscapingOptionalKnowledge.STREAM_MAPPING_OPERATIONS.contains(name)) {
      mayHoldNull = count == 1 && stack.getStackItem(0).getUserValue() instanceof LambdaRef mapper && lambdas.mayReturnNull(mapper);
    } else if (NullEscapingOptionalKnowledge.STREAM_NULL_REMOVING_OPERATIONS.contains(name)) {
      mayHoldNull = false;
    } else {
      mayHoldNull = receiver.getUserValue() == Mark.STREAM_MAY_HOLD_NULL;
    }
    if (mayHoldNull) {
      pendingUserValue = Mark.STREAM_MAY_HOLD_NULL;
    }
  }

  /** {@code Integer.intValue()} and its kin: what javac calls to unbox. */
  private static boolean isUnboxing(String owner, String name, String signature) {
    return owner.startsWith("java/lang/")
        && name.endsWith("Value")
        && signature.length() == 3
        && signature.startsWith("()")
        && BOXES.contains(owner);
  }

  private static final Set<String> BOXES =
      Set.of("java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Character",
          "java/lang/Boolean", "java/lang/Float", "java/lang/Double");

  private void dereference(int depth) {
    dereference(depth, Kind.DEREFERENCES_OR_ELSE_NULL);
  }

  /** The item at {@code depth} is dereferenced here: an orElse(null) result is a candidate; a tracked value is proven. */
  private void dereference(int depth, Kind kind) {
    if (stack.getStackDepth() <= depth) {
      return;
    }
    OpcodeStack.Item item = stack.getStackItem(depth);
    String key = keyOf(item);
    if (item.getUserValue() instanceof OrElseNull orElse) {
      String subject = item.getRegisterNumber() >= 0 ? Subjects.localName(getMethod(), item.getRegisterNumber(), getPC()) : "orElse(null)";
      if (key == null || item.getRegisterNumber() < 0) {
        report(getPC(), kind, subject, null);
      } else {
        current.candidates.add(new Candidate(kind, key, List.of(), false, orElse, getPC(), subject));
      }
    }
    current.kill(getPC(), key);
  }

  // ---- knowledge ---------------------------------------------------------------------------------

  private boolean isNullableSource(XMethod method) {
    String owner = method.getClassName();
    if (NullableModel.isNullReturningMethod(owner, method.getName(), method.getSignature())) {
      // map.containsKey(k) guarding map.get(k): the key is there.
      return !(seenMapKeyTest && NullableModel.MAP_GET.matches(owner, method.getName()));
    }
    return NullableModel.isNullableResult(owner, method.getName(), method.getSignature())
        || (owner.replace('.', '/').equals(getClassName()) && ownResults.mayReturnNull(method.getName(), method.getSignature()));
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

  // ---- reporting ----------------------------------------------------------------------------------

  private void report(int pc, Kind kind, String subject, String[] field) {
    reportAt(getThisClass(), getMethod(), pc, kind, subject, field == null ? null : field[0], field == null ? null : field[1]);
  }

  /** One finding per line and kind: a null in a ternary is seen both where it is pushed and where it is used. */
  private void reportAt(
      JavaClass cls, Method method, int pc, Kind kind, String subject, String fieldClass, String fieldName) {
    SourceLineAnnotation line = SourceLineAnnotation.fromVisitedInstruction(cls, method, pc);
    int number = line.getStartLine();
    String key = cls.getClassName() + "#" + method.getName() + method.getSignature() + "@"
        + (number > 0 ? "line " + number : "pc " + pc) + ":" + kind;
    reporter.report(key, cls, method, fieldClass, fieldName, line, subject, kind.phrase());
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
}
