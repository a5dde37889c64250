package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;
import dev.crashguard.errorprone.common.CheckedExceptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which exceptions code may throw, and which a catch takes: every call may throw an unchecked exception
 * and the checked ones it declares (a lock's own calls and a buffer's release or retain are not followed
 * as throwing, see {@link Effects}); a catch takes what its types may catch, and lets the rest go on to
 * the next catch, the {@code finally} and out.
 */
final class Exceptions {

  private final VisitorState state;

  Exceptions(VisitorState state) {
    this.state = state;
  }

  /** The checked exceptions {@code call} declares. */
  List<Type> checkedThrownBy(Tree call) {
    return CheckedExceptions.declaredBy(ASTHelpers.getSymbol(call), state);
  }

  /**
   * If {@code tree} calls something that may throw (anything but a lock's own calls and a buffer's
   * release or retain), its paths as they are before it leave as an exception.
   */
  void mayThrow(Tree tree, Paths in, Flow flow) {
    if (tree == null || in.isEmpty()) {
      return;
    }
    List<Type> checked = new ArrayList<>();
    boolean[] calls = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!quiet(call)) {
          calls[0] = true;
          checked.addAll(checkedThrownBy(call));
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree created, Void unused) {
        calls[0] = true;
        checked.addAll(checkedThrownBy(created));
        return super.visitNewClass(created, null);
      }
    }.scan(tree, null);
    if (calls[0]) {
      flow.addThrown(in, checked, true);
    }
  }

  /**
   * Calls not followed as throwing: a lock's acquires (see {@link Effects}), releases, views and questions,
   * and a future's completions (NON_THROWING_CALLS).
   */
  private boolean quiet(MethodInvocationTree call) {
    return ReleaseModel.NON_THROWING_CALLS.matches(call, state)
        || ReleaseModel.LOCK_ACQUIRES.matches(call, state)
        || ReleaseModel.LOCK_TRY_ACQUIRES.matches(call, state)
        || ReleaseModel.LOCK_RELEASES.matches(call, state)
        || ReleaseModel.LOCK_VIEWS.matches(call, state)
        || ReleaseModel.LOCK_HELD_TESTS.matches(call, state)
        || ReleaseModel.REFCOUNT_RELEASE.matches(call, state)
        || ReleaseModel.REFCOUNT_RETAINS.matches(call, state);
  }

  /** The types a catch clause names (each alternative of {@code A | B}). */
  List<Type> caughtTypes(CatchTree catchTree) {
    Tree type = catchTree.getParameter().getType();
    List<Type> out = new ArrayList<>();
    if (type instanceof UnionTypeTree union) {
      for (Tree alternative : union.getTypeAlternatives()) {
        Optional.ofNullable(ASTHelpers.getType(alternative)).ifPresent(out::add);
      }
    } else {
      Optional.ofNullable(ASTHelpers.getType(type)).ifPresent(out::add);
    }
    return out;
  }

  /** Whether a catch of {@code caught} may catch some of {@code thrown}. */
  boolean mayCatch(Flow.Thrown thrown, List<Type> caught) {
    Type runtime = state.getSymtab().runtimeExceptionType;
    com.sun.tools.javac.code.Types types = state.getTypes();
    for (Type c : caught) {
      if (thrown.unchecked() && (types.isSubtype(runtime, c) || types.isSubtype(c, runtime))) {
        return true;
      }
      for (Type t : thrown.checked()) {
        if (types.isSubtype(t, c) || types.isSubtype(c, t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a catch of {@code caught} catches all of {@code thrown}, so that none goes on. */
  boolean catchesAll(Flow.Thrown thrown, List<Type> caught) {
    Type runtime = state.getSymtab().runtimeExceptionType;
    com.sun.tools.javac.code.Types types = state.getTypes();
    if (thrown.unchecked() && caught.stream().noneMatch(c -> types.isSubtype(runtime, c))) {
      return false;
    }
    return thrown.checked().stream().allMatch(t -> caught.stream().anyMatch(c -> types.isSubtype(t, c)));
  }

  /** A {@code RuntimeException} or an {@code Error}. */
  boolean isUnchecked(Type type) {
    return CheckedExceptions.isUnchecked(type, state);
  }
}
