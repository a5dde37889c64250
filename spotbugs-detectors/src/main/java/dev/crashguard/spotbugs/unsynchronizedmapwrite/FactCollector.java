package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.Kind;
import dev.crashguard.spotbugs.common.ConstantPoolText;
import dev.crashguard.spotbugs.common.Types;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Call;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Captured;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.ClassTask;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.FieldTarget;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.FieldTask;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Handoff;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.LambdaTask;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.MethodFacts;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.RegisterTarget;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Target;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Task;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Write;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import edu.umd.cs.findbugs.visitclass.PreorderVisitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * One linear pass over every method of a class with SpotBugs' {@link OpcodeStack}, recording the
 * {@link ClassFacts} the detector's rules need. It reports nothing itself.
 *
 * <p>Stack items carry our own user values: a lambda's {@link LambdaTask}, a {@link TaskGroup} of lambdas
 * gathered by {@code List.of(...)}, a {@link Pipeline} for a stream, and a {@link View} for a
 * collection view or iterator backed by a map. Hence {@link OpcodeStack.CustomUserValue}.
 *
 * <p>Lock state comes from {@link LockFlow}: monitors and Lock.lock()/unlock() followed along the method's
 * control flow, so that a block left early keeps its lock for the code after the early exit. A call of a
 * private boolean helper of this class that acquires a lock and never releases it ({@code if
 * (!tryLockForClose()) return;}) counts as a try-acquire at the call site.
 *
 * <p>A task handed to a task-handoff method called on {@code this} (the class is its own executor, as an
 * event loop is) is not recorded as handed to another thread: the class decides how its own tasks run.
 */
@OpcodeStack.CustomUserValue
final class FactCollector extends OpcodeStackDetector {

  /**
   * User value of a stream pipeline: whether it runs in parallel as things stand (the last {@code
   * parallel()}/{@code sequential()} decides for the whole pipeline) and the functions its operations were
   * given so far. They are handed to other threads when a terminal operation runs a parallel pipeline, or
   * when the method returns the pipeline still parallel.
   */
  record Pipeline(boolean parallel, List<Operation> operations) {
    Pipeline then(Operation operation) {
      List<Operation> all = new ArrayList<>(operations);
      all.add(operation);
      return new Pipeline(parallel, List.copyOf(all));
    }
  }

  /** A stream operation and the tasks (functions) passed to it. */
  record Operation(String name, List<Task> tasks) {}

  /** User value of a collection view or iterator: writes through it write {@code target}. */
  record View(Target target) {}

  /** User value of a collection of tasks ({@code List.of(task1, task2)}). */
  record TaskGroup(List<Task> tasks) {}

  /** javac's name for an inner class's field holding its enclosing instance: {@code this$0}. */
  private static final String OUTER_INSTANCE_PREFIX = "this$";

  private final ClassFacts facts;
  private MethodFacts current;
  private Method currentMethod;
  private int lockDepth;
  /** The current method's lock flow; null when it takes no lock. */
  private LockFlow lockFlow;
  /** Whether the current method asserts that a lock (one the class owns) is held: {@link LockFlow#assertsHeld}. */
  private boolean assertsHeld;
  private boolean assertsOwnHeld;
  private ConstantPoolGen constantPoolGen;
  private final Map<Integer, String> registerOrigins = new HashMap<>();
  private final Map<Integer, Target> registerViews = new HashMap<>();
  /** Tasks stored in locals ({@code Runnable r = () -> ...; pool.execute(r);}), kept across loops. */
  private final Map<Integer, Object> registerTasks = new HashMap<>();
  private Object pendingUserValue;
  /** Keys of the private boolean helpers that return holding a lock they took; see {@link #lockHelpers}. */
  private final Set<String> lockHelpers;
  /** Keys of the getters that return one of the class's fields; see {@link #getters}. */
  private final Map<String, XField> getters;

  /**
   * Whether the class's constant pool names a lock call (an acquire or release by name) or a lock helper of
   * its own: without one, only a monitor can change the lock state of a method ({@link #lockFlowOf}).
   */
  private final boolean namesLockCalls;
  /** Whether the class's constant pool names {@code AssertionError}: without it no method asserts a lock. */
  private final boolean namesAssertionError;

