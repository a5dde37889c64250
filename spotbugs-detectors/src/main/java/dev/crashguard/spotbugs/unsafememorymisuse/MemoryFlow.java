package dev.crashguard.spotbugs.unsafememorymisuse;

import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.Kind;
import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.common.ExceptionHandlers;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.StackShuffles;
import dev.crashguard.spotbugs.common.Types;
import dev.crashguard.spotbugs.unsafememorymisuse.FlowState.Life;
import dev.crashguard.spotbugs.unsafememorymisuse.FlowState.Status;
import dev.crashguard.spotbugs.unsafememorymisuse.FlowState.Tag;
import dev.crashguard.spotbugs.unsafememorymisuse.FlowState.Val;
import dev.crashguard.spotbugs.unsafememorymisuse.UnsafeModel.Call;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ANEWARRAY;
import org.apache.bcel.generic.ArithmeticInstruction;
import org.apache.bcel.generic.ArrayInstruction;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.ConversionInstruction;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.IINC;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.LDC2_W;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.MULTIANEWARRAY;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.NEWARRAY;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

/**
 * Follows every path through one method (up to a budget), each with its own {@link FlowState}, and records
 * the findings of {@code UnsafeMemoryMisuse}: an address freed twice, used after its free or after
 * reallocateMemory moved it, allocated here and lost (returned, stored or handed to any call is not lost:
 * it is owned elsewhere), a literal used as an address or offset, an offset of one class or array type used
 * with a base of another, a length past a literal allocation, and {@code Unsafe.getUnsafe()}.
 *
 * <p>Addresses are followed only while they stay in locals (or are read from a final field of {@code this}
 * or a parameter: those start with an unknown life). Exception edges are drawn from every call that is not an
 * {@code Unsafe} method (and from {@code athrow}) to the handlers covering it; a {@code finally} block's copies
 * each see their own states, and findings are reported once per line. An exception that no handler covers
 * leaves the method: an allocation still live there leaks. What the flow does not reach within its budget is
 * never reported.
 */
final class MemoryFlow {

  static final int MAX_STATES_PER_PC = 16;
  static final int MAX_STEPS = 40_000;

  /** What the flow asks of the rest of the class path. */
  interface Context {
    /** The layout a static final field of {@code owner} holds (from its class's {@code <clinit>}), or empty. */
    Set<String> staticLayout(String owner, String name);

    /** Whether a call of a method of this class family only borrows the address in argument {@code arg}. */
    boolean borrows(JavaClass caller, InvokeInstruction invoke, ConstantPoolGen cpg, int arg);
  }

  /** A finding at {@code pc}. */
  record Finding(int pc, Kind kind, String subject, Object[] details) {}

  /** A static final field of the class assigned in {@code <clinit>} (fact mode). */
  record Assignment(String field, Set<String> layout) {}

  private record Work(int pc, FlowState state) {}

  private final JavaClass cls;
  private final Method method;
  private final ConstantPool cp;
  private final ConstantPoolGen cpg;
  private final Code code;
  private final ControlFlow flow;
  private final Context context;
  private final boolean factsOnly;
  private final String self;
  private final LineNumberTable lines;
  private final LocalVariableTable variables;
  private final Map<Integer, InstructionHandle> handles = new HashMap<>();
  private final ExceptionHandlers handlers;
  private final Deque<Work> work = new ArrayDeque<>();
  private final Map<Integer, Set<FlowState>> seen = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<Assignment> assignments = new ArrayList<>();
  private final Map<Integer, String> exceptionalLeaks = new HashMap<>();
  /** A reallocation's result → the name of the address it was given (the subject when the result is dropped). */
  private final Map<String, String> reallocated = new HashMap<>();
  private final Set<Integer> freedBirths = new HashSet<>();

  MemoryFlow(JavaClass cls, Method method, ConstantPoolGen cpg, Context context, boolean factsOnly) {
    this.cls = cls;
    this.method = method;
    this.cp = cls.getConstantPool();
    this.cpg = cpg;
    this.code = method.getCode();
    this.flow = new ControlFlow(code.getCode());
    this.handlers = new ExceptionHandlers(code, cp);
    this.context = context;
    this.factsOnly = factsOnly;
    this.self = cls.getClassName().replace('.', '/');
    this.lines = code.getLineNumberTable();
    this.variables = code.getLocalVariableTable();
    for (InstructionHandle h : flow.instructions().getInstructionHandles()) {
      handles.put(h.getPosition(), h);
    }
  }

  List<Finding> findings() {
    return findings;
  }

  List<Assignment> assignments() {
    return assignments;
  }

