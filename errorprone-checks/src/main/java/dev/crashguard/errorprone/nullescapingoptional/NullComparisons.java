package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether code compares a variable, or a local copy of it, with null ({@code x == null}, {@code x != null},
 * or hands it to a null test or null default of the knowledge, such as {@code Objects.isNull} or {@code
 * Objects.requireNonNullElse}). For an Optional
 * variable that is a sign that null is one of its states on purpose (a lazily filled cache, a defensive
 * callee), so storing or passing null there is no surprise to the code that reads it.
 */
final class NullComparisons {

  private NullComparisons() {}

  static boolean anyIn(Tree scope, Symbol variable, VisitorState state) {
    if (scope == null || variable == null) {
      return false;
    }
    boolean[] found = {false};
    Set<Symbol> copies = new HashSet<>(Set.of(variable));
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, unused);
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        // Optional<T> provider = this.provider; if (provider == null) …: the copy stands for the variable.
        if (tree.getInitializer() != null && is(tree.getInitializer()) && ASTHelpers.getSymbol(tree) != null) {
          copies.add(ASTHelpers.getSymbol(tree));
        }
        return super.visitVariable(tree, unused);
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
        if ((OptionalModel.IS_NULL_TESTS.matches(tree, state)
                || OptionalModel.NON_NULL_TESTS.matches(tree, state)
                || OptionalModel.NULL_DEFAULTS.matches(tree, state))
            && tree.getArguments().stream().anyMatch(this::is)) {
          found[0] = true;
        }
        return super.visitMethodInvocation(tree, unused);
      }

      private boolean is(ExpressionTree tree) {
        return copies.contains(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(tree)));
      }
    }.scan(scope, null);
    return found[0];
  }
}
