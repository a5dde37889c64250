package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Captured;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Handoff;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.LambdaTask;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Task;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LoadInstruction;

/**
 * A local map handed to a task is shared only while both sides use it: the creator's writes before the
 * hand-off happen-before the task, and its uses after {@code get()}, {@code join()} or {@code
 * awaitTermination()} come after the task's writes. The task's write races only when the creator loads the
 * map again after making the task and before it waits, when another task of the same method captures it,
 * when the task is made in a loop (one per iteration), or when it is a parallel stream's function (it runs
 * on several threads at once). Unreadable code counts as a race.
 */
final class LocalHandOff {

  private LocalHandOff() {}

  static boolean races(ClassFacts site, Handoff handoff, LambdaTask lambda, int capturedIndex) {
    if (handoff.concurrentWithItself()) {
      return true;
    }
    Captured captured = lambda.captured().get(capturedIndex);
    int register = captured.register();
    Method method = lambda.siteMethod();
    if (register < 0 || method.getCode() == null) {
      return true;
    }
    if (capturedByAnotherTask(site, lambda, register)) {
      return true;
    }
    try {
      return usedOrLoopedAfter(method, lambda.sitePc(), register, new ConstantPoolGen(site.javaClass.getConstantPool()));
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static boolean capturedByAnotherTask(ClassFacts site, LambdaTask lambda, int register) {
    for (Handoff other : site.handoffs) {
      for (Task task : other.tasks()) {
        if (task instanceof LambdaTask made
            && made != lambda
            && made.siteMethod() == lambda.siteMethod()
            && made.sitePc() != lambda.sitePc()
            && made.captured().stream().anyMatch(c -> c.register() == register)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean usedOrLoopedAfter(Method method, int sitePc, int register, ConstantPoolGen cp) {
    ControlFlow flow = new ControlFlow(method.getCode().getCode());
    if (flow.loopsBack(sitePc, sitePc + 1)) {
      return true; // a loop around the task: one task per iteration
    }
    int firstWait = Integer.MAX_VALUE;
    int firstUse = Integer.MAX_VALUE;
    for (InstructionHandle handle : flow.instructions().getInstructionHandles()) {
      int pc = handle.getPosition();
      if (pc <= sitePc) {
        continue;
      }
      if (handle.getInstruction() instanceof LoadInstruction load
          && handle.getInstruction().getOpcode() != Const.ILOAD
          && load.getIndex() == register
          && load.getType(cp).getType() == Const.T_OBJECT) {
        firstUse = Math.min(firstUse, pc);
      } else if (handle.getInstruction() instanceof InvokeInstruction invoke
          && invoke.getOpcode() != Const.INVOKEDYNAMIC
          && ConcurrencyModel.TASK_COMPLETION_WAITS.matches(invoke.getClassName(cp).replace('.', '/'), invoke.getMethodName(cp))) {
        firstWait = Math.min(firstWait, pc);
      }
    }
    return firstUse < firstWait;
  }
}
