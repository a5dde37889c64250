package dev.crashguard.errorprone.nullescapingoptional;

import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NEVER_RETURNING_METHOD_NAMES;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NOT_NULL_OR_EMPTY_TESTS;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NULL_OR_EMPTY_TESTS;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * A cheap, intraprocedural answer to "is this value known non-null here?" and "did this method test it
 * against null before?", without a dataflow pass: it walks up from the point in question once, looking at
 * the conditions that enclose it ({@code if (x != null)}, {@code x != null ? … : …}, {@code x != null &&
 * …}) and at the statements that come before it in each enclosing block ({@code if (x == null) return;},
 * {@code Objects.requireNonNull(x)}, {@code assert x != null}, an assignment to {@code x}). Only statements
 * that run on every path to the point count; a test buried in an unrelated branch counts for neither.
 *
 * <p>Where it cannot tell, it answers "proven": an assignment to the variable before the point, a helper
 * call it cannot see into, a lambda boundary. The check stays silent then.
 */
final class NullProof {

  private NullProof() {}

  /**
   * What may be null: a variable (by symbol), an expression (by its source, spaces removed), or both (a
   * local and the call that initialised it). {@code call} is that call, for {@code map.containsKey(k)}.
   */
  record Subject(Symbol symbol, String text, ExpressionTree call) {

    static Subject variable(Symbol symbol) {
      return new Subject(symbol, null, null);
    }

    static Subject expression(ExpressionTree expression, VisitorState state) {
      return new Subject(null, source(expression, state), expression);
    }

    Subject alsoInitialisedBy(ExpressionTree initializer, VisitorState state) {
      return new Subject(symbol, source(initializer, state), initializer);
    }

    boolean matches(ExpressionTree tree, VisitorState state) {
      ExpressionTree e = ASTHelpers.stripParentheses(tree);
      if (symbol != null
          && (e instanceof IdentifierTree || e instanceof MemberSelectTree)
          && symbol.equals(ASTHelpers.getSymbol(e))) {
        return true;
      }
      // A text subject is always a call; comparing only calls keeps source extraction rare.
      return text != null && e instanceof MethodInvocationTree && text.equals(source(e, state));
    }
  }

  /** What the walk found: the value is proven non-null, or (not proven) was tested against null before. */
  enum Verdict {
    PROVEN_NON_NULL,
    TESTED_FOR_NULL,
    NOTHING_KNOWN
  }

  static boolean provenNonNull(TreePath at, Subject subject, VisitorState state) {
    return examine(at, subject, state) == Verdict.PROVEN_NON_NULL;
  }

