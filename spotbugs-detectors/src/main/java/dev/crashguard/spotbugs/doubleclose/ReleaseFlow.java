package dev.crashguard.spotbugs.doubleclose;

import static dev.crashguard.spotbugs.doubleclose.PathState.key;

import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge.Kind;
import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.common.ExceptionHandlers;
import dev.crashguard.spotbugs.common.Slots;
import dev.crashguard.spotbugs.common.StackShuffles;
import dev.crashguard.spotbugs.common.Types;
import dev.crashguard.spotbugs.doubleclose.PathState.Event;
import dev.crashguard.spotbugs.doubleclose.PathState.How;
import dev.crashguard.spotbugs.doubleclose.PathState.Pending;
import dev.crashguard.spotbugs.doubleclose.PathState.Res;
import dev.crashguard.spotbugs.doubleclose.PathState.Tag;
import dev.crashguard.spotbugs.doubleclose.PathState.Val;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XField;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
import org.apache.bcel.generic.ANEWARRAY;
import org.apache.bcel.generic.ArrayType;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.IINC;
import org.apache.bcel.generic.INSTANCEOF;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

/**
 * Follows every path through one method (up to a budget), each with its own {@link PathState}, and records
 * the findings: a release of a hold, reference or open state that this path already gave away, a use of a
 * resource this path closed, and a try-with-resources resource that leaves its block.
 *
 * <p>Exception edges are drawn from every call (and {@code athrow}) to the handlers that cover it, carrying
 * the state before the call: a {@code finally} block's handler copy sees each state its {@code try} block
 * had where something could throw. An acquire that throws holds nothing: on its edge the lock is marked so,
 * and every other resource is forgotten (an acquire that throws is rare enough that only the lock it was
 * taking is worth a finding). Calls that cannot throw in practice draw no edge: lock views and held tests,
 * releases (a release with something to release does not throw, one without is reported), and the
 * untimed, uninterruptible acquire of a JDK lock class. A buffer just handed away is forgotten on an edge:
 * the call that throws usually sits between the hand-off and the line that records it.
 *
 * <p>Paths are not merged, so that a flag or a variable tested twice keeps its paths apart; where a branch
 * tests a value this path already tested, only the branch it took before is followed. A state seen at an
 * instruction is not followed twice, and each instruction follows at most {@value #MAX_STATES_PER_PC}
 * states: what is left out is never reported, the silent side. A value compared with {@code <} or {@code >}
 * by a second branch forgets what the path released since: the two answers are related by arithmetic
 * this flow does not do.
 *
 * <p>Resources and what they mean for each kind of release: a lock ({@code L|}) counts its holds, from
 * unknown (the caller's) until this method takes it; a Netty buffer ({@code B|}) counts the references this
 * method owns, one to begin with; a closeable ({@code C|}) is open or closed, and closing it closes what it
 * wraps and what reads from it ({@link PathState#owners}).
 *
 * <p>A value is named by the instruction that made it. A loop runs that instruction again and makes another
 * object: where the path still holds the one made on an earlier pass ({@code toReturn}, the buffer an earlier
 * {@code poll()} returned, while {@code poll()} returns the next), that one is renamed
 * ({@link PathState#renew}), so releasing both is not taken for releasing one twice.
 */
final class ReleaseFlow {

  static final int MAX_STATES_PER_PC = 24;
  static final int MAX_STEPS = 60_000;
  private static final int MAX_COUNT = 4;
  private static final int MAX_OWNER_DEPTH = 8;

  /** A finding at {@code pc} of this method. */
  record Finding(int pc, Kind kind, String subject, Object[] details) {}

  /** The framework release of a message parameter when the method returns. */
  record AutoRelease(int slot, String framework) {}

  /**
   * What the class tells about itself: its own methods that never return normally (every path throws:
   * {@code throwUnexpectedMessageTypeEx(…)}), by name and descriptor, and the class its constructors store
   * into a field ({@code private final Lock lock = new ReentrantLock()}), by field name.
   */
  record OwnClass(Set<String> neverReturn, Map<String, String> fieldTypes) {}

  private record Work(int pc, PathState state) {}

  private final JavaClass cls;
  private final Method method;
  private final ConstantPool cp;
  private final ConstantPoolGen cpg;
  private final Code code;
  private final ControlFlow flow;
  private final Map<Integer, InstructionHandle> handles = new HashMap<>();
  private final Set<Integer> twrCloses;
  private final Map<String, Res> seeds;
  private final AutoRelease autoRelease;
  private final OwnClass own;
  private final LineNumberTable lines;
  private final LocalVariableTable variables;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, String> types = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Map<String, Res>> lambdaSeeds = new HashMap<>();
  private final ExceptionHandlers handlers;
  private final Deque<Work> work = new ArrayDeque<>();
  private final Map<Integer, Set<PathState>> seen = new HashMap<>();
  private final String self;

  ReleaseFlow(JavaClass cls, Method method, ConstantPoolGen cpg, Map<String, Res> seeds, AutoRelease autoRelease,
      OwnClass own) {
    this.own = own;
    this.cls = cls;
    this.method = method;
    this.cp = cls.getConstantPool();
    this.cpg = cpg;
    this.code = method.getCode();
    this.flow = new ControlFlow(code.getCode());
    this.handlers = new ExceptionHandlers(code, cp);
    for (InstructionHandle h : flow.instructions().getInstructionHandles()) {
      handles.put(h.getPosition(), h);
    }
    this.twrCloses = TryWithResources.syntheticCloses(code.getExceptionTable(), cp, cpg, handles);
    this.seeds = seeds;
    this.autoRelease = autoRelease;
    this.lines = code.getLineNumberTable();
    this.variables = code.getLocalVariableTable();
    this.self = cls.getClassName().replace('.', '/');
  }

  List<Finding> findings() {
    return findings;
  }

  /** States of buffers captured by lambdas of this class: implementation (name + descriptor) → seeds. */
  Map<String, Map<String, Res>> lambdaSeeds() {
    return lambdaSeeds;
  }

