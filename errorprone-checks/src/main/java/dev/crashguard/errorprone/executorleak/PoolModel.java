package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import dev.crashguard.errorprone.common.KnownMethods;
import dev.crashguard.errorprone.common.Types;

/**
 * The catalog's {@link ExecutorLeakKnowledge} as matchers, built once, and the few questions every part
 * of the check asks about one call: does it create a pool or a timer, end one, only run work on one, wrap
 * one.
 */
final class PoolModel {

  private PoolModel() {}

  static final KnownMethods FACTORIES = KnownMethods.anyOf(ExecutorLeakKnowledge.EXECUTOR_FACTORIES);
  static final KnownMethods CONSTRUCTORS = KnownMethods.anyOf(ExecutorLeakKnowledge.EXECUTOR_CONSTRUCTORS);
  static final KnownMethods IDLING_OUT = KnownMethods.anyOf(ExecutorLeakKnowledge.IDLING_OUT_FACTORIES);
  static final KnownMethods DAEMON_WORKER_FACTORIES =
      KnownMethods.anyOf(ExecutorLeakKnowledge.DAEMON_WORKER_FACTORIES);
  static final KnownMethods SHUTDOWNS = KnownMethods.anyOf(ExecutorLeakKnowledge.SHUTDOWN_METHODS);
  static final KnownMethods STATIC_SHUTDOWNS = KnownMethods.anyOf(ExecutorLeakKnowledge.STATIC_SHUTDOWN_HELPERS);
  static final KnownMethods FORWARDING = KnownMethods.anyOf(ExecutorLeakKnowledge.FORWARDING_WRAPPERS);
  static final KnownMethods EXITING = KnownMethods.anyOf(ExecutorLeakKnowledge.EXITING_EXECUTOR_WRAPPERS);
  static final KnownMethods NON_OWNING = KnownMethods.anyOf(ExecutorLeakKnowledge.NON_OWNING_EXECUTOR_PARAMETERS);
  static final KnownMethods DAEMON_SIGNALS = KnownMethods.anyOf(ExecutorLeakKnowledge.DAEMON_THREAD_SIGNALS);
  static final KnownMethods DAEMON_FLAGS = KnownMethods.anyOf(ExecutorLeakKnowledge.DAEMON_FLAG_CONSTRUCTORS);
  static final KnownMethods VIRTUAL_FACTORIES = KnownMethods.anyOf(ExecutorLeakKnowledge.VIRTUAL_THREAD_FACTORIES);
  static final KnownMethods CORE_TIMEOUT = KnownMethods.of(ExecutorLeakKnowledge.CORE_THREAD_TIMEOUT);
  static final KnownMethods HOOKS = KnownMethods.anyOf(ExecutorLeakKnowledge.SHUTDOWN_HOOK_REGISTRATIONS);
  static final KnownMethods HANDOFFS = KnownMethods.anyOf(ExecutorLeakKnowledge.TASK_HANDOFFS);
  static final KnownMethods CONFIGURATION = KnownMethods.anyOf(ExecutorLeakKnowledge.POOL_CONFIGURATION_METHODS);
  static final KnownMethods SERVLET_REQUESTS = KnownMethods.anyOf(ExecutorLeakKnowledge.SERVLET_REQUEST_METHODS);

  /**
   * Whether {@code tree} makes a new pool or timer: a static factory of {@link
   * ExecutorLeakKnowledge#EXECUTOR_FACTORIES} or a {@code new} of {@link
   * ExecutorLeakKnowledge#EXECUTOR_CONSTRUCTORS} (a subclass too); never a {@code super(…)} call.
   */
  static boolean isCreation(Tree tree, VisitorState state) {
    if (tree instanceof NewClassTree created) {
      return CONSTRUCTORS.matches(created, state);
    }
    return tree instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && method.isStatic()
        && FACTORIES.matches(method, state);
  }

  /** Whether the creation makes a {@code java.util.Timer}. */
  static boolean isTimer(Tree creation, VisitorState state) {
    return Types.isSubtype(ASTHelpers.getType(creation), ExecutorLeakKnowledge.TIMER, state);
  }

