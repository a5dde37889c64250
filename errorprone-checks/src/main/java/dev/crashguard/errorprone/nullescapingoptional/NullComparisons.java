package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;

/**
 * Whether code compares a variable with null ({@code x == null}, {@code x != null}, or hands it to a
 * {@code java.util.Objects} method such as {@code isNull} or {@code requireNonNullElse}). For an Optional
 * variable that is a sign that null is one of its states on purpose (a lazily filled cache, a defensive
 * callee), so storing or passing null there is no surprise to the code that reads it.
 */
final class NullComparisons {

  private NullComparisons() {}

  static boolean anyIn(Tree scope, Symbol variable) {
    if (scope == null || variable == null) {
      return false;
    }
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, unused);
      }

      @Override
      public Void visitBinary(BinaryTree tree, Void unused) {
        if ((tree.getKind() == Tree.Kind.EQUAL_TO || tree.getKind() == Tree.Kind.NOT_EQUAL_TO)
            && ((NullProof.isNull(tree.getLeftOperand()) && is(tree.getRightOperand()))
                || (NullProof.isNull(tree.getRightOperand()) && is(tree.getLeftOperand())))) {
          found[0] = true;
        }
        return super.visitBinary(tree, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol method
            && method.owner.getQualifiedName().contentEquals("java.util.Objects")
            && tree.getArguments().stream().anyMatch(this::is)) {
          found[0] = true;
        }
        return super.visitMethodInvocation(tree, unused);
      }

      private boolean is(ExpressionTree tree) {
        return variable.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(tree)));
      }
    }.scan(scope, null);
    return found[0];
  }
}
