package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.common.Types;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.StoreInstruction;

/**
 * How many locks are held before each instruction of one method, along its normal control flow: monitors
 * ({@code monitorenter}/{@code monitorexit}) and {@code java.util.concurrent} locks (the catalog's acquires,
 * try-acquires and releases, and the class's own boolean helpers that return holding a lock). A block or a
 * {@code try/finally} left early ({@code return}, {@code continue} or {@code break} inside it) puts a release
 * before code that still holds the lock, which a count in code order gets wrong; following the flow gets it
 * right. Where paths with and without the lock meet, the fewer count (that code is not guarded on every
 * path). A try-acquire counts as taking the lock on both branches: which branch holds it is the code's own
 * business, and silence is the safe side.
 *
 * <p>Exception handlers are entered with the locks held where the exception can be thrown, so a {@code
 * finally} block's handler copy runs under the locks of its try block. Code no path reaches (dead code)
 * is judged another way by the caller: {@link #reached} says so.
 *
 * <p>A second count keeps only the locks the class owns ({@link #heldOwn}): a monitor, a lock field of the
 * class (of a lock type), {@code readLock()}/{@code writeLock()} of one, or a local holding one of these.
 * A lock taken from another object ({@code owner.writeLock()} on a type that is no lock) belongs to that
 * object's protocol.
 */
final class LockFlow {

  private static final int MAX_DEPTH = 8;
  private static final int MAX_LOOK_BACK = 3;

  private final int[] depth;
  private final int[] ownDepth;

  private LockFlow(int[] depth, int[] ownDepth) {
    this.depth = depth;
    this.ownDepth = ownDepth;
  }

  /** The flow of {@code method}, or null when it takes and releases no lock at all. */
  static LockFlow of(Method method, ConstantPoolGen cp, String self, Set<String> lockHelpers) {
    if (method.getCode() == null) {
      return null;
    }
    ControlFlow flow = new ControlFlow(method.getCode().getCode());
    int[] delta = new int[flow.length()];
    int[] ownDelta = new int[flow.length()];
    boolean any = false;
    for (InstructionHandle handle : flow.instructions().getInstructionHandles()) {
      int change = change(handle, cp, self, lockHelpers);
      delta[handle.getPosition()] = change;
      ownDelta[handle.getPosition()] = change != 0 && owned(handle, cp, self, method.isStatic(), 0) ? change : 0;
      any |= change != 0;
    }
    if (!any) {
      return null;
    }
    CodeException[] handlers = method.getCode().getExceptionTable();
    return new LockFlow(
        propagate(flow, delta, handlers == null ? new CodeException[0] : handlers),
        propagate(flow, ownDelta, handlers == null ? new CodeException[0] : handlers));
  }

  private static int[] propagate(ControlFlow flow, int[] delta, CodeException[] handlers) {
    int[] depth = new int[flow.length()];
    Arrays.fill(depth, -1);
    Deque<Integer> work = new ArrayDeque<>();
    depth[0] = 0;
    work.add(0);
    while (!work.isEmpty()) {
      int pc = work.poll();
      int after = Math.min(MAX_DEPTH, Math.max(0, depth[pc] + delta[pc]));
      for (int next : flow.successors(pc)) {
        lower(depth, next, after, work);
      }
      // An exception thrown here enters each handler whose range covers it with the locks held here
      // (a finally block's copy in the handler runs under the locks of its try block).
      for (CodeException handler : handlers) {
        if (pc >= handler.getStartPC() && pc < handler.getEndPC()) {
          lower(depth, handler.getHandlerPC(), depth[pc], work);
        }
      }
    }
    return depth;
  }

  private static void lower(int[] depth, int pc, int value, Deque<Integer> work) {
    if (pc >= 0 && pc < depth.length && (depth[pc] < 0 || value < depth[pc])) {
      depth[pc] = value;
      work.add(pc);
    }
  }

  private static int change(InstructionHandle handle, ConstantPoolGen cp, String self, Set<String> lockHelpers) {
    short opcode = handle.getInstruction().getOpcode();
    if (opcode == Const.MONITORENTER) {
      return 1;
    }
    if (opcode == Const.MONITOREXIT) {
      return -1;
    }
    if (!(handle.getInstruction() instanceof InvokeInstruction invoke) || opcode == Const.INVOKEDYNAMIC) {
      return 0;
    }
    String owner = invoke.getClassName(cp).replace('.', '/');
    String name = invoke.getMethodName(cp);
    if (ConcurrencyModel.LOCK_ACQUIRES.matches(owner, name)
        || (owner.equals(self) && lockHelpers.contains(ClassFacts.key(name, invoke.getSignature(cp))))) {
      return 1;
    }
    return ConcurrencyModel.LOCK_RELEASES.matches(owner, name) ? -1 : 0;
  }

  /**
   * Whether the lock an acquire or release at {@code handle} works on belongs to the class, read from the
   * instruction that pushed its receiver. Monitors, calls of the class's own lock helpers and receivers
   * that cannot be read count as owned (the old answer, the silent side).
   */
  private static boolean owned(InstructionHandle handle, ConstantPoolGen cp, String self, boolean isStatic, int depth) {
    if (!(handle.getInstruction() instanceof InvokeInstruction invoke)
        || invoke.getClassName(cp).replace('.', '/').equals(self)
        || !invoke.getSignature(cp).startsWith("()")) {
      return true;
    }
    return ownedValue(handle.getPrev(), cp, self, isStatic, depth);
  }

