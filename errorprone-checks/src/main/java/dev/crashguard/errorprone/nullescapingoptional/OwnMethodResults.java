package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import javax.lang.model.element.ElementKind;

/**
 * Whether a method of the code being compiled may return null, read from its body: it returns a null
 * literal on some path ({@code return null;}, {@code c ? null : x}), or it is a getter ({@code return f;})
 * of a field its class sets to null, or never sets at all. The null is then one call away from the
 * {@code Optional.of} that receives it. A method whose body is not in this compilation says nothing.
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
