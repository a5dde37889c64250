package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * A method of the same compilation unit that takes an executor and only runs work on it
 * (google-http-java-client#2122: {@code executeAsync(Executor executor)} hands it to {@code supplyAsync}
 * and nothing else): a pool created as its argument is as dropped as one given to {@code supplyAsync}
 * directly. One level deep; a parameter used any other way makes the method an owner.
 */
final class HelperMethods {

  private HelperMethods() {}

  /** The helper's name for the message ({@code executeAsync()}), or null when it may own the argument. */
  static String onlyRunsWorkOn(MethodSymbol method, int argument, VisitorState state) {
    if (method == null || method.isVarArgs()) {
      return null;
    }
    MethodTree declaration = declarationInUnit(method, state);
    if (declaration == null || declaration.getBody() == null || argument >= declaration.getParameters().size()) {
      return null;
    }
    Symbol parameter = ASTHelpers.getSymbol(declaration.getParameters().get(argument));
    int[] uses = {0, 0};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        if (parameter != null && parameter.equals(ASTHelpers.getSymbol(id))) {
          TreePath outer = PoolModel.outward(getCurrentPath());
          Tree parent = outer.getParentPath().getLeaf();
          boolean nonOwning =
              (parent instanceof MethodInvocationTree call && call.getArguments().contains(outer.getLeaf())
                      && PoolModel.isNonOwning(ASTHelpers.getSymbol(call), state))
                  || (parent instanceof NewClassTree created && created.getArguments().contains(outer.getLeaf())
                      && PoolModel.isNonOwning(ASTHelpers.getSymbol(created), state));
          uses[nonOwning ? 0 : 1]++;
        }
        return null;
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), declaration.getBody()), null);
    return uses[0] > 0 && uses[1] == 0 ? method.getSimpleName() + "()" : null;
  }

  private static MethodTree declarationInUnit(MethodSymbol method, VisitorState state) {
    MethodTree[] found = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        if (method.equals(ASTHelpers.getSymbol(tree))) {
          found[0] = tree;
          return null;
        }
        return super.visitMethod(tree, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    return found[0];
  }
}