  /** Walks from {@code at} up to its method (lambdas included) and judges {@code subject} there. */
  static Verdict examine(TreePath at, Subject subject, VisitorState state) {
    boolean tested = false;
    Tree child = at.getLeaf();
    for (TreePath p = at.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        break;
      }
      ExpressionTree condition = null;
      Boolean holds = null; // which value of condition the child runs under
      if (leaf instanceof IfTree ifTree) {
        condition = ifTree.getCondition();
        holds = child == ifTree.getThenStatement() ? Boolean.TRUE : child == ifTree.getElseStatement() ? Boolean.FALSE : null;
      } else if (leaf instanceof ConditionalExpressionTree conditional) {
        condition = conditional.getCondition();
        holds =
            child == conditional.getTrueExpression()
                ? Boolean.TRUE
                : child == conditional.getFalseExpression() ? Boolean.FALSE : null;
      } else if (leaf instanceof BinaryTree binary && child == binary.getRightOperand()) {
        condition = binary.getLeftOperand();
        holds =
            switch (binary.getKind()) {
              case CONDITIONAL_AND -> Boolean.TRUE;
              case CONDITIONAL_OR -> Boolean.FALSE;
              default -> null;
            };
      } else if (leaf instanceof EnhancedForLoopTree loop
          && child == loop.getStatement()
          && iteratesTheKeysOf(loop, subject, state)) {
        return Verdict.PROVEN_NON_NULL;
      } else if (leaf instanceof WhileLoopTree loop && child == loop.getStatement()) {
        condition = loop.getCondition();
        holds = Boolean.TRUE;
      } else if (leaf instanceof ForLoopTree loop && child == loop.getStatement() && loop.getCondition() != null) {
        condition = loop.getCondition();
        holds = Boolean.TRUE;
      } else if (leaf instanceof BlockTree block) {
        Verdict before = precedingStatements(block.getStatements(), child, subject, state);
        if (before == Verdict.PROVEN_NON_NULL) {
          return before;
        }
        tested |= before == Verdict.TESTED_FOR_NULL;
      } else if (leaf instanceof CaseTree caseTree && caseTree.getStatements() != null) {
        Verdict before = precedingStatements(caseTree.getStatements(), child, subject, state);
        if (before == Verdict.PROVEN_NON_NULL) {
          return before;
        }
        tested |= before == Verdict.TESTED_FOR_NULL;
      }
      if (condition != null && holds != null) {
        if (implies(condition, holds, subject, state)) {
          return Verdict.PROVEN_NON_NULL;
        }
        tested |= testsForNull(condition, subject, state);
      }
    }
    return tested ? Verdict.TESTED_FOR_NULL : Verdict.NOTHING_KNOWN;
  }

  private static Verdict precedingStatements(
      List<? extends StatementTree> statements, Tree child, Subject subject, VisitorState state) {
    boolean tested = false;
    for (StatementTree statement : statements) {
      if (statement == child) {
        break;
      }
      Verdict verdict = statement(statement, subject, state);
      if (verdict == Verdict.PROVEN_NON_NULL) {
        return verdict;
      }
      tested |= verdict == Verdict.TESTED_FOR_NULL;
    }
    return tested ? Verdict.TESTED_FOR_NULL : Verdict.NOTHING_KNOWN;
  }

  /** What one statement that runs before the point says about the subject after it. */
  private static Verdict statement(StatementTree statement, Subject subject, VisitorState state) {
    Scan scan = new Scan(subject, state);
    scan.scan(statement, null);
    if (scan.assignedOrAsserted) {
      return Verdict.PROVEN_NON_NULL; // a new value, or a call that throws on null: nothing left to say
    }
    StatementTree s = statement;
    while (s instanceof LabeledStatementTree labeled) {
      s = labeled.getStatement();
    }
    if (s instanceof IfTree ifTree) {
      if (exits(ifTree.getThenStatement(), state) && implies(ifTree.getCondition(), false, subject, state)) {
        return Verdict.PROVEN_NON_NULL;
      }
      if (ifTree.getElseStatement() != null
          && exits(ifTree.getElseStatement(), state)
          && implies(ifTree.getCondition(), true, subject, state)) {
        return Verdict.PROVEN_NON_NULL;
      }
    }
    if (s instanceof WhileLoopTree loop && implies(loop.getCondition(), false, subject, state)) {
      return Verdict.PROVEN_NON_NULL;
    }
    if (s instanceof AssertTree assertion && implies(assertion.getCondition(), true, subject, state)) {
      return Verdict.PROVEN_NON_NULL;
    }
    // Only a test the statement itself makes counts (if (x == null) …, boolean b = x == null;), not one
    // buried in a branch that may not run.
    boolean tested =
        s instanceof IfTree ifTree
            ? testsForNull(ifTree.getCondition(), subject, state)
            : s instanceof WhileLoopTree loop
                ? testsForNull(loop.getCondition(), subject, state)
                : (s instanceof ExpressionStatementTree || s instanceof VariableTree) && scan.testedForNull;
    return tested ? Verdict.TESTED_FOR_NULL : Verdict.NOTHING_KNOWN;
  }

  /** Whether {@code condition} having the value {@code holds} means the subject is not null. */
  static boolean implies(ExpressionTree condition, boolean holds, Subject subject, VisitorState state) {
    ExpressionTree c = ASTHelpers.stripParentheses(condition);
    if (c instanceof UnaryTree unary && c.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return implies(unary.getExpression(), !holds, subject, state);
    }
    if (c.getKind() != Tree.Kind.CONDITIONAL_AND
        && c.getKind() != Tree.Kind.CONDITIONAL_OR
        && asksAboutArguments(c, subject, state)) {
      return true;
    }
    if (c instanceof BinaryTree binary) {
      switch (binary.getKind()) {
        case CONDITIONAL_AND:
          return holds
              ? implies(binary.getLeftOperand(), true, subject, state)
                  || implies(binary.getRightOperand(), true, subject, state)
              : implies(binary.getLeftOperand(), false, subject, state)
                  && implies(binary.getRightOperand(), false, subject, state);
        case CONDITIONAL_OR:
          return holds
              ? implies(binary.getLeftOperand(), true, subject, state)
                  && implies(binary.getRightOperand(), true, subject, state)
              : implies(binary.getLeftOperand(), false, subject, state)
                  || implies(binary.getRightOperand(), false, subject, state);
        case NOT_EQUAL_TO:
          return holds && comparesWithNull(binary, subject, state);
        case EQUAL_TO:
          return (!holds && comparesWithNull(binary, subject, state))
              || consultsReceiver(binary.getLeftOperand(), subject, state)
              || consultsReceiver(binary.getRightOperand(), subject, state);
        default:
          // queue.size() > 0, map.size() == 1, …
          return consultsReceiver(binary.getLeftOperand(), subject, state)
              || consultsReceiver(binary.getRightOperand(), subject, state);
      }
    }
    if (c instanceof IdentifierTree flag) {
      // boolean missing = x == null; if (missing) return …;
      ExpressionTree meaning = flagCondition(flag, state);
      return meaning != null && implies(meaning, holds, subject, state);
    }
    if (c instanceof InstanceOfTree instanceOf) {
      return holds && subject.matches(instanceOf.getExpression(), state);
    }
    if (c instanceof MethodInvocationTree call && ASTHelpers.getSymbol(call) instanceof MethodSymbol method) {
      boolean nonNullWhenTrue = OptionalModel.NON_NULL_TESTS.matches(method, state);
      if ((nonNullWhenTrue || OptionalModel.IS_NULL_TESTS.matches(method, state))
          && call.getArguments().size() == 1
          && subject.matches(call.getArguments().get(0), state)) {
        return holds == nonNullWhenTrue;
      }
      if (method.isStatic()
          && call.getArguments().size() == 1
          && subject.matches(call.getArguments().get(0), state)) {
        String name = method.getSimpleName().toString();
        if (NULL_OR_EMPTY_TESTS.contains(name)) {
          return !holds;
        }
        if (NOT_NULL_OR_EMPTY_TESTS.contains(name)) {
          return holds;
        }
      }
      return (holds && containsKeyGuards(call, method, subject, state)) || consultsReceiver(call, subject, state);
    }
    return false;
  }

  /**
   * {@code for (K k : map.keySet()) … map.get(k)}: the key comes from the map itself, so the lookup finds
   * its entry (lettuce's ConversionService).
   */
  private static boolean iteratesTheKeysOf(EnhancedForLoopTree loop, Subject subject, VisitorState state) {
    if (!(subject.call() instanceof MethodInvocationTree lookup)
        || lookup.getArguments().size() != 1
        || !(ASTHelpers.stripParentheses(loop.getExpression()) instanceof MethodInvocationTree keys)
        || !(ASTHelpers.getSymbol(keys) instanceof MethodSymbol keysMethod)
        || !NullEscapingOptionalKnowledge.KEY_SOURCES.contains(keysMethod.getSimpleName().toString())
        || ASTHelpers.getSymbol(loop.getVariable()) == null
        || ASTHelpers.getSymbol(ASTHelpers.stripParentheses(lookup.getArguments().get(0))) != ASTHelpers.getSymbol(loop.getVariable())) {
      return false;
    }
    ExpressionTree map = ASTHelpers.getReceiver(keys);
    ExpressionTree looked = ASTHelpers.getReceiver(lookup);
    return map != null && looked != null && sameText(map, looked, state);
  }

  /**
   * Whether {@code condition} asks about an argument of the subject's call when that call is a method of
   * this compilation ({@code key.isEmpty() ? … : Optional.of(lookup(key))}): the code decides by the
   * argument whether the method's null path can be taken. Which way is the method's contract; either
   * counts (the silent side).
   */
  private static boolean asksAboutArguments(ExpressionTree condition, Subject subject, VisitorState state) {
    if (!(subject.call() instanceof MethodInvocationTree call)
        || call.getArguments().isEmpty()
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || OptionalModel.isNullReturningJdkMethod(method, state)
        || OptionalModel.isAnnotatedNullable(method)) {
      return false;
    }
    Set<Symbol> arguments = new HashSet<>();
    for (ExpressionTree argument : call.getArguments()) {
      Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument));
      if (symbol instanceof VarSymbol) {
        arguments.add(symbol);
      }
    }
    if (arguments.isEmpty()) {
      return false;
    }
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        found[0] |= arguments.contains(ASTHelpers.getSymbol(tree));
        return null;
      }
    }.scan(condition, null);
    return found[0];
  }

  /**
   * Whether {@code tree} is a call on the receiver of the subject's null-returning call: {@code
   * queue.isEmpty()} before {@code queue.poll()}, {@code dir.exists()} before {@code dir.listFiles()}. Code
   * that asks the object about its state first decides by the answer whether to take the value; which way
   * the answer goes is the object's contract, not ours, so either branch counts (the silent side).
   */
  private static boolean consultsReceiver(ExpressionTree tree, Subject subject, VisitorState state) {
    if (!(ASTHelpers.stripParentheses(tree) instanceof MethodInvocationTree test)
        || !(subject.call() instanceof MethodInvocationTree taken)
        || test == taken
        || !(ASTHelpers.getSymbol(taken) instanceof MethodSymbol takenMethod)
        || !OptionalModel.isNullReturningJdkMethod(takenMethod, state)) {
      return false;
    }
    ExpressionTree asked = ASTHelpers.getReceiver(test);
    ExpressionTree holder = ASTHelpers.getReceiver(taken);
    return asked != null && holder != null && sameText(asked, holder, state);
  }

  /** {@code map.containsKey(k)} guards {@code map.get(k)} (compared by source text). */
  private static boolean containsKeyGuards(
      MethodInvocationTree call, MethodSymbol method, Subject subject, VisitorState state) {
    if (!OptionalModel.MAP_KEY_TEST.matches(method, state)
        || call.getArguments().size() != 1
        || !(subject.call() instanceof MethodInvocationTree get)
        || get.getArguments().size() != 1
        || !(ASTHelpers.getSymbol(get) instanceof MethodSymbol getMethod)
        || !OptionalModel.MAP_GET.matches(getMethod, state)) {
      return false;
    }
    ExpressionTree mapOfGuard = ASTHelpers.getReceiver(call);
    ExpressionTree mapOfGet = ASTHelpers.getReceiver(get);
    String guardKey = source(call.getArguments().get(0), state);
    return mapOfGuard != null
        && mapOfGet != null
        && guardKey != null
        && guardKey.equals(source(get.getArguments().get(0), state))
        && sameText(mapOfGuard, mapOfGet, state);
  }

  private static boolean comparesWithNull(BinaryTree binary, Subject subject, VisitorState state) {
    ExpressionTree left = ASTHelpers.stripParentheses(binary.getLeftOperand());
    ExpressionTree right = ASTHelpers.stripParentheses(binary.getRightOperand());
    return (isNull(left) && subject.matches(right, state)) || (isNull(right) && subject.matches(left, state));
  }

  /** Whether {@code condition} compares the subject with null anywhere in it. */
  private static boolean testsForNull(ExpressionTree condition, Subject subject, VisitorState state) {
    Scan scan = new Scan(subject, state);
    scan.scan(condition, null);
    return scan.testedForNull;
  }

  static boolean isNull(ExpressionTree tree) {
    return tree != null && ASTHelpers.stripParentheses(tree).getKind() == Tree.Kind.NULL_LITERAL;
  }

  /** Whether a statement cannot complete normally, as far as a glance can tell. */
  static boolean exits(StatementTree statement, VisitorState state) {
    if (statement == null) {
      return false;
    }
    if (statement instanceof ReturnTree
        || statement instanceof ThrowTree
        || statement instanceof BreakTree
        || statement instanceof ContinueTree
        || statement instanceof YieldTree) {
      return true;
    }
    if (statement instanceof BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      return !statements.isEmpty() && exits(statements.get(statements.size() - 1), state);
    }
    if (statement instanceof IfTree ifTree) {
      return ifTree.getElseStatement() != null
          && exits(ifTree.getThenStatement(), state)
          && exits(ifTree.getElseStatement(), state);
    }
    if (statement instanceof SynchronizedTree sync) {
      return exits(sync.getBlock(), state);
    }
    if (statement instanceof LabeledStatementTree labeled) {
      return exits(labeled.getStatement(), state);
    }
    if (statement instanceof TryTree tryTree) {
      return exits(tryTree.getBlock(), state)
          && tryTree.getCatches().stream().allMatch(c -> exits(c.getBlock(), state));
    }
    if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method) {
      return NEVER_RETURNING_METHOD_NAMES.contains(method.getSimpleName().toString())
          || OptionalModel.NEVER_RETURNING_METHODS.matches(method, state);
    }
    return false;
  }

  /**
   * The condition a boolean local stands for: its initializer, when the local is final or effectively
   * final and declared in the method being analysed. Null otherwise.
   */
  private static ExpressionTree flagCondition(IdentifierTree flag, VisitorState state) {
    if (!(ASTHelpers.getSymbol(flag) instanceof VarSymbol local)
        || local.getKind() != ElementKind.LOCAL_VARIABLE
        || local.type.getKind() != TypeKind.BOOLEAN
        || (local.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return null;
    }
    MethodTree method = state.findEnclosing(MethodTree.class);
    if (method == null || method.getBody() == null) {
      return null;
    }
    ExpressionTree[] initializer = new ExpressionTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == local) {
          initializer[0] = tree.getInitializer();
        }
        return super.visitVariable(tree, unused);
      }
    }.scan(method.getBody(), null);
    return initializer[0];
  }

  private static boolean sameText(ExpressionTree a, ExpressionTree b, VisitorState state) {
    String left = source(a, state);
    return left != null && left.equals(source(b, state));
  }

  /** The source of {@code tree} with all whitespace removed; null when the source is not at hand. */
  static String source(Tree tree, VisitorState state) {
    if (tree == null) {
      return null;
    }
    String source = state.getSourceForNode(tree);
    return source == null ? null : source.replaceAll("\\s+", "");
  }

  /**
   * One pass over a statement: does it assign the subject, hand it to a call that asserts non-null, or
   * compare it with null? Nested classes are another method's business and are not entered.
   */
  private static final class Scan extends TreeScanner<Void, Void> {
    private final Subject subject;
    private final VisitorState state;
    boolean assignedOrAsserted;
    boolean testedForNull;

    Scan(Subject subject, VisitorState state) {
      this.subject = subject;
      this.state = state;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      if (subject.symbol() != null && subject.matches(tree.getVariable(), state)) {
        assignedOrAsserted = true;
      }
      return super.visitAssignment(tree, unused);
    }

    @Override
    public Void visitBinary(BinaryTree tree, Void unused) {
      if ((tree.getKind() == Tree.Kind.EQUAL_TO || tree.getKind() == Tree.Kind.NOT_EQUAL_TO)
          && comparesWithNull(tree, subject, state)) {
        testedForNull = true;
      }
      return super.visitBinary(tree, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      boolean mentions = tree.getArguments().stream().anyMatch(a -> subject.matches(a, state));
      if (mentions) {
        if (OptionalModel.NON_NULL_ASSERTIONS.matches(tree, state)) {
          assignedOrAsserted = true;
        } else if (OptionalModel.IS_NULL_TESTS.matches(tree, state) || OptionalModel.NON_NULL_TESTS.matches(tree, state)) {
          testedForNull = true;
        }
      }
      return super.visitMethodInvocation(tree, unused);
    }
  }
}
