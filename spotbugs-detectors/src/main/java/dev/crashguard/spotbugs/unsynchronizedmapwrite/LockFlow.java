package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import dev.crashguard.spotbugs.common.ControlFlow;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

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
 */
final class LockFlow {

  private static final int MAX_DEPTH = 8;

  private final int[] depth;

  private LockFlow(int[] depth) {
    this.depth = depth;
  }

  /** The flow of {@code method}, or null when it takes and releases no lock at all. */
  static LockFlow of(Method method, ConstantPoolGen cp, String self, Set<String> lockHelpers) {
    if (method.getCode() == null) {
      return null;
    }
    ControlFlow flow = new ControlFlow(method.getCode().getCode());
    int[] delta = new int[flow.length()];
    boolean any = false;
    for (InstructionHandle handle : flow.instructions().getInstructionHandles()) {
      int change = change(handle, cp, self, lockHelpers);
      delta[handle.getPosition()] = change;
      any |= change != 0;
    }
    if (!any) {
      return null;
    }
    int[] depth = new int[flow.length()];
    Arrays.fill(depth, -1);
    CodeException[] handlers = method.getCode().getExceptionTable();
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
      for (CodeException handler : handlers == null ? new CodeException[0] : handlers) {
        if (pc >= handler.getStartPC() && pc < handler.getEndPC()) {
          lower(depth, handler.getHandlerPC(), depth[pc], work);
        }
      }
    }
    return new LockFlow(depth);
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

  /** Whether the normal flow from the method's entry reaches the instruction at {@code pc}. */
  boolean reached(int pc) {
    return pc >= 0 && pc < depth.length && depth[pc] >= 0;
  }

  /** Whether a lock is held before the instruction at {@code pc} on every path that reaches it. */
  boolean held(int pc) {
    return reached(pc) && depth[pc] > 0;
  }
}