  /**
   * Whether {@code tree} names {@code pool} (a variable or field) before source position {@code before}: a
   * task handed to it, the pool handed on, any call on it, a lambda that captures it. Each may start its
   * thread, so each counts as a use.
   */
  static boolean namesBefore(Tree tree, Symbol pool, int before) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitIdentifier(IdentifierTree id, Void unused) {
            return pool.equals(ASTHelpers.getSymbol(id)) && ASTHelpers.getStartPosition(id) < before;
          }

          @Override
          public Boolean visitMemberSelect(MemberSelectTree select, Void unused) {
            if (pool.equals(ASTHelpers.getSymbol(select)) && ASTHelpers.getStartPosition(select) < before) {
              return true;
            }
            return super.visitMemberSelect(select, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * Whether the creation starts a thread at once ({@link ExecutorLeakKnowledge#STARTS_THREAD_WHEN_MADE}); any
   * other pool has none until its first task, so a failure before that leaks nothing.
   */
  static boolean startsThreadWhenMade(Tree creation, VisitorState state) {
    for (String type : ExecutorLeakKnowledge.STARTS_THREAD_WHEN_MADE) {
      if (Types.isSubtype(ASTHelpers.getType(creation), type, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code method} only runs work on an executor argument and never shuts it down: {@link
   * ExecutorLeakKnowledge#NON_OWNING_EXECUTOR_PARAMETERS}, and the {@code …Async} methods of {@link
   * ExecutorLeakKnowledge#ASYNC_STAGE_TYPE}.
   */
  static boolean isNonOwning(Symbol symbol, VisitorState state) {
    if (!(symbol instanceof MethodSymbol method)) {
      return false;
    }
    return NON_OWNING.matches(method, state)
        || (!method.isStatic()
            && method.getSimpleName().toString().endsWith(ExecutorLeakKnowledge.ASYNC_METHOD_SUFFIX)
            && Types.isSubtype(method.owner, ExecutorLeakKnowledge.ASYNC_STAGE_TYPE, state));
  }

  /** The path of the outermost expression around {@code path} that is only parentheses and casts. */
  static TreePath outward(TreePath path) {
    TreePath p = path;
    while (p.getParentPath() != null
        && (p.getParentPath().getLeaf() instanceof ParenthesizedTree
            || p.getParentPath().getLeaf() instanceof TypeCastTree)) {
      p = p.getParentPath();
    }
    return p;
  }

  /** {@code tree} without the parentheses and casts around it. */
  static ExpressionTree inward(ExpressionTree tree) {
    ExpressionTree t = tree;
    while (true) {
      if (t instanceof ParenthesizedTree parens) {
        t = parens.getExpression();
      } else if (t instanceof TypeCastTree cast) {
        t = cast.getExpression();
      } else {
        return t;
      }
    }
  }

  /** How a message names a call: {@code CompletableFuture.supplyAsync}, {@code new ExecutorCompletionService}. */
  static String callName(Symbol symbol) {
    if (!(symbol instanceof MethodSymbol method)) {
      return "a call";
    }
    String owner = method.owner.getSimpleName().toString();
    return method.isConstructor() ? "new " + owner : owner + "." + method.getSimpleName();
  }

  /** How a message names a creation that has no variable: {@code Executors.newFixedThreadPool(…)}. */
  static String describe(Tree creation) {
    Symbol symbol = ASTHelpers.getSymbol(creation);
    boolean args =
        creation instanceof MethodInvocationTree call
            ? !call.getArguments().isEmpty()
            : creation instanceof NewClassTree created && !created.getArguments().isEmpty();
    return callName(symbol) + (args ? "(…)" : "()");
  }

  /** The line {@code tree} starts on. */
  static long line(Tree tree, VisitorState state) {
    return state.getPath().getCompilationUnit().getLineMap().getLineNumber(ASTHelpers.getStartPosition(tree));
  }
}
