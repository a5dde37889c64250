package dev.crashguard.errorprone.unsynchronizedmapwrite;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.tree.JCTree;
import dev.crashguard.errorprone.unsynchronizedmapwrite.TaskOrigins.Task;
import java.util.Optional;

/**
 * A local map handed to a task is shared only while both sides use it. The creator's writes before the
 * hand-off happen-before the task (starting a thread, submitting to an executor); its uses after {@code
 * get()}, {@code join()} or {@code awaitTermination()} come after the task's writes. So the task's write
 * races only when
 *
 * <ul>
 *   <li>the creator uses the map after handing it over and before it waits for the task;
 *   <li>another task writes it too, or the hand-off is in a loop (one task per iteration);
 *   <li>the task is a parallel stream's function, which runs on several threads at once.
 * </ul>
 *
 * Anything this cannot read (the declaration out of sight, a map passed around) counts as a race.
 */
final class LocalHandOff {

  private LocalHandOff() {}

  static boolean races(Task task, MapVariable map, VisitorState state) {
    Optional<TreePath> declaration = map.declaration();
    if (declaration.isEmpty() || declaration.get().getParentPath() == null) {
      return true;
    }
    TreePath scope = declaration.get().getParentPath();
    if (TaskOrigins.isParallelStreamFunction(task.boundary(), state) || inLoopWithin(task.boundary(), scope.getLeaf())) {
      return true;
    }
    Uses uses = new Uses(map, task, state);
    uses.scan(scope, null);
    return uses.otherTaskWrites || uses.usedBeforeWait();
  }

  /** Whether a loop lies between the task and the block that declares the map. */
  private static boolean inLoopWithin(TreePath boundary, Tree scope) {
    for (TreePath p = boundary.getParentPath(); p != null && p.getLeaf() != scope; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ForLoopTree
          || leaf instanceof EnhancedForLoopTree
          || leaf instanceof WhileLoopTree
          || leaf instanceof DoWhileLoopTree) {
        return true;
      }
    }
    return false;
  }

  /** One pass over the declaring block: other tasks' writes, the creator's uses and waits after the task. */
  private static final class Uses extends TreePathScanner<Void, Void> {
    private final MapVariable map;
    private final Task task;
    private final VisitorState state;
    private final int taskEnd;
    private boolean otherTaskWrites;
    private int firstUseAfter = Integer.MAX_VALUE;
    private int firstWaitAfter = Integer.MAX_VALUE;

    Uses(MapVariable map, Task task, VisitorState state) {
      this.map = map;
      this.task = task;
      this.state = state;
      this.taskEnd = state.getEndPosition(task.boundary().getLeaf());
    }

    boolean usedBeforeWait() {
      return firstUseAfter < firstWaitAfter;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree) == map.symbol()) {
        int position = ((JCTree) tree).getStartPosition();
        Optional<Task> around = TaskOrigins.task(getCurrentPath(), map, state);
        if (around.isEmpty()) {
          if (position > taskEnd) {
            firstUseAfter = Math.min(firstUseAfter, position);
          }
        } else if (around.get().boundary().getLeaf() != task.boundary().getLeaf() && isWrite(getCurrentPath())) {
          otherTaskWrites = true;
        }
      }
      return super.visitIdentifier(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      int end = state.getEndPosition(tree);
      if (end > taskEnd && ThreadModel.TASK_COMPLETION_WAITS.matches(tree, state)) {
        // pool.submit(task).get(): the wait ends after the task; what comes after it, comes after the task.
        firstWaitAfter = Math.min(firstWaitAfter, end);
      }
      return super.visitMethodInvocation(tree, null);
    }

    /** The identifier is the receiver of a write ({@code map.put(…)}, through views too). */
    private boolean isWrite(TreePath identifier) {
      for (TreePath p = identifier.getParentPath(); p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof MethodInvocationTree call) {
          if (MapModel.WRITE_METHODS.matches(call, state)) {
            return MapVariable.targetOf(ASTHelpers.getReceiver(call), state) == map.symbol();
          }
          if (!MapModel.VIEW_METHODS.matches(call, state)) {
            return false;
          }
        } else if (!(p.getLeaf() instanceof com.sun.source.tree.MemberSelectTree)) {
          return false;
        }
      }
      return false;
    }
  }
}
