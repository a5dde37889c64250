package dev.crashguard.errorprone.unsynchronizedmapwrite;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.crashguard.errorprone.common.Types;
import javax.lang.model.element.Modifier;

/**
 * Whether a class speaks of threads anywhere: a synchronized method or block, a lock taken, a task handed
 * to an executor or thread, a thread started, or the class being a Thread or Runnable itself. A volatile
 * field is evidence of sharing only together with one of these; a clear in a teardown method races only
 * when the class hands work to other threads (locks do not count there).
 */
final class ConcurrencyEvidence {

  private ConcurrencyEvidence() {}

  /** The answer for the last class asked about: its methods' writes are checked one after another. */
  private record Answer(ClassTree top, boolean found) {}

  private static volatile Answer last;

  /**
   * Whether the class around the code at {@code path} hands work to other threads (a task to an executor
   * or a new thread, a thread class): locks do not count.
   */
  static boolean threadsInClassOf(TreePath path, VisitorState state) {
    ClassTree cls = classOf(path);
    return cls == null || scan(cls, state, false);
  }

  private static ClassTree classOf(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree cls) {
        return cls;
      }
    }
    return null;
  }

  /** Whether the class around the code at {@code path} (its nested classes included) speaks of threads. */
  static boolean inClassOf(TreePath path, VisitorState state) {
    ClassTree top = classOf(path);
    if (top == null) {
      return true; // unsure: keep the finding's other evidence
    }
    Answer answer = last;
    if (answer == null || answer.top() != top) {
      answer = new Answer(top, scan(top, state, true));
      last = answer;
    }
    return answer.found();
  }

  /**
   * Whether {@code code} (a method) takes a lock itself: a synchronized block, or one of the knowledge's
   * ANY_LOCK_ACQUIRES (a read lock too).
   */
  static boolean takesALock(Tree code, VisitorState state) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitSynchronized(SynchronizedTree tree, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        found[0] |= ThreadModel.ANY_LOCK_ACQUIRES.matches(tree, state);
        return found[0] ? null : super.visitMethodInvocation(tree, null);
      }
    }.scan(code, null);
    return found[0];
  }

  private static boolean scan(ClassTree top, VisitorState state, boolean locksCount) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) instanceof ClassSymbol cls
            && ThreadModel.THREAD_ENTRY_METHODS.keySet().stream().anyMatch(t -> Types.isSubtype(cls.type, t, state))) {
          found[0] = true;
        }
        return found[0] ? null : super.visitClass(tree, null);
      }

      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        found[0] |= locksCount && tree.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED);
        return found[0] ? null : super.visitMethod(tree, null);
      }

      @Override
      public Void visitSynchronized(SynchronizedTree tree, Void unused) {
        found[0] |= locksCount;
        return found[0] ? null : super.visitSynchronized(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        found[0] |=
            (locksCount
                    && (ThreadModel.LOCK_ACQUIRES.matches(tree, state) || ThreadModel.LOCK_TRY_ACQUIRES.matches(tree, state)))
                || ThreadModel.TASK_HANDOFFS.matches(tree, state);
        return found[0] ? null : super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        found[0] |= ThreadModel.TASK_HANDOFFS.matches(tree, state);
        return found[0] ? null : super.visitNewClass(tree, null);
      }
    }.scan(top, null);
    return found[0];
  }
}
