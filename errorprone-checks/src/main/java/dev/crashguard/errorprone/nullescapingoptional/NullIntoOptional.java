package dev.crashguard.errorprone.nullescapingoptional;

import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.EXPECTED_EXCEPTION_ASSERTIONS;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.OPTIONAL_EMPTY;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.errorprone.common.HazardSuppression;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * A {@code null} literal that becomes an Optional: returned from a method or lambda whose result type is
 * Optional, stored into an Optional local, field or array element, or passed for a parameter of type
 * Optional. The literal may reach its destination through parentheses, a cast, a conditional ({@code c ?
 * x : null}) or a switch expression arm ({@code default -> null}); the finding is on the literal's line.
 *
 * <p>Types are the declared ones: a generic {@code T} is not Optional even where a caller picks Optional
 * for it, and a method's declared parameter type (not the instantiated one) decides, so {@code
 * box.set(null)} on a {@code Box<Optional<X>>} stays silent. Also silent, because null is meant there: a
 * destination annotated {@code @Nullable}; a variable its code compares with null (a lazily filled cache);
 * a parameter its callee, compiled in the same run, compares with null; a lambda handed to {@code
 * Map.compute}/{@code merge} (null removes the entry); a call inside {@code assertThrows(…)}.
 */
final class NullIntoOptional {

  private NullIntoOptional() {}

