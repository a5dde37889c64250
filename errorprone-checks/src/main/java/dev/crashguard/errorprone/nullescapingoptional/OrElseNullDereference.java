package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.TargetType;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.errorprone.nullescapingoptional.NullProof.Subject;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * {@code opt.orElse(null)} or {@code opt.orElseGet(() -> null)} whose value is dereferenced with no null
 * check: a method call or field access on it, unboxing, a for-each over it, a switch or a synchronized
 * block on it, throwing it. Either right there ({@code opt.orElse(null).trim()}) or through a local
 * initialised with it and never reassigned, where the first dereference not proven safe by {@link
 * NullProof} is reported. Handing the value to a call, returning or storing it is not a dereference
 * here: the receiver decides (a {@code @Nullable} parameter or result says it copes).
 */
final class OrElseNullDereference {

  private OrElseNullDereference() {}

  static Optional<OptionalFinding> analyse(MethodInvocationTree call, VisitorState state) {
    if (call.getArguments().size() != 1
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || !handsOutNull(method, call.getArguments().get(0), state)) {
      return Optional.empty();
    }
    TreePath value = climb(state.getPath());
    if (dereferences(value, state)) {
      Subject subject = Subject.expression(call, state);
      if (NullProof.provenNonNull(value, subject, state)) {
        return Optional.empty();
      }
      String source = state.getSourceForNode(call);
      return Optional.of(OptionalFinding.of(call, source == null ? "orElse(null)" : source, kindOf(value, state)));
    }
    Tree parent = value.getParentPath().getLeaf();
    if (parent instanceof VariableTree variable
        && variable.getInitializer() == value.getLeaf()
        && ASTHelpers.getSymbol(variable) instanceof VarSymbol local
        && local.getKind() == ElementKind.LOCAL_VARIABLE
        && ASTHelpers.isConsideredFinal(local)) {
      return firstUncheckedDereference(value.getParentPath(), local, state)
          .map(use -> OptionalFinding.of(use.getLeaf(), local.getSimpleName().toString(), kindOf(use, state)));
    }
    return Optional.empty();
  }

  /** {@code orElse(null)}, or {@code orElseGet} of a lambda that may return the null literal. */
  private static boolean handsOutNull(MethodSymbol method, ExpressionTree argument, VisitorState state) {
    if (OptionalModel.OPTIONAL_OR_ELSE.matches(method, state)) {
      return NullProof.isNull(argument);
    }
    if (OptionalModel.OPTIONAL_OR_ELSE_GET.matches(method, state)) {
      return ASTHelpers.stripParentheses(argument) instanceof LambdaExpressionTree lambda
          && NullLiterals.mayReturnNullLiteral(lambda);
    }
    return false;
  }

  /** The statements after the local's declaration, scanned in source order for its first unsafe use. */
  /** Unboxing says so; any other dereference is one. */
  private static Kind kindOf(TreePath value, VisitorState state) {
    return unboxed(value, state) ? Kind.UNBOXES_OR_ELSE_NULL : Kind.DEREFERENCES_OR_ELSE_NULL;
  }

