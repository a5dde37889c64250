package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * What the compilation unit says beyond one method: its methods that never return (their body ends in
 * {@code throw} and has no {@code return}, like {@code throwUnexpectedMessageTypeEx(msg)} in Netty's
 * encoders: a call of one ends the path, like a {@code throw}), and the initializer of each variable (where
 * a lock field or local comes from).
 */
final class UnitFacts {

  private final CompilationUnitTree unit;
  private final boolean tryWithResources;
  private final boolean releasingCall;
  private Set<Symbol> methods;
  private Map<Symbol, ExpressionTree> initializers;

  private UnitFacts(CompilationUnitTree unit, VisitorState state) {
    this.unit = unit;
    ReleaseNames names = ReleaseNames.of(state);
    boolean[] found = new boolean[2];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitTry(TryTree tree, Void unused) {
        found[0] |= !tree.getResources().isEmpty();
        return super.visitTry(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        found[1] = found[1] || names.mayRelease(tree, state);
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(unit, null);
    this.tryWithResources = found[0];
    this.releasingCall = found[1];
  }

  /** The facts of {@code unit}, reusing {@code previous} when it was built for the same unit. */
  static UnitFacts of(CompilationUnitTree unit, UnitFacts previous, VisitorState state) {
    return previous != null && previous.unit == unit ? previous : new UnitFacts(unit, state);
  }

  /** The methods that never return and the initializers: built the first time a walk asks. */
  private void collect() {
    if (methods != null) {
      return;
    }
    methods = new HashSet<>();
    initializers = new HashMap<>();
    Map<Symbol, List<ExpressionTree>> constructorStores = new HashMap<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        if (neverReturns(method)) {
          methods.add(ASTHelpers.getSymbol(method));
        }
        return super.visitMethod(method, null);
      }

      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(variable);
        if (symbol != null && variable.getInitializer() != null) {
          initializers.put(symbol, variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (ASTHelpers.getSymbol(assignment.getVariable()) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && (field.flags() & Flags.FINAL) != 0
            && ASTHelpers.findEnclosingNode(getCurrentPath(), MethodTree.class) instanceof MethodTree constructor
            && ASTHelpers.getSymbol(constructor) instanceof MethodSymbol m
            && m.isConstructor()) {
          constructorStores.computeIfAbsent(field, k -> new ArrayList<>()).add(assignment.getExpression());
        }
        return super.visitAssignment(assignment, null);
      }
    }.scan(unit, null);
    // A final field with no initializer of its own gets its value in the constructors: when every one of
    // them creates the same class (kafka's FetchBuffer: lock = new ReentrantLock()), that is its initializer.
    constructorStores.forEach(
        (field, values) -> {
          if (!initializers.containsKey(field) && sameNewClass(values)) {
            initializers.put(field, values.get(0));
          }
        });
  }

  private static boolean sameNewClass(List<ExpressionTree> values) {
    String made = null;
    for (ExpressionTree value : values) {
      if (!(value instanceof NewClassTree created) || created.getClassBody() != null) {
        return false;
      }
      String type = String.valueOf(ASTHelpers.getType(created));
      if (made != null && !made.equals(type)) {
        return false;
      }
      made = type;
    }
    return made != null;
  }

  /**
   * Whether the unit calls anything that may release, close, unlock or hand away ({@link
   * ReleaseNames#mayRelease}) or has a try-with-resources: without one, none of its methods is walked.
   */
  boolean mayRelease() {
    return tryWithResources || releasingCall;
  }

  /** Whether the unit has a try-with-resources. */
  boolean hasTryWithResources() {
    return tryWithResources;
  }

  boolean neverReturns(MethodInvocationTree call) {
    collect();
    Symbol method = ASTHelpers.getSymbol(call);
    return method != null && methods.contains(method);
  }

  /** The initializer of {@code variable}'s declaration in this unit, or null. */
  ExpressionTree initializer(Symbol variable) {
    collect();
    return initializers.get(variable);
  }

  private static boolean neverReturns(MethodTree method) {
    if (method.getBody() == null) {
      return false;
    }
    List<? extends StatementTree> statements = method.getBody().getStatements();
    if (statements.isEmpty() || !(statements.get(statements.size() - 1) instanceof ThrowTree)) {
      return false;
    }
    boolean[] returns = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        returns[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(method.getBody(), null);
    return !returns[0];
  }
}