  /** Runs the flow; false when the code holds something it does not follow (old subroutines). */
  boolean run() {
    for (InstructionHandle h : flow.instructions().getInstructionHandles()) {
      short op = h.getInstruction().getOpcode();
      if (op == Const.JSR || op == Const.JSR_W || op == Const.RET) {
        return false;
      }
    }
    PathState start = new PathState(Math.max(1, code.getMaxLocals()));
    int slot = 0;
    if (!method.isStatic()) {
      start.locals[0] = Val.plain("a:0", self);
      name("a:0", "this");
      slot = 1;
    }
    for (Type argument : method.getArgumentTypes()) {
      if (slot >= start.locals.length) {
        break;
      }
      String id = "a:" + slot;
      start.locals[slot] = Val.plain(id, typeName(argument));
      types.put(id, typeName(argument));
      nameFromTable(id, slot, 0);
      if (argument.getSize() == 2 && slot + 1 < start.locals.length) {
        start.locals[slot + 1] = Val.TOP;
      }
      slot += argument.getSize();
    }
    start.resources.putAll(seeds);
    work.add(new Work(0, start));
    int steps = 0;
    while (!work.isEmpty() && steps++ < MAX_STEPS) {
      Work next = work.poll();
      Set<PathState> states = seen.computeIfAbsent(next.pc(), pc -> new HashSet<>());
      if (states.size() >= MAX_STATES_PER_PC || !states.add(next.state())) {
        continue;
      }
      InstructionHandle handle = handles.get(next.pc());
      if (handle != null) {
        step(handle, next.state());
      }
    }
    return true;
  }

  // ---- one instruction ----------------------------------------------------------------------------

  private void step(InstructionHandle handle, PathState before) {
    Instruction ins = handle.getInstruction();
    int pc = handle.getPosition();
    short op = ins.getOpcode();
    if (ins instanceof InvokeInstruction invoke && op != Const.INVOKEDYNAMIC) {
      invoke(handle, invoke, before);
      return;
    }
    if (op == Const.ATHROW) {
      exceptionEdges(pc, before, null);
      return;
    }
    PathState s = before.copy();
    if (ins instanceof IfInstruction branch) {
      branch(handle, branch, s);
      return;
    }
    if (op >= Const.IRETURN && op <= Const.RETURN) {
      if (op == Const.ARETURN) {
        returned(pc, s, s.peek(0));
      }
      frameworkRelease(s);
      return;
    }
    simulate(handle, ins, s);
    for (int next : flow.successors(pc)) {
      enqueue(next, s);
    }
  }

  private void enqueue(int pc, PathState state) {
    Set<PathState> states = seen.get(pc);
    if (states != null && states.size() >= MAX_STATES_PER_PC) {
      return;
    }
    state.hashCode();
    work.add(new Work(pc, state));
  }

  private void exceptionEdges(int pc, PathState before, Consumer<PathState> adjust) {
    exceptionEdges(handlers.at(pc), before, adjust);
  }

  /**
   * The exception edges from a call: only to the handlers that what the called method declares can enter
   * (see {@link ExceptionHandlers#atCall}): after a release, a call that declares no exception does not
   * reach {@code catch (IOException e)} and the release there (reactor-netty's ByteBufFlux.fromPath).
   */
  private void callExceptionEdges(int pc, String owner, String name, String signature, PathState before,
      Consumer<PathState> adjust) {
    exceptionEdges(handlers.atCall(pc, () -> ReleaseModel.declaredExceptions(owner, name, signature)), before, adjust);
  }

  private void exceptionEdges(int[] targets, PathState before, Consumer<PathState> adjust) {
    if (targets.length == 0) {
      return;
    }
    PathState ex = before.copy();
    ex.stack.clear();
    ex.push(Val.UNKNOWN);
    // A buffer handed away just before: the code that throws here usually sits between the hand-off and the
    // line that records it (ctx.write(out).addListener(…); out = null;). Its state is not followed further.
    ex.resources.values().removeIf(r -> r.last() != null && r.last().how() == How.HANDOFF);
    if (adjust != null) {
      adjust.accept(ex);
    }
    for (int target : targets) {
      enqueue(target, ex);
    }
  }

  // ---- branches -----------------------------------------------------------------------------------

  private void branch(InstructionHandle handle, IfInstruction branch, PathState s) {
    int target = branch.getTarget().getPosition();
    InstructionHandle nextHandle = handle.getNext();
    int next = nextHandle == null ? -1 : nextHandle.getPosition();
    short op = branch.getOpcode();
    Boolean jump = null;
    Val tested = null;
    Val[] operands = null;
    boolean zeroTest = false;
    switch (op) {
      case Const.IFEQ, Const.IFNE, Const.IFLT, Const.IFGE, Const.IFGT, Const.IFLE -> {
        tested = s.pop();
        if (tested.tag() == Tag.CONST) {
          jump = compare(op, tested.constant());
        } else if ((op == Const.IFEQ || op == Const.IFNE) && tested.id() != null && s.known.containsKey(tested.id())) {
          boolean nonZero = s.known.get(tested.id());
          jump = op == Const.IFNE ? nonZero : !nonZero;
        }
        zeroTest = op == Const.IFEQ || op == Const.IFNE;
      }
      case Const.IFNULL, Const.IFNONNULL -> {
        tested = s.pop();
        Boolean nonNull = null;
        if (tested.tag() == Tag.NULL) {
          nonNull = false;
        } else if (tested.id() != null && (tested.id().startsWith("n:") || "a:0".equals(tested.id()) && !method.isStatic())) {
          nonNull = true;
        } else if (tested.id() != null && s.known.containsKey(tested.id())) {
          nonNull = s.known.get(tested.id());
        }
        if (nonNull != null) {
          jump = op == Const.IFNONNULL ? nonNull : !nonNull;
        }
        zeroTest = true;
        op = op == Const.IFNULL ? Const.IFEQ : Const.IFNE;
      }
      default -> {
        Val b = s.pop();
        Val a = s.pop();
        operands = new Val[] {a, b};
        if (a.tag() == Tag.CONST && b.tag() == Tag.CONST && op >= Const.IF_ICMPEQ && op <= Const.IF_ICMPLE) {
          jump = compare((short) (op - Const.IF_ICMPEQ + Const.IFEQ), a.constant() - b.constant());
        }
      }
    }
    if (jump != null) {
      int to = jump ? target : next;
      if (to >= 0) {
        enqueue(to, s);
      }
      return;
    }
    if (op != Const.IFEQ && op != Const.IFNE && op != Const.IFNULL && op != Const.IFNONNULL) {
      compared(s, handle.getPosition(), tested, operands);
    }
    PathState taken = s.copy();
    PathState fall = s;
    if (tested != null) {
      if (zeroTest) {
        boolean takenNonZero = op == Const.IFNE;
        refine(taken, tested, takenNonZero);
        refine(fall, tested, !takenNonZero);
      } else if (tested.tag() == Tag.TEST) {
        taken.forgetState(tested.subject());
        fall.forgetState(tested.subject());
      }
    }
    enqueue(target, taken);
    if (next >= 0) {
      enqueue(next, fall);
    }
  }

