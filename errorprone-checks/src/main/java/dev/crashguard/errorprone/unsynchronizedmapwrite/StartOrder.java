package dev.crashguard.errorprone.unsynchronizedmapwrite;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.tree.JCTree;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.errorprone.common.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Thread confinement by start order (jgroups' {@code StompConnection}): a {@code Runnable} or {@code Thread}
 * class whose method walks or fills the map and then starts the object's own thread. {@code Thread.start()}
 * happens before everything {@code run()} does, so a use that comes before the start, in the same body and
 * in no loop around both, cannot overlap with {@code run()}'s writes. The object starts its own thread
 * with {@code new Thread(this, …)}, with {@code start()} on itself when it is a {@code Thread}, or through a
 * method of its class that does (up to {@value #MAX_CALL_DEPTH} calls down). A method that starts the
 * object's thread is taken to run once before that thread; calling it again while the thread runs would
 * race, and is not followed.
 */
final class StartOrder {

  private static final int MAX_CALL_DEPTH = 3;

  private StartOrder() {}

  /** Whether every use of {@code field} in {@code method} comes before the method starts the object's thread. */
  static boolean usedOnlyBeforeItStartsItself(ClassTree cls, MethodTree method, Symbol field, VisitorState state) {
    ClassSymbol owner = ASTHelpers.getSymbol(cls);
    if (owner == null || method.getBody() == null) {
      return false;
    }
    List<TreePath> starts = new ArrayList<>();
    List<TreePath> uses = new ArrayList<>();
    TreePath body = TreePath.getPath(state.getPath().getCompilationUnit(), method.getBody());
    if (body == null) {
      return false;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (ASTHelpers.getSymbol(node) == field) {
          uses.add(getCurrentPath());
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        if (ASTHelpers.getSymbol(node) == field) {
          uses.add(getCurrentPath());
        }
        return super.visitMemberSelect(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (startsItself(node, cls, owner, state, MAX_CALL_DEPTH, new HashSet<>())) {
          starts.add(getCurrentPath());
        }
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        if (threadOfThis(node, state)) {
          starts.add(getCurrentPath());
        }
        return super.visitNewClass(node, null);
      }
    }.scan(body, null);
    if (starts.isEmpty() || uses.isEmpty()) {
      return false;
    }
    for (TreePath use : uses) {
      if (inDeferredCode(use, method) || starts.stream().noneMatch(start -> before(use, start, method, state))) {
        return false;
      }
    }
    return true;
  }

  /** {@code use} ends before {@code start} begins, and no loop in {@code method} holds both. */
  private static boolean before(TreePath use, TreePath start, MethodTree method, VisitorState state) {
    if (((JCTree) use.getLeaf()).getStartPosition() >= ((JCTree) start.getLeaf()).getStartPosition()) {
      return false;
    }
    for (TreePath p = use; p != null && p.getLeaf() != method; p = p.getParentPath()) {
      if (isLoop(p.getLeaf()) && contains(p.getLeaf(), start.getLeaf(), state)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLoop(Tree tree) {
    return tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree
        || tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree;
  }

  private static boolean contains(Tree outer, Tree inner, VisitorState state) {
    int position = ((JCTree) inner).getStartPosition();
    return ((JCTree) outer).getStartPosition() <= position && position < state.getEndPosition(outer);
  }

  /** A use inside a lambda or a class body in the method runs later, maybe after the start. */
  private static boolean inDeferredCode(TreePath use, MethodTree method) {
    for (TreePath p = use.getParentPath(); p != null && p.getLeaf() != method; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return true;
      }
    }
    return false;
  }

  /** {@code new Thread(…, this, …)}: a thread that will run this object's {@code run()}. */
  private static boolean threadOfThis(NewClassTree node, VisitorState state) {
    return Types.isSubtype(ASTHelpers.getType(node), UnsynchronizedMapWriteKnowledge.THREAD_TYPE, state)
        && node.getArguments().stream().anyMatch(StartOrder::isThis);
  }

  private static boolean isThis(ExpressionTree tree) {
    return tree instanceof IdentifierTree id && id.getName().contentEquals("this");
  }

  /**
   * {@code start()} or {@code this.start()} of a Thread class, or a call of a method of the class whose body
   * starts the object's thread.
   */
  private static boolean startsItself(
      MethodInvocationTree call, ClassTree cls, ClassSymbol owner, VisitorState state, int depth, Set<MethodSymbol> seen) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver != null && !isThis(receiver)) {
      return false;
    }
    MethodSymbol callee = ASTHelpers.getSymbol(call);
    if (callee == null) {
      return false;
    }
    if (callee.getSimpleName().contentEquals(UnsynchronizedMapWriteKnowledge.THREAD_START.name())
        && callee.getParameters().isEmpty()
        && Types.isSubtype(owner.type, UnsynchronizedMapWriteKnowledge.THREAD_TYPE, state)) {
      return true;
    }
    if (callee.owner != owner || depth == 0 || !seen.add(callee)) {
      return false;
    }
    MethodTree declaration = LockGuard.declaration(callee, state);
    if (declaration == null || declaration.getBody() == null) {
      return false;
    }
    boolean[] found = {false};
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        found[0] |= threadOfThis(node, state);
        return found[0] ? null : super.visitNewClass(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        found[0] |= startsItself(node, cls, owner, state, depth - 1, seen);
        return found[0] ? null : super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null; // runs later, if at all
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(declaration.getBody(), null);
    return found[0];
  }
}
