package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import javax.lang.model.type.TypeKind;

/**
 * Conditions that may know whether a release already happened, so that neither branch can be judged: a
 * boolean flag ({@code if (locked)}, {@code if (!closed)}), a null check of a resource ({@code if (entry !=
 * null)}), a stamp compared ({@code if (stamp == 0L)}), a question to a resource ({@code isClosed()}, {@code
 * refCnt()}, {@code isHeldByCurrentThread()}, any boolean method of a lock, buffer or closeable), or a
 * once-only gate ({@code compareAndSet}). Under a guard the check forgets what it knew.
 */
final class Guards {

  private Guards() {}

  static boolean isGuard(ExpressionTree condition, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        found[0] |= isFlag(ASTHelpers.getSymbol(tree));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        found[0] |= isFlag(ASTHelpers.getSymbol(tree));
        return super.visitMemberSelect(tree, null);
      }

      @Override
      public Void visitBinary(BinaryTree tree, Void unused) {
        found[0] |= nullCheckOfResource(tree, state) || stampCompared(tree);
        return super.visitBinary(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        found[0] |= ReleaseModel.GUARD_CALLS.matches(tree, state) || questionToResource(tree, state);
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(condition, null);
    return found[0];
  }

  private static boolean isFlag(Symbol symbol) {
    if (!(symbol instanceof VarSymbol var)) {
      return false;
    }
    Type type = var.type;
    return type != null
        && (type.getKind() == TypeKind.BOOLEAN || type.tsym.getQualifiedName().contentEquals("java.lang.Boolean"));
  }

  private static boolean nullCheckOfResource(BinaryTree tree, VisitorState state) {
    if (tree.getKind() != Tree.Kind.EQUAL_TO && tree.getKind() != Tree.Kind.NOT_EQUAL_TO) {
      return false;
    }
    ExpressionTree other;
    if (tree.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = tree.getRightOperand();
    } else if (tree.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = tree.getLeftOperand();
    } else {
      return false;
    }
    Type type = ASTHelpers.getType(other);
    return type != null
        && (ReleaseModel.isResourceType(type, state) || type.tsym.getQualifiedName().contentEquals("java.lang.Object"));
  }

  /** A {@code long} variable (a stamp) compared with anything. */
  private static boolean stampCompared(BinaryTree tree) {
    return switch (tree.getKind()) {
      case EQUAL_TO, NOT_EQUAL_TO, LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL ->
          isLongVariable(tree.getLeftOperand()) || isLongVariable(tree.getRightOperand());
      default -> false;
    };
  }

  private static boolean isLongVariable(ExpressionTree tree) {
    Symbol symbol = ASTHelpers.getSymbol(Resource.strip(tree));
    return symbol instanceof VarSymbol var && var.type != null && var.type.getKind() == TypeKind.LONG;
  }

  /** A boolean method of a lock, buffer or closeable this check names: {@code writer.isOpen()}. */
  private static boolean questionToResource(MethodInvocationTree tree, VisitorState state) {
    if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)
        || method.getReturnType().getKind() != TypeKind.BOOLEAN
        || ReleaseModel.LOCK_TRY_ACQUIRES.matches(tree, state)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(tree);
    return receiver != null
        && Resource.of(receiver, state).isPresent()
        && ReleaseModel.isResourceType(ASTHelpers.getType(receiver), state);
  }
}