  /**
   * A value compared with {@code <} or {@code >} again, by another branch, after it was compared before on this
   * path ({@code if (length < 0) {…} if (length > size) {…}}): how the two answers relate is arithmetic this
   * flow does not do, so what the path released in between is forgotten rather than judged on a path that
   * may not exist.
   */
  private static void compared(PathState s, int pc, Val tested, Val[] operands) {
    List<Val> values = new ArrayList<>();
    if (tested != null) {
      values.add(tested);
    }
    if (operands != null) {
      values.addAll(List.of(operands));
    }
    for (Val value : values) {
      if (value.id() == null) {
        continue;
      }
      Integer before = s.compared.put(value.id(), pc);
      if (before != null && before != pc) {
        s.resources.values().removeIf(r -> r.count() <= 0 && r.last() != null
            && (r.last().how() == How.RELEASE || r.last().how() == How.HANDOFF));
      }
    }
  }

  private static boolean compare(short op, long value) {
    return switch (op) {
      case Const.IFEQ -> value == 0;
      case Const.IFNE -> value != 0;
      case Const.IFLT -> value < 0;
      case Const.IFGE -> value >= 0;
      case Const.IFGT -> value > 0;
      default -> value <= 0;
    };
  }

  /** What a branch on {@code value} being non-zero (non-null) tells on this path. */
  private void refine(PathState s, Val value, boolean nonZero) {
    if (value.id() != null) {
      s.known.put(value.id(), nonZero);
    }
    if (value.tag() == Tag.TEST) {
      s.forgetState(value.subject());
    } else if (value.tag() == Tag.INSTANCE) {
      if (!nonZero && !"java/lang/Object".equals(value.call()) && ReleaseModel.mayBeReferenceCounted(value.call())) {
        // Not a buffer on this path (maybe no reference counted object at all): its releases are no-ops.
        s.known.put(notCounted(value.subject()), true);
      }
    } else if (value.tag() == Tag.TRY && value.subject() != null) {
      Res res = s.resources.get(value.subject());
      if (res != null && res.last() != null && res.last().how() == How.TRY_PENDING) {
        s.resources.put(value.subject(), nonZero
            ? new Res(Math.min(MAX_COUNT, res.count() + 1), null)
            : new Res(res.count(), new Event(How.TRY_FAILED, res.last().pc(), res.last().line(), res.last().what(), false)));
      }
    }
  }

  // ---- plain instructions -------------------------------------------------------------------------

  private void simulate(InstructionHandle handle, Instruction ins, PathState s) {
    int pc = handle.getPosition();
    short op = ins.getOpcode();
    if (op == Const.ACONST_NULL) {
      s.push(Val.NULL);
    } else if (ins instanceof ConstantPushInstruction constant) {
      Number value = constant.getValue();
      boolean wide = op == Const.LCONST_0 || op == Const.LCONST_1 || op == Const.DCONST_0 || op == Const.DCONST_1;
      s.push(op >= Const.FCONST_0 && op <= Const.DCONST_1 ? Val.UNKNOWN : Val.constant(value.longValue()));
      if (wide) {
        s.push(Val.TOP);
      }
    } else if (ins instanceof LoadInstruction load) {
      Val value = load.getIndex() < s.locals.length ? s.locals[load.getIndex()] : Val.UNKNOWN;
      if (value.id() != null) {
        nameFromTable(value.id(), load.getIndex(), pc);
      }
      s.push(value);
      if (load.getType(cpg).getSize() == 2) {
        s.push(Val.TOP);
      }
    } else if (ins instanceof StoreInstruction store) {
      int size = store.getType(cpg).getSize();
      if (size == 2) {
        s.pop();
      }
      Val value = s.pop();
      int index = store.getIndex();
      if (index < s.locals.length) {
        s.locals[index] = value;
        if (size == 2 && index + 1 < s.locals.length) {
          s.locals[index + 1] = Val.TOP;
        }
      }
      InstructionHandle after = handle.getNext();
      if (value.id() != null && after != null) {
        nameFromTable(value.id(), index, after.getPosition());
      }
    } else if (ins instanceof IINC iinc) {
      if (iinc.getIndex() < s.locals.length) {
        s.locals[iinc.getIndex()] = Val.UNKNOWN;
      }
    } else if (ins instanceof NEW created) {
      String id = "n:" + pc;
      renew(s, id);
      String type = created.getLoadClassType(cpg) == null ? null : created.getLoadClassType(cpg).getClassName().replace('.', '/');
      types.put(id, type);
      s.push(Val.plain(id, type));
    } else if (ins instanceof ANEWARRAY) {
      s.pop();
      String id = "n:" + pc;
      renew(s, id);
      s.push(Val.plain(id, null));
    } else if (op == Const.AASTORE) {
      Val value = s.pop();
      s.pop();
      Val array = s.pop();
      escapes(s, value);
      if (array.id() != null && value.id() != null) {
        List<String> members = new ArrayList<>(s.arrays.getOrDefault(array.id(), List.of()));
        members.add(value.id());
        s.arrays.put(array.id(), List.copyOf(members));
      }
    } else if (ins instanceof CHECKCAST cast) {
      Val value = s.pop();
      Type to = cast.getType(cpg);
      if (value.id() != null && to instanceof ObjectType object && value.type() == null) {
        value = value.withType(object.getClassName().replace('.', '/'));
        types.put(value.id(), value.type());
      }
      s.push(value);
    } else if (ins instanceof INSTANCEOF instance) {
      Val value = s.pop();
      Type tested = instance.getType(cpg);
      String type = tested instanceof ObjectType object ? object.getClassName().replace('.', '/') : null;
      s.push(value.id() == null || type == null ? Val.UNKNOWN
          : new Val("i:" + pc + ":" + value.id(), null, Tag.INSTANCE, 0, value.id(), type, null, null));
    } else if (op == Const.LCMP) {
      Val b = s.pop();
      b = s.pop();
      Val a = s.pop();
      a = s.pop();
      if (b.tag() == Tag.CONST && b.constant() == 0 && a.id() != null) {
        s.push(a);
      } else if (a.tag() == Tag.CONST && a.constant() == 0 && b.id() != null) {
        s.push(b);
      } else if (a.tag() == Tag.CONST && b.tag() == Tag.CONST) {
        s.push(Val.constant(Long.compare(a.constant(), b.constant())));
      } else {
        s.push(Val.UNKNOWN);
      }
    } else if (ins instanceof FieldInstruction field) {
      field(pc, field, s);
    } else if (op == Const.INVOKEDYNAMIC) {
      invokeDynamic(pc, (InvokeInstruction) ins, s);
    } else if (!stackShuffle(op, s)) {
      int consumed = ins.consumeStack(cpg);
      int produced = ins.produceStack(cpg);
      for (int i = 0; i < consumed; i++) {
        s.pop();
      }
      for (int i = 0; i < produced; i++) {
        s.push(Val.UNKNOWN);
      }
    }
  }