  private static final String ASSERTION_ERROR = "java/lang/AssertionError";

  FactCollector(ClassFacts facts) {
    this.facts = facts;
    this.lockHelpers = lockHelpers(facts.javaClass);
    this.getters = getters(facts.javaClass);
    this.namesLockCalls =
        !lockHelpers.isEmpty()
            || ConstantPoolText.mentions(
                facts.javaClass, s -> ConcurrencyModel.LOCK_ACQUIRES.hasName(s) || ConcurrencyModel.LOCK_RELEASES.hasName(s));
    this.namesAssertionError = ConstantPoolText.mentions(facts.javaClass, ASSERTION_ERROR::equals);
  }

  /**
   * Whether {@code code} may hold a {@code monitorenter} or {@code monitorexit}: a byte of either opcode
   * anywhere (an operand byte of that value only makes the answer a cautious yes).
   */
  private static boolean mayUseMonitors(byte[] code) {
    for (byte b : code) {
      int op = b & 0xff;
      if (op == Const.MONITORENTER || op == Const.MONITOREXIT) {
        return true;
      }
    }
    return false;
  }

  /**
   * The methods of {@code javaClass} no subclass can override (private, static or final) whose whole body
   * returns one of its fields: {@code private Map<K, V> counts() { return counts; }}. A write on the
   * result of such a call writes the field.
   */
  static Map<String, XField> getters(JavaClass javaClass) {
    Map<String, XField> getters = new HashMap<>();
    boolean finalClass = javaClass.isFinal();
    for (Method method : javaClass.getMethods()) {
      boolean fixed = method.isPrivate() || method.isStatic() || method.isFinal() || finalClass;
      if (!fixed || !method.getSignature().startsWith("()L") || method.getCode() == null) {
        continue;
      }
      try {
        fieldReturned(method, javaClass)
            .ifPresent(field -> getters.put(ClassFacts.key(method.getName(), method.getSignature()), field));
      } catch (RuntimeException e) {
        // Unreadable code: not a getter.
      }
    }
    return getters;
  }

