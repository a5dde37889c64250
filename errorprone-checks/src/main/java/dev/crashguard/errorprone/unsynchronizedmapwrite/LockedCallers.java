package dev.crashguard.errorprone.unsynchronizedmapwrite;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * A helper that writes without a lock because each of its callers holds one (jackson's
 * {@code DeserializerCache._createAndCache2}, protected, called only inside {@code
 * _incompleteDeserializersLock}). Only a method that is not public is judged by its callers: outside its
 * package and subclasses nobody can call it, so the calls in its top-level class are the evidence.
 *
 * <ul>
 *   <li>A call holds the lock when {@link LockGuard#lexically} says so, or when the method around the call
 *       is not public and itself has only such calls, looked at up to {@value #INDIRECTION} levels up.
 *   <li>A call from set-up code (a constructor, an initializer, static ones too, a {@code @PostConstruct}
 *       method, or a non-public method only they call) runs before the object or class is shared: it says nothing either way. A method that only
 *       set-up code calls is not judged at all ({@link #runsOnlyDuringSetUp}).
 *   <li>A deprecated non-public caller that the class never calls (an overload kept for compatibility)
 *       says nothing either way.
 *   <li>A method reference to the method ({@code this::helper}) is a use without the lock: it may run
 *       anywhere.
 *   <li>A call of the method within its own body (recursion) runs under whatever its outer call held: it
 *       says nothing either way.
 *   <li>No call at all means the callers are elsewhere (reflection, serialization, a subclass, a
 *       framework): nothing says they hold the lock, so such a method is judged like a public one, and a
 *       call it makes one level down counts as unlocked (jackson's package-private {@code writeReplace},
 *       called only by serialization, really does race).
 * </ul>
 */
final class LockedCallers {

  /** How many levels of calling methods are looked through above the method's own callers. */
  private static final int INDIRECTION = 3;

  private LockedCallers() {}

  private enum Verdict {
    /** No call or method reference in the top-level class. */
    NO_CALLER,
    /** At least one call, and every one holds the lock. */
    EVERY_CALL_LOCKED,
    /** A call without the lock, or a method reference. */
    UNLOCKED_USE,
    /** Every call is made by set-up code, before the object is shared. */
    SET_UP_ONLY
  }

  /**
   * Whether the protected or package-private method at {@code method} is called at least once in its
   * top-level class, always with a lock held. Public methods, private ones (exempt from the
   * inconsistent-locking rule already) and constructors are not judged by their callers.
   */
  static boolean lockedByEveryCaller(TreePath method, VisitorState state) {
    MethodSymbol symbol = symbolOf(method);
    return symbol != null
        && !symbol.isConstructor()
        && isPackagePrivateOrProtected(symbol)
        && verdict(method, symbol, state, INDIRECTION, false) == Verdict.EVERY_CALL_LOCKED;
  }

  /**
   * Whether the method at {@code method}, not public, is called only by set-up code (constructors,
   * initializers, bean set-up methods, and non-public methods only they call): its writes happen before any
   * other thread can see the object. For a static field ({@code classSetUp}) only the class's static
   * initializer counts: constructors of different objects run on different threads.
   */
  static boolean runsOnlyDuringSetUp(TreePath method, VisitorState state, boolean classSetUp) {
    MethodSymbol symbol = symbolOf(method);
    return symbol != null
        && !symbol.isConstructor()
        && !symbol.getModifiers().contains(Modifier.PUBLIC)
        && verdict(method, symbol, state, INDIRECTION, classSetUp) == Verdict.SET_UP_ONLY;
  }

  /**
   * Whether the method at {@code method} is called, or referenced, anywhere in its top-level class other
   * than in its own body.
   */
  static boolean isCalledInClass(TreePath method, MethodSymbol symbol) {
    Tree self = method.getLeaf();
    for (TreePath use : uses(method, symbol)) {
      if (!within(use, self)) {
        return true;
      }
    }
    return false;
  }

  private static boolean within(TreePath path, Tree tree) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() == tree) {
        return true;
      }
    }
    return false;
  }

  private static Verdict verdict(
      TreePath method, MethodSymbol symbol, VisitorState state, int indirection, boolean classSetUp) {
    List<TreePath> uses = uses(method, symbol);
    if (uses.isEmpty()) {
      return Verdict.NO_CALLER;
    }
    boolean locked = false;
    boolean setUp = false;
    for (TreePath use : uses) {
      if (use.getLeaf() instanceof MemberReferenceTree) {
        return Verdict.UNLOCKED_USE;
      }
      LockGuard.Scope scope = LockGuard.lexically(use, state);
      if (scope.held()) {
        locked = true;
        continue;
      }
      TreePath caller = scope.unlockedMethod();
      if (caller == null && inInitializer(use, classSetUp)) {
        setUp = true; // a static or instance initializer: class or object set-up, before anyone shares it
        continue;
      }
      if (caller == null) {
        return Verdict.UNLOCKED_USE; // a task on another thread
      }
      if (caller.getLeaf() == method.getLeaf()) {
        continue; // recursion
      }
      MethodSymbol callerSymbol = symbolOf(caller);
      if (callerSymbol != null && (callerSymbol.isConstructor() || FieldOrigins.isBeanSetup(callerSymbol))) {
        if (classSetUp) {
          return Verdict.UNLOCKED_USE; // constructors of two objects may run at once
        }
        setUp = true;
        continue;
      }
      if (indirection == 0 || callerSymbol == null || callerSymbol.getModifiers().contains(Modifier.PUBLIC)) {
        return Verdict.UNLOCKED_USE;
      }
      Verdict above = verdict(caller, callerSymbol, state, indirection - 1, classSetUp);
      if (above == Verdict.EVERY_CALL_LOCKED) {
        locked = true;
      } else if (above == Verdict.SET_UP_ONLY) {
        setUp = true;
      } else if (above == Verdict.NO_CALLER && ASTHelpers.hasAnnotation(callerSymbol, Deprecated.class, state)) {
        continue; // a deprecated overload kept for compatibility, which the class itself never calls
      } else {
        return Verdict.UNLOCKED_USE;
      }
    }
    return locked ? Verdict.EVERY_CALL_LOCKED : setUp ? Verdict.SET_UP_ONLY : Verdict.NO_CALLER;
  }

  /**
   * Whether {@code use} is in an initializer block or a field's initializer, outside any lambda or method;
   * a static one when {@code staticOnly}.
   */
  private static boolean inInitializer(TreePath use, boolean staticOnly) {
    Tree child = use.getLeaf();
    for (TreePath p = use.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MethodTree || leaf instanceof MemberReferenceTree) {
        return false;
      }
      if (leaf instanceof ClassTree) {
        return (child instanceof BlockTree block && (block.isStatic() || !staticOnly))
            || (child instanceof VariableTree field
                && (!staticOnly || field.getModifiers().getFlags().contains(Modifier.STATIC)));
      }
    }
    return false;
  }

  private static boolean isPackagePrivateOrProtected(MethodSymbol symbol) {
    Set<Modifier> modifiers = symbol.getModifiers(); // with an interface's implicit public
    return !modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.PRIVATE);
  }

  private static MethodSymbol symbolOf(TreePath method) {
    return method.getLeaf() instanceof MethodTree tree ? ASTHelpers.getSymbol(tree) : null;
  }

  /**
   * The calls of, and method references to, every method of one top-level class, found in one scan. The
   * index of the last class asked about is kept: javac checks one file at a time, and asking for each write
   * of a file would otherwise rescan the whole class every time (quadratic on large classes). An immutable
   * record in a volatile field: a reader on another thread sees a complete index or builds its own.
   */
  private record Index(Tree top, Map<MethodSymbol, List<TreePath>> uses) {}

  private static volatile Index last;

  /** Calls of {@code symbol} and method references to it in the top-level class around {@code method}. */
  private static List<TreePath> uses(TreePath method, MethodSymbol symbol) {
    TreePath top = topLevelClass(method);
    if (top == null) {
      return List.of();
    }
    Index index = last;
    if (index == null || index.top() != top.getLeaf()) {
      index = new Index(top.getLeaf(), scan(top));
      last = index;
    }
    return index.uses().getOrDefault(symbol, List.of());
  }

  private static Map<MethodSymbol, List<TreePath>> scan(TreePath top) {
    Map<MethodSymbol, List<TreePath>> uses = new HashMap<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        add(ASTHelpers.getSymbol(tree));
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol symbol) {
          add(symbol);
        }
        return super.visitMemberReference(tree, null);
      }

      private void add(MethodSymbol symbol) {
        if (symbol != null) {
          uses.computeIfAbsent(symbol, k -> new ArrayList<>()).add(getCurrentPath());
        }
      }
    }.scan(top, null);
    return uses;
  }

  /** The outermost class around {@code path}. */
  private static TreePath topLevelClass(TreePath path) {
    TreePath top = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        top = p;
      }
    }
    return top;
  }
}
