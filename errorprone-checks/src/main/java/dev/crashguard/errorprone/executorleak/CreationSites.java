package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge.Kind;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * The creation sites of one method body and what each is: where the new pool goes decides which part
 * judges it. A forwarding wrapper around it ({@code listeningDecorator}) is the pool; an exiting wrapper
 * ends it at exit (outside a loop); an argument of a non-owning call ({@code supplyAsync(task, pool)}) or of
 * a same-unit helper that only runs work on it is dropped; an argument of any other call or constructor,
 * a return, or a lambda's result is handed to an owner; the receiver of one call is dropped after it; a
 * local is judged by {@link LocalPool} and {@link ShutdownPaths}; a field by {@link FieldLifecycle}. One a
 * constructor makes in a class that keeps its one instance itself ({@link SoleInstance}) is made once and
 * judged as a static ({@link JvmExit}).
 * Creations inside lambdas are judged within the lambda; local and anonymous classes by their own methods.
 */
final class CreationSites {

  private final MethodTree method;
  private final Tree body;
  private final VisitorState state;
  private final String handler;

  private CreationSites(MethodTree method, Tree body, VisitorState state) {
    this.method = method;
    this.body = body;
    this.state = state;
    this.handler = method == null ? null : RequestHandlers.handler(method, state);
  }