  /** Runs the flow; false when the code holds what it does not follow (old subroutines). */
  boolean run() {
    for (InstructionHandle h : flow.instructions().getInstructionHandles()) {
      short op = h.getInstruction().getOpcode();
      if (op == Const.JSR || op == Const.JSR_W || op == Const.RET) {
        return false;
      }
    }
    FlowState start = new FlowState(Math.max(1, code.getMaxLocals()));
    int slot = 0;
    if (!method.isStatic()) {
      start.locals[0] = new Val(Tag.REF, "L" + self + ";", null, false, Set.of(), null, false, "this", null, null);
      slot = 1;
    }
    for (Type argument : method.getArgumentTypes()) {
      if (slot >= start.locals.length) {
        break;
      }
      if (argument == Type.LONG) {
        String id = "a:" + slot;
        start.locals[slot] = Val.address(id);
        nameFromTable(id, slot, 0);
      } else {
        start.locals[slot] = typed(argument);
      }
      if (argument.getSize() == 2 && slot + 1 < start.locals.length) {
        start.locals[slot + 1] = Val.TOP;
      }
      slot += argument.getSize();
    }
    work.add(new Work(0, start));
    int steps = 0;
    while (!work.isEmpty() && steps++ < MAX_STEPS) {
      Work next = work.poll();
      Set<FlowState> states = seen.computeIfAbsent(next.pc(), pc -> new HashSet<>());
      if (states.size() >= MAX_STATES_PER_PC || !states.add(next.state())) {
        continue;
      }
      InstructionHandle handle = handles.get(next.pc());
      if (handle != null) {
        step(handle, next.state());
      }
    }
    judgeExceptionalLeaks();
    return true;
  }

  // ---- one instruction ----------------------------------------------------------------------------

  private void step(InstructionHandle handle, FlowState before) {
    Instruction ins = handle.getInstruction();
    int pc = handle.getPosition();
    short op = ins.getOpcode();
    FlowState s = before.copy();
    if (ins instanceof IfInstruction branch) {
      branch(handle, branch, s);
      return;
    }
    if (op == Const.ATHROW) {
      s.pop();
      exceptionEdges(pc, s, true);
      return;
    }
    if (op >= Const.IRETURN && op <= Const.RETURN) {
      if (op != Const.RETURN) {
        escape(s, s.pop(op == Const.LRETURN || op == Const.DRETURN ? 2 : 1));
      }
      exit(s, !s.exceptional);
      return;
    }
    if (ins instanceof InvokeInstruction invoke) {
      if (!invoke(handle, invoke, s)) {
        return;
      }
    } else {
      simulate(handle, ins, s);
    }
    for (int next : flow.successors(pc)) {
      enqueue(next, s);
    }
  }

  private void enqueue(int pc, FlowState state) {
    Set<FlowState> states = seen.get(pc);
    if (states != null && states.size() >= MAX_STATES_PER_PC) {
      return;
    }
    state.hashCode();
    work.add(new Work(pc, state));
  }

  /**
   * An exception thrown at {@code pc} with the state {@code s} (stack not yet cleared): to each handler, or out
   * of the method when none covers the instruction (a typed catch is taken to cover what the code expects).
   */
  private void exceptionEdges(int pc, FlowState s, boolean thrownHere) {
    int[] targets = handlers.at(pc);
    FlowState ex = s.copy();
    ex.stack.clear();
    if (!thrownHere) {
      ex.exceptional = true;
    }
    if (targets.length == 0) {
      exit(ex, thrownHere && !s.exceptional);
      return;
    }
    ex.push(Val.ref("Ljava/lang/Throwable;"));
    for (int target : targets) {
      enqueue(target, ex);
    }
  }

  /**
   * The method ends on this path: every allocation made here and still live is lost. When the path ends by an
   * exception a call threw (or a {@code throw} in code that handles one), the leak counts only if the method
   * frees that allocation on some other path: it meant to own it (an exception before a hand-off is not
   * judged).
   */
  private void exit(FlowState s, boolean explicit) {
    for (Map.Entry<String, Life> e : s.lives.entrySet()) {
      Life life = e.getValue();
      if (life.owned() && life.status() == Status.LIVE) {
        if (explicit) {
          report(life.birth(), Kind.LEAKED, nameOf(e.getKey()));
        } else {
          exceptionalLeaks.putIfAbsent(life.birth(), nameOf(e.getKey()));
        }
      }
    }
  }

  /** The leaks on paths a call's exception ends, of allocations this method frees elsewhere. */
  private void judgeExceptionalLeaks() {
    for (Map.Entry<Integer, String> e : exceptionalLeaks.entrySet()) {
      if (freedBirths.contains(e.getKey())) {
        report(e.getKey(), Kind.LEAKED, e.getValue());
      }
    }
  }

  /** {@code v} is no longer held by this path's locals: if it was the last hold of a live allocation, it leaks. */
  private void lost(FlowState s, Val v, boolean dropped) {
    String id = v.addr();
    if (id == null || v.derived() || s.holds(id)) {
      return;
    }
    Life life = s.lives.get(id);
    if (life == null || !life.owned() || life.status() != Status.LIVE) {
      return;
    }
    if (life.realloc() && dropped) {
      report(life.birth(), Kind.REALLOCATION_DROPPED, reallocated.getOrDefault(id, nameOf(id)));
    } else {
      report(life.birth(), Kind.LEAKED, nameOf(id));
    }
    s.lives.put(id, life.with(Status.ESCAPED, life.event()));
  }

  /** {@code v} is handed to code this flow does not follow: whatever address it carries is owned there. */
  private static void escape(FlowState s, Val v) {
    if (v.addr() != null) {
      Life life = s.lives.get(v.addr());
      s.lives.put(v.addr(), life == null ? new Life(Status.ESCAPED, -1, -1, null, false, false)
          : life.with(Status.ESCAPED, life.event()));
    }
  }