  /** {@code aload_0; getfield F; areturn} in an instance method, {@code getstatic F; areturn} in any. */
  private static Optional<XField> fieldReturned(Method method, JavaClass javaClass) {
    byte[] code = method.getCode().getCode();
    int at = 0;
    int get;
    if (!method.isStatic() && code.length == 5 && (code[0] & 0xff) == Const.ALOAD_0) {
      at = 1;
      get = Const.GETFIELD;
    } else if (code.length == 4) {
      get = Const.GETSTATIC;
    } else {
      return Optional.empty();
    }
    if ((code[at] & 0xff) != get || (code[at + 3] & 0xff) != Const.ARETURN) {
      return Optional.empty();
    }
    int index = ((code[at + 1] & 0xff) << 8) | (code[at + 2] & 0xff);
    ConstantPool cp = javaClass.getConstantPool();
    if (!(cp.getConstant(index) instanceof ConstantCP ref)
        || !(cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat)) {
      return Optional.empty();
    }
    String owner = cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class).replace('/', '.');
    if (!owner.equals(javaClass.getClassName())) {
      return Optional.empty();
    }
    return Optional.of(XFactory.createXField(owner, nat.getName(cp), nat.getSignature(cp), get == Const.GETSTATIC));
  }

  /**
   * The private methods of {@code javaClass} that return boolean and call a lock acquire or try-acquire
   * without any release: {@code private boolean lockForClose() { return lock.tryLock(1, SECONDS); }}. A
   * helper whose code cannot be read is left out (its callers keep their own lock state).
   */
  static Set<String> lockHelpers(JavaClass javaClass) {
    Set<String> helpers = new HashSet<>();
    ConstantPoolGen cp = null;
    for (Method method : javaClass.getMethods()) {
      if (!method.isPrivate() || !method.getSignature().endsWith(")Z") || method.getCode() == null) {
        continue;
      }
      try {
        if (cp == null) {
          cp = new ConstantPoolGen(javaClass.getConstantPool());
        }
        if (acquiresWithoutRelease(method.getCode().getCode(), cp)) {
          helpers.add(ClassFacts.key(method.getName(), method.getSignature()));
        }
      } catch (RuntimeException e) {
        // Unreadable code: not a lock helper.
      }
    }
    return helpers;
  }

  private static boolean acquiresWithoutRelease(byte[] code, ConstantPoolGen cp) {
    boolean acquires = false;
    for (InstructionHandle handle : new InstructionList(code).getInstructionHandles()) {
      if (!(handle.getInstruction() instanceof InvokeInstruction invoke)
          || handle.getInstruction().getOpcode() == Const.INVOKEDYNAMIC) {
        continue;
      }
      String owner = invoke.getClassName(cp).replace('.', '/');
      String name = invoke.getMethodName(cp);
      if (ConcurrencyModel.LOCK_RELEASES.matches(owner, name)) {
        return false;
      }
      acquires |= ConcurrencyModel.LOCK_ACQUIRES.matches(owner, name);
    }
    return acquires;
  }

  @Override
  public boolean beforeOpcode(int seen) {
    Method method = getMethod();
    if (method != currentMethod) {
      currentMethod = method;
      current =
          facts.methods.computeIfAbsent(
              ClassFacts.key(method.getName(), method.getSignature()), k -> new MethodFacts(method));
      lockDepth = 0;
      lockFlow = lockFlowOf(method);
      assertsHeld = assertsHeld(method, false);
      assertsOwnHeld = assertsHeld && assertsHeld(method, true);
      facts.speaksOfThreads |= method.isSynchronized() || lockFlow != null;
      registerOrigins.clear();
      registerViews.clear();
      registerTasks.clear();
    }
    pendingUserValue = null;
    return super.beforeOpcode(seen);
  }

  @Override
  public void sawOpcode(int seen) {
    switch (seen) {
      case Const.MONITORENTER -> {
        lockDepth++;
        current.takesLock = true;
      }
      case Const.MONITOREXIT -> lockDepth = Math.max(0, lockDepth - 1);
      case Const.INVOKEVIRTUAL, Const.INVOKEINTERFACE, Const.INVOKESTATIC, Const.INVOKESPECIAL -> sawInvoke(seen);
      case Const.INVOKEDYNAMIC -> sawInvokeDynamic();
      case Const.ASTORE, Const.ASTORE_0, Const.ASTORE_1, Const.ASTORE_2, Const.ASTORE_3 -> sawStore();
      case Const.PUTFIELD, Const.PUTSTATIC -> sawFieldStore();
      case Const.GETFIELD, Const.GETSTATIC -> touch(getXFieldOperand());
      case Const.ARETURN -> sawReturn();
      default -> {}
    }
  }

  @Override
  public void afterOpcode(int seen) {
    super.afterOpcode(seen);
    if (pendingUserValue != null && stack.getStackDepth() > 0) {
      stack.getStackItem(0).setUserValue(pendingUserValue);
    }
    pendingUserValue = null;
  }

  /**
   * Whether a lock is held here: the method is synchronized, or the {@link LockFlow} says so on every path
   * to this instruction. Code the flow does not reach (a catch block) falls back to the count of acquires
   * and releases in code order.
   */
  private boolean isLocked() {
    if (currentMethod.isSynchronized() || assertsHeld) {
      return true;
    }
    return lockFlow != null && lockFlow.reached(getPC()) ? lockFlow.held(getPC()) : lockDepth > 0;
  }

  /** {@link #isLocked}, counting only locks the class owns ({@link LockFlow#heldOwn}). */
  private boolean isLockedByOwnLock() {
    if (currentMethod.isSynchronized() || assertsOwnHeld) {
      return true;
    }
    return lockFlow != null && lockFlow.reached(getPC()) ? lockFlow.heldOwn(getPC()) : lockDepth > 0;
  }

  private boolean assertsHeld(Method method, boolean ownOnly) {
    if (!namesAssertionError) {
      return false; // no assert in the class
    }
    try {
      if (constantPoolGen == null) {
        constantPoolGen = new ConstantPoolGen(facts.javaClass.getConstantPool());
      }
      return LockFlow.assertsHeld(method, constantPoolGen, facts.internalName(), ownOnly);
    } catch (RuntimeException e) {
      return false; // unreadable code: no assertion seen
    }
  }

  private LockFlow lockFlowOf(Method method) {
    if (!namesLockCalls && (method.getCode() == null || !mayUseMonitors(method.getCode().getCode()))) {
      return null; // nothing in the method can take or give back a lock: what LockFlow.of answers too
    }
    try {
      if (constantPoolGen == null) {
        constantPoolGen = new ConstantPoolGen(facts.javaClass.getConstantPool());
      }
      return LockFlow.of(method, constantPoolGen, facts.internalName(), lockHelpers);
    } catch (RuntimeException e) {
      return null; // unreadable code: the count in code order decides
    }
  }

  private void sawInvoke(int seen) {
    String owner = getClassConstantOperand();
    String name = getNameConstantOperand();
    String signature = getSigConstantOperand();
    boolean isStatic = seen == Const.INVOKESTATIC;
    int argCount = PreorderVisitor.getNumberArguments(signature);
    if (stack.getStackDepth() < argCount + (isStatic ? 0 : 1)) {
      return;
    }
    boolean ownMethod = owner.equals(facts.internalName());
    if (ownMethod) {
      boolean onThis = !isStatic && !getMethod().isStatic() && stack.getStackItem(argCount).getRegisterNumber() == 0;
      current.calls.add(new Call(name, signature, isLocked(), false, getPC(), onThis));
    }
    current.takesLock |= ConcurrencyModel.ANY_LOCK_ACQUIRES.matches(owner, name);
    if (startsItsOwnThread(seen, owner, name, signature, argCount)) {
      current.selfStarts.add(getPC());
    }
    if (ConcurrencyModel.LOCK_ACQUIRES.matches(owner, name)
        || (ownMethod && lockHelpers.contains(ClassFacts.key(name, signature)))) {
      lockDepth++;
    } else if (ConcurrencyModel.LOCK_RELEASES.matches(owner, name)) {
      lockDepth = Math.max(0, lockDepth - 1);
    }

    OpcodeStack.Item receiver = isStatic ? null : stack.getStackItem(argCount);
    Target target = receiver == null ? null : targetOf(receiver);
    if (target != null && UnsynchronizedMapWriteKnowledge.WRITE_METHODS.contains(name)) {
      current.writes.add(
          new Write(
              getPC(),
              SourceLineAnnotation.fromVisitedInstruction(getClassContext(), this, getPC()),
              target,
              isLocked(),
              isLockedByOwnLock(),
              name));
    }
    if (target != null && UnsynchronizedMapWriteKnowledge.VIEW_METHODS.contains(name)) {
      pendingUserValue = new View(target);
    }

    if (ownMethod && (isStatic || isThis(receiver)) && getters.containsKey(ClassFacts.key(name, signature))) {
      pendingUserValue = new View(new FieldTarget(getters.get(ClassFacts.key(name, signature))));
    }
    streamStep(owner, name, signature, isStatic, receiver, argCount);

    Optional<String> entry = ConcurrencyModel.taskHandoff(owner, name, isStatic);
    if (receiver != null && "()V".equals(signature) && ConcurrencyModel.THREAD_START.matches(owner, name)) {
      // new Thread() { public void run() { ... } }.start(): the started object is the task.
      facts.handsOffWork = true;
      facts.speaksOfThreads = true;
      classTaskOf(receiver, Set.of(ConcurrencyModel.THREAD_TYPE))
          .ifPresent(task -> facts.handoffs.add(new Handoff(List.of(task), Kind.TASK_HANDOFF.render(
              UnsynchronizedMapWriteKnowledge.handoff(Types.displayName(ConcurrencyModel.THREAD_TYPE), name, null, 0)), false)));
    }
    facts.speaksOfThreads |= entry.isPresent();
    facts.handsOffWork |= entry.isPresent();
    if (entry.isPresent()) {
      if (!isThis(receiver)) {
        addHandoff(argCount, entry.get());
      }
    } else if (ConcurrencyModel.TASK_CONTAINERS.matches(owner, name)) {
      List<Task> tasks = tasksInArguments(argCount);
      if (!tasks.isEmpty()) {
        pendingUserValue = new TaskGroup(List.copyOf(tasks));
      }
    }
  }

  /**
   * Follows a stream pipeline through one call: a call that makes a stream starts one (parallel for
   * {@code parallelStream()} and {@code StreamSupport.stream(spliterator, true)}); an operation on a
   * pipeline records the functions it is given and switches its mode; a call on it that returns no stream
   * is the terminal operation, which runs every function recorded so far on several threads when the
   * pipeline is parallel.
   */
  private void streamStep(
      String owner, String name, String signature, boolean isStatic, OpcodeStack.Item receiver, int argCount) {
    boolean returnsStream = ConcurrencyModel.returnsStream(signature);
    Pipeline pipeline = receiver != null && receiver.getUserValue() instanceof Pipeline p ? p : null;
    if (pipeline == null) {
      if (returnsStream) {
        boolean parallel =
            ConcurrencyModel.startsParallelStream(name, signature) || parallelByFlag(owner, name, signature, isStatic);
        pendingUserValue = new Pipeline(parallel, List.of());
      }
      return;
    }
    if (ConcurrencyModel.startsParallelStream(name, signature)) {
      pipeline = new Pipeline(true, pipeline.operations());
    } else if (ConcurrencyModel.SEQUENTIAL_STREAM_SWITCH.equals(name) && signature.startsWith("()")) {
      pipeline = new Pipeline(false, pipeline.operations());
    }
    if (UnsynchronizedMapWriteKnowledge.CONCURRENT_STREAM_OPERATIONS.contains(name)) {
      List<Task> tasks = tasksInArguments(argCount);
      if (!tasks.isEmpty()) {
        pipeline = pipeline.then(new Operation(name, List.copyOf(tasks)));
      }
    }
    if (returnsStream && ConcurrencyModel.STREAM_TYPES.contains(owner)) {
      pendingUserValue = pipeline;
    } else {
      runPipeline(pipeline);
    }
  }

  /** {@code StreamSupport.stream(spliterator, true)}: the trailing boolean argument is the constant true. */
  private boolean parallelByFlag(String owner, String name, String signature, boolean isStatic) {
    if (!isStatic
        || !ConcurrencyModel.PARALLEL_FLAG_STREAM_SOURCES.matches(owner, name)
        || !signature.contains("Z)")
        || stack.getStackDepth() < 1) {
      return false;
    }
    return Integer.valueOf(1).equals(stack.getStackItem(0).getConstant());
  }

  private void runPipeline(Pipeline pipeline) {
    if (pipeline.parallel()) {
      for (Operation operation : pipeline.operations()) {
        facts.handoffs.add(new Handoff(operation.tasks(), Kind.PARALLEL_STREAM.render(operation.name()), true));
      }
    }
  }

  /** A parallel pipeline returned unfinished runs its functions wherever the caller finishes it. */
  private void sawReturn() {
    if (stack.getStackDepth() > 0 && stack.getStackItem(0).getUserValue() instanceof Pipeline pipeline) {
      runPipeline(pipeline);
    }
  }

  /**
   * {@code this} in an instance method (register 0, loaded by aload_0), or the enclosing instance an inner
   * class keeps in its synthetic {@code this$0} field ({@code Outer.this}).
   */
  private boolean isThis(OpcodeStack.Item receiver) {
    if (receiver == null || currentMethod.isStatic()) {
      return false;
    }
    XField field = receiver.getXField();
    return receiver.getRegisterNumber() == 0
        || (field != null && field.isSynthetic() && field.getName().startsWith(OUTER_INSTANCE_PREFIX) && ownField(field));
  }

  private void addHandoff(int argCount, String origin) {
    List<Task> tasks = tasksInArguments(argCount);
    if (!tasks.isEmpty()) {
      facts.handoffs.add(new Handoff(List.copyOf(tasks), origin, false));
    }
  }

  private List<Task> tasksInArguments(int argCount) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < argCount; i++) {
      OpcodeStack.Item arg = stack.getStackItem(i);
      Object value = arg.getUserValue();
      if (value == null && arg.getRegisterNumber() >= 0) {
        value = registerTasks.get(arg.getRegisterNumber());
      }
      if (value instanceof LambdaTask lambda) {
        tasks.add(lambda);
      } else if (value instanceof TaskGroup group) {
        tasks.addAll(group.tasks());
      } else if (value == null && ownField(arg.getXField())) {
        tasks.add(new FieldTask(arg.getXField().getName()));
      } else {
        classTaskOf(arg, ConcurrencyModel.TASK_TYPES).ifPresent(tasks::add);
      }
    }
    return tasks;
  }

  /** An object of a class nested in the same top-level class: its run()/call() may be the task. */
  private Optional<Task> classTaskOf(OpcodeStack.Item item, Set<String> taskTypes) {
    String sig = item.getSignature();
    if (sig == null || !sig.startsWith("L") || !sig.endsWith(";")) {
      return Optional.empty();
    }
    String name = sig.substring(1, sig.length() - 1);
    String self = facts.internalName();
    if (name.equals(self) || ConcurrencyModel.isPlatformClass(name) || !topLevel(name).equals(topLevel(self))) {
      return Optional.empty();
    }
    return Optional.of(new ClassTask(name, taskTypes));
  }

  static String topLevel(String internalName) {
    int dollar = internalName.indexOf('$', internalName.lastIndexOf('/') + 1);
    return dollar < 0 ? internalName : internalName.substring(0, dollar);
  }

  private void sawInvokeDynamic() {
    Constant ref = getConstantRefOperand();
    if (!(ref instanceof ConstantInvokeDynamic indy)) {
      return;
    }
    ConstantPool cp = getConstantPool();
    BootstrapMethod bootstrap = bootstrapMethod(indy.getBootstrapMethodAttrIndex());
    if (bootstrap == null || !isLambdaMetafactory(cp, bootstrap) || bootstrap.getNumBootstrapArguments() < 2) {
      return;
    }
    if (!(cp.getConstant(bootstrap.getBootstrapArguments()[1]) instanceof ConstantMethodHandle handle)) {
      return;
    }
    if (!(cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP implRef)) {
      return;
    }
    if (!(cp.getConstant(implRef.getNameAndTypeIndex()) instanceof ConstantNameAndType nat)) {
      return;
    }
    String implClass = cp.getConstantString(implRef.getClassIndex(), Const.CONSTANT_Class);
    if (implClass.equals(facts.internalName())) {
      // The lambda body (or referenced method) runs where the lambda goes, maybe on another thread, maybe
      // after the lock here is released: called from here, without the lock.
      current.calls.add(new Call(nat.getName(cp), nat.getSignature(cp), false, true, getPC(), false));
    }
    int captured = PreorderVisitor.getNumberArguments(getSigConstantOperand());
    if (stack.getStackDepth() < captured) {
      return;
    }
    List<Captured> values = new ArrayList<>(captured);
    for (int i = 0; i < captured; i++) {
      OpcodeStack.Item item = stack.getStackItem(captured - 1 - i);
      values.add(new Captured(originOf(item), item.getXField(), item.getRegisterNumber()));
    }
    pendingUserValue =
        new LambdaTask(
            implClass,
            nat.getName(cp),
            nat.getSignature(cp),
            handle.getReferenceKind() == Const.REF_invokeStatic,
            java.util.Collections.unmodifiableList(values),
            getMethod(),
            getPC(),
            SourceLineAnnotation.fromVisitedInstruction(getClassContext(), this, getPC()));
  }

  private BootstrapMethod bootstrapMethod(int index) {
    for (Attribute attribute : getThisClass().getAttributes()) {
      if (attribute instanceof BootstrapMethods methods) {
        BootstrapMethod[] all = methods.getBootstrapMethods();
        return index >= 0 && index < all.length ? all[index] : null;
      }
    }
    return null;
  }

  private static boolean isLambdaMetafactory(ConstantPool cp, BootstrapMethod bootstrap) {
    if (!(cp.getConstant(bootstrap.getBootstrapMethodRef()) instanceof ConstantMethodHandle handle)) {
      return false;
    }
    if (!(cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP method)) {
      return false;
    }
    return "java/lang/invoke/LambdaMetafactory"
        .equals(cp.getConstantString(method.getClassIndex(), Const.CONSTANT_Class));
  }

  /** The unsafe collection a value was created as in this method, or null when unknown. */
  private String originOf(OpcodeStack.Item item) {
    int register = item.getRegisterNumber();
    if (register >= 0) {
      String origin = registerOrigins.get(register);
      return origin == null || ClassFacts.OTHER.equals(origin) ? null : origin;
    }
    return item.getSpecialKind() == OpcodeStack.Item.NEWLY_ALLOCATED
        ? ConcurrencyModel.unsafeCollection(item.getSignature()).orElse(null)
        : null;
  }

  private void sawStore() {
    if (stack.getStackDepth() < 1) {
      return;
    }
    int register = getRegisterOperand();
    OpcodeStack.Item value = stack.getStackItem(0);
    String type = ConcurrencyModel.unsafeCollection(value.getSignature()).orElse(ClassFacts.OTHER);
    String before = registerOrigins.get(register);
    registerOrigins.put(register, before == null || before.equals(type) ? type : ClassFacts.OTHER);
    if (value.getUserValue() instanceof View view) {
      registerViews.put(register, view.target());
    } else {
      registerViews.remove(register);
    }
    if (value.getUserValue() instanceof LambdaTask || value.getUserValue() instanceof TaskGroup) {
      registerTasks.put(register, value.getUserValue());
    } else {
      registerTasks.remove(register);
    }
  }

  private void sawFieldStore() {
    XField field = getXFieldOperand();
    touch(field);
    if (field == null || stack.getStackDepth() < 1) {
      return;
    }
    if (!field.getClassName().replace('.', '/').equals(facts.internalName())) {
      return;
    }
    OpcodeStack.Item value = stack.getStackItem(0);
    String type = ConcurrencyModel.unsafeCollection(value.getSignature()).orElse(ClassFacts.OTHER);
    facts.fieldStores.computeIfAbsent(field.getName(), k -> new HashSet<>()).add(type);
    if (value.getUserValue() instanceof LambdaTask lambda) {
      facts.fieldTasks.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(lambda);
    } else if (value.getUserValue() instanceof TaskGroup group) {
      facts.fieldTasks.computeIfAbsent(field.getName(), k -> new ArrayList<>()).addAll(group.tasks());
    }
  }

  private boolean ownField(XField field) {
    return field != null && field.getClassName().replace('.', '/').equals(facts.internalName());
  }

  private void touch(XField field) {
    if (field != null && field.getClassName().replace('.', '/').equals(facts.internalName())) {
      current.touchedFields.add(field.getName());
      current.fieldUses.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(getPC());
    }
  }

  /**
   * {@code new Thread(…, this, …)} (a thread that will run this object's {@code run()}), or {@code start()}
   * on the object itself when it is a Thread: the object starts its own thread here ({@link StartOrder}).
   */
  private boolean startsItsOwnThread(int seen, String owner, String name, String signature, int argCount) {
    if (getMethod().isStatic()) {
      return false;
    }
    if (seen == Const.INVOKESPECIAL && name.equals("<init>")) {
      if (!Types.isSubtype(owner, ConcurrencyModel.THREAD_TYPE)) {
        return false;
      }
      for (int i = 0; i < argCount; i++) {
        if (stack.getStackItem(i).getRegisterNumber() == 0) {
          return true;
        }
      }
      return false;
    }
    return seen != Const.INVOKESTATIC
        && name.equals(UnsynchronizedMapWriteKnowledge.THREAD_START.name())
        && signature.equals("()V")
        && stack.getStackItem(argCount).getRegisterNumber() == 0
        && Types.isSubtype(facts.internalName(), ConcurrencyModel.THREAD_TYPE);
  }

  private Target targetOf(OpcodeStack.Item item) {
    if (item.getUserValue() instanceof View view) {
      return view.target();
    }
    int register = item.getRegisterNumber();
    if (register >= 0 && registerViews.containsKey(register)) {
      return registerViews.get(register);
    }
    XField field = item.getXField();
    if (field != null) {
      // copy.attributes.put(…): another object's field (Cookie.clone) is not this object's shared map.
      int from = item.getFieldLoadedFromRegister();
      boolean anotherObject = !field.isStatic() && from >= 0 && (from != 0 || currentMethod.isStatic());
      return anotherObject ? null : new FieldTarget(field);
    }
    return register >= 0 ? new RegisterTarget(register) : null;
  }
}
