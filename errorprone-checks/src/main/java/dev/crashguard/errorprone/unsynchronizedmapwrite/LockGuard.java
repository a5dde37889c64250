package dev.crashguard.errorprone.unsynchronizedmapwrite;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.errorprone.common.Locals;
import dev.crashguard.errorprone.common.Types;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Whether code runs with a lock held: inside a {@code synchronized} method or block, in the try block of
 * a try whose finally releases a {@code Lock}, after a {@code lock()} in the same block, or under
 * {@code if (lock.tryLock())} (or {@code if (helper())}, a private boolean helper of the class that
 * takes the lock and leaves it held: {@link #TRY_ACQUIRE}). Which lock is not compared: any lock is taken
 * as the one that guards the map. A lambda handed to another thread leaves the lock behind.
 *
 * <p>Code in a protected or package-private method that holds no lock itself counts as locked when every
 * call of the method in its top-level class holds one ({@link LockedCallers}).
 */
final class LockGuard {

  private LockGuard() {}

  /**
   * Conditions under which the lock is held: {@link ThreadModel#LOCK_TRY_ACQUIRES}, or a call of a private
   * boolean method of the same class that takes the lock and does not release it (spring's {@code
   * if (!tryLockForShutdown()) return;}), which is read exactly like a {@code tryLock()} at the call.
   */
  static final Matcher<ExpressionTree> TRY_ACQUIRE =
      (tree, state) -> ThreadModel.LOCK_TRY_ACQUIRES.matches(tree, state) || isLockTakingHelper(tree, state);

  /** Whether the code at {@code path} runs with a lock held. */
  static boolean isHeld(TreePath path, VisitorState state) {
    return isHeld(path, state, false);
  }

  /**
   * Whether the code at {@code path} runs with a lock its own object or class owns ({@link #ownLock}): the
   * evidence that a class guards a map. A lock taken from another object belongs to that object's protocol.
   */
  static boolean isHeldByOwnLock(TreePath path, VisitorState state) {
    return isHeld(path, state, true);
  }

  private static boolean isHeld(TreePath path, VisitorState state, boolean ownOnly) {
    if (path.getLeaf() instanceof MemberReferenceTree && TaskOrigins.taskOrigin(path, state).isPresent()) {
      return false; // set::add handed to another thread runs there, without the caller's lock
    }
    Scope scope = lexically(path, state, ownOnly);
    return scope.held()
        || (scope.unlockedMethod() != null && LockedCallers.lockedByEveryCaller(scope.unlockedMethod(), state));
  }

  /**
   * What the code at {@code path} shows by itself: a lock held, or the method whose body runs the code
   * without one ({@code null} when a class body, an initializer or a task handed to another thread comes
   * first).
   */
  record Scope(boolean held, TreePath unlockedMethod) {
    private static final Scope HELD = new Scope(true, null);
    private static final Scope NOT_HELD = new Scope(false, null);
  }

  /** The lock held around {@code path} within its own method, not looking at the method's callers. */
  static Scope lexically(TreePath path, VisitorState state) {
    return lexically(path, state, false);
  }

  private static Scope lexically(TreePath path, VisitorState state, boolean ownOnly) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof SynchronizedTree sync
          && sync.getBlock() == child
          && (!ownOnly || ownMonitor(sync.getExpression(), p, state))) {
        return Scope.HELD;
      }
      if (leaf instanceof MethodTree method) {
        return method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED) || assertsHeld(method, p, state, ownOnly)
            ? Scope.HELD
            : new Scope(false, p);
      }
      if (leaf instanceof ClassTree) {
        return Scope.NOT_HELD;
      }
      if ((leaf instanceof LambdaExpressionTree || leaf instanceof MemberReferenceTree)
          && TaskOrigins.taskOrigin(p, state).isPresent()) {
        return Scope.NOT_HELD;
      }
      if (leaf instanceof TryTree tryTree
          && tryTree.getBlock() == child
          && tryTree.getFinallyBlock() != null
          && calls(tryTree.getFinallyBlock(), ownOnly ? ownLockCall(ThreadModel.LOCK_RELEASES, p) : ThreadModel.LOCK_RELEASES, state)) {
        return Scope.HELD;
      }
      if (leaf instanceof BlockTree block && heldAfterPrecedingStatements(block, child, state, ownOnly, p)) {
        return Scope.HELD;
      }
      if (leaf instanceof IfTree ifTree
          && ifTree.getThenStatement() == child
          && calls(ifTree.getCondition(), ownOnly ? ownLockCall(TRY_ACQUIRE, p) : TRY_ACQUIRE, state)) {
        return Scope.HELD;
      }
    }
    return Scope.NOT_HELD;
  }

  /**
   * Whether {@code method} asserts, in a statement of its own body, that the current thread holds a lock
   * ({@link ThreadModel#LOCK_HELD_ASSERTIONS}: {@code assert Thread.holdsLock(this);}): the method's contract
   * is that its callers, maybe in a superclass in another file, hold it. With {@code ownOnly}, the monitor
   * or lock must be one the class owns.
   */
  private static boolean assertsHeld(MethodTree method, TreePath where, VisitorState state, boolean ownOnly) {
    if (method.getBody() == null) {
      return false;
    }
    for (StatementTree statement : method.getBody().getStatements()) {
      if (statement instanceof AssertTree assertion
          && ASTHelpers.stripParentheses(assertion.getCondition()) instanceof MethodInvocationTree call
          && ThreadModel.LOCK_HELD_ASSERTIONS.matches(call, state)) {
        ExpressionTree lock = call.getArguments().size() == 1 ? call.getArguments().get(0) : ASTHelpers.getReceiver(call);
        if (!ownOnly || (lock != null && (ownMonitor(lock, where, state) || ownLock(lock, where, state, 0)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A call of a private method of this top-level class that returns {@code boolean}, whose body takes a
   * lock ({@link ThreadModel#LOCK_ACQUIRES} or {@link ThreadModel#LOCK_TRY_ACQUIRES}) and never releases one. A
   * boolean helper that takes no lock, or one whose declaration is not in this file, is not one.
   */
  private static boolean isLockTakingHelper(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol helper)
        || !helper.getModifiers().contains(Modifier.PRIVATE)
        || helper.getReturnType() == null
        || helper.getReturnType().getKind() != TypeKind.BOOLEAN) {
      return false;
    }
    MethodTree declaration = declaration(helper, state);
    return declaration != null
        && declaration.getBody() != null
        && (calls(declaration.getBody(), ThreadModel.LOCK_ACQUIRES, state)
            || calls(declaration.getBody(), ThreadModel.LOCK_TRY_ACQUIRES, state))
        && !calls(declaration.getBody(), ThreadModel.LOCK_RELEASES, state);
  }

  /** The declaration of {@code method} in the compilation unit being checked, if it is there. */
  static MethodTree declaration(MethodSymbol method, VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    MethodTree[] found = new MethodTree[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        if (found[0] == null && ASTHelpers.getSymbol(tree) == method) {
          found[0] = tree;
          return null;
        }
        return super.visitMethod(tree, null);
      }
    }.scan(unit, null);
    return found[0];
  }

  private static boolean heldAfterPrecedingStatements(
      BlockTree block, Tree child, VisitorState state, boolean ownOnly, TreePath where) {
    Matcher<ExpressionTree> acquires = ownOnly ? ownLockCall(ThreadModel.LOCK_ACQUIRES, where) : ThreadModel.LOCK_ACQUIRES;
    boolean held = false;
    for (StatementTree statement : block.getStatements()) {
      if (statement == child) {
        return held;
      }
      if (calls(statement, ThreadModel.LOCK_RELEASES, state)) {
        held = false;
      } else if (calls(statement, acquires, state)) {
        held = true;
      }
    }
    return false;
  }

  /** {@code matcher}, and the call's receiver is a lock the code's own object or class owns. */
  private static Matcher<ExpressionTree> ownLockCall(Matcher<ExpressionTree> matcher, TreePath where) {
    return (tree, state) ->
        matcher.matches(tree, state)
            && (!(tree instanceof MethodInvocationTree call)
                || ASTHelpers.getReceiver(call) == null // a private lock-taking helper of this class
                || ownLock(ASTHelpers.getReceiver(call), where, state, 0));
  }

  /**
   * Whether {@code lock} is a lock its code's class owns: a field of that class (or of a class around it)
   * whose type is one of the knowledge's {@code LOCK_TYPES}, {@code readLock()}/{@code writeLock()} of
   * such a field, or a local initialised from one of these. {@code owner.writeLock()} on an object of
   * another type is that object's lock.
   */
  static boolean ownLock(ExpressionTree lock, TreePath where, VisitorState state, int depth) {
    ExpressionTree e = ASTHelpers.stripParentheses(lock);
    Symbol symbol = ASTHelpers.getSymbol(e);
    if (e instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      return call.getArguments().isEmpty()
          && receiver != null
          && isLockType(ASTHelpers.getType(receiver), state)
          && depth < 3
          && ownLock(receiver, where, state, depth + 1);
    }
    if (symbol instanceof VarSymbol variable && variable.getKind() == ElementKind.FIELD) {
      return isLockType(variable.type, state) && enclosesCode(variable.owner, where);
    }
    if (symbol instanceof VarSymbol local && local.getKind() == ElementKind.LOCAL_VARIABLE && depth < 3) {
      VariableTree declaration = Locals.declarationIn(where, local);
      return declaration != null
          && declaration.getInitializer() != null
          && ownLock(declaration.getInitializer(), where, state, depth + 1);
    }
    return false;
  }

  /** A monitor the code's class owns: {@code this}, {@code Outer.this}, a class literal, or any field of its classes. */
  private static boolean ownMonitor(ExpressionTree monitor, TreePath where, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(monitor);
    if (e instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      return true;
    }
    if (e instanceof MemberSelectTree select
        && (select.getIdentifier().contentEquals("this") || select.getIdentifier().contentEquals("class"))) {
      return true;
    }
    Symbol symbol = ASTHelpers.getSymbol(e);
    return symbol instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD
        && enclosesCode(field.owner, where);
  }

  private static boolean isLockType(Type type, VisitorState state) {
    return type != null
        && UnsynchronizedMapWriteKnowledge.LOCK_TYPES.stream().anyMatch(t -> Types.isSubtype(type, t, state));
  }

  /** Whether {@code owner} is a class around the code at {@code where}. */
  private static boolean enclosesCode(Symbol owner, TreePath where) {
    for (TreePath p = where; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree cls && ASTHelpers.getSymbol(cls) == owner) {
        return true;
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