  /**
   * The finding of the creation at {@code creationPath}, if it is one, judged within the method or the
   * initializer block of a class whose body holds it (a local or anonymous class's own method, not the
   * method around that class); null when it is not a creation, is fine, or lies in no such body (a field
   * initializer: {@link FieldLifecycle#initializer}).
   */
  static LeakFinding judge(TreePath creationPath, VisitorState state) {
    if (!PoolModel.isCreation(creationPath.getLeaf(), state)) {
      return null;
    }
    for (TreePath p = creationPath; p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      if (leaf instanceof MethodTree method) {
        return method.getBody() == null ? null : new CreationSites(method, method.getBody(), state).judgeCreation(creationPath, creationPath.getLeaf());
      }
      if (parent instanceof ClassTree && leaf instanceof BlockTree block) {
        return new CreationSites(null, block, state).judgeCreation(creationPath, creationPath.getLeaf());
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private LeakFinding judgeCreation(TreePath creationPath, Tree creation) {
    boolean timer = PoolModel.isTimer(creation, state);
    TreePath pool = creationPath;
    while (true) {
      TreePath outer = PoolModel.outward(pool);
      Tree expression = outer.getLeaf();
      TreePath parentPath = outer.getParentPath();
      Tree parent = parentPath.getLeaf();
      switch (parent) {
        case MethodInvocationTree call when call.getArguments().contains(expression) -> {
          if (PoolModel.FORWARDING.matches(call, state)) {
            pool = parentPath;
            continue;
          }
          if (PoolModel.EXITING.matches(call, state)) {
            if (!inLoop(parentPath)) {
              return null;
            }
            pool = parentPath;
            continue;
          }
          Symbol symbol = ASTHelpers.getSymbol(call);
          if (PoolModel.isNonOwning(symbol, state)) {
            return LeakFinding.of(creation, PoolModel.describe(creation), Kind.CREATED_AS_ARGUMENT, PoolModel.callName(symbol));
          }
          String helper =
              symbol instanceof MethodSymbol m ? HelperMethods.onlyRunsWorkOn(m, call.getArguments().indexOf(expression), state) : null;
          return helper == null
              ? null
              : LeakFinding.of(creation, PoolModel.describe(creation), Kind.CREATED_AS_ARGUMENT, helper);
        }
        case NewClassTree created when created.getArguments().contains(expression) -> {
          Symbol symbol = ASTHelpers.getSymbol(created);
          return PoolModel.isNonOwning(symbol, state)
              ? LeakFinding.of(creation, PoolModel.describe(creation), Kind.CREATED_AS_ARGUMENT, PoolModel.callName(symbol))
              : null;
        }
        case MemberSelectTree select when select.getExpression() == expression -> {
          Tree grand = parentPath.getParentPath().getLeaf();
          if (!(grand instanceof MethodInvocationTree call) || call.getMethodSelect() != select
              || PoolModel.SHUTDOWNS.matches(call, state)) {
            return null;
          }
          String subject = PoolModel.describe(creation);
          boolean once = createdOnce(parentPath);
          if (once && !JvmExit.threadsCanKeepAlive(creation, state)) {
            return null;
          }
          return timer
              ? LeakFinding.of(creation, subject, once ? Kind.TIMER_NEVER_CANCELLED : Kind.TIMER_PER_CALL)
              : LeakFinding.of(creation, subject, Kind.CREATED_FOR_ONE_CALL, PoolModel.callName(ASTHelpers.getSymbol(call)) + "()");
        }
        case VariableTree variable when variable.getInitializer() == expression -> {
          Symbol symbol = ASTHelpers.getSymbol(variable);
          return symbol != null && symbol.getKind() == ElementKind.LOCAL_VARIABLE
              ? local(parentPath, symbol, creation, timer)
              : null;
        }
        case AssignmentTree assignment when assignment.getExpression() == expression -> {
          Symbol symbol = ASTHelpers.getSymbol(assignment.getVariable());
          if (symbol == null || !FieldLifecycle.isStatement(parentPath)) {
            return null;
          }
          if (symbol.getKind() == ElementKind.LOCAL_VARIABLE) {
            return local(parentPath, symbol, creation, timer);
          }
          if (symbol.getKind() == ElementKind.FIELD && pool == creationPath) {
            return FieldLifecycle.assignment(symbol, creation, parentPath, method, state);
          }
          return null;
        }
        case ExpressionStatementTree statement -> {
          return neverEnded(creation, PoolModel.describe(creation), timer, parentPath);
        }
        default -> {
          return null;
        }
      }
    }
  }

  /** A pool held in local {@code variable}, made at {@code made} (its declaration or its assignment). */
  private LeakFinding local(TreePath made, Symbol variable, Tree creation, boolean timer) {
    TreePath scope = scope(made);
    if (scope == null) {
      return null;
    }
    return switch (LocalPool.fate(scope, variable, made.getLeaf(), state)) {
      case OWNED_ELSEWHERE -> null;
      case NEVER_ENDED -> neverEnded(creation, variable.getSimpleName().toString(), timer, made);
      case SHUT_DOWN_HERE -> {
        ShutdownPaths.Outcome outcome = ShutdownPaths.judge(scope.getLeaf(), variable, made.getLeaf(), state);
        yield outcome.kind() == ShutdownPaths.Kind.OPEN_ON_EXCEPTION
            ? LeakFinding.of(
                creation,
                variable.getSimpleName().toString(),
                Kind.SHUT_DOWN_ONLY_ON_NORMAL_PATH,
                new Work(state, t -> false).detail(outcome.throwing()))
            : null;
      }
    };
  }

  /**
   * A pool nothing ends: per call, per request or per loop pass; a timer per call. One made once, by the
   * constructor of a class that keeps its one instance itself ({@link #createdOnce}), is an
   * application-wide one and judged as a static (docs/ExecutorLeak.md, "Static pools"): silent when its
   * threads cannot keep the JVM alive (daemon, idling out); else a non-daemon timer never cancelled, or a
   * pool never shut down.
   */
  private LeakFinding neverEnded(Tree creation, String subject, boolean timer, TreePath where) {
    boolean once = createdOnce(where);
    if (once && !JvmExit.threadsCanKeepAlive(creation, state)) {
      return null;
    }
    if (timer) {
      return LeakFinding.of(creation, subject, once ? Kind.TIMER_NEVER_CANCELLED : Kind.TIMER_PER_CALL);
    }
    if (handler != null && scope(where) != null && scope(where).getLeaf() == body) {
      return LeakFinding.of(creation, subject, Kind.CREATED_PER_REQUEST, handler);
    }
    if (inLoop(where)) {
      return LeakFinding.of(creation, subject, Kind.CREATED_IN_LOOP);
    }
    return LeakFinding.of(creation, subject, Kind.CREATED_AND_DROPPED);
  }

  /**
   * Whether the creation at {@code path} runs once per class loader: written in the body of a constructor
   * (not in a lambda or a loop of it) of a class that keeps its one instance itself ({@link SoleInstance}),
   * h2's {@code ThreadDeadlockDetector}.
   */
  private boolean createdOnce(TreePath path) {
    TreePath scope = scope(path);
    return method != null
        && scope != null
        && scope.getLeaf() == body
        && !inLoop(path)
        && ASTHelpers.getSymbol(method) instanceof MethodSymbol m
        && m.isConstructor()
        && SoleInstance.constructorRunsOnce(method, state);
  }

  /** The body the creation at {@code path} runs in: the innermost lambda's, or the method's. */
  private TreePath scope(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree parent = p.getParentPath() == null ? null : p.getParentPath().getLeaf();
      if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == p.getLeaf()) {
        return p;
      }
      if (p.getLeaf() == body) {
        return p;
      }
    }
    return null;
  }

  /** Whether {@code path} is in the body of a loop within its scope (the innermost lambda or the method). */
  private boolean inLoop(TreePath path) {
    TreePath scope = scope(path);
    for (TreePath p = path; p != null && p.getParentPath() != null && p != scope; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      Tree child = p.getLeaf();
      if (scope != null && child == scope.getLeaf()) {
        return false;
      }
      boolean body =
          switch (parent) {
            case ForLoopTree loop -> loop.getStatement() == child || loop.getCondition() == child || loop.getUpdate().contains(child);
            case EnhancedForLoopTree loop -> loop.getStatement() == child;
            case WhileLoopTree loop -> loop.getStatement() == child || loop.getCondition() == child;
            case DoWhileLoopTree loop -> loop.getStatement() == child || loop.getCondition() == child;
            default -> false;
          };
      if (body) {
        return true;
      }
    }
    return false;
  }
}