  private static boolean stackShuffle(short op, PathState s) {
    switch (op) {
      case Const.POP -> s.pop();
      case Const.POP2 -> {
        s.pop();
        s.pop();
      }
      default -> {
        return StackShuffles.apply(op, s::pop, s::push);
      }
    }
    return true;
  }

  private void field(int pc, FieldInstruction field, PathState s) {
    short op = field.getOpcode();
    String name = field.getFieldName(cpg);
    Type type = field.getFieldType(cpg);
    String owner = field.getReferenceType(cpg) instanceof ObjectType o ? o.getClassName().replace('.', '/') : null;
    if (op == Const.GETFIELD || op == Const.GETSTATIC) {
      Val receiver = op == Const.GETFIELD ? s.pop() : null;
      String id;
      if (isFinalField(owner, name, op == Const.GETSTATIC)
          && (op == Const.GETSTATIC || receiver.id() != null && (receiver.id().equals("a:0") && !method.isStatic()
              || receiver.id().startsWith("f:")))) {
        id = op == Const.GETSTATIC ? "s:" + owner + "." + name
            : receiver.id().equals("a:0") ? "f:" + name : receiver.id() + "." + name;
        name(id, op == Const.GETSTATIC || receiver.id().equals("a:0") ? name : names.get(receiver.id()) + "." + name);
      } else {
        id = "g:" + pc;
        renew(s, id);
        name(id, name);
      }
      String typeName = typeName(type);
      if (id.startsWith("f:") && id.indexOf('.') < 0 && own.fieldTypes().containsKey(name)) {
        typeName = own.fieldTypes().get(name);
      }
      types.put(id, typeName);
      s.push(Val.plain(id, typeName));
      if (type.getSize() == 2) {
        s.push(Val.TOP);
      }
      return;
    }
    if (type.getSize() == 2) {
      s.pop();
    }
    Val value = s.pop();
    Val receiver = op == Const.PUTFIELD ? s.pop() : null;
    s.pending.removeIf(p -> p.stored() && name.equals(p.field()));
    escapes(s, value);
    // Only this object's fields and static ones outlive the block; a field of another object (a context
    // handed to the code inside the block) is that object's business.
    boolean lasting = receiver == null || !method.isStatic() && "a:0".equals(receiver.id());
    if (lasting && value.id() != null && judgedAfterClose(value.id(), value.type())) {
      Res res = s.resources.get(key('C', value.id()));
      if (res == null || res.count() > 0) {
        s.pending.add(new Pending(true, value.id(), pc, "field '" + name + "'", name, Set.of()));
      }
    }
  }

