package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;

/**
 * The escape and ownership analysis of a pool held in a local variable: what each mention of the variable
 * does with the pool. A shutdown ({@code shutdown()}, {@code shutdownNow()}, {@code close()}, through a
 * cast too, or Guava's {@code shutdownAndAwaitTermination}) ends it there; try-with-resources, a shutdown
 * method reference or a shutdown in a lambda (a hook, a callback) ends it somewhere the walk cannot follow;
 * a return, a store (field, array, another variable), and an argument of any call or constructor that is not
 * one of {@code NON_OWNING_EXECUTOR_PARAMETERS} hand it to an owner. Anything not understood counts as a
 * hand-off: the check stays silent.
 */
final class LocalPool {

  /** What the mentions of a local pool say. */
  enum Fate {
    /** Only used: tasks handed over, configured, waited on; never ended nor handed away. */
    NEVER_ENDED,
    /** Ended by a shutdown the path walk can see (see {@link ShutdownPaths}). */
    SHUT_DOWN_HERE,
    /** Handed away, or ended where no walk follows: not this method's concern. */
    OWNED_ELSEWHERE
  }

  private LocalPool() {}

  /**
   * The fate of local {@code pool} in the method's or lambda's body at {@code scopePath}, made by {@code
   * creation} (its declaration or its one assignment).
   */
  static Fate fate(TreePath scopePath, Symbol pool, Tree creation, VisitorState state) {
    if (creation instanceof VariableTree declaration && isResource(scopePath, declaration)) {
      return Fate.OWNED_ELSEWHERE;
    }
    Tree scope = scopePath.getLeaf();
    Fate[] fate = {Fate.NEVER_ENDED};
    int[] assignments = {creation instanceof VariableTree ? 1 : 0};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        if (pool.equals(ASTHelpers.getSymbol(id))) {
          merge(fate, mention(getCurrentPath(), scope, pool, assignments, state));
        }
        return null;
      }
    }.scan(scopePath, null);
    if (assignments[0] != 1) {
      return Fate.OWNED_ELSEWHERE;
    }
    return fate[0];
  }

  private static boolean isResource(TreePath scopePath, VariableTree declaration) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitTry(TryTree tryTree, Void unused) {
        if (tryTree.getResources().contains(declaration)) {
          found[0] = true;
        }
        return super.visitTry(tryTree, null);
      }
    }.scan(scopePath, null);
    return found[0];
  }

  private static void merge(Fate[] fate, Fate mention) {
    if (mention == Fate.OWNED_ELSEWHERE || fate[0] == Fate.OWNED_ELSEWHERE) {
      fate[0] = Fate.OWNED_ELSEWHERE;
    } else if (mention == Fate.SHUT_DOWN_HERE) {
      fate[0] = Fate.SHUT_DOWN_HERE;
    }
  }

  /** What one mention of the pool's variable does with the pool. */
  private static Fate mention(TreePath use, Tree scope, Symbol pool, int[] assignments, VisitorState state) {
    TreePath outer = PoolModel.outward(use);
    Tree expression = outer.getLeaf();
    Tree parent = outer.getParentPath().getLeaf();
    boolean deferred = deferred(use, scope);
    switch (parent) {
      case MemberSelectTree select when select.getExpression() == expression -> {
        Tree grand = outer.getParentPath().getParentPath().getLeaf();
        if (grand instanceof MethodInvocationTree call && call.getMethodSelect() == select) {
          if (PoolModel.SHUTDOWNS.matches(call, state)) {
            return deferred ? Fate.OWNED_ELSEWHERE : Fate.SHUT_DOWN_HERE;
          }
          return Fate.NEVER_ENDED;
        }
        return Fate.NEVER_ENDED;
      }
      case MemberReferenceTree reference -> {
        return PoolModel.SHUTDOWNS.matches(reference, state) ? Fate.OWNED_ELSEWHERE : Fate.NEVER_ENDED;
      }
      case MethodInvocationTree call when call.getArguments().contains(expression) -> {
        if (PoolModel.STATIC_SHUTDOWNS.matches(call, state) && call.getArguments().get(0) == expression) {
          return deferred ? Fate.OWNED_ELSEWHERE : Fate.SHUT_DOWN_HERE;
        }
        return PoolModel.isNonOwning(ASTHelpers.getSymbol(call), state) ? Fate.NEVER_ENDED : Fate.OWNED_ELSEWHERE;
      }
      case NewClassTree created when created.getArguments().contains(expression) -> {
        return PoolModel.isNonOwning(ASTHelpers.getSymbol(created), state) ? Fate.NEVER_ENDED : Fate.OWNED_ELSEWHERE;
      }
      case AssignmentTree assignment when assignment.getVariable() == expression -> {
        assignments[0]++;
        return Fate.NEVER_ENDED;
      }
      case CompoundAssignmentTree compound -> {
        return Fate.OWNED_ELSEWHERE;
      }
      case BinaryTree comparison -> {
        return Fate.NEVER_ENDED;
      }
      case InstanceOfTree test -> {
        return test.getPattern() == null ? Fate.NEVER_ENDED : Fate.OWNED_ELSEWHERE;
      }
      case SynchronizedTree sync -> {
        return Fate.NEVER_ENDED;
      }
      case ExpressionStatementTree statement -> {
        return Fate.NEVER_ENDED;
      }
      case EnhancedForLoopTree loop when loop.getExpression() == expression -> {
        return Fate.OWNED_ELSEWHERE;
      }
      default -> {
        // returned, stored, aliased, put in an array, a try-with-resources resource, a conditional: handed
        // away or ended where no walk of this method follows it.
        return Fate.OWNED_ELSEWHERE;
      }
    }
  }

  /** Whether {@code use} sits in a lambda or a local class inside {@code scope}: it runs later, if at all. */
  private static boolean deferred(TreePath use, Tree scope) {
    for (TreePath p = use; p != null && p.getLeaf() != scope; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return true;
      }
    }
    return false;
  }
}
