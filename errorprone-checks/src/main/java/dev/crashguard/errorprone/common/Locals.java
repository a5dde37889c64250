package dev.crashguard.errorprone.common;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.List;

/** Local variables as the code around a use declares them. */
public final class Locals {

  private Locals() {}

  /**
   * The declaration of local {@code variable} among the statements before {@code use} in the blocks and
   * switch cases around it, within its method; null when it is not there (a parameter, a field).
   */
  public static VariableTree declarationBefore(TreePath use, Symbol variable) {
    Tree child = use.getLeaf();
    for (TreePath p = use.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return null;
      }
      List<? extends StatementTree> statements =
          leaf instanceof BlockTree block
              ? block.getStatements()
              : leaf instanceof CaseTree caseTree ? caseTree.getStatements() : null;
      if (statements == null) {
        continue;
      }
      for (StatementTree statement : statements) {
        if (statement == child) {
          break;
        }
        if (statement instanceof VariableTree declaration && variable.equals(ASTHelpers.getSymbol(declaration))) {
          return declaration;
        }
      }
    }
    return null;
  }

  /**
   * The declaration of local {@code variable} anywhere in the method (or initializer) around {@code
   * where}; null when it is not declared there.
   */
  public static VariableTree declarationIn(TreePath where, Symbol variable) {
    TreePath scope = where;
    while (scope != null && !(scope.getLeaf() instanceof MethodTree) && scope.getParentPath() != null
        && !(scope.getParentPath().getLeaf() instanceof ClassTree)) {
      scope = scope.getParentPath();
    }
    if (scope == null) {
      return null;
    }
    VariableTree[] found = new VariableTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (found[0] == null && variable.equals(ASTHelpers.getSymbol(tree))) {
          found[0] = tree;
        }
        return super.visitVariable(tree, null);
      }
    }.scan(scope.getLeaf(), null);
    return found[0];
  }
}
