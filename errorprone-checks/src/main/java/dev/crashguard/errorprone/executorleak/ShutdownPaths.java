package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DefaultCaseLabelTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "shut down on every path" judgement for one local pool: a walk of the code around it that follows,
 * per way out (normal end, {@code return}, exception, {@code break}, {@code continue}), whether the pool
 * may still be open. Each point knows a set of four facts (not made yet, made without a task so without a
 * thread, open, ended), so a walk costs
 * little: both branches of an {@code if} are joined, a loop body is walked until nothing new reaches its
 * start, a catch takes the exceptions it can catch, {@code finally} runs after every way out, and a
 * try-with-resources over the pool ends it on every way out. A JDK call throws only the checked exceptions
 * it declares ({@link Work}): typed catches that catch each of them and go on to the shutdown, with nothing
 * in them that can throw, leave no way out open (libthrift's TNonblockingMultiFetchClient); any other call
 * may throw an unchecked exception too, which only a catch of {@code RuntimeException} or wider takes.
 *
 * <p>The answer: {@link Outcome#ENDED} when every way out has ended it; {@link Outcome#OPEN_ON_NORMAL_PATH}
 * when a normal way out may leave it open (the shutdown is conditional: the caller stays silent); {@link
 * Outcome#OPEN_ON_EXCEPTION} with the call that throws when only exceptions leave it open.
 */
final class ShutdownPaths {

  static final int NONE = 0;
  static final int ABSENT = 1;
  static final int OPEN = 2;
  static final int ENDED = 4;
  /** Made, but no task handed to it yet: a pool without a thread (a Timer is {@link #OPEN} at once). */
  static final int UNUSED = 8;

  /** A walk gives up beyond this many statements: silent. */
  private static final int BUDGET = 20_000;

  enum Kind {
    ENDED,
    OPEN_ON_NORMAL_PATH,
    OPEN_ON_EXCEPTION,
    TOO_COMPLEX
  }

  record Outcome(Kind kind, Tree throwing) {}

  private record Thrown(int states, Tree call, List<Type> checked, boolean unchecked) {}

  private static final class Flow {
    int normal;
    int returns;
    final List<Thrown> thrown = new ArrayList<>();
    final Map<Tree, Integer> breaks = new LinkedHashMap<>();
    final Map<Tree, Integer> continues = new LinkedHashMap<>();

    static Flow normal(int states) {
      Flow f = new Flow();
      f.normal = states;
      return f;
    }

    void addAbrupt(Flow other) {
      for (Thrown t : other.thrown) {
        addThrown(t);
      }
      returns |= other.returns;
      other.breaks.forEach((k, v) -> breaks.merge(k, v, (a, b) -> a | b));
      other.continues.forEach((k, v) -> continues.merge(k, v, (a, b) -> a | b));
    }

    void addThrown(Thrown t) {
      if (t.states() != NONE && !thrown.contains(t) && thrown.size() < 256) {
        thrown.add(t);
      }
    }

    int takeBreaks(Tree target) {
      Integer s = breaks.remove(target);
      return s == null ? NONE : s;
    }

    int takeContinues(Tree target) {
      Integer s = continues.remove(target);
      return s == null ? NONE : s;
    }
  }

  private static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super(null, null, false, false);
    }
  }

  private final Symbol pool;
  private final Tree creation;
  private final VisitorState state;
  private final Work work;
  /** The state the creation leaves: {@link #OPEN} for a Timer, {@link #UNUSED} for a pool. */
  private final int made;
  private int cost;

  /**
   * How many {@code finally} blocks are being walked: a shutdown in one counts as on every path, whatever
   * the cleanup before it in the same block may throw (the idiom the hazard asks for).
   */
  private int finallies;

  private ShutdownPaths(Symbol pool, Tree creation, VisitorState state) {
    this.pool = pool;
    this.creation = creation;
    this.state = state;
    this.work = new Work(state, this::isPool);
    this.made = creation instanceof VariableTree v && v.getInitializer() != null
            ? (PoolModel.startsThreadWhenMade(v.getInitializer(), state) ? OPEN : UNUSED)
            : startsThreadWhenMade(creation, state) ? OPEN : UNUSED;
  }

  /** The creation's value: an assignment's right-hand side, else the tree itself. */
  private static boolean startsThreadWhenMade(Tree creation, VisitorState state) {
    Tree value = creation;
    if (creation instanceof ExpressionStatementTree statement) {
      value = statement.getExpression();
    }
    if (value instanceof AssignmentTree assignment) {
      value = assignment.getExpression();
    }
    return PoolModel.startsThreadWhenMade(value, state);
  }

  /**
   * Walks {@code body} (a method's or a lambda's) for local {@code pool}, made open by the statement or
   * declaration {@code creation}.
   */
  static Outcome judge(Tree body, Symbol pool, Tree creation, VisitorState state) {
    ShutdownPaths walker = new ShutdownPaths(pool, creation, state);
    Flow flow;
    try {
      flow = body instanceof StatementTree statement ? walker.walk(statement, ABSENT) : walker.expression((ExpressionTree) body, ABSENT);
    } catch (TooComplex e) {
      return new Outcome(Kind.TOO_COMPLEX, null);
    }
    if (((flow.normal | flow.returns) & OPEN) != 0) {
      return new Outcome(Kind.OPEN_ON_NORMAL_PATH, null);
    }
    Tree first = null;
    for (Thrown t : flow.thrown) {
      if ((t.states() & OPEN) != 0
          && (first == null || ASTHelpers.getStartPosition(t.call()) < ASTHelpers.getStartPosition(first))) {
        first = t.call();
      }
    }
    return first == null ? new Outcome(Kind.ENDED, null) : new Outcome(Kind.OPEN_ON_EXCEPTION, first);
  }

  /** Whether {@code tree} is the pool's variable. */
  private boolean isPool(ExpressionTree tree) {
    return (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) && pool.equals(ASTHelpers.getSymbol(tree));
  }

  /** A pool that was made without a task has one now (its first task starts its thread). */
  private static int started(int states) {
    return (states & UNUSED) != 0 ? (states & ~UNUSED) | OPEN : states;
  }

  /** {@link PoolModel#namesBefore} for this walk's pool. */
  private boolean usesPool(Tree tree, int before) {
    return PoolModel.namesBefore(tree, pool, before);
  }

  private void tick() {
    if (++cost > BUDGET) {
      throw new TooComplex();
    }
  }

  // ---- expressions --------------------------------------------------------------------------------------

  private Flow expression(ExpressionTree tree, int in) {
    Flow flow = new Flow();
    flow.normal = eval(tree, in, flow);
    return flow;
  }

  /** What {@code tree} does: may throw with the states before it, then may make or end the pool. */
  private int eval(Tree tree, int in, Flow flow) {
    if (tree == null || in == NONE) {
      return in;
    }
    Work.Throwing throwing = finallies > 0 ? null : work.firstThrowing(tree);
    if (throwing != null) {
      // A use of the pool written before the throwing call (pool.submit(task).get()) has started it.
      // The call's own position (its name or parenthesis), not its start: a chain starts with its receiver.
      int callAt = ((com.sun.tools.javac.tree.JCTree) throwing.call()).pos;
      int at = (in & UNUSED) != 0 && usesPool(tree, callAt) ? started(in) : in;
      // A JDK call throws only the checked exceptions it declares: typed catches of each of them cover it.
      flow.addThrown(new Thrown(at, throwing.call(), throwing.checked(), throwing.unchecked()));
    }
    int out = in;
    if (tree == creation) {
      out = made;
    } else if (endsPool(tree)) {
      out = (in & ~(OPEN | UNUSED)) | ((in & (OPEN | UNUSED)) != 0 ? ENDED : NONE);
    } else if ((in & UNUSED) != 0 && usesPool(tree, Integer.MAX_VALUE)) {
      out = started(in);
    }
    return out;
  }

  /** Whether {@code tree} shuts the pool down (outside lambdas and local classes, which run later). */
  private boolean endsPool(Tree tree) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree classTree, Void unused) {
            return false;
          }

          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (isShutdown(call)) {
              return true;
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  private boolean isShutdown(MethodInvocationTree call) {
    if (PoolModel.SHUTDOWNS.matches(call, state)
        && call.getMethodSelect() instanceof MemberSelectTree select
        && isPool(PoolModel.inward(select.getExpression()))) {
      return true;
    }
    return PoolModel.STATIC_SHUTDOWNS.matches(call, state)
        && !call.getArguments().isEmpty()
        && isPool(PoolModel.inward(call.getArguments().get(0)));
  }

  // ---- statements ---------------------------------------------------------------------------------------

  private Flow walk(StatementTree statement, int in) {
    if (statement == null || in == NONE) {
      return Flow.normal(in);
    }
    tick();
    return switch (statement) {
      case BlockTree block -> walkAll(block.getStatements(), in);
      case ExpressionStatementTree expression -> {
        Flow flow = new Flow();
        ExpressionTree e = expression.getExpression();
        flow.normal = eval(e, in, flow);
        yield flow;
      }
      case VariableTree variable -> {
        Flow flow = new Flow();
        int out = eval(variable.getInitializer(), in, flow);
        flow.normal = variable == creation ? made : out;
        yield flow;
      }
      case IfTree ifTree -> {
        Flow flow = new Flow();
        int p = eval(ifTree.getCondition(), in, flow);
        Flow then = walk(ifTree.getThenStatement(), p);
        Flow otherwise = walk(ifTree.getElseStatement(), p);
        flow.normal = then.normal | otherwise.normal;
        flow.addAbrupt(then);
        flow.addAbrupt(otherwise);
        yield flow;
      }
      case WhileLoopTree loop -> loop(loop, loop.getCondition(), loop.getStatement(), List.of(), false, in);
      case DoWhileLoopTree loop -> loop(loop, loop.getCondition(), loop.getStatement(), List.of(), true, in);
      case ForLoopTree loop -> {
        Flow init = walkAll(loop.getInitializer(), in);
        Flow flow = loop(loop, loop.getCondition(), loop.getStatement(), loop.getUpdate(), false, init.normal);
        flow.addAbrupt(init);
        yield flow;
      }
      case EnhancedForLoopTree loop -> {
        Flow head = new Flow();
        int p = eval(loop.getExpression(), in, head);
        Flow flow = loop(loop, null, loop.getStatement(), List.of(), false, p);
        flow.addAbrupt(head);
        yield flow;
      }
      case LabeledStatementTree labeled -> {
        Flow flow = walk(labeled.getStatement(), in);
        flow.normal |= flow.takeBreaks(labeled);
        yield flow;
      }
      case SwitchTree switchTree -> walkSwitch(switchTree, in);
      case TryTree tryTree -> walkTry(tryTree, in);
      case ReturnTree ret -> {
        Flow flow = new Flow();
        flow.returns = eval(ret.getExpression(), in, flow);
        yield flow;
      }
      case ThrowTree thrown -> {
        Flow flow = new Flow();
        int p = eval(thrown.getExpression(), in, flow);
        Type type = ASTHelpers.getType(thrown.getExpression());
        boolean unchecked = type == null || work.isUnchecked(type);
        flow.addThrown(new Thrown(p, thrown, unchecked ? List.of() : List.of(type), unchecked));
        yield flow;
      }
      case BreakTree jump -> {
        Flow flow = new Flow();
        Tree target = ((JCTree.JCBreak) jump).target;
        if (target != null) {
          flow.breaks.merge(target, in, (a, b) -> a | b);
        }
        yield flow;
      }
      case ContinueTree jump -> {
        Flow flow = new Flow();
        Tree target = ((JCTree.JCContinue) jump).target;
        if (target != null) {
          flow.continues.merge(target, in, (a, b) -> a | b);
        }
        yield flow;
      }
      case SynchronizedTree sync -> {
        Flow head = new Flow();
        int p = eval(sync.getExpression(), in, head);
        Flow body = walk(sync.getBlock(), p);
        body.addAbrupt(head);
        yield body;
      }
      case ClassTree local -> Flow.normal(in);
      default -> {
        Flow flow = new Flow();
        flow.normal = eval(statement, in, flow);
        yield flow;
      }
    };
  }

  private Flow walkAll(List<? extends StatementTree> statements, int in) {
    Flow flow = new Flow();
    int p = in;
    for (StatementTree statement : statements) {
      if (p == NONE) {
        break;
      }
      Flow step = walk(statement, p);
      flow.addAbrupt(step);
      p = step.normal;
    }
    flow.normal = p;
    return flow;
  }

  /** A loop: the body walked until the states at its start stop growing. */
  private Flow loop(
      StatementTree loop,
      ExpressionTree condition,
      StatementTree body,
      List<? extends ExpressionStatementTree> updates,
      boolean bodyFirst,
      int entry) {
    Flow flow = new Flow();
    int exit = NONE;
    int start = entry;
    for (int round = 0; round < 5; round++) {
      int into = start;
      if (!bodyFirst && condition != null) {
        into = eval(condition, into, flow);
        exit |= into;
      }
      Flow pass = walk(body, into);
      int back = pass.normal | pass.takeContinues(loop);
      exit |= pass.takeBreaks(loop);
      flow.addAbrupt(pass);
      Flow update = walkAll(updates, back);
      flow.addAbrupt(update);
      back = update.normal;
      if (bodyFirst && condition != null) {
        back = eval(condition, back, flow);
        exit |= back;
      }
      if ((start | back) == start) {
        break;
      }
      start |= back;
    }
    flow.normal = exit;
    return flow;
  }

  private Flow walkSwitch(SwitchTree switchTree, int in) {
    Flow flow = new Flow();
    int p = eval(switchTree.getExpression(), in, flow);
    int fallthrough = NONE;
    boolean hasDefault = false;
    for (CaseTree caseTree : switchTree.getCases()) {
      hasDefault |= caseTree.getLabels().stream().anyMatch(l -> l instanceof DefaultCaseLabelTree);
      int into = p | fallthrough;
      Flow c;
      if (caseTree.getStatements() != null) {
        c = walkAll(caseTree.getStatements(), into);
      } else if (caseTree.getBody() instanceof StatementTree statement) {
        c = walk(statement, into);
      } else if (caseTree.getBody() instanceof ExpressionTree expression) {
        c = expression(expression, into);
      } else {
        c = Flow.normal(into);
      }
      flow.addAbrupt(c);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        flow.normal |= c.normal;
        fallthrough = NONE;
      } else {
        fallthrough = c.normal;
      }
    }
    flow.normal |= fallthrough | flow.takeBreaks(switchTree);
    if (!hasDefault) {
      flow.normal |= p;
    }
    return flow;
  }

  private Flow walkTry(TryTree tryTree, int in) {
    Flow head = new Flow();
    int p = in;
    boolean closesPool = false;
    for (Tree resource : tryTree.getResources()) {
      if (resource instanceof VariableTree variable) {
        p = eval(variable.getInitializer(), p, head);
        if (variable == creation) {
          p = made;
          closesPool = true;
        }
      } else if (resource instanceof ExpressionTree expression) {
        p = eval(expression, p, head);
        closesPool |= isPool(PoolModel.inward(expression));
      }
    }
    Flow body = walk(tryTree.getBlock(), p);
    body.addAbrupt(head);
    if (closesPool) {
      endAll(body);
    }
    Flow out = new Flow();
    out.normal = body.normal;
    out.returns = body.returns;
    body.breaks.forEach((k, v) -> out.breaks.merge(k, v, (a, b) -> a | b));
    body.continues.forEach((k, v) -> out.continues.merge(k, v, (a, b) -> a | b));
    List<Thrown> pending = new ArrayList<>(body.thrown);
    for (CatchTree catchTree : tryTree.getCatches()) {
      List<Type> caught = caughtTypes(catchTree);
      int into = NONE;
      List<Thrown> rest = new ArrayList<>();
      for (Thrown t : pending) {
        if (mayCatch(t, caught)) {
          into |= t.states();
        }
        Thrown left = uncaught(t, caught);
        if (left != null) {
          rest.add(left);
        }
      }
      pending = rest;
      Flow c = walk(catchTree.getBlock(), into);
      out.normal |= c.normal;
      out.addAbrupt(c);
    }
    pending.forEach(out::addThrown);
    if (tryTree.getFinallyBlock() == null) {
      return out;
    }
    return runFinally(tryTree.getFinallyBlock(), out);
  }

  private static void endAll(Flow flow) {
    flow.normal = ended(flow.normal);
    flow.returns = ended(flow.returns);
    flow.breaks.replaceAll((k, v) -> ended(v));
    flow.continues.replaceAll((k, v) -> ended(v));
    List<Thrown> thrown = new ArrayList<>(flow.thrown);
    flow.thrown.clear();
    for (Thrown t : thrown) {
      flow.addThrown(new Thrown(ended(t.states()), t.call(), t.checked(), t.unchecked()));
    }
  }

  private static int ended(int states) {
    return (states & (OPEN | UNUSED)) != 0 ? (states & ~(OPEN | UNUSED)) | ENDED : states;
  }

  private Flow runFinally(BlockTree block, Flow before) {
    finallies++;
    try {
      return finallyAfter(block, before);
    } finally {
      finallies--;
    }
  }

  private Flow finallyAfter(BlockTree block, Flow before) {
    Flow out = new Flow();
    Flow normal = walk(block, before.normal);
    out.normal = normal.normal;
    out.addAbrupt(normal);
    if (before.returns != NONE) {
      Flow r = walk(block, before.returns);
      out.returns |= r.normal;
      out.addAbrupt(r);
    }
    for (Map.Entry<Tree, Integer> jump : before.breaks.entrySet()) {
      Flow f = walk(block, jump.getValue());
      out.breaks.merge(jump.getKey(), f.normal, (a, b) -> a | b);
      out.addAbrupt(f);
    }
    for (Map.Entry<Tree, Integer> jump : before.continues.entrySet()) {
      Flow f = walk(block, jump.getValue());
      out.continues.merge(jump.getKey(), f.normal, (a, b) -> a | b);
      out.addAbrupt(f);
    }
    for (Thrown t : before.thrown) {
      Flow f = walk(block, t.states());
      out.addThrown(new Thrown(f.normal, t.call(), t.checked(), t.unchecked()));
      out.addAbrupt(f);
    }
    return out;
  }

  // ---- exceptions ---------------------------------------------------------------------------------------

  private static List<Type> caughtTypes(CatchTree catchTree) {
    Tree type = catchTree.getParameter().getType();
    List<Type> out = new ArrayList<>();
    if (type instanceof UnionTypeTree union) {
      for (Tree alternative : union.getTypeAlternatives()) {
        Type t = ASTHelpers.getType(alternative);
        if (t != null) {
          out.add(t);
        }
      }
    } else {
      Type t = ASTHelpers.getType(type);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private boolean mayCatch(Thrown thrown, List<Type> caught) {
    Type runtime = state.getSymtab().runtimeExceptionType;
    Type error = state.getSymtab().errorType;
    com.sun.tools.javac.code.Types types = state.getTypes();
    for (Type c : caught) {
      if (thrown.unchecked()
          && (types.isSubtype(runtime, c) || types.isSubtype(c, runtime) || types.isSubtype(error, c) || types.isSubtype(c, error))) {
        return true;
      }
      for (Type t : thrown.checked()) {
        if (types.isSubtype(t, c) || types.isSubtype(c, t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * What of {@code thrown} gets past a catch of {@code caught}: the checked exceptions no caught type is a
   * supertype of, and the unchecked ones unless {@code RuntimeException} or a supertype is caught; null when
   * nothing does. The catches of one try take their share in turn: {@code catch (InterruptedException e)},
   * {@code catch (ExecutionException e)}, {@code catch (TimeoutException e)} together cover {@code
   * Future.get}.
   */
  private Thrown uncaught(Thrown thrown, List<Type> caught) {
    Type runtime = state.getSymtab().runtimeExceptionType;
    com.sun.tools.javac.code.Types types = state.getTypes();
    boolean unchecked = thrown.unchecked() && caught.stream().noneMatch(c -> types.isSubtype(runtime, c));
    List<Type> checked =
        thrown.checked().stream().filter(t -> caught.stream().noneMatch(c -> types.isSubtype(t, c))).toList();
    if (!unchecked && checked.isEmpty()) {
      return null;
    }
    return unchecked == thrown.unchecked() && checked.size() == thrown.checked().size()
        ? thrown
        : new Thrown(thrown.states(), thrown.call(), checked, unchecked);
  }
}