  private boolean isFinalField(String owner, String name, boolean isStatic) {
    if (owner == null) {
      return false;
    }
    if (owner.equals(self)) {
      for (Field f : cls.getFields()) {
        if (f.getName().equals(name)) {
          return f.isFinal() && f.isStatic() == isStatic;
        }
      }
      return false;
    }
    try {
      XField x = XFactory.createXField(
          owner.replace('/', '.'), name, "", isStatic);
      return x != null && x.isResolved() && x.isFinal();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void invokeDynamic(int pc, InvokeInstruction ins, PathState s) {
    Type[] arguments = ins.getArgumentTypes(cpg);
    List<String> captures = new ArrayList<>();
    for (int i = arguments.length - 1; i >= 0; i--) {
      if (arguments[i].getSize() == 2) {
        s.pop();
      }
      captures.add(0, s.pop().id());
    }
    String implementation = lambdaImplementation(ins);
    if (implementation == null) {
      s.push(Val.UNKNOWN);
      return;
    }
    String id = "l:" + pc;
    renew(s, id);
    s.push(Val.lambda(id, Collections.unmodifiableList(captures), implementation));
    // A buffer this path gave away, captured by a lambda of this class: the lambda starts with it given away.
    Method target = ownMethod(implementation);
    if (target == null || !target.isSynthetic()) {
      return;
    }
    for (int i = 0; i < captures.size(); i++) {
      String captured = captures.get(i);
      Res res = captured == null ? null : s.resources.get(key('B', captured));
      if (res == null || res.count() > 0 || res.last() == null) {
        continue;
      }
      int register = target.isStatic() ? Slots.registerOfParameter(target, i)
          : i == 0 ? 0 : Slots.registerOfParameter(target, i - 1);
      if (register < 0) {
        continue;
      }
      Event e = res.last();
      lambdaSeeds.computeIfAbsent(implementation, k -> new HashMap<>())
          .putIfAbsent(key('B', "a:" + register), new Res(0, new Event(e.how(), -1, e.line(), e.what(), e.byTryWithResources())));
    }
  }

  /** The implementation (name + descriptor) of a lambda made by {@code ins} when it is a method of this class. */
  private String lambdaImplementation(InvokeInstruction ins) {
    try {
      if (!(cp.getConstant(ins.getIndex()) instanceof ConstantInvokeDynamic indy)) {
        return null;
      }
      BootstrapMethods bootstraps = null;
      for (Attribute attribute : cls.getAttributes()) {
        if (attribute instanceof BootstrapMethods b) {
          bootstraps = b;
        }
      }
      if (bootstraps == null) {
        return null;
      }
      BootstrapMethod bootstrap = bootstraps.getBootstrapMethods()[indy.getBootstrapMethodAttrIndex()];
      if (!(cp.getConstant(bootstrap.getBootstrapMethodRef()) instanceof ConstantMethodHandle factory)
          || !(cp.getConstant(factory.getReferenceIndex()) instanceof ConstantCP factoryRef)
          || !"java/lang/invoke/LambdaMetafactory".equals(cp.getConstantString(factoryRef.getClassIndex(), Const.CONSTANT_Class))) {
        return null;
      }
      for (int argument : bootstrap.getBootstrapArguments()) {
        if (cp.getConstant(argument) instanceof ConstantMethodHandle handle
            && cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP ref
            && cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat) {
          String owner = cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class);
          return (owner.equals(self) ? "" : owner + ".") + nat.getName(cp) + nat.getSignature(cp);
        }
      }
      return "?";
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Method ownMethod(String implementation) {
    for (Method m : cls.getMethods()) {
      if ((m.getName() + m.getSignature()).equals(implementation)) {
        return m;
      }
    }
    return null;
  }

  // ---- calls --------------------------------------------------------------------------------------

  private void invoke(InstructionHandle handle, InvokeInstruction inv, PathState before) {
    int pc = handle.getPosition();
    // An array's methods (clone()) are Object's.
    String owner = inv.getReferenceType(cpg) instanceof ObjectType o ? o.getClassName().replace('.', '/') : "java/lang/Object";
    String name = inv.getMethodName(cpg);
    String signature = inv.getSignature(cpg);
    Type[] arguments = inv.getArgumentTypes(cpg);
    Type returned = inv.getReturnType(cpg);
    boolean isStatic = inv.getOpcode() == Const.INVOKESTATIC;
    PathState s = before.copy();
    Val[] args = new Val[arguments.length];
    for (int i = arguments.length - 1; i >= 0; i--) {
      if (arguments[i].getSize() == 2) {
        s.pop();
      }
      args[i] = s.pop();
    }
    Val receiver = isStatic ? null : s.pop();
    String rid = receiver == null ? null : receiver.id();
    Val result = null;
    // A future's completion does not throw (NON_THROWING_CALLS): no exception edge from it.
    boolean drawEdges = !(ReleaseModel.NON_THROWING_CALLS.hasName(name) && ReleaseModel.NON_THROWING_CALLS.matches(owner, name));
    String acquired = null;
    boolean forgetOnThrow = false;

    if (rid != null && ReleaseModel.LOCK_VIEWS.hasName(name) && signature.startsWith("()")
        && ReleaseModel.LOCK_VIEWS.matches(owner, name)) {
      String id = rid + "." + name + "()";
      name(id, nameOf(rid) + "." + name + "()");
      result = Val.plain(id, viewType(receiver.type(), name, typeName(returned)));
      drawEdges = false;
    } else if (ReleaseModel.LOCK_ACQUIRES.hasName(name) && !isStatic && ReleaseModel.LOCK_ACQUIRES.matches(owner, name)) {
      forgetOnThrow = true;
      drawEdges = !ReleaseModel.acquireCannotThrow(owner, name)
          && !ReleaseModel.acquireCannotThrow(receiver.type(), name);
      if (Types.isSubtype(owner, ReleaseModel.STAMPED_LOCK)) {
        String stamp = "st:" + pc;
        renew(s, stamp);
        result = Val.plain(stamp, null);
        if (rid != null) {
          s.resources.put(key('L', rid + "#" + stamp), new Res(1, null));
        }
      } else if (rid != null) {
        acquired = key('L', rid);
        Res res = s.resources.get(acquired);
        s.resources.put(acquired, new Res(res == null ? 1 : Math.min(MAX_COUNT, Math.max(0, res.count()) + 1), null));
      }
    } else if (ReleaseModel.LOCK_TRY_ACQUIRES.hasName(name) && !isStatic && ReleaseModel.LOCK_TRY_ACQUIRES.matches(owner, name)) {
      Event pending = new Event(How.TRY_PENDING, pc, line(pc), name + "()", false);
      if (Types.isSubtype(owner, ReleaseModel.STAMPED_LOCK)) {
        String stamp = "st:" + pc;
        renew(s, stamp);
        String hold = rid == null ? null : key('L', rid + "#" + stamp);
        result = Val.tryResult(stamp, hold, null);
        if (hold != null) {
          s.resources.put(hold, new Res(0, pending));
        }
      } else {
        String id = "t:" + pc;
        renew(s, id);
        String hold = rid == null ? null : key('L', rid);
        result = Val.tryResult(id, hold, null);
        if (hold != null) {
          Res res = s.resources.get(hold);
          s.resources.put(hold, new Res(res == null ? 0 : Math.max(0, res.count()), pending));
          if (arguments.length > 0) {
            acquired = hold; // a timed tryLock throws when interrupted
            forgetOnThrow = true;
          }
        }
      }
    } else if (ReleaseModel.LOCK_RELEASES.hasName(name) && !isStatic && ReleaseModel.LOCK_RELEASES.matches(owner, name)) {
      drawEdges = false; // an unlock of a held lock does not throw; of a lock not held, it is reported
      if (rid != null) {
        if (Types.isSubtype(owner, ReleaseModel.STAMPED_LOCK)) {
          if (args.length == 1 && args[0].id() != null) {
            unlock(s, key('L', rid + "#" + args[0].id()), nameOf(rid), pc, name);
          }
        } else if (args.length == 0) {
          unlock(s, key('L', rid), nameOf(rid), pc, name);
        }
      }
    } else if (ReleaseModel.LOCK_HELD_TESTS.hasName(name) && ReleaseModel.LOCK_HELD_TESTS.matches(owner, name)) {
      result = Val.test("h:" + pc, rid);
      drawEdges = false;
    } else if (ReleaseModel.OPEN_STATE_TESTS.hasName(name) && ReleaseModel.OPEN_STATE_TESTS.matches(owner, name)) {
      result = Val.test("h:" + pc, isStatic ? (args.length > 0 ? args[0].id() : null) : rid);
      if (result.subject() == null) {
        result = Val.test("h:" + pc, "?");
      }
    } else if (ReleaseModel.ONCE_GUARDS.hasName(name) && ReleaseModel.ONCE_GUARDS.matches(owner, name)) {
      result = Val.test("h:" + pc, null);
    } else if (!isStatic && ReleaseModel.REFCOUNT_RELEASE.hasName(name) && ReleaseModel.REFCOUNT_RELEASE.matches(owner, name)) {
      drawEdges = false;
      if (rid != null) {
        releaseBuffer(s, rid, pc, How.RELEASE, "release()");
      }
    } else if (isStatic && ReleaseModel.REFCOUNT_STATIC_RELEASES.hasName(name)
        && ReleaseModel.REFCOUNT_STATIC_RELEASES.matches(owner, name)) {
      drawEdges = false;
      if (args.length > 0 && args[0].id() != null) {
        releaseBuffer(s, args[0].id(), pc, How.RELEASE, Types.displayName(owner) + "." + name + "()");
      }
    } else if (ReleaseModel.REFCOUNT_RETAINS.hasName(name) && ReleaseModel.REFCOUNT_RETAINS.matches(owner, name)) {
      drawEdges = false;
      Val target = isStatic ? (args.length > 0 ? args[0] : Val.UNKNOWN) : receiver;
      if (target.id() != null) {
        String k = key('B', target.id());
        Res res = s.resources.get(k);
        s.resources.put(k, new Res(Math.min(MAX_COUNT, (res == null ? 1 : Math.max(0, res.count())) + 1), null));
        result = target;
      }
    } else if (!isStatic && rid != null && ReleaseModel.SHARED_COUNT_DERIVATIONS.hasName(name)
        && ReleaseModel.SHARED_COUNT_DERIVATIONS.matches(owner, name)) {
      result = Val.plain(rid, typeName(returned));
    } else if (ReleaseModel.OWNERSHIP_TAKING_CALLS.hasName(name) && ReleaseModel.OWNERSHIP_TAKING_CALLS.matches(owner, name)) {
      Set<String> handed = new LinkedHashSet<>();
      for (int i = 0; i < args.length; i++) {
        Val arg = args[i];
        if (arg.id() != null && arg.tag() == Tag.PLAIN
            && parameterMayBeReferenceCounted(arguments[i])
            && ReleaseModel.mayBeReferenceCounted(arg.type())) {
          List<String> members = s.arrays.get(arg.id());
          if (members != null) {
            handed.addAll(members);
          } else {
            handed.add(arg.id());
          }
        }
      }
      for (String id : handed) {
        releaseBuffer(s, id, pc, How.HANDOFF, name + "()");
      }
    }

    boolean self = !method.isStatic() && "a:0".equals(rid);
    if (self) {
      // The class closing itself, or calling itself after: its own business. A method of its own may take or
      // give back the locks its fields hold (a relock() helper): what this path knew of them is forgotten.
      s.resources.keySet().removeIf(k -> k.startsWith("L|f:") || k.startsWith("L|s:"));
    } else if (!isStatic && rid != null && ReleaseModel.CLOSE.hasName(name) && "()V".equals(signature)
        && ReleaseModel.CLOSE.matches(owner, name)) {
      close(s, rid, pc, twrCloses.contains(pc), receiver.type(), owner);
    } else if (!isStatic && rid != null && !Const.CONSTRUCTOR_NAME.equals(name)) {
      usedAfterClose(s, receiver, owner, name, pc);
    }

    // What the result reads from, or what wraps what.
    if (Const.CONSTRUCTOR_NAME.equals(name) && rid != null && args.length > 0 && args[0].id() != null) {
      if (ReleaseModel.isClosingWrapper(owner)) {
        s.owners.put(key('C', args[0].id()), rid);
      }
      if (ReleaseModel.RELEASE_ON_CLOSE_STREAMS.matches(owner, name)
          && args.length >= 2 && arguments[arguments.length - 1] == Type.BOOLEAN
          && args[args.length - 1].tag() == Tag.CONST && args[args.length - 1].constant() != 0) {
        s.owners.put(key('B', args[0].id()), rid);
      }
    }
    if (result == null && returned != Type.VOID) {
      String id = "r:" + pc;
      Val[] operands = Arrays.copyOf(args, args.length + 1);
      operands[args.length] = receiver == null ? Val.UNKNOWN : receiver;
      String earlier = renew(s, id, operands);
      if (earlier != null) {
        // This call's own operands may hold what it returned on the pass before (next = next.next()).
        for (int i = 0; i < args.length; i++) {
          args[i] = PathState.renamed(args[i], id, earlier);
        }
        receiver = PathState.renamed(receiver, id, earlier);
      }
      String readFrom = receiver == null ? null : receiver.id();
      result = Val.result(id, typeName(returned), name);
      types.put(id, result.type());
      if (readFrom != null && (ReleaseModel.OWNER_DEPENDENT_RESULTS.matches(owner, name)
          || returned instanceof ObjectType ret && Types.isSubtype(owner, ReleaseModel.BASE_STREAM)
              && Types.isSubtype(ret.getClassName(), ReleaseModel.BASE_STREAM))) {
        s.owners.put(key('C', id), readFrom);
      }
      if (isStatic && args.length > 0 && args[0].id() != null
          && ReleaseModel.CLOSING_WRAPPER_FACTORIES.matches(owner, name)) {
        s.owners.put(key('C', args[0].id()), id);
      }
    }

    // Code that runs later, and waits for it.
    laterRunning(s, owner, name, isStatic, receiver, args, result, pc);

    if (result != null) {
      s.push(result);
      if (returned.getSize() == 2) {
        s.push(Val.TOP);
      }
    }

    if (drawEdges) {
      String lock = acquired;
      boolean forget = forgetOnThrow;
      boolean waits = ReleaseModel.COMPLETION_WAITS.hasName(name) && ReleaseModel.COMPLETION_WAITS.matches(owner, name);
      callExceptionEdges(pc, owner, name, signature, before, ex -> {
        if (forget) {
          // Only the lock being taken is worth a finding on this rare edge. Taken for the first time on this
          // path, it is not held: a finally that unlocks it throws. Taken again after a release, or on top of
          // a hold, nothing is said.
          Res previous = lock == null ? null : ex.resources.get(lock);
          boolean firstTime = lock != null && !before.resources.containsKey(lock);
          ex.resources.clear();
          if (firstTime) {
            ex.resources.put(lock, new Res(0, new Event(How.ACQUIRE_THREW, pc, line(pc), name + "()", false)));
          } else if (previous != null && previous.count() > 0) {
            ex.resources.put(lock, previous);
          }
        }
        if (waits) {
          // A wait that throws has seen its task end (or given up on it): the task is no longer pending here.
          boolean executor = Types.isSubtype(owner, "java/util/concurrent/ExecutorService");
          ex.pending.removeIf(p -> !p.stored() && (executor || rid != null && p.futures().contains(rid)));
        }
      });
    }
    if ((owner.equals(this.self) && own.neverReturn().contains(name + signature))
        || ReleaseModel.NEVER_RETURNING_METHODS.matches(owner, name)) {
      return; // the call ends the path, like a throw
    }
    for (int next : flow.successors(pc)) {
      enqueue(next, s);
    }
  }

  /** Whether a parameter of this type can take a reference counted object, or an array of them. */
  private static boolean parameterMayBeReferenceCounted(Type parameter) {
    Type element = parameter instanceof ArrayType array ? array.getBasicType() : parameter;
    return element instanceof ObjectType object && ReleaseModel.mayBeReferenceCounted(typeName(object));
  }

  /** The class of a lock view, where the lock's own class is known: a ReentrantReadWriteLock's halves. */
  private static String viewType(String lockType, String name, String declared) {
    if (lockType != null && Types.isSubtype(lockType, "java/util/concurrent/locks/ReentrantReadWriteLock")) {
      return "java/util/concurrent/locks/ReentrantReadWriteLock$" + (name.equals("readLock") ? "ReadLock" : "WriteLock");
    }
    return declared;
  }

  /**
   * A pending task's future handed to other code or stored (a list of futures joined later, {@code allOf}):
   * when it is waited for is no longer seen, so the task is no longer judged.
   */
  private static void escapes(PathState s, Val value) {
    if (value.id() != null) {
      s.pending.removeIf(p -> !p.stored() && p.futures().contains(value.id()));
    }
  }

  private void laterRunning(PathState s, String owner, String name, boolean isStatic, Val receiver, Val[] args,
      Val result, int pc) {
    String rid = receiver == null ? null : receiver.id();
    if (!(ReleaseModel.COMPLETION_WAITS.hasName(name) && ReleaseModel.COMPLETION_WAITS.matches(owner, name))) {
      for (Val arg : args) {
        escapes(s, arg);
      }
    }
    if (rid != null && result != null && result.id() != null) {
      // A stage derived from a pending one is waited for when it is.
      for (int i = 0; i < s.pending.size(); i++) {
        Pending p = s.pending.get(i);
        if (!p.stored() && p.futures().contains(rid)) {
          Set<String> futures = new HashSet<>(p.futures());
          futures.add(result.id());
          s.pending.set(i, new Pending(false, p.resource(), p.pc(), p.detail(), null, Set.copyOf(futures)));
        }
      }
    }
    if (ReleaseModel.COMPLETION_WAITS.hasName(name) && ReleaseModel.COMPLETION_WAITS.matches(owner, name)) {
      boolean executor = Types.isSubtype(owner, "java/util/concurrent/ExecutorService");
      s.pending.removeIf(p -> !p.stored() && (executor || rid != null && p.futures().contains(rid)));
      return;
    }
    boolean later = ReleaseModel.LATER_RUNNING_CALLS.hasName(name) && ReleaseModel.LATER_RUNNING_CALLS.matches(owner, name)
        || !isStatic && Types.isSubtype(owner, ReleaseModel.CALLBACK_STAGE);
    if (!later) {
      return;
    }
    String future = Const.CONSTRUCTOR_NAME.equals(name) ? rid : result == null ? null : result.id();
    for (Val arg : args) {
      if (arg.tag() != Tag.LAMBDA || arg.captures() == null) {
        continue;
      }
      for (String captured : arg.captures()) {
        if (captured == null || !judgedAfterClose(captured, types.get(captured))) {
          continue;
        }
        String call = Const.CONSTRUCTOR_NAME.equals(name) ? "new " + Types.displayName(owner)
            : Types.displayName(owner) + "." + name;
        s.pending.add(new Pending(false, captured, pc, "a lambda handed to " + call, null,
            future == null ? Set.of() : Set.of(future)));
      }
    }
  }

  // ---- releases -----------------------------------------------------------------------------------

  private void unlock(PathState s, String k, String subject, int pc, String name) {
    Res res = s.resources.get(k);
    if (res == null) {
      return;
    }
    if (res.count() > 0) {
      s.resources.put(k, new Res(res.count() - 1, new Event(How.RELEASE, pc, line(pc), name + "()", false)));
      return;
    }
    Event last = res.last();
    s.resources.remove(k);
    if (last == null) {
      return;
    }
    switch (last.how()) {
      case RELEASE -> report(pc, last.pc() == pc ? Kind.RELEASED_IN_LOOP : Kind.RELEASED_TWICE, subject,
          last.pc() == pc ? new Object[0] : new Object[] {at(last)});
      case ACQUIRE_THREW -> report(pc, Kind.UNLOCKED_WHEN_ACQUIRE_THREW, subject, at(last));
      case TRY_PENDING, TRY_FAILED -> report(pc, Kind.UNLOCKED_AFTER_FAILED_TRY, subject, at(last));
      default -> { }
    }
  }

  private static String notCounted(String id) {
    return "nonrc:" + id;
  }

  private void releaseBuffer(PathState s, String id, int pc, How how, String what) {
    if (s.known.containsKey(notCounted(id))) {
      return;
    }
    String k = key('B', id);
    Res res = s.resources.get(k);
    int count = res == null ? 1 : res.count();
    if (count > 0) {
      s.resources.put(k, new Res(count - 1, new Event(how, pc, line(pc), what, false)));
      return;
    }
    s.resources.remove(k);
    Event last = res.last();
    if (last == null || how == How.OWNER_CLOSE) {
      return;
    }
    String subject = nameOf(id);
    if (last.pc() == pc) {
      report(pc, Kind.RELEASED_IN_LOOP, subject);
      return;
    }
    switch (last.how()) {
      case RELEASE -> report(pc, how == How.HANDOFF ? Kind.USED_AFTER_RELEASE : Kind.RELEASED_TWICE, subject, at(last));
      case HANDOFF -> report(pc, Kind.RELEASED_AFTER_HANDOFF, subject, at(last));
      case OWNER_CLOSE -> report(pc, Kind.RELEASED_AFTER_WRAPPER, subject, "'" + last.what() + "'");
      default -> { }
    }
  }

  private void close(PathState s, String id, int pc, boolean synthetic, String valueType, String owner) {
    String k = key('C', id);
    Res res = s.resources.get(k);
    if (res == null || res.count() > 0) {
      s.resources.put(k, new Res(0, new Event(synthetic ? How.TWR_CLOSE : How.RELEASE, pc, line(pc), "close()", synthetic)));
      closeOwned(s, id, nameOf(id), pc, synthetic, 0);
      List<Pending> pendings = s.takePending(id);
      if (synthetic) {
        for (Pending p : pendings) {
          if (p.stored()) {
            report(p.pc(), Kind.STORED_FROM_TRY_WITH_RESOURCES, nameOf(id), p.detail());
          } else {
            report(p.pc(), Kind.CAPTURED_BY_LATER_CODE, nameOf(id), p.detail());
          }
        }
      }
      return;
    }
    Event last = res.last();
    if (last == null || last.how() != How.RELEASE || ReleaseModel.idempotent(valueType, owner, types.get(id))) {
      return;
    }
    if (synthetic) {
      if (last.pc() >= 0) {
        report(last.pc(), Kind.CLOSED_INSIDE_TRY_WITH_RESOURCES, nameOf(id));
      }
    } else if (last.pc() == pc) {
      report(pc, Kind.RELEASED_IN_LOOP, nameOf(id));
    } else {
      report(pc, Kind.RELEASED_TWICE, nameOf(id), at(last));
    }
  }

  /** Closing {@code id} closes what it wraps and what reads from it, and releases a buffer it owns. */
  private void closeOwned(PathState s, String id, String root, int pc, boolean synthetic, int depth) {
    if (depth > MAX_OWNER_DEPTH) {
      return;
    }
    List<String> owned = new ArrayList<>();
    for (Map.Entry<String, String> e : s.owners.entrySet()) {
      if (e.getValue().equals(id)) {
        owned.add(e.getKey());
      }
    }
    for (String k : owned) {
      String inner = PathState.idOf(k);
      if (k.charAt(0) == 'B') {
        releaseBuffer(s, inner, pc, How.OWNER_CLOSE, root);
      } else {
        Res res = s.resources.get(k);
        if (res == null || res.count() > 0) {
          s.resources.put(k, new Res(0, new Event(How.OWNER_CLOSE, pc, line(pc), root, synthetic)));
          closeOwned(s, inner, root, pc, synthetic, depth + 1);
        }
      }
    }
  }

  private void usedAfterClose(PathState s, Val receiver, String owner, String name, int pc) {
    Res res = s.resources.get(key('C', receiver.id()));
    if (res == null || res.count() > 0 || res.last() == null || ReleaseModel.CLOSED_SAFE_METHOD_NAMES.contains(name)) {
      return;
    }
    String type = receiver.type() != null ? receiver.type() : owner;
    if (!judgedAfterClose(receiver.id(), type)) {
      return;
    }
    Event last = res.last();
    s.resources.remove(key('C', receiver.id()));
    if (last.how() == How.OWNER_CLOSE) {
      report(pc, Kind.USED_AFTER_OWNER_CLOSED, nameOf(receiver.id()), "'" + last.what() + "'");
    } else if (last.how() == How.RELEASE) {
      report(pc, Kind.USED_AFTER_RELEASE, nameOf(receiver.id()), at(last));
    }
  }

  /**
   * Whether a use of {@code id}, of {@code type}, after its close throws: a type that throws once closed,
   * unless the value was made right here ({@code new}) of a class whose {@code close()} does nothing.
   */
  private static boolean judgedAfterClose(String id, String type) {
    return ReleaseModel.throwsWhenClosed(type) && !(id.startsWith("n:") && ReleaseModel.closeDoesNothing(type));
  }

  /** A value returned: a try-with-resources resource (or what reads from it, or a lambda capturing it). */
  private void returned(int pc, PathState s, Val value) {
    if (value.id() == null) {
      return;
    }
    if (value.tag() == Tag.LAMBDA && value.captures() != null) {
      for (String captured : value.captures()) {
        Res res = captured == null ? null : s.resources.get(key('C', captured));
        if (res != null && res.count() <= 0 && res.last() != null && res.last().how() == How.TWR_CLOSE
            && judgedAfterClose(captured, types.get(captured))) {
          report(pc, Kind.CAPTURED_BY_LATER_CODE, nameOf(captured), "a lambda returned from " + method.getName() + "()");
        }
      }
      return;
    }
    Res res = s.resources.get(key('C', value.id()));
    if (res == null || res.count() > 0 || res.last() == null) {
      return;
    }
    Event last = res.last();
    if (last.how() == How.TWR_CLOSE && judgedAfterClose(value.id(), value.type())) {
      report(pc, Kind.RETURNED_FROM_TRY_WITH_RESOURCES, nameOf(value.id()));
    } else if (last.how() == How.OWNER_CLOSE && last.byTryWithResources() && value.call() != null
        && s.owners.containsKey(key('C', value.id()))) {
      report(pc, Kind.ESCAPES_THROUGH_DEPENDENT, last.what(), value.call() + "()");
    }
  }

  /** The framework releases the message parameter once the method returns. */
  private void frameworkRelease(PathState s) {
    if (autoRelease == null) {
      return;
    }
    String id = "a:" + autoRelease.slot();
    Res res = s.resources.get(key('B', id));
    if (res == null || res.count() > 0 || res.last() == null || res.last().pc() < 0) {
      return;
    }
    Event last = res.last();
    if (last.how() == How.RELEASE) {
      report(last.pc(), Kind.RELEASED_BY_FRAMEWORK_TOO, nameOf(id), autoRelease.framework());
    } else if (last.how() == How.HANDOFF) {
      report(last.pc(), Kind.HANDED_ON_THEN_AUTO_RELEASED, nameOf(id), last.what(), autoRelease.framework());
    }
  }

  // ---- names and places ---------------------------------------------------------------------------

  /**
   * The instruction that names its value {@code id} (a call's result, an allocation, a field read, a stamp)
   * makes a new one: a value this path still holds from an earlier pass of the instruction is another object,
   * renamed by {@link PathState#renew}, and keeps its type.
   */
  private String renew(PathState s, String id, Val... operands) {
    String earlier = s.renew(id, operands);
    if (earlier != null) {
      types.put(earlier, types.get(id));
    }
    return earlier;
  }

  private void report(int pc, Kind kind, String subject, Object... details) {
    findings.add(new Finding(pc, kind, subject, details));
  }

  private static String at(Event event) {
    return event.what() + (event.line() > 0 ? " at line " + event.line() : "");
  }

  private int line(int pc) {
    return lines == null ? -1 : lines.getSourceLine(pc);
  }

  private void name(String id, String name) {
    if (id != null && name != null) {
      names.putIfAbsent(id, name);
    }
  }

  private void nameFromTable(String id, int slot, int pc) {
    if (names.containsKey(id) || variables == null) {
      return;
    }
    LocalVariable variable = variables.getLocalVariable(slot, pc);
    if (variable != null) {
      names.put(id, variable.getName());
    }
  }

  private String nameOf(String id) {
    String name = names.get(id);
    if (name != null) {
      return name;
    }
    String type = types.get(id);
    return type == null ? "resource" : Types.displayName(type);
  }

  private static String typeName(Type type) {
    return type instanceof ObjectType object ? object.getClassName().replace('.', '/') : null;
  }
}
