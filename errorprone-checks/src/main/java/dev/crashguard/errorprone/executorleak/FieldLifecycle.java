package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The lifecycle judgement of a pool or timer kept in a field: a field that nothing in its compilation unit
 * shuts down, cancels or may hand to something that does ({@link FieldUses}), whose threads can keep the
 * JVM alive ({@link JvmExit}); a field given a new pool, outside the constructor, by a method that neither
 * shuts the old one down nor looks at it (no {@code if (field == null)}); and a field made by a constructor
 * before work that can throw, whose object (and so its {@code close()}) may never exist.
 *
 * <p>An instance field is judged only when it is private (nothing outside the unit can end it); a static
 * one by what its unit does.
 */
final class FieldLifecycle {

  private FieldLifecycle() {}

  /** A field whose initializer is {@code creation}. */
  static LeakFinding initializer(Symbol field, Tree creation, VisitorState state) {
    FieldUses uses = FieldUses.of(field, state);
    return neverEnded(field, creation, uses, state);
  }

  /**
   * {@code field = creation} at {@code assignment} (an expression statement) in {@code method}, or in an
   * initializer block when {@code method} is null.
   */
  static LeakFinding assignment(
      Symbol field, Tree creation, TreePath assignment, MethodTree method, VisitorState state) {
    if (deferred(assignment)) {
      return null;
    }
    FieldUses uses = FieldUses.of(field, state);
    if (!uses.endedSomewhere()) {
      return neverEnded(field, creation, uses, state);
    }
    if (method == null) {
      return null;
    }
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (symbol == null || !(assignment.getParentPath().getParentPath().getLeaf() instanceof BlockTree block)
        || block != method.getBody()) {
      return null;
    }
    if (symbol.isConstructor()) {
      return uses.shutDown ? throwsAfterCreation(field, creation, block, assignment.getParentPath().getLeaf(), method, state) : null;
    }
    if (uses.managingMethods.contains(method)
        || guardedBefore(block, assignment.getParentPath().getLeaf())
        || shutDownBefore(block, assignment.getParentPath().getLeaf(), uses)
        || !ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty()
        || hasFrameworkAnnotation(symbol)
        || calledOnlyFromConstructors(symbol, state)) {
      return null;
    }
    return LeakFinding.of(creation, name(field), Kind.FIELD_OVERWRITTEN, name(field));
  }

  private static LeakFinding neverEnded(Symbol field, Tree creation, FieldUses uses, VisitorState state) {
    boolean isStatic = field.isStatic();
    if (uses.endedSomewhere()
        || (!isStatic && (!field.getModifiers().contains(Modifier.PRIVATE) || isExecutorItself(field.owner, state)))) {
      return null;
    }
    if (!JvmExit.canKeepAlive(creation, uses, isStatic, state)) {
      return null;
    }
    if (PoolModel.isTimer(creation, state)) {
      return LeakFinding.of(creation, name(field), Kind.TIMER_NEVER_CANCELLED);
    }
    return isStatic
        ? LeakFinding.of(creation, name(field), Kind.STATIC_POOL_KEEPS_JVM_ALIVE, name(field))
        : LeakFinding.of(creation, name(field), Kind.FIELD_NEVER_SHUT_DOWN, name(field));
  }

