package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ElementKind;

/**
 * Whether a method of the code being compiled may return null, read from its body: it returns a null
 * literal on some path ({@code return null;}, {@code c ? null : x}), or it is a getter ({@code return f;})
 * of a field its class sets to null, or never sets at all. The null is then one call away from the
 * {@code Optional.of} that receives it. A method whose body is not in this compilation says nothing.
 *
 * <p>A method whose every null literal answers a null argument ({@code if (p == null) return null;},
 * {@code return p == null ? null : copy(p);}, kryo's {@code Kryo.copy(T)}) returns null only when it is
 * given null: {@link #nullOnlyForNullArguments} names those parameters, so the caller can judge the
 * arguments it passes instead of the method.
 */
final class OwnMethodResults {

  private OwnMethodResults() {}

  static boolean mayReturnNull(MethodSymbol method, VisitorState state) {
    if (method.getReturnType().isPrimitive()
        || !(JavacTrees.instance(state.context).getTree(method) instanceof MethodTree tree)
        || tree.getBody() == null) {
      return false;
    }
    if (returnsNullLiteral(tree)) {
      return true;
    }
    if (tree.getBody().getStatements().size() == 1
        && tree.getBody().getStatements().get(0) instanceof ReturnTree returned
        && returned.getExpression() != null
        && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(returned.getExpression())) instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD) {
      return fieldMayBeNull(field, state);
    }
    return false;
  }

  /**
   * The positions of the parameters on whose null alone {@code method} returns null, or null when its nulls
   * are not all of that shape (or it returns none). Each null literal it returns must sit where a test of
   * one parameter against null has found it null: the then-branch of {@code if (p == null)} (or of a
   * condition that implies it, {@code p == null && …}; the else-branch of {@code if (p != null)}), or the
   * matching arm of {@code p == null ? null : x}; and the method must never assign {@code p}. Its other returns
   * are taken as non-null, as {@link #mayReturnNull} takes them. Only the fixed parameters count: a null
   * answered for a varargs array says nothing of the elements passed.
   */
  static Set<Integer> nullOnlyForNullArguments(MethodSymbol method, VisitorState state) {
    TreePath declaration = JavacTrees.instance(state.context).getPath(method);
    if (declaration == null || !(declaration.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return null;
    }
    List<Symbol> parameters = new ArrayList<>();
    for (VariableTree parameter : tree.getParameters()) {
      parameters.add(ASTHelpers.getSymbol(parameter));
    }
    if (method.isVarArgs()) {
      parameters.set(parameters.size() - 1, null); // never a guard
    }
    Set<Integer> guards = new TreeSet<>();
    Set<Integer> assigned = new TreeSet<>();
    boolean[] unguarded = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree returned, Void unused) {
        if (returned.getExpression() != null && NullLiterals.mayBeNullLiteral(returned.getExpression())) {
          Symbol guard = enclosingGuard(getCurrentPath(), parameters);
          if (guard != null) {
            guards.add(parameters.indexOf(guard));
          } else if (!guardedValue(returned.getExpression(), parameters, guards)) {
            unguarded[0] = true;
          }
        }
        return null;
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        assigned.add(parameters.indexOf(ASTHelpers.getSymbol(assignment.getVariable())));
        return super.visitAssignment(assignment, null);
      }

      @Override
      public Void visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree assignment, Void unused) {
        assigned.add(parameters.indexOf(ASTHelpers.getSymbol(assignment.getVariable())));
        return super.visitCompoundAssignment(assignment, null);
      }

      @Override
      public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree lambda, Void unused) {
        return null; // its returns are its own, and it cannot assign the parameters
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null;
      }
    }.scan(new TreePath(declaration, tree.getBody()), null);
    // A guard assigned anywhere in the body may hold the method's own value by the test, not the caller's.
    return unguarded[0] || guards.isEmpty() || guards.stream().anyMatch(assigned::contains) ? null : guards;
  }

  /** The parameter that an enclosing {@code if} has found null where {@code returned} runs; null if none. */
  private static Symbol enclosingGuard(TreePath returned, List<Symbol> parameters) {
    Tree child = returned.getLeaf();
    for (TreePath p = returned.getParentPath(); p != null && !(p.getLeaf() instanceof MethodTree); p = p.getParentPath()) {
      if (p.getLeaf() instanceof IfTree ifTree && child != ifTree.getCondition()) {
        Symbol guard = nullWhen(ifTree.getCondition(), child == ifTree.getThenStatement(), parameters);
        if (guard != null) {
          return guard;
        }
      }
      child = p.getLeaf();
    }
    return null;
  }

  /**
   * Whether every null literal that {@code value} may yield ({@link NullLiterals#mayBeNullLiteral}'s
   * shapes) sits in a conditional arm chosen by a parameter being null; adds those parameters to {@code
   * guards}.
   */
  private static boolean guardedValue(ExpressionTree value, List<Symbol> parameters, Set<Integer> guards) {
    ExpressionTree e = ASTHelpers.stripParentheses(value);
    if (e instanceof TypeCastTree cast) {
      return guardedValue(cast.getExpression(), parameters, guards);
    }
    if (!(e instanceof ConditionalExpressionTree conditional)) {
      return !NullLiterals.mayBeNullLiteral(e);
    }
    return guardedArm(conditional.getTrueExpression(), conditional.getCondition(), true, parameters, guards)
        && guardedArm(conditional.getFalseExpression(), conditional.getCondition(), false, parameters, guards);
  }

  private static boolean guardedArm(
      ExpressionTree arm, ExpressionTree condition, boolean holds, List<Symbol> parameters, Set<Integer> guards) {
    if (!NullLiterals.mayBeNullLiteral(arm)) {
      return true;
    }
    Symbol guard = nullWhen(condition, holds, parameters);
    if (guard != null) {
      guards.add(parameters.indexOf(guard));
      return true;
    }
    return guardedValue(arm, parameters, guards);
  }

  /** The parameter that is null whenever {@code condition} has the value {@code holds}; null if none. */
  private static Symbol nullWhen(ExpressionTree condition, boolean holds, List<Symbol> parameters) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c instanceof UnaryTree not && c.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return nullWhen(not.getExpression(), !holds, parameters);
    }
    if (!(c instanceof BinaryTree binary)) {
      return null;
    }
    switch (binary.getKind()) {
      case EQUAL_TO, NOT_EQUAL_TO -> {
        if (holds != (binary.getKind() == Tree.Kind.EQUAL_TO)) {
          return null;
        }
        ExpressionTree left = ASTHelpers.stripParentheses(binary.getLeftOperand());
        ExpressionTree right = ASTHelpers.stripParentheses(binary.getRightOperand());
        ExpressionTree other = NullProof.isNull(left) ? right : NullProof.isNull(right) ? left : null;
        Symbol compared = other instanceof IdentifierTree ? ASTHelpers.getSymbol(other) : null;
        return compared != null && parameters.contains(compared) ? compared : null;
      }
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        // a && b true, or a || b false: both sides have that value, so either may name the parameter.
        if (holds != (binary.getKind() == Tree.Kind.CONDITIONAL_AND)) {
          return null;
        }
        Symbol guard = nullWhen(binary.getLeftOperand(), holds, parameters);
        return guard != null ? guard : nullWhen(binary.getRightOperand(), holds, parameters);
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean returnsNullLiteral(MethodTree method) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        found[0] |= tree.getExpression() != null && NullLiterals.mayBeNullLiteral(tree.getExpression());
        return null;
      }

      @Override
      public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree tree, Void unused) {
        return null; // its returns are its own
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(method.getBody(), null);
    return found[0];
  }

  /**
   * A private, non-final field without annotations (nothing injects it) that its compilation unit sets
   * to a null literal, or declares without a value and never assigns.
   */
  private static boolean fieldMayBeNull(VarSymbol field, VisitorState state) {
    if ((field.flags() & Flags.PRIVATE) == 0
        || (field.flags() & Flags.FINAL) != 0
        || !field.getAnnotationMirrors().isEmpty()) {
      return false;
    }
    TreePath declaration = JavacTrees.instance(state.context).getPath(field);
    if (declaration == null || !(declaration.getLeaf() instanceof VariableTree variable)) {
      return false;
    }
    boolean[] assigned = {variable.getInitializer() != null};
    boolean[] nullAssigned = {variable.getInitializer() != null && NullLiterals.mayBeNullLiteral(variable.getInitializer())};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree.getVariable()) == field) {
          assigned[0] = true;
          nullAssigned[0] |= NullLiterals.mayBeNullLiteral(tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree tree, Void unused) {
        assigned[0] |= ASTHelpers.getSymbol(tree.getVariable()) == field;
        return super.visitCompoundAssignment(tree, null);
      }
    }.scan(declaration.getCompilationUnit(), null);
    return nullAssigned[0] || !assigned[0];
  }
}
