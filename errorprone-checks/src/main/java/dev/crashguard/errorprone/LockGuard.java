package dev.crashguard.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import javax.lang.model.element.Modifier;

/**
 * Whether code runs with a lock held: inside a {@code synchronized} method or block, in the try block of
 * a try whose finally releases a {@code Lock}, after a {@code lock()} in the same block, or under
 * {@code if (lock.tryLock())}. Which lock is not compared: any lock is taken as the one that guards the
 * map. A lambda handed to another thread leaves the lock behind.
 */
final class LockGuard {

  private LockGuard() {}

  static boolean isHeld(TreePath path, VisitorState state) {
    if (path.getLeaf() instanceof MemberReferenceTree && TaskOrigins.taskOrigin(path, state).isPresent()) {
      return false; // set::add handed to another thread runs there, without the caller's lock
    }
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof SynchronizedTree sync && sync.getBlock() == child) {
        return true;
      }
      if (leaf instanceof MethodTree method) {
        return method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED);
      }
      if (leaf instanceof ClassTree) {
        return false;
      }
      if ((leaf instanceof LambdaExpressionTree || leaf instanceof MemberReferenceTree)
          && TaskOrigins.taskOrigin(p, state).isPresent()) {
        return false;
      }
      if (leaf instanceof TryTree tryTree
          && tryTree.getBlock() == child
          && tryTree.getFinallyBlock() != null
          && calls(tryTree.getFinallyBlock(), ThreadModel.LOCK_RELEASE, state)) {
        return true;
      }
      if (leaf instanceof BlockTree block && heldAfterPrecedingStatements(block, child, state)) {
        return true;
      }
      if (leaf instanceof IfTree ifTree
          && ifTree.getThenStatement() == child
          && calls(ifTree.getCondition(), ThreadModel.LOCK_TRY, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean heldAfterPrecedingStatements(BlockTree block, Tree child, VisitorState state) {
    boolean held = false;
    for (StatementTree statement : block.getStatements()) {
      if (statement == child) {
        return held;
      }
      if (calls(statement, ThreadModel.LOCK_RELEASE, state)) {
        held = false;
      } else if (calls(statement, ThreadModel.LOCK_ACQUIRE, state)) {
        held = true;
      }
    }
    return false;
  }

  /** Whether {@code tree} calls {@code matcher} itself (not in a nested lambda or class). */
  private static boolean calls(Tree tree, Matcher<ExpressionTree> matcher, VisitorState state) {
    if (tree == null) {
      return false;
    }
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree node, Void unused) {
            return matcher.matches(node, state) || Boolean.TRUE.equals(super.visitMethodInvocation(node, null));
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree node, Void unused) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }
}