  static Optional<OptionalFinding> analyse(LiteralTree literal, VisitorState state) {
    TreePath value = valuePath(state.getPath());
    if (value == null || value.getParentPath() == null) {
      return Optional.empty();
    }
    Tree child = value.getLeaf();
    Tree parent = value.getParentPath().getLeaf();
    if (parent instanceof ReturnTree) {
      return returned(literal, value.getParentPath(), state);
    }
    if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == child) {
      return lambdaResult(literal, value.getParentPath(), state);
    }
    if (parent instanceof VariableTree variable && variable.getInitializer() == child) {
      return stored(literal, variable, state);
    }
    if (parent instanceof AssignmentTree assignment && assignment.getExpression() == child) {
      return assigned(literal, assignment, state);
    }
    if (parent instanceof MethodInvocationTree call) {
      return passed(literal, child, call.getArguments(), ASTHelpers.getSymbol(call), value, state);
    }
    if (parent instanceof NewClassTree call) {
      return passed(literal, child, call.getArguments(), ASTHelpers.getSymbol(call), value, state);
    }
    return Optional.empty();
  }

  /**
   * The path of the expression whose value the literal is: up through parentheses, casts, conditional
   * branches and switch expression arms. Null when a switch arm belongs to no switch expression.
   */
  private static TreePath valuePath(TreePath literal) {
    TreePath value = literal;
    while (value.getParentPath() != null) {
      Tree child = value.getLeaf();
      TreePath parentPath = value.getParentPath();
      Tree parent = parentPath.getLeaf();
      if (parent instanceof ParenthesizedTree
          || (parent instanceof TypeCastTree cast && cast.getExpression() == child)
          || (parent instanceof ConditionalExpressionTree conditional
              && conditional.getCondition() != child)) {
        value = parentPath;
      } else if (parent instanceof CaseTree caseTree && caseTree.getBody() == child) {
        TreePath switchPath = parentPath.getParentPath();
        if (switchPath == null || !(switchPath.getLeaf() instanceof SwitchExpressionTree)) {
          return null;
        }
        value = switchPath;
      } else if (parent instanceof YieldTree) {
        TreePath switchPath = enclosingSwitchExpression(parentPath);
        if (switchPath == null) {
          return null;
        }
        value = switchPath;
      } else {
        return value;
      }
    }
    return value;
  }

  private static TreePath enclosingSwitchExpression(TreePath from) {
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof SwitchExpressionTree) {
        return p;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static Optional<OptionalFinding> returned(LiteralTree literal, TreePath returnPath, VisitorState state) {
    for (TreePath p = returnPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        return lambdaResult(literal, p, state);
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol == null
            || !OptionalModel.isOptional(symbol.getReturnType())
            || OptionalModel.isAnnotatedNullable(symbol)) {
          return Optional.empty();
        }
        return Optional.of(
            OptionalFinding.of(literal, symbol.getSimpleName().toString(), Kind.RETURNS_NULL)
                .withFix(empty(literal, state)));
      }
      if (leaf instanceof ClassTree) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<OptionalFinding> lambdaResult(LiteralTree literal, TreePath lambdaPath, VisitorState state) {
    Type lambdaType = ASTHelpers.getType(lambdaPath.getLeaf());
    if (lambdaType == null || lambdaType.isErroneous()) {
      return Optional.empty();
    }
    Type descriptor;
    try {
      descriptor = state.getTypes().findDescriptorType(lambdaType);
    } catch (RuntimeException notAFunctionalInterface) { // Types.FunctionDescriptorLookupError
      return Optional.empty();
    }
    if (descriptor == null || !OptionalModel.isOptional(descriptor.getReturnType())) {
      return Optional.empty();
    }
    Tree lambdaParent = lambdaPath.getParentPath().getLeaf();
    boolean argument = lambdaParent instanceof MethodInvocationTree || lambdaParent instanceof NewClassTree;
    if (lambdaParent instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && OptionalModel.NULL_MEANS_REMOVE.matches(method, state)) {
      return Optional.empty();
    }
    String subject = "lambda (" + lambdaType.tsym.getSimpleName() + ")";
    OptionalFinding finding = OptionalFinding.of(literal, subject, Kind.RETURNS_NULL);
    // Inside a call the lambda's type may be inferred from its body; Optional.empty() could change it.
    return Optional.of(argument ? finding : finding.withFix(empty(literal, state)));
  }

  private static Optional<OptionalFinding> stored(LiteralTree literal, VariableTree variable, VisitorState state) {
    VarSymbol symbol = ASTHelpers.getSymbol(variable);
    if (symbol == null
        || !OptionalModel.isOptional(symbol.type)
        || OptionalModel.isAnnotatedNullable(symbol)
        || nullIsAState(symbol, state)) {
      return Optional.empty();
    }
    OptionalFinding finding = OptionalFinding.of(literal, symbol.getSimpleName().toString(), Kind.STORES_NULL);
    // With `var` the declared type comes from the initialiser: Optional.empty() would change it.
    return Optional.of(ASTHelpers.hasImplicitType(variable, state) ? finding : finding.withFix(empty(literal, state)));
  }

  private static Optional<OptionalFinding> assigned(LiteralTree literal, AssignmentTree assignment, VisitorState state) {
    ExpressionTree target = ASTHelpers.stripParentheses(assignment.getVariable());
    if (!OptionalModel.isOptional(ASTHelpers.getType(target))) {
      return Optional.empty();
    }
    String subject;
    if (target instanceof IdentifierTree || target instanceof MemberSelectTree) {
      Symbol symbol = ASTHelpers.getSymbol(target);
      if (symbol == null
          || OptionalModel.isAnnotatedNullable(symbol)
          || nullIsAState(symbol, state)
          || HazardSuppression.names(symbol, Hazard.NULL_ESCAPING_OPTIONAL.catalogName())) {
        return Optional.empty(); // a field's @SuppressHazard covers what is stored into it
      }
      subject = symbol.getSimpleName().toString();
    } else if (target instanceof ArrayAccessTree) {
      subject = state.getSourceForNode(target);
    } else {
      return Optional.empty();
    }
    return Optional.of(
        OptionalFinding.of(literal, subject == null ? "array element" : subject, Kind.STORES_NULL)
            .withFix(empty(literal, state)));
  }

  private static Optional<OptionalFinding> passed(
      LiteralTree literal,
      Tree argument,
      List<? extends ExpressionTree> arguments,
      MethodSymbol method,
      TreePath value,
      VisitorState state) {
    int index = arguments.indexOf(argument);
    int parameters = method == null ? 0 : method.getParameters().size();
    if (method == null || index < 0 || parameters == 0) {
      return Optional.empty();
    }
    VarSymbol parameter;
    Type type;
    if (method.isVarArgs() && index >= parameters - 1) {
      // count("a", Optional.of("b"), null): one element of the varargs array. With as many arguments as
      // parameters, a null there may be the array itself.
      parameter = method.getParameters().get(parameters - 1);
      if (arguments.size() == parameters || !(parameter.type instanceof Type.ArrayType array)) {
        return Optional.empty();
      }
      type = array.elemtype;
    } else if (index < parameters) {
      parameter = method.getParameters().get(index);
      type = parameter.type;
    } else {
      return Optional.empty();
    }
    if (!OptionalModel.isOptional(type)
        || OptionalModel.isAnnotatedNullable(parameter)
        || expectsAnException(value)
        || calleeChecksForNull(method, parameter, state)) {
      return Optional.empty();
    }
    String subject =
        method.isConstructor() ? method.owner.getSimpleName().toString() : method.getSimpleName().toString();
    OptionalFinding finding = OptionalFinding.of(literal, subject, Kind.PASSES_NULL);
    boolean direct = value.getLeaf() == literal;
    return Optional.of(direct && unambiguous(method) ? finding.withFix(empty(literal, state)) : finding);
  }

  /**
   * {@code assertThrows(NullPointerException.class, () -> greet(null))}: a test that passes null on
   * purpose, to see it rejected.
   */
  private static boolean expectsAnException(TreePath value) {
    for (TreePath p = value; p != null && p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree
          && p.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
          && EXPECTED_EXCEPTION_ASSERTIONS.contains(method.getSimpleName().toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * An Optional variable its code compares with null holds null on purpose (a lazily filled cache:
   * {@code if (cached == null) cached = load();}). The file is searched for a field, the enclosing
   * method for a local or parameter.
   */
  private static boolean nullIsAState(Symbol variable, VisitorState state) {
    Tree scope =
        variable.getKind() == ElementKind.FIELD
            ? state.getPath().getCompilationUnit()
            : ASTHelpers.findEnclosingMethod(state);
    return NullComparisons.anyIn(scope, variable, state);
  }

  /** A callee in this compilation that compares the parameter with null expects null and copes. */
  private static boolean calleeChecksForNull(MethodSymbol method, VarSymbol parameter, VisitorState state) {
    MethodTree callee = JavacTrees.instance(state.context).getTree(method);
    return callee != null && callee.getBody() != null && NullComparisons.anyIn(callee.getBody(), parameter, state);
  }

  /** No other method or constructor of that name and arity, and no type parameters to infer. */
  private static boolean unambiguous(MethodSymbol method) {
    if (!method.getTypeParameters().isEmpty()) {
      return false;
    }
    int arity = method.getParameters().size();
    for (Symbol member : method.owner.getEnclosedElements()) {
      if (member != method
          && member instanceof MethodSymbol other
          && other.getSimpleName().equals(method.getSimpleName())
          && other.getParameters().size() == arity) {
        return false;
      }
    }
    return true;
  }

  /** {@code null} → {@code Optional.empty()}, importing Optional when needed. */
  static Optional<SuggestedFix> empty(LiteralTree literal, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String optional = SuggestedFixes.qualifyType(state, fix, OPTIONAL_EMPTY.owner());
    fix.replace(literal, optional + "." + OPTIONAL_EMPTY.name() + "()");
    return Optional.of(fix.build());
  }
}