  /** The first use that dereferences the local unchecked, as the path of the value dereferenced. */
  private static Optional<TreePath> firstUncheckedDereference(TreePath declaration, VarSymbol local, VisitorState state) {
    TreePath scope = declaration.getParentPath();
    List<? extends StatementTree> statements =
        scope.getLeaf() instanceof BlockTree block
            ? block.getStatements()
            : scope.getLeaf() instanceof CaseTree caseTree ? caseTree.getStatements() : null;
    if (statements == null) {
      return Optional.empty();
    }
    Subject subject = Subject.variable(local);
    boolean after = false;
    for (StatementTree statement : statements) {
      if (statement == declaration.getLeaf()) {
        after = true;
        continue;
      }
      if (!after) {
        continue;
      }
      FirstUse scan = new FirstUse(local, subject, state);
      scan.scan(new TreePath(scope, statement), null);
      if (scan.found != null) {
        return Optional.of(scan.found);
      }
      if (scan.stop) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Finds the first dereference of the local that is not proven safe; stops at the first safe one. */
  private static final class FirstUse extends TreePathScanner<Void, Void> {
    private final Symbol local;
    private final Subject subject;
    private final VisitorState state;
    TreePath found;
    boolean stop;

    FirstUse(Symbol local, Subject subject, VisitorState state) {
      this.local = local;
      this.subject = subject;
      this.state = state;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      return found != null || stop ? null : super.scan(tree, unused);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null; // another class's code runs at another time
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (local.equals(ASTHelpers.getSymbol(tree))) {
        TreePath use = climb(getCurrentPath());
        if (dereferences(use, state)) {
          if (NullProof.provenNonNull(use, subject, state)) {
            stop = true; // checked here; later uses are most likely covered by the same check
          } else {
            found = use;
          }
        }
      }
      return null;
    }
  }

  /** Up through parentheses and casts, to the expression whose value is the same. */
  private static TreePath climb(TreePath path) {
    TreePath value = path;
    while (value.getParentPath() != null
        && (value.getParentPath().getLeaf() instanceof ParenthesizedTree
            || (value.getParentPath().getLeaf() instanceof TypeCastTree cast
                && cast.getExpression() == value.getLeaf()))) {
      value = value.getParentPath();
    }
    return value;
  }

  /** Whether evaluating the parent of {@code value} throws NullPointerException when the value is null. */
  static boolean dereferences(TreePath value, VisitorState state) {
    Tree child = value.getLeaf();
    TreePath parentPath = value.getParentPath();
    if (parentPath == null) {
      return false;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree select && select.getExpression() == child) {
      Symbol member = ASTHelpers.getSymbol(select);
      return member == null || !member.isStatic();
    }
    if (parent instanceof MemberReferenceTree reference && reference.getQualifierExpression() == child) {
      Symbol member = ASTHelpers.getSymbol(reference);
      return member != null && !member.isStatic() && member.getKind() != ElementKind.CONSTRUCTOR;
    }
    if (parent instanceof ArrayAccessTree access && access.getExpression() == child) {
      return true;
    }
    if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == child) {
      return true;
    }
    if (parent instanceof SynchronizedTree sync && ASTHelpers.stripParentheses(sync.getExpression()) == stripped(child)) {
      return true;
    }
    if (parent instanceof ThrowTree) {
      return true;
    }
    if (parent instanceof SwitchTree switchTree && switchTree.getExpression() == child) {
      return !hasNullCase(switchTree.getCases());
    }
    if (parent instanceof SwitchExpressionTree switchTree && switchTree.getExpression() == child) {
      return !hasNullCase(switchTree.getCases());
    }
    // int n = opt.orElse(null); n + 1 on an Integer; return count.orElse(null) from an int method
    return unboxed(value, state);
  }

  private static Tree stripped(Tree tree) {
    return tree instanceof ExpressionTree e ? ASTHelpers.stripParentheses(e) : tree;
  }

  /** A boxed value where a primitive is expected: unboxing it throws on null. */
  private static boolean unboxed(TreePath value, VisitorState state) {
    Type type = ASTHelpers.getType(value.getLeaf());
    if (type == null || type.isPrimitive() || !state.getTypes().unboxedType(type).isPrimitive()) {
      return false;
    }
    TargetType target = ASTHelpers.targetType(state.withPath(value));
    return target != null && target.type() != null && target.type().isPrimitive();
  }

  private static boolean hasNullCase(List<? extends CaseTree> cases) {
    for (CaseTree caseTree : cases) {
      for (ExpressionTree label : caseTree.getExpressions()) {
        if (NullProof.isNull(label)) {
          return true;
        }
      }
    }
    return false;
  }
}
