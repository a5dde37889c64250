package dev.crashguard.spotbugs.executorleak;

import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.common.StackShuffles;
import dev.crashguard.spotbugs.common.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GotoInstruction;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

/**
 * Follows one pool from its creation along every path of the method (exception edges included) and tells
 * how each path ends for it: shut down, handed away (returned, stored, passed to an owner, captured), or
 * left running at a normal return, at an exceptional exit, or when the creation is reached again (a loop).
 *
 * <p>Only the pool is tracked: which local variables and operand stack words hold it. An exception edge
 * is drawn from every call that can throw ({@link PoolModel#canThrow}) and from {@code athrow}, to each
 * handler that covers it, innermost first, up to a catch-all; an exception that no catch-all covers leaves
 * the method. A JDK call throws only what it declares ({@link PoolModel#jdkDeclared}): its edges go to the
 * handlers that may take one of those, and out of the method only when one is caught by none. Calls on the
 * pool itself, and calls that only use it, draw none: a fresh pool rejects nothing.
 * javac's {@code finally} copies and try-with-resources' {@code close()} calls are plain code on these
 * paths. {@code if (pool != null)} follows only the non-null branch. A pool a constructor stored in a field
 * is ended on a path that shuts that field down, or calls on {@code this} a method of the class that does
 * ({@code dispose()}, {@code close()}); an exception that enters a catch-all handler (a {@code finally}) whose
 * code does either, even under a condition ({@code finally { if (!success) dispose(); }}, apache/mina's
 * SimpleIoProcessorPool), is ended there too: the flag that guards it is not followed, and the author
 * decided there. Paths are not merged; a state seen at an instruction is not followed twice; past {@link
 * #MAX_STATES_PER_PC} states at one instruction or {@link #MAX_STEPS} steps the result is incomplete, and an
 * incomplete result reports nothing.
 */
final class PoolFlow {

  static final int MAX_STATES_PER_PC = 32;
  static final int MAX_STEPS = 30_000;

  private static final byte PENDING = 0;
  private static final byte LIVE = 1;
  /** Stored into a field of {@code this} by a constructor, of a class that shuts that field down elsewhere. */
  private static final byte CTOR_STORED = 2;

  /** What the class around the method tells the flow. */
  interface Context {
    ConstantPoolGen cpg();

    ConstantPool cp();

    PoolModel model();

    String self();

    Map<Integer, InstructionHandle> handles(org.apache.bcel.classfile.Method method);

    ControlFlow flow(org.apache.bcel.classfile.Method method);

    /** Whether the class shuts down its field {@code name} somewhere. */
    boolean shutsDownField(String name);

    /** Whether the class's own method {@code name + signature} only uses its parameter {@code index}. */
    boolean helperOnlyUses(String name, String signature, int index);

    /**
     * Whether the class's own method {@code name + signature} shuts its field {@code field} down, itself or
     * through the own methods it calls.
     */
    boolean ownMethodShutsDown(String name, String signature, String field);
  }

  /** A store of the pool into a field. */
  record FieldStore(int pc, String owner, String field, boolean isStatic) {}

  /** How the paths ended. */
  static final class Result {
    boolean incomplete;
    boolean loop;
    boolean normalLeak;
    boolean shutDown;
    /** A shutdown was reached through a catch-all handler: it is in a finally block (or a catch-all). */
    boolean shutDownInFinally;
    boolean escaped;
    boolean exiting;
    /** {@code allowCoreThreadTimeOut} was called on the pool: its threads end when idle. */
    boolean coreTimeout;
    int exceptionCause = -1;
    int constructorCause = -1;
    /** The first call on the unnamed pool: as receiver ({@code receiver}) or as an argument that only uses it. */
    String firstUse;
    boolean firstUseAsArgument;
    String localName;
    final List<FieldStore> stores = new ArrayList<>();
  }

  private record Work(int pc, State state) {}

  private static final class State {
    byte status;
    boolean named;
    boolean exiting;
    /** On the way out through a catch-all handler (a finally block's copy, a catch of Throwable). */
    boolean inCatchAll;
    /**
     * The pool may have a thread: it starts one when made (a Timer), or it has been used (a task handed to
     * it, a call on it, handed on). Before that, a failure leaves nothing behind.
     */
    boolean started;
    int cause = -1;
    BitSet locals = new BitSet();
    BitSet stack = new BitSet();
    int depth;

