package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import dev.crashguard.errorprone.common.Types;
import java.util.List;

/**
 * Whether a pool or timer kept for good (a field, a static) has threads that keep the JVM from exiting:
 * non-daemon threads from the default thread factory ({@code new Timer()} without {@code isDaemon = true}),
 * whose core threads never time out. Not so: a {@link ExecutorLeakKnowledge#DAEMON_WORKER_POOLS} pool, an
 * {@link ExecutorLeakKnowledge#IDLING_OUT_FACTORIES} pool or a {@code ThreadPoolExecutor} with core size 0,
 * a pool given a thread factory with a daemon signal ({@link ExecutorLeakKnowledge#DAEMON_THREAD_SIGNALS},
 * a virtual-thread factory, a daemon flag) or one the check cannot read whole (made elsewhere: it stays
 * silent), a daemon or undecidable {@code Timer}, a pool whose core threads time out ({@link
 * ExecutorLeakKnowledge#CORE_THREAD_TIMEOUT}), and a static pool in a class that registers a shutdown hook.
 */
final class JvmExit {

  private JvmExit() {}

  static boolean canKeepAlive(Tree creation, FieldUses uses, boolean isStatic, VisitorState state) {
    if (uses.timesOut || (isStatic && uses.hookInClass)) {
      return false;
    }
    return threadsCanKeepAlive(creation, state);
  }

  /**
   * The creation's own part of {@link #canKeepAlive}: whether the threads it makes are non-daemon and never
   * time out, whatever is done with the pool later. Also asked of a pool or timer a constructor makes in a
   * class that keeps its one instance itself ({@link SoleInstance}), made once like a static.
   */
  static boolean threadsCanKeepAlive(Tree creation, VisitorState state) {
    List<? extends ExpressionTree> args =
        creation instanceof MethodInvocationTree call
            ? call.getArguments()
            : creation instanceof NewClassTree created ? created.getArguments() : List.of();
    if (PoolModel.isTimer(creation, state)) {
      return timerIsNonDaemon(args);
    }
    Type type = ASTHelpers.getType(creation);
    for (String daemonPool : ExecutorLeakKnowledge.DAEMON_WORKER_POOLS) {
      if (creation instanceof NewClassTree && Types.isSubtype(type, daemonPool, state)) {
        return false;
      }
    }
    if (PoolModel.DAEMON_WORKER_FACTORIES.matches((ExpressionTree) creation, state)
        || PoolModel.IDLING_OUT.matches((ExpressionTree) creation, state)) {
      return false;
    }
    if (creation instanceof NewClassTree
        && !args.isEmpty()
        && args.get(0) instanceof LiteralTree literal
        && Integer.valueOf(0).equals(literal.getValue())) {
      return false;
    }
    for (ExpressionTree arg : args) {
      if (daemonEvidence(arg, state)
          || (Types.isSubtype(ASTHelpers.getType(arg), ExecutorLeakKnowledge.THREAD_FACTORY, state) && !inlineFactory(arg))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A thread factory written out where the pool is made (a lambda, an anonymous class) and so readable
   * whole: without a daemon signal in it, its threads are as non-daemon as the default factory's (the
   * incidents' callers are non-daemon threads). A factory from anywhere else (a method, a builder, a field)
   * is not followed, and the pool is left alone.
   */
  private static boolean inlineFactory(ExpressionTree arg) {
    ExpressionTree factory = PoolModel.inward(arg);
    return factory instanceof LambdaExpressionTree
        || (factory instanceof NewClassTree created && created.getClassBody() != null);
  }

  /** {@code new Timer()}, {@code new Timer(name)}, {@code new Timer(false)}: a boolean not literally false is not. */
  private static boolean timerIsNonDaemon(List<? extends ExpressionTree> args) {
    for (ExpressionTree arg : args) {
      Type type = ASTHelpers.getType(arg);
      if (type != null && (type.getTag() == TypeTag.BOOLEAN || type.tsym.getQualifiedName().contentEquals("java.lang.Boolean"))) {
        return arg instanceof LiteralTree literal && Boolean.FALSE.equals(literal.getValue());
      }
    }
    return true;
  }

  /** A daemon signal, a daemon flag or a virtual thread factory anywhere in {@code arg}. */
  private static boolean daemonEvidence(ExpressionTree arg, VisitorState state) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            return PoolModel.DAEMON_SIGNALS.matches(call, state)
                || PoolModel.VIRTUAL_FACTORIES.matches(call, state)
                || Boolean.TRUE.equals(super.visitMethodInvocation(call, null));
          }

          @Override
          public Boolean visitNewClass(NewClassTree created, Void unused) {
            return PoolModel.DAEMON_FLAGS.matches(created, state) || Boolean.TRUE.equals(super.visitNewClass(created, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(arg, null);
    return Boolean.TRUE.equals(found);
  }
}
