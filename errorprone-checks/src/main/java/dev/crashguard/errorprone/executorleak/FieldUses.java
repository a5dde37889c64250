package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.HashSet;
import java.util.Set;

/**
 * What the compilation unit does with one field that holds a pool or a timer: where it is shut down, where
 * it is read in a way that may hand it to something that ends it (an alias, a getter, an argument of a
 * helper), whether its core threads time out, and whether its class registers a shutdown hook. A read the
 * check does not understand counts as "may be ended there": the field is then left alone.
 */
final class FieldUses {

  private final Symbol field;
  private final VisitorState state;

  /** A shutdown of the field, a shutdown method reference, a static shutdown helper or a hook given it. */
  boolean shutDown;

  /** Read in a way that may hand the pool to something that ends it. */
  boolean escapes;

  /** {@code allowCoreThreadTimeOut} called on it with anything but a literal {@code false}. */
  boolean timesOut;

  /** A shutdown hook is registered somewhere in the field's class (its nested classes too). */
  boolean hookInClass;

  /** The methods that mention the field other than by assigning it or calling a non-shutdown method on it. */
  final Set<MethodTree> managingMethods = new HashSet<>();

  /** The methods that shut the field down themselves (a {@code cancelTimer()} helper). */
  final Set<Symbol> shuttingMethods = new HashSet<>();

  private FieldUses(Symbol field, VisitorState state) {
    this.field = field;
    this.state = state;
  }

  /** The uses of {@code field} in the compilation unit being analysed. */
  static FieldUses of(Symbol field, VisitorState state) {
    FieldUses uses = new FieldUses(field, state);
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        if (field.equals(ASTHelpers.getSymbol(id))) {
          uses.mention(getCurrentPath());
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        if (field.equals(ASTHelpers.getSymbol(select))) {
          uses.mention(getCurrentPath());
          return null;
        }
        return super.visitMemberSelect(select, null);
      }

      private int inDeclaringClass;

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        boolean declaring = field.owner != null && field.owner.equals(ASTHelpers.getSymbol(classTree));
        inDeclaringClass += declaring ? 1 : 0;
        try {
          return super.visitClass(classTree, null);
        } finally {
          inDeclaringClass -= declaring ? 1 : 0;
        }
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (inDeclaringClass > 0 && PoolModel.HOOKS.matches(call, state)) {
          uses.hookInClass = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(new TreePath(unit), null);
    return uses;
  }

  /** Whether the unit shuts the field down or may hand it to something that does. */
  boolean endedSomewhere() {
    return shutDown || escapes;
  }

  private void mention(TreePath use) {
    TreePath outer = PoolModel.outward(use);
    Tree expression = outer.getLeaf();
    Tree parent = outer.getParentPath().getLeaf();
    MethodTree method = enclosingMethod(use);
    switch (parent) {
      case MemberSelectTree select when select.getExpression() == expression -> {
        Tree grand = outer.getParentPath().getParentPath().getLeaf();
        if (grand instanceof MethodInvocationTree call && call.getMethodSelect() == select) {
          if (PoolModel.SHUTDOWNS.matches(call, state)) {
            shutDown = true;
            managed(method);
            shutting(method);
          } else if (PoolModel.CORE_TIMEOUT.matches(call, state) && !literalFalse(call)) {
            timesOut = true;
          }
        }
      }
      case MemberReferenceTree reference -> {
        if (PoolModel.SHUTDOWNS.matches(reference, state)) {
          shutDown = true;
          managed(method);
        }
      }
      case MethodInvocationTree call when call.getArguments().contains(expression) -> {
        if (PoolModel.STATIC_SHUTDOWNS.matches(call, state) || PoolModel.HOOKS.matches(call, state)) {
          shutDown = true;
          managed(method);
          if (PoolModel.STATIC_SHUTDOWNS.matches(call, state)) {
            shutting(method);
          }
        } else if (!PoolModel.isNonOwning(ASTHelpers.getSymbol(call), state)) {
          escape(method);
        }
      }
      case NewClassTree created when created.getArguments().contains(expression) -> {
        if (!PoolModel.isNonOwning(ASTHelpers.getSymbol(created), state)) {
          escape(method);
        }
      }
      case AssignmentTree assignment when assignment.getVariable() == expression -> {
        // an assignment: judged where it is made
      }
      case BinaryTree comparison -> managed(method);
      case InstanceOfTree test -> {
        if (test.getPattern() != null) {
          escape(method); // {@code field instanceof ExecutorService pool}: an alias
        }
      }
      case SynchronizedTree sync -> {}
      default -> escape(method);
    }
  }

  private void escape(MethodTree method) {
    escapes = true;
    managed(method);
  }

  private void shutting(MethodTree method) {
    if (method != null && ASTHelpers.getSymbol(method) != null) {
      shuttingMethods.add(ASTHelpers.getSymbol(method));
    }
  }

  private void managed(MethodTree method) {
    if (method != null) {
      managingMethods.add(method);
    }
  }

  private static boolean literalFalse(MethodInvocationTree call) {
    return call.getArguments().size() == 1
        && call.getArguments().get(0) instanceof LiteralTree literal
        && Boolean.FALSE.equals(literal.getValue());
  }

  /** The method (or constructor) whose body holds {@code path}, lambdas included; null in an initializer. */
  static MethodTree enclosingMethod(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method) {
        return method;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /** Whether {@code tree} (parentheses and casts removed) names the field. */
  boolean isField(ExpressionTree tree) {
    return (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) && field.equals(ASTHelpers.getSymbol(tree));
  }
}