  /** Whether the value the instruction at {@code pushed} leaves on the stack is a lock the class owns. */
  private static boolean ownedValue(InstructionHandle pushed, ConstantPoolGen cp, String self, boolean isStatic, int depth) {
    if (pushed == null || depth > MAX_LOOK_BACK) {
      return true;
    }
    if (pushed.getInstruction() instanceof FieldInstruction field
        && (field.getOpcode() == Const.GETFIELD || field.getOpcode() == Const.GETSTATIC)) {
      String fieldClass = field.getReferenceType(cp) instanceof ObjectType type ? type.getClassName().replace('.', '/') : "";
      return FactCollector.topLevel(fieldClass).equals(FactCollector.topLevel(self))
          && isLockType(field.getSignature(cp));
    }
    if (pushed.getInstruction() instanceof InvokeInstruction call && call.getOpcode() != Const.INVOKEDYNAMIC) {
      // readLock() / writeLock() of a ReadWriteLock (or a StampedLock's views) the class owns.
      String owner = call.getClassName(cp).replace('.', '/');
      return call.getSignature(cp).startsWith("()")
          && Types.isSubtypeOfAny(owner, ConcurrencyModel.LOCK_TYPES)
          && ownedValue(pushed.getPrev(), cp, self, isStatic, depth + 1);
    }
    if (pushed.getInstruction() instanceof LoadInstruction load && pushed.getInstruction().getOpcode() != Const.ILOAD) {
      if (load.getIndex() == 0 && !isStatic) {
        return true; // this, when the class is itself a lock
      }
      for (InstructionHandle h = pushed.getPrev(); h != null; h = h.getPrev()) {
        if (h.getInstruction() instanceof StoreInstruction store && store.getIndex() == load.getIndex()) {
          return ownedValue(h.getPrev(), cp, self, isStatic, depth + 1);
        }
      }
      return false; // a parameter: a lock the caller chose
    }
    return true;
  }

  /**
   * Whether {@code method} asserts that the current thread holds a lock ({@link
   * ConcurrencyModel#LOCK_HELD_ASSERTIONS}; javac compiles {@code assert Thread.holdsLock(this)} into the
   * call and a {@code new AssertionError}): its contract is that every caller, maybe in a superclass, holds
   * it, so the whole method runs locked. With {@code ownOnly}, the monitor or lock must be one the class
   * owns: {@code this}, a field or class literal of its own, a lock field of its own.
   */
  static boolean assertsHeld(Method method, ConstantPoolGen cp, String self, boolean ownOnly) {
    if (method.getCode() == null) {
      return false;
    }
    InstructionHandle[] handles = new InstructionList(method.getCode().getCode()).getInstructionHandles();
    boolean asserts = false;
    for (InstructionHandle handle : handles) {
      if (handle.getInstruction() instanceof NEW created
          && "java.lang.AssertionError".equals(created.getLoadClassType(cp).getClassName())) {
        asserts = true;
      }
    }
    if (!asserts) {
      return false;
    }
    for (InstructionHandle handle : handles) {
      if (!(handle.getInstruction() instanceof InvokeInstruction invoke) || invoke.getOpcode() == Const.INVOKEDYNAMIC) {
        continue;
      }
      if (!ConcurrencyModel.LOCK_HELD_ASSERTIONS.matches(invoke.getClassName(cp).replace('.', '/'), invoke.getMethodName(cp))) {
        continue;
      }
      if (!ownOnly) {
        return true;
      }
      boolean own =
          invoke.getOpcode() == Const.INVOKESTATIC
              ? ownMonitor(handle.getPrev(), cp, self, method.isStatic())
              : owned(handle, cp, self, method.isStatic(), 0);
      if (own) {
        return true;
      }
    }
    return false;
  }

  /** Whether the instruction at {@code pushed} loads a monitor the class owns: this, its field, its class. */
  private static boolean ownMonitor(InstructionHandle pushed, ConstantPoolGen cp, String self, boolean isStatic) {
    if (pushed == null) {
      return false;
    }
    if (pushed.getInstruction() instanceof LoadInstruction load && load.getIndex() == 0 && !isStatic) {
      return true;
    }
    if (pushed.getInstruction() instanceof FieldInstruction field
        && (field.getOpcode() == Const.GETFIELD || field.getOpcode() == Const.GETSTATIC)) {
      String fieldClass = field.getReferenceType(cp) instanceof ObjectType type ? type.getClassName().replace('.', '/') : "";
      return FactCollector.topLevel(fieldClass).equals(FactCollector.topLevel(self));
    }
    return pushed.getInstruction() instanceof LDC;
  }

  private static boolean isLockType(String signature) {
    return signature.startsWith("L")
        && signature.endsWith(";")
        && Types.isSubtypeOfAny(signature.substring(1, signature.length() - 1), ConcurrencyModel.LOCK_TYPES);
  }

  /** Whether the normal flow from the method's entry reaches the instruction at {@code pc}. */
  boolean reached(int pc) {
    return pc >= 0 && pc < depth.length && depth[pc] >= 0;
  }

  /** Whether a lock is held before the instruction at {@code pc} on every path that reaches it. */
  boolean held(int pc) {
    return reached(pc) && depth[pc] > 0;
  }

  /** Whether a lock the class owns is held before the instruction at {@code pc} on every path. */
  boolean heldOwn(int pc) {
    return reached(pc) && ownDepth[pc] > 0;
  }
}