    State copy() {
      State s = new State();
      s.status = status;
      s.named = named;
      s.exiting = exiting;
      s.inCatchAll = inCatchAll;
      s.started = started;
      s.cause = cause;
      s.locals = (BitSet) locals.clone();
      s.stack = (BitSet) stack.clone();
      s.depth = depth;
      return s;
    }

    boolean pop() {
      if (depth == 0) {
        return false;
      }
      depth--;
      boolean bit = stack.get(depth);
      stack.clear(depth);
      return bit;
    }

    void push(boolean bit) {
      stack.set(depth, bit);
      depth++;
    }

    boolean peek(int fromTop) {
      int i = depth - 1 - fromTop;
      return i >= 0 && stack.get(i);
    }

    boolean holdsTracked() {
      return !locals.isEmpty() || !stack.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof State s && s.status == status && s.named == named && s.exiting == exiting && s.inCatchAll == inCatchAll && s.cause == cause
          && s.depth == depth && s.locals.equals(locals) && s.stack.equals(stack);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, named, exiting, inCatchAll, cause, depth, locals, stack);
    }
  }

  private final Context ctx;
  private final org.apache.bcel.classfile.Method method;
  private final ConstantPoolGen cpg;
  private final Map<Integer, InstructionHandle> handles;
  private final ControlFlow flow;
  private final CodeException[] table;
  private final Creation creation;
  private final boolean requestHandler;
  private final boolean constructor;
  private final boolean followHelpers;
  private final Result result = new Result();
  private final Deque<Work> work = new ArrayDeque<>();
  private final Map<Integer, Set<State>> seen = new HashMap<>();

  private PoolFlow(Context ctx, org.apache.bcel.classfile.Method method, Creation creation, boolean requestHandler,
      boolean followHelpers) {
    this.ctx = ctx;
    this.method = method;
    this.cpg = ctx.cpg();
    this.handles = ctx.handles(method);
    this.flow = ctx.flow(method);
    this.table = method.getCode().getExceptionTable();
    this.creation = creation;
    this.requestHandler = requestHandler;
    this.constructor = Const.CONSTRUCTOR_NAME.equals(method.getName());
    this.followHelpers = followHelpers;
  }

  /** Follows the pool {@code creation} makes. */
  static Result ofCreation(Context ctx, org.apache.bcel.classfile.Method method, Creation creation,
      boolean requestHandler) {
    PoolFlow f = new PoolFlow(ctx, method, creation, requestHandler, true);
    f.start(creation.startPc(), null);
    return f.result;
  }

  /** Follows the pool a method receives in {@code register}, from its entry. */
  static Result ofParameter(Context ctx, org.apache.bcel.classfile.Method method, int register) {
    PoolFlow f = new PoolFlow(ctx, method, null, false, false);
    State s = new State();
    s.status = LIVE;
    s.named = true;
    s.started = true; // a pool received from elsewhere may have run anything
    s.locals.set(register);
    f.start(0, s);
    return f.result;
  }

  private void start(int pc, State initial) {
    for (InstructionHandle h : flow.instructions().getInstructionHandles()) {
      short op = h.getInstruction().getOpcode();
      if (op == Const.JSR || op == Const.JSR_W || op == Const.RET) {
        result.incomplete = true;
        return;
      }
    }
    if (initial == null) {
      InstructionHandle h = handles.get(pc);
      if (h == null) {
        result.incomplete = true;
        return;
      }
      State s = new State();
      create(h, s);
      for (int next : flow.successors(pc)) {
        enqueue(next, s);
      }
    } else {
      enqueue(pc, initial);
    }
    int steps = 0;
    while (!work.isEmpty()) {
      if (steps++ > MAX_STEPS) {
        result.incomplete = true;
        return;
      }
      Work next = work.poll();
      Set<State> states = seen.computeIfAbsent(next.pc(), k -> new HashSet<>());
      if (!states.add(next.state())) {
        continue;
      }
      if (states.size() > MAX_STATES_PER_PC) {
        result.incomplete = true;
        return;
      }
      InstructionHandle h = handles.get(next.pc());
      if (h != null) {
        step(h, next.state().copy());
      }
    }
  }

  /** The creation itself: the new object (pending until its constructor ran) or the factory's result. */
  private void create(InstructionHandle h, State s) {
    s.started = creation.startsThreadWhenMade();
    if (creation.constructor()) {
      s.status = PENDING;
      s.push(true);
    } else {
      Instruction ins = h.getInstruction();
      for (int i = 0; i < ins.consumeStack(cpg); i++) {
        s.pop();
      }
      s.status = LIVE;
      s.push(true);
    }
  }

  private void enqueue(int pc, State s) {
    Set<State> states = seen.get(pc);
    if (states != null && states.size() > MAX_STATES_PER_PC) {
      result.incomplete = true;
      return;
    }
    work.add(new Work(pc, s));
  }

  private void next(InstructionHandle h, State s) {
    for (int pc : flow.successors(h.getPosition())) {
      enqueue(pc, s);
    }
  }

  // ---- one instruction ------------------------------------------------------------------------------

  private void step(InstructionHandle h, State s) {
    int pc = h.getPosition();
    Instruction ins = h.getInstruction();
    short op = ins.getOpcode();
    if (creation != null && pc == creation.startPc()) {
      if (s.status == LIVE) {
        result.loop = true;
      }
      return; // a new pool: this one's story ends here
    }
    if (ins instanceof InvokeInstruction invoke) {
      invoke(h, invoke, s);
      return;
    }
    if (op == Const.GETFIELD && s.status == CTOR_STORED && !s.started) {
      // The constructor reads back the field it stored the pool in: a use, which may start its thread,
      // unless the value read only receives a call that configures the pool (setRemoveOnCancelPolicy).
      String name = ((FieldInstruction) ins).getFieldName(cpg);
      s.started = result.stores.stream().anyMatch(store -> store.field().equals(name)) && !onlyConfigured(h);
    }
    if (StackShuffles.apply(op, s::pop, s::push)) {
      next(h, s);
      return;
    }
    switch (op) {
      case Const.ALOAD, Const.ALOAD_0, Const.ALOAD_1, Const.ALOAD_2, Const.ALOAD_3 -> {
        s.push(s.locals.get(((ALOAD) ins).getIndex()));
        next(h, s);
        return;
      }
      case Const.ASTORE, Const.ASTORE_0, Const.ASTORE_1, Const.ASTORE_2, Const.ASTORE_3 -> {
        int index = ((ASTORE) ins).getIndex();
        boolean tracked = s.pop();
        s.locals.set(index, tracked);
        if (tracked && s.status != PENDING) {
          s.named = true;
          if (result.localName == null) {
            result.localName = localName(index, h);
          }
        }
        next(h, s);
        return;
      }
      case Const.CHECKCAST -> {
        next(h, s);
        return;
      }
      case Const.ARETURN -> {
        if (s.pop() && s.status != PENDING) {
          result.escaped = true;
          return;
        }
        exitNormally(s);
        return;
      }
      case Const.IRETURN, Const.LRETURN, Const.FRETURN, Const.DRETURN, Const.RETURN -> {
        exitNormally(s);
        return;
      }
      case Const.ATHROW -> {
        throwFrom(h, s, s.cause, null);
        return;
      }
      case Const.PUTFIELD, Const.PUTSTATIC -> {
        FieldInstruction field = (FieldInstruction) ins;
        boolean tracked = s.peek(0);
        for (int i = 0; i < ins.consumeStack(cpg); i++) {
          s.pop();
        }
        if (tracked && s.status == LIVE) {
          String owner = field.getReferenceType(cpg).toString().replace('.', '/');
          String name = field.getFieldName(cpg);
          result.stores.add(new FieldStore(h.getPosition(), owner, name, op == Const.PUTSTATIC));
          if (constructor && op == Const.PUTFIELD && owner.equals(ctx.self()) && ctx.shutsDownField(name)
              && creation != null) {
            s.status = CTOR_STORED;
            s.exiting = false;
            clearTracked(s);
            next(h, s);
            return;
          }
          result.escaped = true;
          return;
        }
        next(h, s);
        return;
      }
      case Const.AASTORE -> {
        boolean tracked = s.pop();
        s.pop();
        s.pop();
        if (tracked && s.status != PENDING) {
          result.escaped = true;
          return;
        }
        next(h, s);
        return;
      }
      default -> {
        // fall through to the generic cases below
      }
    }
    if (ins instanceof IfInstruction branch) {
      branch(h, branch, s);
      return;
    }
    if (ins instanceof StoreInstruction store) {
      int words = store.getType(cpg).getSize();
      for (int i = 0; i < words; i++) {
        s.pop();
      }
      s.locals.clear(store.getIndex(), store.getIndex() + words);
      next(h, s);
      return;
    }
    int consumed = ins.consumeStack(cpg);
    int produced = ins.produceStack(cpg);
    if (consumed < 0 || produced < 0) {
      result.incomplete = true;
      return;
    }
    for (int i = 0; i < consumed; i++) {
      s.pop();
    }
    for (int i = 0; i < produced; i++) {
      s.push(false);
    }
    next(h, s);
  }

  private void branch(InstructionHandle h, IfInstruction branch, State s) {
    short op = branch.getOpcode();
    boolean tracked = s.peek(0);
    for (int i = 0; i < branch.consumeStack(cpg); i++) {
      s.pop();
    }
    int target = branch.getTarget().getPosition();
    if (tracked && s.status != PENDING && (op == Const.IFNULL || op == Const.IFNONNULL)) {
      // The pool is not null: only the non-null branch is real.
      if (op == Const.IFNONNULL) {
        enqueue(target, s);
      } else if (h.getNext() != null) {
        enqueue(h.getNext().getPosition(), s);
      }
      return;
    }
    next(h, s);
  }

  private void invoke(InstructionHandle h, InvokeInstruction invoke, State s) {
    short op = invoke.getOpcode();
    String name = invoke.getMethodName(cpg);
    String signature = invoke.getSignature(cpg);
    Type[] args = invoke.getArgumentTypes(cpg);
    // Pop the arguments (last on top), then the receiver.
    boolean[] trackedArg = new boolean[args.length];
    boolean anyArg = false;
    for (int i = args.length - 1; i >= 0; i--) {
      boolean tracked = false;
      for (int w = 0; w < args[i].getSize(); w++) {
        tracked |= s.pop();
      }
      trackedArg[i] = tracked;
      anyArg |= tracked;
    }
    boolean hasReceiver = op != Const.INVOKESTATIC && op != Const.INVOKEDYNAMIC;
    boolean receiver = hasReceiver && s.pop();
    int returned = invoke.getReturnType(cpg).getSize();
    if (s.status == PENDING) {
      if (receiver && op == Const.INVOKESPECIAL && Const.CONSTRUCTOR_NAME.equals(name)) {
        s.status = LIVE; // the dup'ed reference left below the receiver is the pool itself
        pushResult(s, returned, false);
        next(h, s);
        return;
      }
      if (canThrow(invoke)) {
        return; // the pool's arguments failed: no pool, nothing to follow on that path
      }
      pushResult(s, returned, false);
      next(h, s);
      return;
    }
    if (op == Const.INVOKEDYNAMIC) {
      if (anyArg && s.status == LIVE) {
        result.escaped = true; // captured by a lambda or method reference
        return;
      }
      pushResult(s, returned, false);
      next(h, s);
      return;
    }
    String owner = invoke.getClassName(cpg).replace('.', '/');
    if (s.status == LIVE && receiver) {
      if (PoolModel.SHUTDOWN_NAMES.contains(name) && args.length == 0) {
        shutDown(s);
        return;
      }
      if (PoolModel.CORE_TIMEOUT.hasName(name)) {
        result.coreTimeout = true;
      }
      use(s, owner, name, false);
      pushResult(s, returned, false);
      next(h, s);
      return;
    }
    if (s.status == LIVE && anyArg) {
      if (trackedArg[0] && PoolModel.STATIC_SHUTDOWN_HELPERS.matches(owner, name)) {
        shutDown(s);
        return;
      }
      boolean exiting = PoolModel.EXITING.matches(owner, name);
      if (exiting || PoolModel.FORWARDING.matches(owner, name)) {
        s.exiting |= exiting;
        result.exiting |= exiting;
        pushResult(s, returned, true);
        next(h, s);
        return;
      }
      if (PoolModel.isNonOwning(owner, name) || ownHelperOnlyUses(owner, name, signature, trackedArg)
          || requestHandler && Const.CONSTRUCTOR_NAME.equals(name)) {
        use(s, owner, name, true);
        pushResult(s, returned, false);
        next(h, s);
        return;
      }
      result.escaped = true; // handed to an owner
      return;
    }
    if (s.status == CTOR_STORED && endsStoredField(h, invoke)) {
      return; // the stored pool ends on this path: its field shut down, or dispose() called on this
    }
    if (s.status == CTOR_STORED ? throwsKnown(invoke) : canThrow(invoke)) {
      throwFrom(h, s.copy(), h.getPosition(), ctx.model().jdkDeclared(owner, name, signature));
    }
    pushResult(s, returned, false);
    next(h, s);
  }

  /**
   * Whether the call at {@code h} ends a pool the constructor stored in a field of {@code this}: a shutdown
   * on the field read back (through a cast: {@code ((ExecutorService) executor).shutdown()}), or a call on
   * {@code this} of a method of the class that shuts the field down, itself or through its own calls (MINA's
   * {@code dispose()}: {@code if (createdExecutor) ((ExecutorService) executor).shutdown();}).
   */
  private boolean endsStoredField(InstructionHandle h, InvokeInstruction invoke) {
    if (invoke.getOpcode() == Const.INVOKESTATIC || invoke.getOpcode() == Const.INVOKEDYNAMIC) {
      return false;
    }
    String name = invoke.getMethodName(cpg);
    Type[] args = invoke.getArgumentTypes(cpg);
    int words = 0;
    for (Type arg : args) {
      words += arg.getSize();
    }
    InstructionHandle receiver = FieldFacts.producer(h, words, cpg);
    if (PoolModel.SHUTDOWN_NAMES.contains(name) && args.length == 0) {
      while (receiver != null && receiver.getInstruction().getOpcode() == Const.CHECKCAST) {
        receiver = FieldFacts.producer(receiver, 0, cpg);
      }
      return receiver != null && receiver.getInstruction().getOpcode() == Const.GETFIELD
          && storedHere(((FieldInstruction) receiver.getInstruction()).getFieldName(cpg),
              ((FieldInstruction) receiver.getInstruction()).getReferenceType(cpg).toString());
    }
    String signature = invoke.getSignature(cpg);
    if (Const.CONSTRUCTOR_NAME.equals(name) || !invoke.getClassName(cpg).replace('.', '/').equals(ctx.self())
        || receiver == null || !(receiver.getInstruction() instanceof ALOAD load) || load.getIndex() != 0) {
      return false; // a constructor's local 0 is this: javac never stores into it
    }
    for (FieldStore store : result.stores) {
      if (!store.isStatic() && store.owner().equals(ctx.self())
          && ctx.ownMethodShutsDown(name, signature, store.field())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code field} of {@code owner} is a field of {@code this} the constructor stored the pool in. */
  private boolean storedHere(String field, String owner) {
    String internal = owner.replace('.', '/');
    return internal.equals(ctx.self()) && result.stores.stream()
        .anyMatch(store -> !store.isStatic() && store.owner().equals(internal) && store.field().equals(field));
  }

  /**
   * Whether the catch-all handler at {@code pc} (a {@code finally} block's exceptional copy, a catch of
   * {@code Throwable}) ends the stored pool before it rethrows or leaves: a call that {@link #endsStoredField}
   * anywhere in its code, even under a condition.
   */
  private boolean catchAllEndsStoredField(int pc) {
    for (InstructionHandle h = handles.get(pc); h != null; h = h.getNext()) {
      Instruction ins = h.getInstruction();
      if (ins.getOpcode() == Const.ATHROW || ins instanceof ReturnInstruction || ins instanceof GotoInstruction) {
        return false;
      }
      if (ins instanceof InvokeInstruction invoke && endsStoredField(h, invoke)) {
        return true;
      }
    }
    return false;
  }

  private boolean throwsKnown(InvokeInstruction invoke) {
    return ctx.model().throwsKnown(invoke.getClassName(cpg), invoke.getMethodName(cpg), invoke.getSignature(cpg));
  }

  private void shutDown(State s) {
    result.shutDown = true;
    result.shutDownInFinally |= s.inCatchAll;
  }

  private boolean ownHelperOnlyUses(String owner, String name, String signature, boolean[] trackedArg) {
    if (!followHelpers || !owner.equals(ctx.self())) {
      return false;
    }
    for (int i = 0; i < trackedArg.length; i++) {
      if (trackedArg[i]) {
        return ctx.helperOnlyUses(name, signature, i);
      }
    }
    return false;
  }

  /**
   * Whether the value {@code h} pushes is only the receiver of a call that configures a pool ({@link
   * ExecutorLeakKnowledge#POOL_CONFIGURATION_METHODS}), which starts no thread: the instructions after it,
   * in a straight line, push the call's arguments and then the call takes the value. Anything else (a
   * branch first, another consumer) counts as a use.
   */
  private boolean onlyConfigured(InstructionHandle h) {
    int depth = 0; // words above the value on the stack
    for (InstructionHandle next = h.getNext(); next != null; next = next.getNext()) {
      Instruction ins = next.getInstruction();
      if (ins instanceof BranchInstruction || ins instanceof ReturnInstruction || ins instanceof ATHROW) {
        return false;
      }
      int consumed = ins.consumeStack(cpg);
      if (consumed > depth) {
        return (ins.getOpcode() == Const.INVOKEVIRTUAL || ins.getOpcode() == Const.INVOKEINTERFACE)
            && consumed == depth + 1
            && PoolModel.CONFIGURATION.matches(((InvokeInstruction) ins).getClassName(cpg), ((InvokeInstruction) ins).getMethodName(cpg));
      }
      depth += ins.produceStack(cpg) - consumed;
    }
    return false;
  }

  private boolean canThrow(InvokeInstruction invoke) {
    return ctx.model().canThrow(invoke.getClassName(cpg), invoke.getMethodName(cpg), invoke.getSignature(cpg));
  }

  private void use(State s, String owner, String name, boolean asArgument) {
    s.started = true;
    if (!s.named && result.firstUse == null) {
      result.firstUse = Const.CONSTRUCTOR_NAME.equals(name) ? "new " + Types.displayName(owner) : name;
      result.firstUseAsArgument = asArgument;
    }
  }

  private static void pushResult(State s, int words, boolean tracked) {
    for (int i = 0; i < words; i++) {
      s.push(tracked);
    }
  }

  private static void clearTracked(State s) {
    s.locals.clear();
    s.stack.clear();
  }

  private void exitNormally(State s) {
    if (s.status == LIVE) {
      result.normalLeak = true;
    }
  }

  /**
   * An exception thrown at {@code h}: into each handler that covers it, or out of the method. {@code
   * declared}: the exceptions a JDK call declares, the only ones it throws (its unchecked ones are bugs), or
   * null for anything. Such a call enters only the handlers that may take one of them, and leaves the method
   * only when some declared exception is caught by none: libthrift's {@code task.get(…)} with a catch of
   * each of its three checked exceptions goes on, through the catches, to the shutdown after them.
   */
  private void throwFrom(InstructionHandle h, State before, int cause, List<String> declared) {
    if (before.status == PENDING) {
      return;
    }
    int pc = h.getPosition();
    Set<String> uncaught = declared == null ? null : new HashSet<>(declared);
    if (table != null) {
      for (CodeException entry : table) {
        if (pc < entry.getStartPC() || pc >= entry.getEndPC()) {
          continue;
        }
        String type = entry.getCatchType() == 0 ? null
            : ctx.cp().getConstantString(entry.getCatchType(), Const.CONSTANT_Class);
        boolean catchAll = PoolModel.catchesEverything(type);
        if (uncaught != null && !catchAll
            && uncaught.stream().noneMatch(t -> Types.isSubtype(t, type) || Types.isSubtype(type, t))) {
          continue; // this handler takes none of what the call declares
        }
        if (catchAll && before.status == CTOR_STORED && catchAllEndsStoredField(entry.getHandlerPC())) {
          return; // the finally ends the stored pool: if (!success) dispose();
        }
        State s = before.copy();
        s.stack.clear();
        s.depth = 0;
        s.push(false);
        s.cause = cause;
        s.inCatchAll |= catchAll;
        enqueue(entry.getHandlerPC(), s);
        if (catchAll) {
          return;
        }
        if (uncaught != null) {
          uncaught.removeIf(t -> Types.isSubtype(t, type));
          if (uncaught.isEmpty()) {
            return; // every declared exception is caught here or by a handler before
          }
        }
      }
    }
    if (cause < 0) {
      return; // a throw of the method's own, not work that failed: not judged
    }
    if (!before.started) {
      return; // no task yet, so no thread: nothing is left behind
    }
    if (before.status == LIVE && result.exceptionCause < 0) {
      result.exceptionCause = cause;
    } else if (before.status == CTOR_STORED && result.constructorCause < 0) {
      result.constructorCause = cause;
    }
  }

  private String localName(int index, InstructionHandle store) {
    LocalVariableTable table = method.getCode().getLocalVariableTable();
    if (table == null) {
      return null;
    }
    int after = store.getPosition() + store.getInstruction().getLength();
    LocalVariable variable = table.getLocalVariable(index, after);
    if (variable == null) {
      variable = table.getLocalVariable(index, store.getPosition());
    }
    return variable == null ? null : variable.getName();
  }
}
