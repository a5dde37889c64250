package dev.crashguard.errorprone.unsafememorymisuse;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * What the compilation unit says beyond one call or method, built the first time a check asks: the
 * initializers of its {@code static final} fields (where an offset comes from), its methods (what a call of
 * one of them may throw, and whether it only borrows an address it is given).
 */
final class UnitFacts {

  private static final int BORROW_DEPTH = 3;

  private final CompilationUnitTree unit;
  private Map<Symbol, ExpressionTree> constants;
  private Map<Symbol, MethodTree> methods;
  private final Map<Symbol, List<Type>> thrown = new HashMap<>();
  private final Map<String, Boolean> borrows = new HashMap<>();

  private UnitFacts(CompilationUnitTree unit) {
    this.unit = unit;
  }

  /** The facts of {@code unit}, reusing {@code previous} when it was built for the same unit. */
  static UnitFacts of(CompilationUnitTree unit, UnitFacts previous) {
    return previous != null && previous.unit == unit ? previous : new UnitFacts(unit);
  }

  private void collect() {
    if (constants != null) {
      return;
    }
    constants = new HashMap<>();
    methods = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(tree);
        if (symbol != null && symbol.getKind() == ElementKind.FIELD && tree.getInitializer() != null
            && symbol.getModifiers().contains(Modifier.STATIC) && symbol.getModifiers().contains(Modifier.FINAL)) {
          constants.put(symbol, tree.getInitializer());
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(tree);
        if (symbol != null && tree.getBody() != null) {
          methods.put(symbol, tree);
        }
        return super.visitMethod(tree, null);
      }
    }.scan(unit, null);
  }

  /** The initializer of {@code field} when it is a {@code static final} of this unit; null otherwise. */
  ExpressionTree constantInitializer(Symbol field) {
    collect();
    return constants.get(field);
  }

  /** The declaration of {@code method} in this unit, with a body; null otherwise. */
  MethodTree method(Symbol method) {
    collect();
    return methods.get(method);
  }

  /**
   * The static types of the exceptions {@code method} (of this unit) throws explicitly: empty when its body
   * has no {@code throw} (lambdas and nested classes apart).
   */
  List<Type> thrownBy(Symbol method) {
    MethodTree tree = method(method);
    if (tree == null) {
      return List.of();
    }
    return thrown.computeIfAbsent(
        method,
        m -> {
          List<Type> types = new ArrayList<>();
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitThrow(ThrowTree node, Void unused) {
              Type type = ASTHelpers.getType(node.getExpression());
              if (type != null) {
                types.add(type);
              }
              return super.visitThrow(node, null);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
              return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
              return null;
            }
          }.scan(tree.getBody(), null);
          return types;
        });
  }

  /**
   * Whether {@code method} (of this unit) only borrows its parameter {@code index}: the parameter is never
   * assigned, and every mention of it, through arithmetic, is an argument of an {@code Unsafe} access, copy
   * or fill, a comparison, or an argument another borrowing method of this unit borrows. Then the caller
   * keeps owning the address it passes.
   */
  boolean borrows(Symbol method, int index, VisitorState state) {
    return borrows(method, index, state, 0);
  }

  private boolean borrows(Symbol method, int index, VisitorState state, int depth) {
    MethodTree tree = method(method);
    if (tree == null || depth > BORROW_DEPTH || index >= tree.getParameters().size()
        || ((Symbol.MethodSymbol) method).isVarArgs() && index >= tree.getParameters().size() - 1) {
      return false;
    }
    String key = method + "#" + index + "#" + System.identityHashCode(method);
    Boolean known = borrows.get(key);
    if (known != null) {
      return known;
    }
    borrows.put(key, false); // recursion: not proven
    Symbol parameter = ASTHelpers.getSymbol(tree.getParameters().get(index));
    boolean[] ok = {parameter != null};
    UnsafeCalls calls = UnsafeCalls.of(state);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (ok[0] && parameter.equals(ASTHelpers.getSymbol(node))) {
          ok[0] = borrowedUse(getCurrentPath(), calls, state, depth);
        }
        return null;
      }
    }.scan(new TreePath(new TreePath(unit), tree.getBody()), null);
    borrows.put(key, ok[0]);
    return ok[0];
  }

  private boolean borrowedUse(TreePath use, UnsafeCalls calls, VisitorState state, int depth) {
    Tree child = use.getLeaf();
    TreePath path = use.getParentPath();
    while (path != null && isArithmetic(path.getLeaf())) {
      child = path.getLeaf();
      path = path.getParentPath();
    }
    if (path == null) {
      return false;
    }
    Tree parent = path.getLeaf();
    if (parent instanceof BinaryTree binary) {
      return isComparison(binary.getKind());
    }
    if (parent instanceof MethodInvocationTree call && call.getArguments().contains(child)) {
      UnsafeCalls.Role role = calls.role(call);
      if (role == UnsafeCalls.Role.ACCESS || role == UnsafeCalls.Role.COPY || role == UnsafeCalls.Role.FILL) {
        return true;
      }
      Symbol callee = ASTHelpers.getSymbol(call);
      return role == null && callee != null
          && borrows(callee, call.getArguments().indexOf(child), state, depth + 1);
    }
    return false;
  }

  /** A tree that computes a number from the number in it: the address is still only read. */
  static boolean isArithmetic(Tree tree) {
    if (tree instanceof BinaryTree binary) {
      return switch (binary.getKind()) {
        case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER, AND, OR, XOR, LEFT_SHIFT, RIGHT_SHIFT,
            UNSIGNED_RIGHT_SHIFT -> true;
        default -> false;
      };
    }
    return tree instanceof TypeCastTree
        || tree.getKind() == Tree.Kind.PARENTHESIZED
        || tree instanceof ConditionalExpressionTree
        || tree instanceof UnaryTree unary
            && (unary.getKind() == Tree.Kind.UNARY_MINUS || unary.getKind() == Tree.Kind.UNARY_PLUS
                || unary.getKind() == Tree.Kind.BITWISE_COMPLEMENT);
  }

  static boolean isComparison(Tree.Kind kind) {
    return switch (kind) {
      case EQUAL_TO, NOT_EQUAL_TO, LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> true;
      default -> false;
    };
  }
}
