package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import dev.crashguard.errorprone.common.CheckedExceptions;
import dev.crashguard.errorprone.common.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which work between a pool's creation and its shutdown can throw ({@link
 * ExecutorLeakKnowledge.Kind#SHUT_DOWN_ONLY_ON_NORMAL_PATH}): any call, except a call on the pool itself,
 * its shutdown, a JDK call ({@link ExecutorLeakKnowledge#NON_THROWING_PACKAGE_PREFIXES}) that declares
 * no checked exception, and a call on a logger ({@link ExecutorLeakKnowledge#NON_THROWING_CALL_TYPES}). A JDK call that declares some throws only those: its unchecked exceptions are bugs,
 * so a catch of each of them that goes on to the shutdown covers it (libthrift's {@code task.get(…)} with a
 * catch of {@code InterruptedException}, {@code ExecutionException} and {@code TimeoutException}); any other
 * call can throw anything. Lambdas and local classes run later and are not looked into.
 */
final class Work {

  /**
   * The first call of an expression that can throw, the checked exceptions its calls declare, and whether
   * one of them may throw an unchecked exception too (a call outside the JDK: its body is unknown here).
   */
  record Throwing(Tree call, List<Type> checked, boolean unchecked) {}

  private final VisitorState state;
  private final Predicate<ExpressionTree> isPool;

  /** {@code isPool}: whether an expression (parentheses and casts removed) is the pool itself. */
  Work(VisitorState state, Predicate<ExpressionTree> isPool) {
    this.state = state;
    this.isPool = isPool;
  }

  /** The first call in {@code tree} that can throw, or null. */
  Throwing firstThrowing(Tree tree) {
    if (tree == null) {
      return null;
    }
    List<Type> checked = new ArrayList<>();
    List<Tree> calls = allThrowing(tree, checked);
    if (calls.isEmpty()) {
      return null;
    }
    boolean unchecked = calls.stream().anyMatch(call -> !jdk(ASTHelpers.getSymbol(call)));
    return new Throwing(calls.get(0), checked, unchecked);
  }

  /** The calls in {@code tree} that can throw, in the order they are written; their checked exceptions into {@code checked}. */
  List<Tree> allThrowing(Tree tree, List<Type> checked) {
    List<Tree> calls = new ArrayList<>();
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
          calls.add(call);
          checked.addAll(checkedThrownBy(ASTHelpers.getSymbol(call)));
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree created, Void unused) {
        Symbol constructor = ASTHelpers.getSymbol(created);
        if (!jdkWithoutCheckedExceptions(constructor) && created.getClassBody() == null) {
          calls.add(created);
          checked.addAll(checkedThrownBy(constructor));
        }
        return super.visitNewClass(created, null);
      }
    }.scan(tree, null);
    return calls;
  }

  /** A call on the pool, a shutdown of it, a JDK call without checked exceptions, or a log call. */
  private boolean quiet(MethodInvocationTree call) {
    Symbol symbol = ASTHelpers.getSymbol(call);
    if (call.getMethodSelect() instanceof MemberSelectTree select && isPool.test(PoolModel.inward(select.getExpression()))) {
      return true;
    }
    if (PoolModel.STATIC_SHUTDOWNS.matches(call, state)
        && !call.getArguments().isEmpty()
        && isPool.test(PoolModel.inward(call.getArguments().get(0)))) {
      return true;
    }
    return jdkWithoutCheckedExceptions(symbol) || onALogger(symbol);
  }

  /** A call of a logging API's method ({@link ExecutorLeakKnowledge#NON_THROWING_CALL_TYPES}): it does not throw. */
  private boolean onALogger(Symbol symbol) {
    if (!(symbol instanceof MethodSymbol method) || method.owner == null || method.isStatic()) {
      return false;
    }
    return ExecutorLeakKnowledge.NON_THROWING_CALL_TYPES.stream().anyMatch(logger -> Types.isSubtype(method.owner, logger, state));
  }

  private boolean jdkWithoutCheckedExceptions(Symbol symbol) {
    return jdk(symbol) && checkedThrownBy(symbol).isEmpty();
  }

  /** A method or constructor of the JDK: it throws only the checked exceptions it declares. */
  private static boolean jdk(Symbol symbol) {
    if (!(symbol instanceof MethodSymbol method) || method.owner == null) {
      return false;
    }
    String owner = method.owner.getQualifiedName().toString();
    return ExecutorLeakKnowledge.NON_THROWING_PACKAGE_PREFIXES.stream().anyMatch(owner::startsWith);
  }

  /** The checked exceptions {@code symbol} declares. */
  List<Type> checkedThrownBy(Symbol symbol) {
    return CheckedExceptions.declaredBy(symbol, state);
  }

  /** A {@code RuntimeException} or an {@code Error}. */
  boolean isUnchecked(Type type) {
    return CheckedExceptions.isUnchecked(type, state);
  }

  /** How a message names the call that throws: {@code get() at line 12}, {@code the throw at line 12}. */
  String detail(Tree call) {
    long line = PoolModel.line(call, state);
    if (ASTHelpers.getSymbol(call) instanceof MethodSymbol method) {
      String name = method.isConstructor() ? "new " + method.owner.getSimpleName() : method.getSimpleName().toString();
      return name + "() at line " + line;
    }
    return "the throw at line " + line;
  }
}
