package dev.crashguard.spotbugs.executorleak;

import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import dev.crashguard.spotbugs.common.Types;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;

/**
 * One place in a method's code that makes a pool or a timer: an {@code invokestatic} of a factory ({@code
 * Executors.newFixedThreadPool}), or a {@code new} of a pool or timer class with the {@code invokespecial
 * <init>} that constructs it. {@code startPc} is where the finding is reported (the {@code new}, or the
 * factory call), {@code callPc} the call that makes the pool exist.
 */
record Creation(int startPc, int callPc, String owner, String name, String signature, boolean constructor) {

  private static final int MAX_CONSTRUCTOR_SCAN = 400;

  /** The creation starting at {@code h}, or null when {@code h} creates nothing. */
  static Creation at(InstructionHandle h, ConstantPoolGen cpg, PoolModel model) {
    Instruction ins = h.getInstruction();
    if (ins.getOpcode() == Const.INVOKESTATIC && ins instanceof InvokeInstruction invoke) {
      String owner = invoke.getClassName(cpg);
      String name = invoke.getMethodName(cpg);
      if (PoolModel.FACTORIES.hasName(name) && PoolModel.FACTORIES.matches(owner, name)) {
        return new Creation(h.getPosition(), h.getPosition(), owner.replace('.', '/'), name, invoke.getSignature(cpg), false);
      }
      return null;
    }
    if (ins instanceof NEW alloc) {
      String cls = alloc.getLoadClassType(cpg).getClassName();
      if (!model.isPoolClass(cls)) {
        return null;
      }
      InstructionHandle init = matchingConstructor(h, cls, cpg);
      if (init == null) {
        return null;
      }
      InvokeInstruction invoke = (InvokeInstruction) init.getInstruction();
      return new Creation(h.getPosition(), init.getPosition(), cls.replace('.', '/'), Const.CONSTRUCTOR_NAME,
          invoke.getSignature(cpg), true);
    }
    return null;
  }

  /** The {@code invokespecial <init>} that constructs the object {@code alloc} allocates (nested {@code new}s skipped). */
  private static InstructionHandle matchingConstructor(InstructionHandle alloc, String cls, ConstantPoolGen cpg) {
    int open = 0;
    InstructionHandle h = alloc.getNext();
    for (int i = 0; h != null && i < MAX_CONSTRUCTOR_SCAN; i++, h = h.getNext()) {
      Instruction ins = h.getInstruction();
      if (ins instanceof NEW other && other.getLoadClassType(cpg).getClassName().equals(cls)) {
        open++;
      } else if (ins.getOpcode() == Const.INVOKESPECIAL && ins instanceof InvokeInstruction invoke
          && Const.CONSTRUCTOR_NAME.equals(invoke.getMethodName(cpg)) && invoke.getClassName(cpg).equals(cls)) {
        if (open == 0) {
          return h;
        }
        open--;
      }
    }
    return null;
  }

  boolean isTimer() {
    return constructor && PoolModel.isTimer(owner);
  }

  /**
   * Whether the creation starts a thread at once ({@code ExecutorLeakKnowledge.STARTS_THREAD_WHEN_MADE}: a
   * Timer's constructor); any other pool has none until its first task.
   */
  boolean startsThreadWhenMade() {
    return constructor && Types.isSubtypeOfAny(owner, ExecutorLeakKnowledge.STARTS_THREAD_WHEN_MADE);
  }

  /** What the message names when no variable or field does: {@code Executors.newFixedThreadPool(…)}, {@code new Timer(…)}. */
  String text() {
    return constructor ? "new " + Types.displayName(owner) + "(…)" : Types.displayName(owner) + "." + name + "(…)";
  }

  boolean takesThreadFactory() {
    return signature.contains(PoolModel.THREAD_FACTORY);
  }

  /**
   * Whether the pool's threads can keep the JVM from exiting, as far as the creation itself tells:
   * non-daemon, core threads that never time out. False when it cannot tell (a thread factory of its own,
   * a subclass, a flag that is not a constant).
   */
  boolean keepsJvmAlive(InstructionHandle start, InstructionHandle call) {
    if (!constructor) {
      return !PoolModel.IDLING_OUT.matches(owner, name) && !PoolModel.DAEMON_WORKER_FACTORIES.matches(owner, name)
          && !takesThreadFactory();
    }
    if (isTimer()) {
      if (!PoolModel.TIMER.equals(owner)) {
        return false;
      }
      if (!signature.endsWith("Z)V")) {
        return true;
      }
      return constantInt(call.getPrev()) == 0;
    }
    if (PoolModel.isDaemonWorkerPool(owner) || takesThreadFactory() || !PoolModel.POOL_CLASSES.contains(owner)) {
      return false;
    }
    // new ThreadPoolExecutor(0, …): the first argument right after new/dup is the core size.
    InstructionHandle dup = start.getNext();
    Integer core = dup == null ? null : constantInt(dup.getNext());
    return core == null || core != 0;
  }

  /** The timer's {@code isDaemon} flag is the constant true. */
  boolean daemonTimer(InstructionHandle call) {
    return isTimer() && signature.endsWith("Z)V") && Integer.valueOf(1).equals(constantInt(call.getPrev()));
  }

  private static Integer constantInt(InstructionHandle h) {
    if (h != null && h.getInstruction() instanceof ConstantPushInstruction push
        && push.getValue() instanceof Integer value) {
      return value;
    }
    return null;
  }
}
