package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the compilation unit says beyond one method: its methods that never return (their body ends in
 * {@code throw} and has no {@code return}, like {@code throwUnexpectedMessageTypeEx(msg)} in Netty's
 * encoders: a call of one ends the path, like a {@code throw}), and the initializer of each variable (where
 * a lock field or local comes from).
 */
final class UnitFacts {

  private final CompilationUnitTree unit;
  private final Set<Symbol> methods = new HashSet<>();
  private final Map<Symbol, ExpressionTree> initializers = new HashMap<>();

  private UnitFacts(CompilationUnitTree unit) {
    this.unit = unit;
    new TreeScanner<Void, Void>() {
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
    }.scan(unit, null);
  }

  /** The methods of {@code unit}, reusing {@code previous} when it was built for the same unit. */
  static UnitFacts of(CompilationUnitTree unit, UnitFacts previous) {
    return previous != null && previous.unit == unit ? previous : new UnitFacts(unit);
  }

  boolean neverReturns(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    return method != null && methods.contains(method);
  }

  /** The initializer of {@code variable}'s declaration in this unit, or null. */
  ExpressionTree initializer(Symbol variable) {
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
