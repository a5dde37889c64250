package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
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
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge;
import dev.crashguard.errorprone.doubleclose.Status.Family;
import dev.crashguard.errorprone.doubleclose.Status.Held;
import dev.crashguard.errorprone.doubleclose.Status.Released;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The path-sensitive walk over one method body: statements in order, both branches of an {@code if} and
 * every case of a {@code switch} joined after it, a loop body twice (the second pass meets what the first
 * left behind: a release of what was acquired once before the loop), and {@code try}: each catch gets
 * what its type can catch, and {@code finally} runs after the normal end, every {@code return}, {@code
 * break}, {@code continue} and exception. A try-with-resources closes its resources on every way out.
 * {@code return} and {@code throw} end a path. What expressions do is {@link Effects}' job.
 *
 * <p>Every statement that calls something may throw: its paths, as they were before it, leave as an
 * exception ({@link Exceptions}). Lock calls are not counted as throwing, except an acquire that may throw
 * and is not in a {@code finally} block (see {@link Effects}).
 */
final class PathWalker {

  /** Statements and expressions one method may cost before the walk gives up. */
  private static final int BUDGET = 40_000;

  private final VisitorState state;
  private final Findings findings;
  private final Effects effects;
  private final UnitFacts unit;
  private final Exceptions exceptions;
  private MethodFacts facts;
  private Deque<Tree> tries = new ArrayDeque<>();
  private Deque<Tree> finallies = new ArrayDeque<>();
  private int cost;

  private PathWalker(VisitorState state, Findings findings, UnitFacts unit) {
    this.state = state;
    this.findings = findings;
    this.unit = unit;
    this.exceptions = new Exceptions(state);
    this.effects = new Effects(this);
  }

  /** Walks {@code method}'s body and adds what it finds; silent when the method is too involved. */
  static void walk(
      MethodTree method, TreePath path, VisitorState state, UnitFacts unit, Findings findings) {
    if (method.getBody() == null || !mayRelease(method.getBody(), state)) {
      return;
    }
    Findings local = new Findings();
    PathWalker walker = new PathWalker(state, local, unit);
    walker.facts = new MethodFacts(method.getBody(), state, unit, walker.exceptions);
    PathState start = PathState.EMPTY;
    Optional<NettyOwnership.Framework> framework = NettyOwnership.autoReleased(method, path, state);
    if (framework.isPresent()) {
      start = start.with(Resource.ofLocal(framework.get().message()), new Status.FrameworkOwned(framework.get().name()));
    }
    try {
      walker.walk(method.getBody(), Paths.of(start));
    } catch (Paths.TooComplex e) {
      return;
    }
    local.all().forEach(findings::add);
  }

  /**
   * Whether the body calls anything that may release, close, unlock or hand away ({@link
   * ReleaseNames#mayRelease}) or has a try-with-resources (which closes): without one no path can hold a
   * finding, and the walk is skipped.
   */
  private static boolean mayRelease(BlockTree body, VisitorState state) {
    ReleaseNames names = ReleaseNames.of(state);
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree tree, Void unused) {
            return names.mayRelease(tree, state) || Boolean.TRUE.equals(super.visitMethodInvocation(tree, null));
          }