  // ---- branches -----------------------------------------------------------------------------------

  private void branch(InstructionHandle handle, IfInstruction branch, FlowState s) {
    int target = branch.getTarget().getPosition();
    InstructionHandle nextHandle = handle.getNext();
    int next = nextHandle == null ? -1 : nextHandle.getPosition();
    short op = branch.getOpcode();
    Boolean jump = null;
    switch (op) {
      case Const.IFEQ, Const.IFNE, Const.IFLT, Const.IFGE, Const.IFGT, Const.IFLE -> {
        Val v = s.pop();
        Long value = v.value();
        if (v.tag() == Tag.CMP) {
          value = compareResult(s, v.left(), v.right());
        }
        if (value != null && (value != 2L || op == Const.IFEQ || op == Const.IFNE)) {
          // 2 stands for "not equal, order unknown"
          jump = value == 2L ? op == Const.IFNE : compare(op, value);
        }
      }
      case Const.IFNULL, Const.IFNONNULL -> {
        Val v = s.pop();
        Boolean isNull = v.tag() == Tag.NULL ? Boolean.TRUE
            : "this".equals(v.origin()) || "new".equals(v.origin()) ? Boolean.FALSE : null;
        if (isNull != null) {
          jump = op == Const.IFNULL ? isNull : !isNull;
        }
      }
      default -> {
        Val b = s.pop();
        Val a = s.pop();
        if (op >= Const.IF_ICMPEQ && op <= Const.IF_ICMPLE && a.value() != null && b.value() != null) {
          jump = compare((short) (op - Const.IF_ICMPEQ + Const.IFEQ), Long.compare(a.value(), b.value()));
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
    enqueue(target, s.copy());
    if (next >= 0) {
      enqueue(next, s);
    }
  }

  /**
   * The result of {@code lcmp a, b} where known: -1, 0, 1, or 2 for "not equal". An address this path
   * allocated and has not freed is never equal to a constant (allocateMemory returns neither 0 nor -1 for
   * memory it allocated).
   */
  private static Long compareResult(FlowState s, Val a, Val b) {
    if (a == null || b == null) {
      return null;
    }
    if (a.value() != null && b.value() != null) {
      return (long) Long.compare(a.value(), b.value());
    }
    Val address = a.value() == null ? a : b;
    Val constant = a.value() == null ? b : a;
    if (constant.value() != null && address.addr() != null && !address.derived()) {
      Life life = s.lives.get(address.addr());
      if (life != null && life.owned() && life.status() == Status.LIVE) {
        return 2L;
      }
    }
    return null;
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

  // ---- plain instructions -------------------------------------------------------------------------

  private void simulate(InstructionHandle handle, Instruction ins, FlowState s) {
    int pc = handle.getPosition();
    short op = ins.getOpcode();
    if (StackShuffles.apply(op, s::pop, s::push)) {
      return;
    }
    if (op == Const.POP2 && s.stack.size() >= 2 && s.stack.get(s.stack.size() - 1).tag() == Tag.TOP) {
      lost(s, s.pop(2), true); // a long result dropped: an allocation or reallocation nobody keeps
    } else if (op == Const.POP || op == Const.POP2) {
      s.pop();
      if (op == Const.POP2) {
        s.pop();
      }
    } else if (op == Const.ACONST_NULL) {
      s.push(Val.NULL);
    } else if (ins instanceof ConstantPushInstruction push) {
      Number n = push.getValue();
      Type type = push.getType(cpg);
      if (type == Type.LONG || type == Type.INT || type == Type.SHORT || type == Type.BYTE || type == Type.CHAR
          || type == Type.BOOLEAN) {
        s.push(Val.literal(n.longValue()), type.getSize());
      } else {
        s.push(Val.UNKNOWN, type.getSize());
      }
    } else if (ins instanceof LDC ldc) {
      s.push(ldc(ldc));
    } else if (ins instanceof LDC2_W ldc) {
      boolean isLong = cp.getConstant(ldc.getIndex()).getTag() == Const.CONSTANT_Long;
      s.push(isLong && ldc.getValue(cpg) instanceof Long l ? Val.literal(l) : Val.UNKNOWN, 2);
    } else if (ins instanceof LoadInstruction load) {
      int size = load.getType(cpg).getSize();
      Val v = load.getIndex() < s.locals.length ? s.locals[load.getIndex()] : Val.UNKNOWN;
      s.push(v.loaded(), size);
    } else if (ins instanceof StoreInstruction store) {
      int size = store.getType(cpg).getSize();
      Val v = s.pop(size);
      int index = store.getIndex();
      if (index + size - 1 >= s.locals.length) {
        return;
      }
      Val old = s.locals[index];
      s.locals[index] = v;
      if (size == 2) {
        s.locals[index + 1] = Val.TOP;
      }
      if (old.addr() != null && !old.addr().equals(v.addr())) {
        lost(s, old, false);
      }
      if (v.addr() != null) {
        nameFromTable(v.addr(), index, pc + ins.getLength());
      }
    } else if (ins instanceof IINC iinc) {
      int index = iinc.getIndex();
      if (index < s.locals.length) {
        s.locals[index] = Val.NUM; // a counter: its values are not followed, so that loops meet again
      }
    } else if (ins instanceof ArithmeticInstruction) {
      arithmetic(op, ins, s);
    } else if (ins instanceof ConversionInstruction conversion) {
      Val v = s.pop(conversion.consumeStack(cpg));
      Type to = conversion.getType(cpg);
      boolean integral = to == Type.LONG || to == Type.INT || to == Type.BYTE || to == Type.CHAR || to == Type.SHORT;
      boolean fromIntegral = op == Const.I2L || op == Const.L2I || op == Const.I2B || op == Const.I2C
          || op == Const.I2S;
      if (integral && fromIntegral && v.tag() == Tag.NUM) {
        if (v.addr() != null && op != Const.I2L) {
          escape(s, v); // an address cut to an int: no longer followed
        }
        Long value = v.value() == null ? null : convert(op, v.value());
        s.push(new Val(Tag.NUM, null, value, v.literal(), v.layout(), op == Const.I2L ? v.addr() : null,
            v.derived(), v.origin(), null, null), to.getSize());
      } else {
        s.push(integral ? Val.NUM : Val.UNKNOWN, to.getSize());
      }
    } else if (op == Const.LCMP) {
      Val b = s.pop(2);
      Val a = s.pop(2);
      s.push(Val.compare(a, b));
    } else if (ins instanceof FieldInstruction field) {
      field(op, field, s);
    } else if (ins instanceof NEW make) {
      s.push(new Val(Tag.REF, make.getLoadClassType(cpg).getSignature(), null, false, Set.of(), null, false, "new",
          null, null));
    } else if (ins instanceof NEWARRAY array) {
      s.pop();
      s.push(new Val(Tag.REF, array.getType().getSignature(), null, false, Set.of(), null, false, "new", null,
          null));
    } else if (ins instanceof ANEWARRAY array) {
      s.pop();
      s.push(new Val(Tag.REF, "[" + array.getType(cpg).getSignature(), null, false, Set.of(), null, false, "new",
          null, null));
    } else if (ins instanceof MULTIANEWARRAY array) {
      for (int i = 0; i < array.getDimensions(); i++) {
        s.pop();
      }
      s.push(Val.ref(array.getType(cpg).getSignature()));
    } else if (ins instanceof CHECKCAST cast) {
      Val v = s.pop();
      s.push(v.tag() == Tag.NULL ? v : new Val(Tag.REF, cast.getType(cpg).getSignature(), null, false, Set.of(),
          null, false, v.origin(), null, null));
    } else if (op == Const.ARRAYLENGTH) {
      s.pop();
      s.push(Val.NUM);
    } else if (ins instanceof ArrayInstruction array) {
      arrayAccess(op, array, s);
    } else {
      generic(ins, s);
    }
  }

  private static long convert(short op, long value) {
    return switch (op) {
      case Const.L2I -> (int) value;
      case Const.I2B -> (byte) value;
      case Const.I2C -> (char) value;
      case Const.I2S -> (short) value;
      default -> value;
    };
  }

  private Val ldc(LDC ldc) {
    int tag = cp.getConstant(ldc.getIndex()).getTag();
    if (tag == Const.CONSTANT_Class) {
      return Val.classConstant(cp.getConstantString(ldc.getIndex(), Const.CONSTANT_Class));
    }
    if (tag == Const.CONSTANT_Integer && ldc.getValue(cpg) instanceof Integer i) {
      return Val.literal(i);
    }
    if (tag == Const.CONSTANT_String && ldc.getValue(cpg) instanceof String text) {
      return Val.string(text);
    }
    return Val.UNKNOWN;
  }

  /** Anything not modelled: the JVM's own stack effect, with unknown values. */
  private void generic(Instruction ins, FlowState s) {
    int consumed = ins.consumeStack(cpg);
    for (int i = 0; i < consumed; i++) {
      escape(s, s.pop());
    }
    int produced = ins.produceStack(cpg);
    for (int i = 0; i < produced; i++) {
      s.push(Val.UNKNOWN);
    }
  }

  private void arithmetic(short op, Instruction ins, FlowState s) {
    Type type = ((ArithmeticInstruction) ins).getType(cpg);
    boolean integral = type == Type.LONG || type == Type.INT;
    int size = type.getSize();
    if (op == Const.INEG || op == Const.LNEG || op == Const.FNEG || op == Const.DNEG) {
      Val v = s.pop(size);
      s.push(integral && v.value() != null
          ? new Val(Tag.NUM, null, -v.value(), v.literal(), v.layout(), null, false, v.origin(), null, null)
          : integral ? Val.layout(v.layout(), v.origin()) : Val.UNKNOWN, size);
      return;
    }
    boolean shift = op == Const.LSHL || op == Const.LSHR || op == Const.LUSHR;
    Val b = s.pop(shift ? 1 : size);
    Val a = s.pop(size);
    if (!integral) {
      s.push(Val.UNKNOWN, size);
      return;
    }
    // Only constant expressions are folded: a value computed from variables (a counter in a loop) is not
    // followed, so that every pass of a loop meets the same state.
    Long value = null;
    if (a.literal() && b.literal() && a.value() != null && b.value() != null) {
      value = fold(op, a.value(), b.value());
    }
    String addr = null;
    if (op == Const.LADD && (a.addr() == null) != (b.addr() == null)) {
      addr = a.addr() != null ? a.addr() : b.addr();
    } else if (op == Const.LSUB && a.addr() != null && b.addr() == null) {
      addr = a.addr();
    } else {
      if (a.addr() != null) {
        escape(s, a); // address arithmetic this flow does not follow
      }
      if (b.addr() != null) {
        escape(s, b);
      }
    }
    boolean literal = value != null;
    s.push(new Val(Tag.NUM, null, value, literal, Val.union(a.layout(), b.layout()), addr, addr != null,
        a.origin() != null ? a.origin() : b.origin(), null, null), size);
  }

  private static Long fold(short op, long a, long b) {
    return switch (op) {
      case Const.IADD -> (long) (int) (a + b);
      case Const.LADD -> a + b;
      case Const.ISUB -> (long) (int) (a - b);
      case Const.LSUB -> a - b;
      case Const.IMUL -> (long) (int) (a * b);
      case Const.LMUL -> a * b;
      case Const.IDIV -> b == 0 ? null : (long) ((int) a / (int) b);
      case Const.LDIV -> b == 0 ? null : a / b;
      case Const.IREM -> b == 0 ? null : (long) ((int) a % (int) b);
      case Const.LREM -> b == 0 ? null : a % b;
      case Const.ISHL -> (long) ((int) a << b);
      case Const.LSHL -> a << b;
      case Const.ISHR -> (long) ((int) a >> b);
      case Const.LSHR -> a >> b;
      case Const.IUSHR -> (long) ((int) a >>> b);
      case Const.LUSHR -> a >>> b;
      case Const.IAND, Const.LAND -> a & b;
      case Const.IOR, Const.LOR -> a | b;
      case Const.IXOR, Const.LXOR -> a ^ b;
      default -> null;
    };
  }

  private void field(short op, FieldInstruction field, FlowState s) {
    String owner = field.getReferenceType(cpg).getSignature();
    owner = owner.startsWith("L") ? owner.substring(1, owner.length() - 1) : owner;
    String name = field.getFieldName(cpg);
    Type type = field.getFieldType(cpg);
    int size = type.getSize();
    switch (op) {
      case Const.GETSTATIC -> {
        if ("$assertionsDisabled".equals(name) && owner.equals(self)) {
          s.push(Val.literal(1)); // assertions off, as in production: an assert's throw is not a path
        } else if (UnsafeModel.isUnsafe(owner) && UnsafeModel.ARRAY_CONSTANTS.containsKey(name)) {
          s.push(Val.layout(Set.of("A" + UnsafeModel.ARRAY_CONSTANTS.get(name)), name), size);
        } else if (type == Type.LONG || type == Type.INT) {
          Set<String> layout = context.staticLayout(owner, name);
          s.push(layout.isEmpty() ? withOrigin(Val.NUM, name) : Val.layout(layout, name), size);
        } else {
          s.push(typed(type), size);
        }
      }
      case Const.PUTSTATIC -> {
        Val v = s.pop(size);
        if (factsOnly && owner.equals(self) && (type == Type.LONG || type == Type.INT) && !v.layout().isEmpty()) {
          assignments.add(new Assignment(name, v.layout()));
        }
        escape(s, v);
      }
      case Const.GETFIELD -> {
        Val object = s.pop();
        if (type == Type.LONG && "this".equals(object.origin()) && owner.equals(self) && isFinalField(name)) {
          String id = "f:" + name;
          names.putIfAbsent(id, name);
          s.push(Val.address(id), 2);
        } else {
          s.push(typed(type), size);
        }
      }
      default -> {
        escape(s, s.pop(size));
        s.pop();
      }
    }
  }

  private static Val withOrigin(Val v, String origin) {
    return new Val(v.tag(), v.type(), v.value(), v.literal(), v.layout(), v.addr(), v.derived(), origin, null, null);
  }

  private boolean isFinalField(String name) {
    for (Field f : cls.getFields()) {
      if (f.getName().equals(name)) {
        return f.isFinal() && !f.isStatic();
      }
    }
    return false;
  }

  private void arrayAccess(short op, ArrayInstruction array, FlowState s) {
    Type type = array.getType(cpg);
    if (op >= Const.IALOAD && op <= Const.SALOAD) {
      s.pop();
      Val arrayRef = s.pop();
      if (op == Const.AALOAD && arrayRef.tag() == Tag.REF && arrayRef.type() != null
          && arrayRef.type().startsWith("[")) {
        s.push(Val.ref(arrayRef.type().substring(1)));
      } else {
        s.push(typed(type), type.getSize());
      }
      return;
    }
    escape(s, s.pop(type.getSize()));
    s.pop();
    s.pop();
  }

  private static Val typed(Type type) {
    if (type == Type.LONG || type == Type.INT || type == Type.SHORT || type == Type.BYTE || type == Type.CHAR
        || type == Type.BOOLEAN) {
      return Val.NUM;
    }
    if (type instanceof org.apache.bcel.generic.ReferenceType) {
      return Val.ref(type.getSignature());
    }
    return Val.UNKNOWN;
  }

  // ---- calls --------------------------------------------------------------------------------------

  /** A call; false when the path ends here. */
  private boolean invoke(InstructionHandle handle, InvokeInstruction invoke, FlowState s) {
    int pc = handle.getPosition();
    String descriptor = invoke.getSignature(cpg);
    Type[] argumentTypes = Type.getArgumentTypes(descriptor);
    Type returnType = Type.getReturnType(descriptor);
    Val[] args = new Val[argumentTypes.length];
    for (int i = argumentTypes.length - 1; i >= 0; i--) {
      args[i] = s.pop(argumentTypes[i].getSize());
    }
    short op = invoke.getOpcode();
    if (op == Const.INVOKEDYNAMIC) {
      for (Val arg : args) {
        escape(s, arg); // captured by a lambda, or concatenated
      }
      s.push(typed(returnType), returnType.getSize());
      return true;
    }
    Val receiver = op == Const.INVOKESTATIC ? null : s.pop();
    String owner = invoke.getReferenceType(cpg).getSignature();
    owner = owner.startsWith("L") ? owner.substring(1, owner.length() - 1) : owner;
    String name = invoke.getMethodName(cpg);
    if (UnsafeModel.isUnsafe(owner)) {
      Val result = unsafeCall(pc, owner, name, descriptor, args, s);
      if (returnType != Type.VOID) {
        s.push(result == null ? typed(returnType) : result, returnType.getSize());
      }
      return true;
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i].addr() != null && !context.borrows(cls, invoke, cpg, i)) {
        escape(s, args[i]);
      }
    }
    if (receiver != null) {
      escape(s, receiver);
    }
    exceptionEdges(pc, s, false);
    Val result = typed(returnType);
    if (returnType.getSignature().equals("Ljava/lang/reflect/Field;")) {
      result = fieldLookup(owner, name, receiver, args);
    }
    if (returnType != Type.VOID) {
      s.push(result, returnType.getSize());
    }
    return true;
  }

  /**
   * A {@code java.lang.reflect.Field} named by a class constant and a string constant: {@code
   * X.class.getDeclaredField("f")}, or a helper given both ({@code field(X.class, "f")}). Kept only when class
   * X declares the field itself, so that a helper that searches elsewhere is not mistaken.
   */
  private static Val fieldLookup(String owner, String name, Val receiver, Val[] args) {
    String clazz = null;
    String field = null;
    if (receiver != null && UnsafeModel.FIELD_LOOKUPS.matches(owner, name) && receiver.tag() == Tag.CLASS
        && args.length == 1 && args[0].tag() == Tag.STRING) {
      clazz = receiver.type();
      field = args[0].type();
    } else if (receiver == null) {
      for (Val arg : args) {
        if (arg.tag() == Tag.CLASS) {
          clazz = clazz == null ? arg.type() : "";
        } else if (arg.tag() == Tag.STRING) {
          field = field == null ? arg.type() : "";
        }
      }
    }
    if (clazz == null || field == null || clazz.isEmpty() || field.isEmpty() || clazz.startsWith("[")
        || declaredField(clazz, field) == null) {
      return Val.ref("Ljava/lang/reflect/Field;");
    }
    return Val.field(clazz + "#" + field);
  }

  static Field declaredField(String owner, String name) {
    JavaClass declaring = HazardSuppressions.lookup(owner);
    if (declaring == null) {
      return null;
    }
    for (Field f : declaring.getFields()) {
      if (f.getName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private Val unsafeCall(int pc, String owner, String name, String descriptor, Val[] args, FlowState s) {
    Call call = UnsafeModel.call(owner, name);
    switch (call) {
      case GET_UNSAFE -> {
        if (!factsOnly && owner.equals(UnsafeModel.SUN_UNSAFE) && !catchesFailure(pc) && !inJdk()) {
          report(pc, Kind.GET_UNSAFE_OUTSIDE_JDK, "Unsafe.getUnsafe()");
        }
        return null;
      }
      case ALLOCATE -> {
        String id = "n@" + pc;
        born(s, id);
        Long size = args.length == 1 && args[0].literal() ? args[0].value() : null;
        s.lives.put(id, new Life(Status.LIVE, pc, pc, size, true, false));
        return Val.address(id);
      }
      case FREE -> {
        if (args.length == 1) {
          free(pc, args[0], s);
        }
        return null;
      }
      case REALLOCATE -> {
        if (args.length != 2) {
          return null;
        }
        Val old = args[0];
        if (old.addr() != null && !old.derived()) {
          Life life = s.lives.get(old.addr());
          if (!used(pc, old, s)) {
            s.lives.put(old.addr(), life == null ? new Life(Status.MOVED, -1, pc, null, false, false)
                : life.with(Status.MOVED, pc));
          }
        } else if (old.addr() != null) {
          escape(s, old);
        }
        String id = "r@" + pc;
        born(s, id);
        if (old.addr() != null) {
          reallocated.putIfAbsent(id, nameOf(old.addr()));
        }
        Long size = args[1].literal() ? args[1].value() : null;
        s.lives.put(id, new Life(Status.LIVE, pc, pc, size, true, true));
        return Val.address(id);
      }
      case ACCESS, COPY, FILL -> {
        memory(pc, call, descriptor, args, s);
        return null;
      }
      case FIELD_OFFSET -> {
        return fieldOffset(pc, descriptor, args);
      }
      case STATIC_FIELD_OFFSET -> {
        return Val.layout(Set.of("S"), null);
      }
      case ARRAY_BASE, ARRAY_SCALE -> {
        if (args.length == 1 && args[0].tag() == Tag.CLASS && args[0].type().startsWith("[")) {
          return Val.layout(Set.of("A" + args[0].type()), null);
        }
        return null;
      }
      default -> {
        for (Val arg : args) {
          escape(s, arg);
        }
        return null;
      }
    }
  }

  /** An allocation at a pc this path passed before: the older address, if still held, is kept apart. */
  private static void born(FlowState s, String id) {
    String older = id + "'";
    if (s.lives.containsKey(older) && !s.holds(older)) {
      s.lives.remove(older); // the block of two passes ago, no longer held: its story is told
    }
    if (!s.lives.containsKey(id) && !s.holds(id)) {
      return;
    }
    if (!s.holds(id)) {
      s.lives.remove(id);
    } else if (!s.lives.containsKey(older) && !s.holds(older)) {
      s.rename(id, older);
    } else {
      // Three blocks of one allocation alive at once: no longer told apart, so no longer followed.
      s.forget(id);
      s.forget(older);
    }
  }

  private void free(int pc, Val address, FlowState s) {
    if (address.value() != null && address.value() == 0) {
      return; // freeMemory(0) does nothing
    }
    if (address.addr() == null) {
      return;
    }
    if (address.derived()) {
      escape(s, address);
      return;
    }
    Life life = s.lives.get(address.addr());
    if (life == null) {
      s.lives.put(address.addr(), new Life(Status.FREED, -1, pc, null, false, false));
      return;
    }
    switch (life.status()) {
      case LIVE -> {
        s.lives.put(address.addr(), life.with(Status.FREED, pc));
        if (life.owned()) {
          freedBirths.add(life.birth());
        }
      }
      case FREED -> report(pc, Kind.FREED_TWICE, nameOf(address.addr()), line(life.event()));
      case MOVED -> report(pc, Kind.USED_AFTER_REALLOCATION, nameOf(address.addr()), line(life.event()));
      default -> { }
    }
  }

  /** A read or write through {@code address}: reported when this path freed or moved it. */
  private boolean used(int pc, Val address, FlowState s) {
    if (address.addr() == null) {
      return false;
    }
    Life life = s.lives.get(address.addr());
    if (life == null) {
      return false;
    }
    if (life.status() == Status.FREED) {
      report(pc, Kind.USED_AFTER_FREE, nameOf(address.addr()), line(life.event()));
      return true;
    }
    if (life.status() == Status.MOVED) {
      report(pc, Kind.USED_AFTER_REALLOCATION, nameOf(address.addr()), line(life.event()));
      return true;
    }
    return false;
  }

  private void memory(int pc, Call call, String descriptor, Val[] args, FlowState s) {
    for (int i = 0; i < args.length; i++) {
      if (!UnsafeModel.isAddressRole(call, descriptor, i)) {
        escape(s, args[i]); // a value written into memory: owned by whoever reads it
      }
    }
    int length = UnsafeModel.length(call, descriptor);
    Val len = length >= 0 && length < args.length ? args[length] : null;
    for (int index : UnsafeModel.addresses(call, descriptor)) {
      Val address = args[index];
      if (address.literal() && address.value() != null && !factsOnly) {
        report(pc, Kind.ABSOLUTE_ADDRESS, Long.toString(address.value()));
      }
      used(pc, address, s);
      tooLong(pc, address, len, s);
    }
    for (int[] pair : UnsafeModel.pairs(call, descriptor)) {
      Val base = args[pair[0]];
      Val offset = args[pair[1]];
      used(pc, offset, s);
      if (base.tag() == Tag.NULL) {
        tooLong(pc, offset, len, s);
      }
      if (!factsOnly) {
        offsetChecks(pc, base, offset);
      }
    }
  }

  private void tooLong(int pc, Val address, Val len, FlowState s) {
    if (len == null || !len.literal() || len.value() == null || address.addr() == null || address.derived()) {
      return;
    }
    Life life = s.lives.get(address.addr());
    if (life != null && life.status() == Status.LIVE && life.size() != null && len.value() > life.size()) {
      report(pc, Kind.LENGTH_EXCEEDS_ALLOCATION, nameOf(address.addr()), len.value(), life.size());
    }
  }

  /** A (base, offset) pair: a literal offset, or an offset of another class or array type. */
  private void offsetChecks(int pc, Val base, Val offset) {
    if (offset.literal() && offset.value() != null) {
      if (base.tag() == Tag.NULL) {
        report(pc, Kind.ABSOLUTE_ADDRESS, Long.toString(offset.value()));
      } else if (base.tag() == Tag.REF && base.type() != null && base.type().startsWith("[")) {
        report(pc, Kind.LITERAL_ARRAY_OFFSET, Long.toString(offset.value()));
      } else if (concreteClass(base) != null) {
        report(pc, Kind.LITERAL_FIELD_OFFSET, Long.toString(offset.value()));
      }
      return;
    }
    if (offset.layout().isEmpty() || offset.addr() != null) {
      return;
    }
    Set<String> arrays = new TreeSet<>();
    Set<String> fields = new TreeSet<>();
    boolean staticOffset = false;
    for (String part : offset.layout()) {
      switch (part.charAt(0)) {
        case 'A' -> arrays.add(UnsafeModel.layoutKind(part.substring(1)));
        case 'F' -> fields.add(part.substring(1));
        default -> staticOffset = true;
      }
    }
    String subject = offset.origin() != null ? offset.origin() : "offset";
    if (base.tag() == Tag.REF && base.type() != null && base.type().startsWith("[")) {
      if (arrays.size() == 1 && fields.isEmpty() && !staticOffset) {
        String kind = arrays.iterator().next();
        if (!kind.equals(UnsafeModel.layoutKind(base.type()))) {
          String layoutOf = offset.layout().stream().filter(p -> p.startsWith("A")).findFirst().orElseThrow()
              .substring(1);
          report(pc, Kind.ARRAY_LAYOUT_OF_OTHER_TYPE, subject, UnsafeModel.arrayName(layoutOf),
              UnsafeModel.arrayName(base.type()));
        }
      }
      return;
    }
    String baseClass = concreteClass(base);
    if (baseClass == null) {
      return;
    }
    if (staticOffset && fields.isEmpty() && arrays.isEmpty()) {
      report(pc, Kind.STATIC_OFFSET_ON_OTHER_BASE, subject);
    } else if (fields.size() == 1 && arrays.isEmpty() && !staticOffset) {
      String declaring = fields.iterator().next();
      if (related(baseClass, declaring) == Boolean.FALSE) {
        report(pc, Kind.OFFSET_OF_OTHER_CLASS, subject, Types.displayName(declaring), Types.displayName(baseClass));
      }
    }
  }

  /** The base's static type when it is a class this analysis can read, not an interface, Object or Class. */
  private static String concreteClass(Val base) {
    if (base.tag() != Tag.REF || base.type() == null || !base.type().startsWith("L")) {
      return null;
    }
    String name = base.type().substring(1, base.type().length() - 1);
    if (name.equals("java/lang/Object") || name.equals("java/lang/Class")) {
      return null;
    }
    JavaClass type = HazardSuppressions.lookup(name);
    return type == null || type.isInterface() ? null : name;
  }

  /** Whether one class extends the other: null when a superclass on the way cannot be read. */
  private static Boolean related(String a, String b) {
    Boolean up = extendsClass(a, b);
    if (up == null || up) {
      return up;
    }
    return extendsClass(b, a);
  }

  private static Boolean extendsClass(String type, String ancestor) {
    String current = type;
    for (int depth = 0; depth < 32; depth++) {
      if (current.equals(ancestor)) {
        return true;
      }
      if (current.equals("java/lang/Object")) {
        return false;
      }
      JavaClass c = HazardSuppressions.lookup(current);
      if (c == null) {
        return null;
      }
      String parent = c.getSuperclassName();
      if (parent == null || parent.isEmpty()) {
        return false;
      }
      current = parent.replace('.', '/');
    }
    return null;
  }

  private Val fieldOffset(int pc, String descriptor, Val[] args) {
    String ownerAndName = null;
    if (args.length == 1 && args[0].tag() == Tag.FIELD) {
      ownerAndName = args[0].type();
    } else if (args.length == 2 && args[0].tag() == Tag.CLASS && args[1].tag() == Tag.STRING
        && !args[0].type().startsWith("[") && declaredField(args[0].type(), args[1].type()) != null) {
      ownerAndName = args[0].type() + "#" + args[1].type();
    }
    if (ownerAndName == null) {
      return null;
    }
    String owner = ownerAndName.substring(0, ownerAndName.indexOf('#'));
    String name = ownerAndName.substring(ownerAndName.indexOf('#') + 1);
    Field field = declaredField(owner, name);
    if (field == null) {
      return null;
    }
    if (field.isStatic()) {
      if (!factsOnly) {
        report(pc, Kind.OFFSET_OF_STATIC_FIELD, Types.displayName(owner) + "." + name);
      }
      return null;
    }
    return Val.layout(Set.of("F" + owner), null);
  }

  /** Whether a handler around {@code pc} catches what {@code getUnsafe()} throws. */
  private boolean catchesFailure(int pc) {
    CodeException[] table = code.getExceptionTable();
    if (table == null) {
      return false;
    }
    for (CodeException entry : table) {
      if (pc >= entry.getStartPC() && pc < entry.getEndPC() && entry.getCatchType() != 0
          && UnsafeModel.GET_UNSAFE_CATCHES.contains(
              cp.getConstantString(entry.getCatchType(), Const.CONSTANT_Class))) {
        return true;
      }
    }
    return false;
  }

  private boolean inJdk() {
    return self.startsWith("java/") || self.startsWith("jdk/") || self.startsWith("sun/");
  }

  // ---- names and places ---------------------------------------------------------------------------

  private void report(int pc, Kind kind, String subject, Object... details) {
    if (!factsOnly) {
      findings.add(new Finding(pc, kind, subject, details));
    }
  }

  private int line(int pc) {
    return lines == null || pc < 0 ? -1 : lines.getSourceLine(pc);
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
    if (name == null && id.endsWith("'")) {
      name = names.get(id.substring(0, id.length() - 1));
    }
    if (name != null) {
      return name;
    }
    return id.startsWith("r@") ? "reallocateMemory()" : id.startsWith("n@") ? "allocateMemory()" : "address";
  }
}
