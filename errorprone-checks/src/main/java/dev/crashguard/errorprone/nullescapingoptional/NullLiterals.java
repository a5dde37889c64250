package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;

/** Where a null literal can be the value of an expression or the result of a lambda, at a glance. */
final class NullLiterals {

  private NullLiterals() {}

  /** {@code null}, {@code (String) null}, {@code c ? null : x}, a switch expression with a null arm. */
  static boolean mayBeNullLiteral(ExpressionTree tree) {
    ExpressionTree e = ASTHelpers.stripParentheses(tree);
    if (e == null) {
      return false;
    }
    if (e.getKind() == Tree.Kind.NULL_LITERAL) {
      return true;
    }
    if (e instanceof TypeCastTree cast) {
      return mayBeNullLiteral(cast.getExpression());
    }
    if (e instanceof ConditionalExpressionTree conditional) {
      return mayBeNullLiteral(conditional.getTrueExpression()) || mayBeNullLiteral(conditional.getFalseExpression());
    }
    if (e instanceof SwitchExpressionTree switchExpression) {
      for (CaseTree caseTree : switchExpression.getCases()) {
        if (caseTree.getBody() instanceof ExpressionTree body && mayBeNullLiteral(body)) {
          return true;
        }
      }
      return yieldsNull(switchExpression);
    }
    return false;
  }

  /** Whether the lambda's body is, or returns, a null literal on some path. */
  static boolean mayReturnNullLiteral(LambdaExpressionTree lambda) {
    if (lambda.getBody() instanceof ExpressionTree body) {
      return mayBeNullLiteral(body);
    }
    Boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (tree.getExpression() != null && mayBeNullLiteral(tree.getExpression())) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null; // its returns are its own
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(lambda.getBody(), null);
    return found[0];
  }

  private static boolean yieldsNull(SwitchExpressionTree switchExpression) {
    Boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitYield(YieldTree tree, Void unused) {
        if (mayBeNullLiteral(tree.getValue())) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
        return tree == switchExpression ? super.visitSwitchExpression(tree, unused) : null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(switchExpression, null);
    return found[0];
  }
}