          @Override
          public Boolean visitTry(TryTree tree, Void unused) {
            return !tree.getResources().isEmpty() || Boolean.TRUE.equals(super.visitTry(tree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }

  // ---- what Effects asks ------------------------------------------------------------------------------

  VisitorState state() {
    return state;
  }

  Findings findings() {
    return findings;
  }

  void tick() {
    if (++cost > BUDGET) {
      throw new Paths.TooComplex();
    }
  }

  boolean inFinally() {
    return !finallies.isEmpty();
  }

  /** The {@code try} statements (with a {@code finally}) whose block is being walked. */
  List<Tree> tries() {
    return List.copyOf(tries);
  }

  /** The {@code try} statements whose {@code finally} block is being walked. */
  Collection<Tree> finallies() {
    return finallies;
  }

  /** How a message names a call: {@code unlock() at line 12}. */
  String detail(Tree call) {
    String name = ASTHelpers.getSymbol(call) instanceof MethodSymbol method ? method.getSimpleName().toString() : "call";
    return name + "() at line " + line(call);
  }

  long line(Tree tree) {
    return state.getPath().getCompilationUnit().getLineMap().getLineNumber(ASTHelpers.getStartPosition(tree));
  }

  MethodFacts facts() {
    return facts;
  }

  Exceptions exceptions() {
    return exceptions;
  }

  /** A lambda runs after it is created, maybe more than once: its body is walked from here, alone. */
  void walkLambda(LambdaExpressionTree lambda, Paths in) {
    Deque<Tree> outerTries = tries;
    Deque<Tree> outerFinallies = finallies;
    tries = new ArrayDeque<>();
    finallies = new ArrayDeque<>();
    try {
      if (lambda.getBody() instanceof BlockTree block) {
        walk(block, in);
      } else if (lambda.getBody() instanceof ExpressionTree expression) {
        effects.eval(expression, in, new Flow());
      }
    } finally {
      tries = outerTries;
      finallies = outerFinallies;
    }
  }

  // ---- statements -------------------------------------------------------------------------------------

  Flow walk(StatementTree statement, Paths in) {
    if (in.isEmpty() || statement == null) {
      return Flow.normal(in);
    }
    tick();
    return switch (statement) {
      case BlockTree block -> walkStatements(block.getStatements(), in);
      case ExpressionStatementTree expression -> {
        Flow flow = new Flow();
        exceptions.mayThrow(expression.getExpression(), in, flow);
        flow.normal = effects.eval(expression.getExpression(), in, flow);
        if (expression.getExpression() instanceof MethodInvocationTree call
            && (unit.neverReturns(call) || ReleaseModel.NEVER_RETURNING_METHODS.matches(call, state))) {
          flow.addThrown(flow.normal, List.of(), true);
          flow.normal = Paths.NONE;
        }
        yield flow;
      }
      case VariableTree variable -> {
        Flow flow = new Flow();
        exceptions.mayThrow(variable.getInitializer(), in, flow);
        Paths p = effects.eval(variable.getInitializer(), in, flow);
        flow.normal =
            ASTHelpers.getSymbol(variable) instanceof VarSymbol symbol
                ? effects.bind(symbol, variable.getInitializer(), p, flow)
                : p;
        yield flow;
      }
      case IfTree ifTree -> {
        Flow flow = new Flow();
        exceptions.mayThrow(ifTree.getCondition(), in, flow);
        Effects.Split split = effects.condition(ifTree.getCondition(), in, flow);
        Flow then = walk(ifTree.getThenStatement(), split.whenTrue());
        Flow otherwise = walk(ifTree.getElseStatement(), split.whenFalse());
        flow.normal = then.normal.join(otherwise.normal);
        flow.addAbrupt(then);
        flow.addAbrupt(otherwise);
        yield flow;
      }
      case WhileLoopTree loop -> loop(loop, null, loop.getCondition(), loop.getStatement(), List.of(), false, in);
      case DoWhileLoopTree loop -> loop(loop, null, loop.getCondition(), loop.getStatement(), List.of(), true, in);
      case ForLoopTree loop -> {
        Flow init = walkStatements(loop.getInitializer(), in);
        Flow flow = loop(loop, null, loop.getCondition(), loop.getStatement(), loop.getUpdate(), false, init.normal);
        flow.addAbrupt(init);
        yield flow;
      }
      case EnhancedForLoopTree loop -> {
        Flow flow = new Flow();
        exceptions.mayThrow(loop.getExpression(), in, flow);
        Paths p = effects.eval(loop.getExpression(), in, flow);
        VarSymbol element = ASTHelpers.getSymbol(loop.getVariable());
        Flow body = loop(loop, element, null, loop.getStatement(), List.of(), false, p);
        body.addAbrupt(flow);
        yield body;
      }
      case LabeledStatementTree labeled -> {
        Flow flow = walk(labeled.getStatement(), in);
        flow.normal = flow.normal.join(flow.takeBreaks(labeled));
        yield flow;
      }
      case SwitchTree switchTree -> walkSwitch(switchTree, in);
      case TryTree tryTree -> walkTry(tryTree, in);
      case ReturnTree ret -> {
        Flow flow = new Flow();
        exceptions.mayThrow(ret.getExpression(), in, flow);
        flow.returns = effects.eval(ret.getExpression(), in, flow);
        flow.normal = Paths.NONE;
        yield flow;
      }
      case ThrowTree thrown -> {
        Flow flow = new Flow();
        Paths p = effects.eval(thrown.getExpression(), in, flow);
        Type type = ASTHelpers.getType(thrown.getExpression());
        boolean unchecked = type == null || exceptions.isUnchecked(type);
        flow.addThrown(p, unchecked ? List.of() : List.of(type), unchecked);
        flow.normal = Paths.NONE;
        yield flow;
      }
      case BreakTree jump -> {
        Flow flow = new Flow();
        Tree target = ((JCTree.JCBreak) jump).target;
        if (target != null) {
          flow.breaks.put(target, in);
        }
        yield flow;
      }
      case ContinueTree jump -> {
        Flow flow = new Flow();
        Tree target = ((JCTree.JCContinue) jump).target;
        if (target != null) {
          flow.continues.put(target, in);
        }
        yield flow;
      }
      case SynchronizedTree sync -> {
        Flow flow = new Flow();
        Paths p = effects.eval(sync.getExpression(), in, flow);
        Flow body = walk(sync.getBlock(), p);
        body.addAbrupt(flow);
        yield body;
      }
      case ClassTree local -> Flow.normal(in);
      default -> Flow.normal(in);
    };
  }

  private Flow walkStatements(List<? extends StatementTree> statements, Paths in) {
    Flow flow = new Flow();
    Paths p = in;
    for (StatementTree statement : statements) {
      if (p.isEmpty()) {
        break;
      }
      Flow step = walk(statement, p);
      flow.addAbrupt(step);
      p = step.normal;
    }
    flow.normal = p;
    return flow;
  }

  /**
   * A loop: the body walked twice, the second time from where the first pass went around. A lock whose
   * hold count was unknown before the loop (a caller's reentrant holds, given back one per pass) is
   * unknown again at the start of each pass and after the loop.
   */
  private Flow loop(
      StatementTree loop,
      VarSymbol element,
      ExpressionTree condition,
      StatementTree body,
      List<? extends ExpressionStatementTree> updates,
      boolean bodyFirst,
      Paths entry) {
    Flow flow = new Flow();
    Paths exit = Paths.NONE;
    Paths pass = entry;
    for (int round = 0; round < 2 && !pass.isEmpty(); round++) {
      Paths into = pass;
      if (!bodyFirst) {
        Effects.Split split = test(condition, pass, flow);
        exit = exit.join(split.whenFalse());
        into = split.whenTrue();
      }
      if (element != null) {
        into = into.map(s -> s.reassigned(element));
      }
      Flow passFlow = walk(body, into);
      Paths back = passFlow.normal.join(passFlow.takeContinues(loop));
      exit = exit.join(passFlow.takeBreaks(loop));
      flow.addAbrupt(passFlow);
      Flow update = walkStatements(updates, back);
      flow.addAbrupt(update);
      back = update.normal;
      if (bodyFirst) {
        Effects.Split split = test(condition, back, flow);
        exit = exit.join(split.whenFalse());
        back = split.whenTrue();
      }
      back = forgetUnknownLocks(back, entry);
      if (round == 1 && !bodyFirst) {
        exit = exit.join(test(condition, back, flow).whenFalse());
      } else if (round == 1) {
        exit = exit.join(back);
      }
      pass = back;
    }
    flow.normal = forgetUnknownLocks(exit, entry);
    return flow;
  }

  private Effects.Split test(ExpressionTree condition, Paths in, Flow flow) {
    if (condition == null) {
      return new Effects.Split(in, Paths.NONE);
    }
    exceptions.mayThrow(condition, in, flow);
    return effects.condition(condition, in, flow);
  }

  private static Paths forgetUnknownLocks(Paths paths, Paths entry) {
    return paths.map(
        s -> s.forget(
            r -> (s.status(r) instanceof Held
                    || (s.status(r) instanceof Released released && released.family() == Family.LOCK))
                && entry.states().stream().anyMatch(e -> e.status(r) == null)));
  }

  private Flow walkSwitch(SwitchTree switchTree, Paths in) {
    Flow flow = new Flow();
    exceptions.mayThrow(switchTree.getExpression(), in, flow);
    Paths selected = effects.eval(switchTree.getExpression(), in, flow);
    Paths exit = Paths.NONE;
    Paths fallThrough = Paths.NONE;
    boolean hasDefault = false;
    for (CaseTree caseTree : switchTree.getCases()) {
      hasDefault |= caseTree.getLabels().stream().anyMatch(l -> l instanceof DefaultCaseLabelTree);
      Paths into = selected.join(fallThrough);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        Flow rule;
        if (body instanceof StatementTree statement) {
          rule = walk(statement, into);
        } else if (body instanceof ExpressionTree expression) {
          rule = new Flow();
          exceptions.mayThrow(expression, into, rule);
          rule.normal = effects.eval(expression, into, rule);
        } else {
          rule = Flow.normal(into);
        }
        exit = exit.join(rule.normal);
        flow.addAbrupt(rule);
        fallThrough = Paths.NONE;
      } else {
        Flow statements = walkStatements(caseTree.getStatements(), into);
        flow.addAbrupt(statements);
        fallThrough = statements.normal;
      }
    }
    exit = exit.join(fallThrough).join(flow.takeBreaks(switchTree));
    if (!hasDefault) {
      exit = exit.join(selected);
    }
    flow.normal = exit;
    return flow;
  }

  private Flow walkTry(TryTree tryTree, Paths in) {
    boolean hasFinally = tryTree.getFinallyBlock() != null;
    Flow body = new Flow();
    List<Resource> resources = new ArrayList<>();
    if (hasFinally) {
      tries.push(tryTree);
    }
    try {
      Paths p = in;
      for (Tree resource : tryTree.getResources()) {
        if (resource instanceof VariableTree variable && ASTHelpers.getSymbol(variable) instanceof VarSymbol symbol) {
          exceptions.mayThrow(variable.getInitializer(), p, body);
          p = effects.eval(variable.getInitializer(), p, body);
          p = effects.bind(symbol, variable.getInitializer(), p, body);
          resources.add(Resource.ofLocal(symbol));
        } else if (resource instanceof ExpressionTree expression) {
          p = effects.eval(expression, p, body);
          Resource.of(expression, state).ifPresent(resources::add);
        }
      }
      Flow block = walk(tryTree.getBlock(), p);
      body.normal = block.normal;
      body.addAbrupt(block);
    } finally {
      if (hasFinally) {
        tries.pop();
      }
    }
    if (!resources.isEmpty()) {
      closeResources(body, resources, tryTree);
    }
    Flow result = new Flow();
    result.normal = body.normal;
    result.returns = body.returns;
    body.breaks.forEach(result.breaks::put);
    body.continues.forEach(result.continues::put);
    List<? extends CatchTree> catches = tryTree.getCatches();
    List<Paths> caught = new ArrayList<>();
    catches.forEach(c -> caught.add(Paths.NONE));
    for (Flow.Thrown thrown : body.thrown) {
      boolean handled = false;
      for (int i = 0; i < catches.size() && !handled; i++) {
        List<Type> types = exceptions.caughtTypes(catches.get(i));
        if (exceptions.mayCatch(thrown, types)) {
          caught.set(i, caught.get(i).join(thrown.paths()));
        }
        handled = exceptions.catchesAll(thrown, types);
      }
      if (!handled) {
        result.thrown.add(thrown);
      }
    }
    for (int i = 0; i < catches.size(); i++) {
      if (caught.get(i).isEmpty()) {
        continue;
      }
      VarSymbol parameter = ASTHelpers.getSymbol(catches.get(i).getParameter());
      Paths into = parameter == null ? caught.get(i) : caught.get(i).map(s -> s.reassigned(parameter));
      Flow handler = walk(catches.get(i).getBlock(), into);
      result.normal = result.normal.join(handler.normal);
      result.addAbrupt(handler);
    }
    return hasFinally ? runFinally(tryTree, result) : result;
  }

  /** The try-with-resources closes its resources, last first, on every way out of its block. */
  private void closeResources(Flow body, List<Resource> resources, TryTree tryTree) {
    String detail = "the try-with-resources at line " + line(tryTree);
    java.util.function.Function<Paths, Paths> close =
        paths -> {
          Paths p = paths;
          for (int i = resources.size() - 1; i >= 0; i--) {
            Resource r = resources.get(i);
            p = p.map(
                s -> Effects.closeLinked(
                    s.status(r) instanceof Released ? s : s.with(r, new Released(tryTree, detail, Family.CLOSE)),
                    r,
                    "'" + r.name() + "'",
                    0));
          }
          return p;
        };
    body.normal = close.apply(body.normal);
    body.returns = close.apply(body.returns);
    body.breaks.replaceAll((target, paths) -> close.apply(paths));
    body.continues.replaceAll((target, paths) -> close.apply(paths));
    List<Flow.Thrown> thrown = new ArrayList<>(body.thrown);
    body.thrown.clear();
    for (Flow.Thrown t : thrown) {
      body.thrown.add(new Flow.Thrown(close.apply(t.paths()), t.checked(), t.unchecked()));
    }
  }

  /** {@code finally} after each way out of the try and its catches, which then goes on as it was. */
  private Flow runFinally(TryTree tryTree, Flow before) {
    Flow out = new Flow();
    finallies.push(tryTree);
    try {
      BlockTree block = tryTree.getFinallyBlock();
      Flow normal = walk(block, before.normal);
      out.normal = normal.normal;
      out.addAbrupt(normal);
      if (!before.returns.isEmpty()) {
        Flow returns = walk(block, before.returns);
        out.returns = out.returns.join(returns.normal);
        out.addAbrupt(returns);
      }
      for (Map.Entry<Tree, Paths> jump : before.breaks.entrySet()) {
        Flow f = walk(block, jump.getValue());
        out.breaks.merge(jump.getKey(), f.normal, Paths::join);
        out.addAbrupt(f);
      }
      for (Map.Entry<Tree, Paths> jump : before.continues.entrySet()) {
        Flow f = walk(block, jump.getValue());
        out.continues.merge(jump.getKey(), f.normal, Paths::join);
        out.addAbrupt(f);
      }
      if (!before.thrown.isEmpty()) {
        Paths all = Paths.NONE;
        List<Type> checked = new ArrayList<>();
        boolean unchecked = false;
        for (Flow.Thrown t : before.thrown) {
          all = all.join(t.paths());
          checked.addAll(t.checked());
          unchecked |= t.unchecked();
        }
        Flow f = walk(block, all);
        out.addThrown(f.normal, checked, unchecked);
        out.addAbrupt(f);
      }
    } finally {
      finallies.pop();
    }
    return out;
  }


}