  /**
   * Whether {@code statement} only configures the pool in {@code field} ({@link
   * ExecutorLeakKnowledge#POOL_CONFIGURATION_METHODS}: {@code pool.setRemoveOnCancelPolicy(true);}), which
   * starts no thread.
   */
  private static boolean configures(StatementTree statement, Symbol field, VisitorState state) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && field.equals(ASTHelpers.getSymbol(PoolModel.inward(select.getExpression())))
        && PoolModel.CONFIGURATION.matches(call, state)
        && call.getArguments().stream().noneMatch(a -> PoolModel.namesBefore(a, field, Integer.MAX_VALUE));
  }

  /**
   * apache/maven#12800: the constructor stores the pool, puts it to work, then does work that can throw; the
   * object whose {@code close()} would end the pool is then never made. Before its first task a pool has no
   * thread, so work that throws before the pool is used is not counted. Work that can throw here: a {@code throw}, a
   * call that declares a checked exception, or a static call outside the JDK given one of the constructor's
   * parameters (parsing or validating what the caller passed). Instance calls on the parameters (a factory,
   * a logger) are not counted: in the real-world set they are what every constructor does after making its
   * pool, and they fail far less often than parsing. A later {@code try} ends the judgement: it may be the
   * one that cleans up. Configuring the pool ({@link #configures}) does not put it to work.
   */
  private static LeakFinding throwsAfterCreation(
      Symbol field, Tree creation, BlockTree body, Tree statement, MethodTree constructor, VisitorState state) {
    Set<Symbol> parameters = new HashSet<>();
    for (VariableTree p : constructor.getParameters()) {
      parameters.add(ASTHelpers.getSymbol(p));
    }
    Work work = new Work(state, tree -> false);
    // A pool without a task has no thread yet (a Timer has one at once): a failure before its first task
    // leaves nothing behind.
    boolean started = PoolModel.startsThreadWhenMade(creation, state);
    boolean after = false;
    for (StatementTree s : body.getStatements()) {
      if (s == statement) {
        after = true;
        continue;
      }
      if (!after) {
        continue;
      }
      if (s instanceof TryTree || mentionsShutdown(s, state)) {
        return null;
      }
      started |= !configures(s, field, state) && PoolModel.namesBefore(s, field, Integer.MAX_VALUE);
      if (!started) {
        continue;
      }
      if (s instanceof ThrowTree) {
        return normalPathOnly(field, creation, work.detail(s));
      }
      List<Type> checked = new ArrayList<>();
      for (Tree call : work.allThrowing(s, checked)) {
        Symbol callee = ASTHelpers.getSymbol(call);
        if (!work.checkedThrownBy(callee).isEmpty() || (callee != null && callee.isStatic() && takesAny(call, parameters))) {
          return normalPathOnly(field, creation, work.detail(call));
        }
      }
    }
    return null;
  }

  /**
   * A class that takes tasks itself (it declares a method of {@link
   * dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge#TASK_HANDOFFS}, {@code execute(Runnable)} of an
   * {@code Executor}) and runs them on its pool is an executor built on it: whoever owns the class owns the
   * pool, as a forwarding wrapper's owner does (netty's and vert.x's event loops, a serializing executor).
   */
  private static boolean isExecutorItself(Symbol owner, VisitorState state) {
    if (!(owner instanceof Symbol.ClassSymbol type)) {
      return false;
    }
    for (Symbol member : type.getEnclosedElements()) {
      if (member instanceof MethodSymbol method && !method.isStatic() && PoolModel.HANDOFFS.matches(method, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a guard clause comes before {@code statement}: an {@code if} whose branch returns or throws
   * ({@code if (started) return;}, zookeeper's {@code if (thread != null && thread.isAlive()) return;}): the
   * method refuses to run twice, so its assignment is a first creation, like lazy creation under {@code if
   * (field == null)}.
   */
  private static boolean guardedBefore(BlockTree body, Tree statement) {
    for (StatementTree s : body.getStatements()) {
      if (s == statement) {
        return false;
      }
      if (s instanceof IfTree ifTree && (exits(ifTree.getThenStatement()) || exits(ifTree.getElseStatement()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a statement before {@code statement} calls, on this object, a method of the class that shuts the
   * field down (java-websocket's {@code restartConnectionLostTimer()} calls {@code cancelConnectionLostTimer()},
   * which shuts the old pool down, before it makes the new one): the old pool is ended first.
   */
  private static boolean shutDownBefore(BlockTree body, Tree statement, FieldUses uses) {
    for (StatementTree s : body.getStatements()) {
      if (s == statement) {
        return false;
      }
      if (s instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && (ASTHelpers.getReceiver(call) == null
              || (ASTHelpers.getReceiver(call) instanceof IdentifierTree id && id.getName().contentEquals("this")))
          && uses.shuttingMethods.contains(ASTHelpers.getSymbol(call))) {
        return true;
      }
    }
    return false;
  }

  private static boolean exits(StatementTree statement) {
    if (statement instanceof BlockTree block) {
      return !block.getStatements().isEmpty() && exits(block.getStatements().get(block.getStatements().size() - 1));
    }
    return statement instanceof ReturnTree || statement instanceof ThrowTree;
  }

  private static LeakFinding normalPathOnly(Symbol field, Tree creation, String detail) {
    return LeakFinding.of(creation, name(field), Kind.SHUT_DOWN_ONLY_ON_NORMAL_PATH, detail);
  }

  private static boolean takesAny(Tree call, Set<Symbol> parameters) {
    List<? extends Tree> args =
        call instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : call instanceof NewClassTree created ? created.getArguments() : List.of();
    for (Tree arg : args) {
      if (arg instanceof IdentifierTree id && parameters.contains(ASTHelpers.getSymbol(id))) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsShutdown(Tree tree, VisitorState state) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            return PoolModel.SHUTDOWNS.matches(call, state) || Boolean.TRUE.equals(super.visitMethodInvocation(call, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /** Whether {@code path} is in a lambda or a local class of its method or initializer block: it runs later. */
  private static boolean deferred(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return true;
      }
      if (leaf instanceof MethodTree
          || (leaf instanceof BlockTree && p.getParentPath() != null && p.getParentPath().getLeaf() instanceof ClassTree)) {
        return false;
      }
    }
    return false;
  }

  /** A method a framework calls (once) rather than the class's own code: any annotation outside java.lang. */
  private static boolean hasFrameworkAnnotation(MethodSymbol method) {
    return method.getAnnotationMirrors().stream()
        .anyMatch(a -> !a.getAnnotationType().toString().startsWith("java.lang."));
  }

  /** A private helper called only from constructors is part of construction: its assignment is the first. */
  private static boolean calledOnlyFromConstructors(MethodSymbol method, VisitorState state) {
    if (!method.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    boolean[] seen = {false, false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (method.equals(ASTHelpers.getSymbol(call))) {
          MethodTree caller = FieldUses.enclosingMethod(getCurrentPath());
          MethodSymbol callerSymbol = caller == null ? null : ASTHelpers.getSymbol(caller);
          if (callerSymbol != null && callerSymbol.isConstructor()) {
            seen[0] = true;
          } else {
            seen[1] = true;
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    return seen[0] && !seen[1];
  }

  private static String name(Symbol field) {
    return field.getSimpleName().toString();
  }

  /** Whether {@code assignment} is {@code field = …} as a statement of its own. */
  static boolean isStatement(TreePath assignment) {
    return assignment.getLeaf() instanceof AssignmentTree
        && assignment.getParentPath().getLeaf() instanceof ExpressionStatementTree;
  }
}
