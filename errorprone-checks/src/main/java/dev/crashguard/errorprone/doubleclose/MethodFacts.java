package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one method body says apart from its paths: the class each local was created with, where a lock
 * comes from, and which {@code if} branches hold a tree.
 */
final class MethodFacts {

  private final VisitorState state;
  private final UnitFacts unit;
  private final Exceptions exceptions;
  private final Map<Symbol, Type> createdTypes = new HashMap<>();
  private final Map<Tree, Tree> parents = new HashMap<>();

  MethodFacts(Tree body, VisitorState state, UnitFacts unit, Exceptions exceptions) {
    this.state = state;
    this.unit = unit;
    this.exceptions = exceptions;
    record(body);
  }

  /** The class of what {@code resource} holds: the class a local was created with, else the static type. */
  Type typeOf(Resource resource, ExpressionTree mention) {
    Type created = resource.isLocal() ? createdTypes.get(resource.base()) : null;
    return created != null ? created : ASTHelpers.getType(mention);
  }

  /**
   * Whether {@code earlier} and {@code later} sit in branches of two different {@code if} statements,
   * each outside the other's ({@code if (v == 2) x.unlock(); … if (v == 4) x.unlock();}): conditions the
   * walk does not relate may exclude each other, so such a pair is not reported as one path.
   */
  boolean inUnrelatedBranches(Tree earlier, Tree later) {
    List<Tree> first = branchesAround(earlier);
    List<Tree> second = branchesAround(later);
    return first.stream().anyMatch(i -> !second.contains(i)) && second.stream().anyMatch(i -> !first.contains(i));
  }

  /** The {@code if} statements whose then or else branch holds {@code tree}, within its method or lambda. */
  private List<Tree> branchesAround(Tree tree) {
    List<Tree> out = new ArrayList<>();
    Tree child = tree;
    for (Tree parent = parents.get(tree); parent != null; child = parent, parent = parents.get(parent)) {
      if (parent instanceof IfTree ifTree && ifTree.getCondition() != child) {
        out.add(parent);
      }
      if (parent instanceof LambdaExpressionTree || parent instanceof MethodTree) {
        break;
      }
    }
    return out;
  }

  /** Whether {@code resource} holds an object of exactly {@link #typeOf}'s class: a local created with {@code new}. */
  boolean exactType(Resource resource) {
    return resource.isLocal() && createdTypes.containsKey(resource.base());
  }

  /**
   * Whether {@code acquire} may throw before holding its lock: it declares an exception ({@code
   * lockInterruptibly()}), or its lock is not known to be one of {@link
   * ReleaseModel#nonThrowingAcquire} (by its type, or where the variable or view comes from).
   */
  boolean acquireMayThrow(MethodInvocationTree acquire, ExpressionTree lock) {
    return !exceptions.checkedThrownBy(acquire).isEmpty() || !knownNonThrowingLock(lock, 0);
  }

  private boolean knownNonThrowingLock(ExpressionTree lock, int depth) {
    ExpressionTree e = Resource.strip(lock);
    if (ReleaseModel.nonThrowingAcquire(ASTHelpers.getType(e), state)) {
      return true;
    }
    if (depth > 4) {
      return false;
    }
    if (e instanceof MethodInvocationTree view && ReleaseModel.LOCK_VIEWS.matches(view, state)) {
      ExpressionTree owner = ASTHelpers.getReceiver(view);
      return owner != null && knownNonThrowingLock(owner, depth + 1);
    }
    Symbol variable = ASTHelpers.getSymbol(e);
    ExpressionTree initializer = variable == null ? null : unit.initializer(variable);
    return initializer != null && knownNonThrowingLock(initializer, depth + 1);
  }

  /**
   * The class each local was created with ({@code Writer out = new StringWriter()}: a StringWriter), and
   * the parent of each tree.
   */
  private void record(Tree body) {
    new TreeScanner<Void, Void>() {
      private final Deque<Tree> stack = new ArrayDeque<>();

      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null) {
          return null;
        }
        if (!stack.isEmpty()) {
          parents.put(tree, stack.peek());
        }
        stack.push(tree);
        try {
          return super.scan(tree, unused);
        } finally {
          stack.pop();
        }
      }

      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (variable.getInitializer() instanceof NewClassTree created
            && created.getClassBody() == null
            && ASTHelpers.getSymbol(variable) != null) {
          createdTypes.put(ASTHelpers.getSymbol(variable), ASTHelpers.getType(created));
        }
        return super.visitVariable(variable, null);
      }
    }.scan(body, null);
  }
}
