package dev.crashguard.errorprone.unsafememorymisuse;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DefaultCaseLabelTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.tree.JCTree;
import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * The path walk of one method body for the address held in one {@code long} local, parameter or final
 * field of this: branches joined, loops to a fixed point, {@code try}/{@code catch}/{@code finally} (the
 * {@code finally} run once for each way into it), explicit {@code throw}s and calls that may throw (a method
 * of the unit whose body throws, with the types it throws; any call outside the JDK, of unknown type).
 * Reports a leak at an exit, a second free, a use after the free or the reallocation, and a fill or copy
 * longer than the allocation. An address that escapes (returned, stored, passed to a call that does not
 * only borrow it, captured) is owned elsewhere: nothing more is said of it. A method the walk cannot follow
 * within its budget gives nothing.
 */
final class Lifecycle {

  private static final int BUDGET = 20_000;
  private static final int LOOP_ROUNDS = 8;

  /** Thrown when the walk gives up: the method is left alone. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private enum Ctx { ESCAPE, USE, UNSAFE_ARG }

  private enum JumpKind { RETURN, THROW, BREAK, CONTINUE }

  /** A way out of a statement: its kind, its target, the exception types (null: unknown), the state. */
  private record Jump(JumpKind kind, Tree target, List<Type> types, Map<Symbol, Addr> state) {}

  private abstract static class Frame {}

  private static final class MethodFrame extends Frame {
    final List<Map<Symbol, Addr>> exits = new ArrayList<>();
  }

  private static final class CatchFrame extends Frame {
    final List<Type> caught;
    final List<Map<Symbol, Addr>> thrown = new ArrayList<>();

    CatchFrame(List<Type> caught) {
      this.caught = caught;
    }
  }

  private static final class FinallyFrame extends Frame {
    final List<Jump> pending = new ArrayList<>();
  }

  private static final class TargetFrame extends Frame {
    final Tree target;
    final List<Map<Symbol, Addr>> breaks = new ArrayList<>();
    final List<Map<Symbol, Addr>> continues = new ArrayList<>();

    TargetFrame(Tree target) {
      this.target = target;
    }
  }

  private final VisitorState state;
  private final UnitFacts unit;
  private final UnsafeCalls calls;
  private final CompilationUnitTree compilationUnit;
  private final ClassSymbol owner;
  private final Map<Tree, UnsafeFinding> findings = new LinkedHashMap<>();
  private final Deque<Frame> frames = new ArrayDeque<>();
  private Map<Symbol, Addr> cur = new HashMap<>();
  private int budget;
  private MethodInvocationTree dropped;

  private Lifecycle(VisitorState state, UnitFacts unit, CompilationUnitTree compilationUnit, ClassSymbol owner) {
    this.state = state;
    this.unit = unit;
    this.calls = UnsafeCalls.of(state);
    this.compilationUnit = compilationUnit;
    this.owner = owner;
  }

  /** The findings of the walk of {@code method}; none when the walk gives up. */
  static Collection<UnsafeFinding> walk(
      MethodTree method, CompilationUnitTree compilationUnit, UnitFacts unit, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (method.getBody() == null || symbol == null || !(symbol.owner instanceof ClassSymbol owner)) {
      return List.of();
    }
    Lifecycle walk = new Lifecycle(state, unit, compilationUnit, owner);
    try {
      return walk.run(method, symbol);
    } catch (GiveUp e) {
      return List.of();
    }
  }

  private Collection<UnsafeFinding> run(MethodTree method, MethodSymbol symbol) {
    boolean constructor = symbol.isConstructor();
    for (Symbol member : owner.getEnclosedElements()) {
      if (!constructor && member instanceof VarSymbol field && isLong(field.type)
          && field.getModifiers().contains(Modifier.FINAL) && !field.getModifiers().contains(Modifier.STATIC)) {
        cur.put(field, Addr.live());
      }
    }
    for (VariableTree parameter : method.getParameters()) {
      Symbol p = ASTHelpers.getSymbol(parameter);
      if (p != null && isLong(p.type)) {
        cur.put(p, Addr.live());
      }
    }
    MethodFrame exit = new MethodFrame();
    frames.push(exit);
    statement(method.getBody());
    frames.pop();
    if (cur != null) {
      exit.exits.add(cur);
    }
    for (Map<Symbol, Addr> out : exit.exits) {
      for (Map.Entry<Symbol, Addr> entry : out.entrySet()) {
        Addr addr = entry.getValue();
        if (!addr.escaped()) {
          for (MethodInvocationTree allocation : addr.allocs()) {
            add(new UnsafeFinding(allocation, entry.getKey().getSimpleName().toString(), Kind.LEAKED));
          }
        }
      }
    }
    return findings.values();
  }

  // ---- statements ---------------------------------------------------------------------------------------

  private void statement(StatementTree tree) {
    if (cur == null || tree == null) {
      return;
    }
    if (++budget > BUDGET) {
      throw new GiveUp();
    }
    if (tree instanceof BlockTree block) {
      for (StatementTree s : block.getStatements()) {
        statement(s);
      }
    } else if (tree instanceof VariableTree variable) {
      Symbol symbol = ASTHelpers.getSymbol(variable);
      if (variable.getInitializer() != null) {
        if (symbol != null && isLong(symbol.type) && symbol.getKind() == ElementKind.LOCAL_VARIABLE) {
          assign(symbol, variable.getInitializer());
        } else {
          expression(variable.getInitializer(), Ctx.ESCAPE, null);
        }
      } else if (symbol != null) {
        cur.remove(symbol);
      }
    } else if (tree instanceof ExpressionStatementTree statement) {
      if (statement.getExpression() instanceof MethodInvocationTree call
          && calls.role(call) == UnsafeCalls.Role.REALLOCATE) {
        dropped = call; // reported by OffsetChecks as a dropped result: one finding per call
      }
      expression(statement.getExpression(), Ctx.USE, null);
    } else if (tree instanceof IfTree ifTree) {
      expression(ifTree.getCondition(), Ctx.USE, null);
      Map<Symbol, Addr> before = copy(cur);
      ExpressionTree condition = OffsetChecks.strip(ifTree.getCondition());
      Symbol constant = comparedToConstant(condition);
      if (constant != null && condition.getKind() == Tree.Kind.EQUAL_TO && cur != null) {
        cur.remove(constant);
      }
      statement(ifTree.getThenStatement());
      Map<Symbol, Addr> afterThen = cur;
      cur = before;
      if (constant != null && condition.getKind() == Tree.Kind.NOT_EQUAL_TO && cur != null) {
        cur.remove(constant);
      }
      statement(ifTree.getElseStatement());
      cur = join(afterThen, cur);
    } else if (tree instanceof WhileLoopTree loop) {
      loop(loop, null, loop.getCondition(), loop.getStatement(), List.of(), false);
    } else if (tree instanceof DoWhileLoopTree loop) {
      loop(loop, null, loop.getCondition(), loop.getStatement(), List.of(), true);
    } else if (tree instanceof ForLoopTree loop) {
      for (StatementTree init : loop.getInitializer()) {
        statement(init);
      }
      loop(loop, null, loop.getCondition(), loop.getStatement(), loop.getUpdate(), false);
    } else if (tree instanceof EnhancedForLoopTree loop) {
      expression(loop.getExpression(), Ctx.USE, null);
      loop(loop, loop.getVariable(), null, loop.getStatement(), List.of(), false);
    } else if (tree instanceof LabeledStatementTree labeled) {
      StatementTree body = labeled.getStatement();
      if (body instanceof WhileLoopTree || body instanceof DoWhileLoopTree || body instanceof ForLoopTree
          || body instanceof EnhancedForLoopTree || body instanceof SwitchTree) {
        statement(body);
      } else {
        TargetFrame frame = new TargetFrame(body);
        frames.push(frame);
        statement(body);
        frames.pop();
        cur = join(cur, joinAll(frame.breaks));
      }
    } else if (tree instanceof SwitchTree switchTree) {
      switchStatement(switchTree);
    } else if (tree instanceof ReturnTree ret) {
      expression(ret.getExpression(), Ctx.ESCAPE, null);
      jump(JumpKind.RETURN, null, null);
    } else if (tree instanceof ThrowTree throwTree) {
      expression(throwTree.getExpression(), Ctx.ESCAPE, null);
      Type type = ASTHelpers.getType(throwTree.getExpression());
      jump(JumpKind.THROW, null, type == null ? null : List.of(type));
    } else if (tree instanceof BreakTree breakTree) {
      jump(JumpKind.BREAK, ((JCTree.JCBreak) breakTree).target, null);
    } else if (tree instanceof ContinueTree continueTree) {
      jump(JumpKind.CONTINUE, ((JCTree.JCContinue) continueTree).target, null);
    } else if (tree instanceof TryTree tryTree) {
      tryStatement(tryTree);
    } else if (tree instanceof SynchronizedTree sync) {
      expression(sync.getExpression(), Ctx.USE, null);
      statement(sync.getBlock());
    } else if (tree instanceof AssertTree assertion) {
      // Only read; the AssertionError it may throw is not an exit the code plans for.
      Map<Symbol, Addr> before = copy(cur);
      expression(assertion.getCondition(), Ctx.USE, null);
      expression(assertion.getDetail(), Ctx.USE, null);
      cur = join(before, cur);
    } else if (tree.getKind() == Tree.Kind.EMPTY_STATEMENT) {
      return;
    } else {
      // A local class, a yield, anything else: what it mentions is owned elsewhere from now on.
      escapeMentions(tree);
    }
  }

  /**
   * The tracked variable {@code condition} compares with a constant ({@code address == 0}, {@code address
   * != -1}): on the branch where it equals the constant, it holds no allocation (a failed {@code
   * allocateMemory} answered with an error, Chronicle's {@code UnsafeMemory.allocate}; Netty's probe).
   */
  private Symbol comparedToConstant(ExpressionTree condition) {
    if (!(condition instanceof BinaryTree binary)
        || (binary.getKind() != Tree.Kind.EQUAL_TO && binary.getKind() != Tree.Kind.NOT_EQUAL_TO)) {
      return null;
    }
    ExpressionTree left = OffsetChecks.strip(binary.getLeftOperand());
    ExpressionTree right = OffsetChecks.strip(binary.getRightOperand());
    if (ASTHelpers.constValue(right) != null) {
      return tracked(left);
    }
    return ASTHelpers.constValue(left) != null ? tracked(right) : null;
  }

  private void loop(StatementTree loop, VariableTree variable, ExpressionTree condition, StatementTree body,
      List<? extends ExpressionStatementTree> update, boolean bodyFirst) {
    TargetFrame frame = new TargetFrame(loop);
    frames.push(frame);
    Map<Symbol, Addr> entry = cur;
    Map<Symbol, Addr> head = entry;
    Map<Symbol, Addr> leave = null;
    boolean endless = condition == null ? variable == null : Boolean.TRUE.equals(ASTHelpers.constValue(condition));
    for (int round = 0; ; round++) {
      if (round == LOOP_ROUNDS) {
        throw new GiveUp();
      }
      frame.breaks.clear();
      frame.continues.clear();
      cur = copy(head);
      if (!bodyFirst) {
        expression(condition, Ctx.USE, null);
        leave = endless ? null : copy(cur);
      }
      if (variable != null) {
        Symbol symbol = ASTHelpers.getSymbol(variable);
        if (symbol != null) {
          cur.remove(symbol);
        }
      }
      statement(body);
      cur = join(cur, joinAll(frame.continues));
      if (cur != null) {
        for (ExpressionStatementTree step : update) {
          statement(step);
        }
      }
      if (bodyFirst && cur != null) {
        expression(condition, Ctx.USE, null);
        leave = endless ? leave : join(leave, copy(cur));
      }
      Map<Symbol, Addr> next = join(entry, cur);
      if (Objects.equals(next, head)) {
        break;
      }
      head = next;
    }
    frames.pop();
    cur = join(leave, joinAll(frame.breaks));
  }

  private void switchStatement(SwitchTree tree) {
    expression(tree.getExpression(), Ctx.USE, null);
    TargetFrame frame = new TargetFrame(tree);
    frames.push(frame);
    Map<Symbol, Addr> entry = cur;
    Map<Symbol, Addr> fall = null;
    boolean hasDefault = false;
    for (CaseTree caseTree : tree.getCases()) {
      hasDefault |= caseTree.getLabels().stream().anyMatch(l -> l instanceof DefaultCaseLabelTree);
      cur = join(copy(entry), fall);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        if (body instanceof StatementTree s) {
          statement(s);
        } else if (body instanceof ExpressionTree e) {
          expression(e, Ctx.USE, null);
        }
        if (cur != null) {
          frame.breaks.add(cur);
        }
        fall = null;
      } else {
        for (StatementTree s : caseTree.getStatements()) {
          statement(s);
        }
        fall = cur;
      }
    }
    frames.pop();
    cur = join(join(fall, joinAll(frame.breaks)), hasDefault ? null : entry);
  }

  private void tryStatement(TryTree tree) {
    FinallyFrame fin = tree.getFinallyBlock() != null ? new FinallyFrame() : null;
    if (fin != null) {
      frames.push(fin);
    }
    CatchFrame catches = null;
    if (!tree.getCatches().isEmpty()) {
      List<Type> caught = new ArrayList<>();
      for (CatchTree c : tree.getCatches()) {
        Tree type = c.getParameter().getType();
        for (Tree alternative : type instanceof UnionTypeTree u ? u.getTypeAlternatives() : List.of(type)) {
          Type t = ASTHelpers.getType(alternative);
          if (t != null) {
            caught.add(t);
          }
        }
      }
      catches = new CatchFrame(caught);
      frames.push(catches);
    }
    for (Tree resource : tree.getResources()) {
      if (resource instanceof StatementTree s) {
        statement(s);
      } else if (resource instanceof ExpressionTree e) {
        expression(e, Ctx.ESCAPE, null);
      }
    }
    statement(tree.getBlock());
    if (!tree.getResources().isEmpty() && cur != null) {
      Map<Symbol, Addr> closed = cur;
      jump(JumpKind.THROW, null, null);
      cur = closed;
    }
    Map<Symbol, Addr> normal = cur;
    if (catches != null) {
      frames.pop();
      Map<Symbol, Addr> thrown = joinAll(catches.thrown);
      for (CatchTree c : tree.getCatches()) {
        if (thrown == null) {
          break;
        }
        cur = copy(thrown);
        statement(c.getBlock());
        normal = join(normal, cur);
      }
    }
    cur = normal;
    if (fin == null) {
      return;
    }
    frames.pop();
    statement(tree.getFinallyBlock());
    Map<Symbol, Addr> afterNormal = cur;
    Map<String, Jump> groups = new LinkedHashMap<>();
    for (Jump j : fin.pending) {
      String key = j.kind() + "@" + System.identityHashCode(j.target());
      Jump before = groups.get(key);
      if (before == null) {
        groups.put(key, j);
      } else {
        List<Type> types = null;
        if (before.types() != null && j.types() != null) {
          types = new ArrayList<>(before.types());
          types.addAll(j.types());
        }
        groups.put(key, new Jump(j.kind(), j.target(), types, join(before.state(), j.state())));
      }
    }
    for (Jump j : groups.values()) {
      cur = copy(j.state());
      statement(tree.getFinallyBlock());
      if (cur != null) {
        jump(j.kind(), j.target(), j.types());
      }
    }
    cur = afterNormal;
  }

  /** Leaves the current statement by {@code kind}; the path goes on only where a frame takes it. */
  private void jump(JumpKind kind, Tree target, List<Type> types) {
    Map<Symbol, Addr> out = cur;
    cur = null;
    if (out == null) {
      return;
    }
    for (Frame frame : frames) {
      if (frame instanceof FinallyFrame fin) {
        fin.pending.add(new Jump(kind, target, types, out));
        return;
      }
      if (kind == JumpKind.THROW && frame instanceof CatchFrame c) {
        if (mayCatch(c, types)) {
          c.thrown.add(out);
        }
        if (catchesAll(c, types)) {
          return;
        }
      }
      if (frame instanceof TargetFrame t && t.target == target) {
        if (kind == JumpKind.BREAK) {
          t.breaks.add(out);
          return;
        }
        if (kind == JumpKind.CONTINUE) {
          t.continues.add(out);
          return;
        }
      }
      if (frame instanceof MethodFrame m) {
        if (kind == JumpKind.RETURN || kind == JumpKind.THROW) {
          m.exits.add(out);
        }
        return;
      }
    }
  }

  private boolean mayCatch(CatchFrame frame, List<Type> types) {
    if (types == null) {
      return true;
    }
    for (Type thrown : types) {
      for (Type caught : frame.caught) {
        if (subtype(thrown, caught) || subtype(caught, thrown)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean catchesAll(CatchFrame frame, List<Type> types) {
    if (types == null) {
      for (Type caught : frame.caught) {
        String name = caught.tsym == null ? "" : caught.tsym.getQualifiedName().toString();
        if (name.equals("java.lang.Throwable") || name.equals("java.lang.Exception")) {
          return true;
        }
      }
      return false;
    }
    for (Type thrown : types) {
      boolean caught = false;
      for (Type c : frame.caught) {
        caught |= subtype(thrown, c);
      }
      if (!caught) {
        return false;
      }
    }
    return true;
  }

  private boolean subtype(Type a, Type b) {
    return state.getTypes().isSubtype(state.getTypes().erasure(a), state.getTypes().erasure(b));
  }

  // ---- expressions --------------------------------------------------------------------------------------

  private void expression(ExpressionTree tree, Ctx ctx, MethodInvocationTree unsafeCall) {
    if (tree == null || cur == null) {
      return;
    }
    if (++budget > BUDGET) {
      throw new GiveUp();
    }
    if (tree instanceof ParenthesizedTree p) {
      expression(p.getExpression(), ctx, unsafeCall);
    } else if (tree instanceof TypeCastTree cast) {
      expression(cast.getExpression(), ctx, unsafeCall);
    } else if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      Symbol tracked = tracked(tree);
      if (tracked != null) {
        mention(tracked, ctx, unsafeCall);
      } else if (tree instanceof MemberSelectTree select) {
        expression(select.getExpression(), Ctx.USE, null);
      }
    } else if (tree instanceof LiteralTree) {
      return;
    } else if (tree instanceof BinaryTree binary) {
      Ctx inner = UnitFacts.isArithmetic(binary) ? ctx : Ctx.USE;
      expression(binary.getLeftOperand(), inner, unsafeCall);
      if (binary.getKind() == Tree.Kind.CONDITIONAL_AND || binary.getKind() == Tree.Kind.CONDITIONAL_OR) {
        Map<Symbol, Addr> before = copy(cur);
        expression(binary.getRightOperand(), inner, unsafeCall);
        cur = join(before, cur);
      } else {
        expression(binary.getRightOperand(), inner, unsafeCall);
      }
    } else if (tree instanceof ConditionalExpressionTree conditional) {
      expression(conditional.getCondition(), Ctx.USE, null);
      Map<Symbol, Addr> before = copy(cur);
      expression(conditional.getTrueExpression(), ctx, unsafeCall);
      Map<Symbol, Addr> afterTrue = cur;
      cur = before;
      expression(conditional.getFalseExpression(), ctx, unsafeCall);
      cur = join(afterTrue, cur);
    } else if (tree instanceof UnaryTree unary) {
      Symbol tracked = tracked(unary.getExpression());
      switch (unary.getKind()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
          if (tracked != null) {
            escape(tracked);
          } else {
            expression(unary.getExpression(), Ctx.USE, null);
          }
        }
        case UNARY_MINUS, UNARY_PLUS, BITWISE_COMPLEMENT -> expression(unary.getExpression(), ctx, unsafeCall);
        default -> expression(unary.getExpression(), Ctx.USE, null);
      }
    } else if (tree instanceof AssignmentTree assignment) {
      Symbol target = tracked(assignment.getVariable());
      if (target == null && assignment.getVariable() instanceof IdentifierTree) {
        Symbol local = ASTHelpers.getSymbol(assignment.getVariable());
        target = local != null && local.getKind() == ElementKind.LOCAL_VARIABLE && isLong(local.type) ? local : null;
      }
      if (target != null) {
        assign(target, assignment.getExpression());
        if (ctx == Ctx.ESCAPE) {
          escape(target);
        }
      } else {
        if (assignment.getVariable() instanceof ArrayAccessTree access) {
          expression(access.getExpression(), Ctx.USE, null);
          expression(access.getIndex(), Ctx.USE, null);
        } else if (assignment.getVariable() instanceof MemberSelectTree select) {
          expression(select.getExpression(), Ctx.USE, null);
        }
        Symbol variable = ASTHelpers.getSymbol(assignment.getVariable());
        if (variable != null && variable.getKind() == ElementKind.LOCAL_VARIABLE) {
          cur.remove(variable);
        }
        expression(assignment.getExpression(), Ctx.ESCAPE, null);
      }
    } else if (tree instanceof CompoundAssignmentTree compound) {
      expression(compound.getExpression(), Ctx.USE, null);
      Symbol target = tracked(compound.getVariable());
      if (target != null) {
        escape(target);
      } else {
        expression(compound.getVariable(), Ctx.USE, null);
      }
    } else if (tree instanceof MethodInvocationTree call) {
      call(call);
    } else if (tree instanceof NewClassTree newClass) {
      expression(newClass.getEnclosingExpression(), Ctx.USE, null);
      for (ExpressionTree argument : newClass.getArguments()) {
        expression(argument, Ctx.ESCAPE, null);
      }
      if (newClass.getClassBody() != null) {
        escapeMentions(newClass.getClassBody());
      }
      Symbol constructor = ASTHelpers.getSymbol(newClass);
      mayThrow(constructor);
    } else if (tree instanceof NewArrayTree newArray) {
      for (ExpressionTree dimension : newArray.getDimensions()) {
        expression(dimension, Ctx.USE, null);
      }
      if (newArray.getInitializers() != null) {
        for (ExpressionTree element : newArray.getInitializers()) {
          expression(element, Ctx.ESCAPE, null);
        }
      }
    } else if (tree instanceof ArrayAccessTree access) {
      expression(access.getExpression(), Ctx.USE, null);
      expression(access.getIndex(), Ctx.USE, null);
    } else if (tree instanceof InstanceOfTree instanceOf) {
      expression(instanceOf.getExpression(), Ctx.USE, null);
    } else {
      // Lambdas, method references, switch expressions: whatever they mention is owned elsewhere.
      escapeMentions(tree);
    }
  }

  private void call(MethodInvocationTree call) {
    if (call.getMethodSelect() instanceof MemberSelectTree select) {
      expression(select.getExpression(), Ctx.USE, null);
    }
    UnsafeCalls.Role role = calls.role(call);
    List<? extends ExpressionTree> args = call.getArguments();
    if (role == null) {
      Symbol callee = ASTHelpers.getSymbol(call);
      for (int i = 0; i < args.size(); i++) {
        ExpressionTree argument = args.get(i);
        Ctx ctx =
            callee != null && mentionsTracked(argument) && unit.borrows(callee, i, state) ? Ctx.USE : Ctx.ESCAPE;
        expression(argument, ctx, null);
      }
      mayThrow(callee);
      return;
    }
    switch (role) {
      case FREE -> {
        Symbol freed = args.size() == 1 ? tracked(OffsetChecks.strip(args.get(0))) : null;
        if (freed == null) {
          args.forEach(a -> expression(a, Ctx.UNSAFE_ARG, call));
          return;
        }
        Addr addr = cur.get(freed);
        if (addr.escaped()) {
          return;
        }
        if (addr.moved() != null) {
          add(new UnsafeFinding(call, name(freed), Kind.USED_AFTER_REALLOCATION, line(addr.moved())));
        } else if (addr.freed() != null) {
          add(new UnsafeFinding(call, name(freed), Kind.FREED_TWICE, line(addr.freed())));
        }
        cur.put(freed, addr.freedBy(call));
      }
      case REALLOCATE -> {
        Symbol old = args.size() == 2 ? tracked(OffsetChecks.strip(args.get(0))) : null;
        if (old == null) {
          args.forEach(a -> expression(a, Ctx.USE, null));
          return;
        }
        expression(args.get(1), Ctx.USE, null);
        if (call != dropped) {
          checkUse(old, call);
        }
        cur.put(old, cur.get(old).movedBy(call));
      }
      case ACCESS -> {
        MethodSymbol method = ASTHelpers.getSymbol(call);
        int addressArgs =
            method == null || method.getParameters().isEmpty()
                ? args.size()
                : method.getParameters().get(0).type.getTag() == TypeTag.LONG ? 1 : 2;
        for (int i = 0; i < args.size(); i++) {
          expression(args.get(i), i < addressArgs ? Ctx.UNSAFE_ARG : Ctx.ESCAPE, call);
        }
      }
      case COPY, FILL -> {
        for (ExpressionTree argument : args) {
          expression(argument, Ctx.UNSAFE_ARG, call);
        }
        length(call, role);
      }
      default -> args.forEach(a -> expression(a, Ctx.USE, null));
    }
  }

  /** A constant length of a fill or copy beyond the constant size of the allocation it writes or reads. */
  private void length(MethodInvocationTree call, UnsafeCalls.Role role) {
    List<? extends ExpressionTree> args = call.getArguments();
    List<ExpressionTree> addresses = new ArrayList<>();
    ExpressionTree length = null;
    if (role == UnsafeCalls.Role.FILL && args.size() == 3) {
      addresses.add(args.get(0));
      length = args.get(1);
    } else if (role == UnsafeCalls.Role.FILL && args.size() == 4 && isNull(args.get(0))) {
      addresses.add(args.get(1));
      length = args.get(2);
    } else if (role == UnsafeCalls.Role.COPY && args.size() == 3) {
      addresses.add(args.get(0));
      addresses.add(args.get(1));
      length = args.get(2);
    } else if (role == UnsafeCalls.Role.COPY && args.size() == 5) {
      if (isNull(args.get(0))) {
        addresses.add(args.get(1));
      }
      if (isNull(args.get(2))) {
        addresses.add(args.get(3));
      }
      length = args.get(4);
    }
    if (length == null || !(ASTHelpers.constValue(length) instanceof Number bytes)) {
      return;
    }
    for (ExpressionTree address : addresses) {
      Symbol symbol = tracked(OffsetChecks.strip(address));
      Addr addr = symbol == null || cur == null ? null : cur.get(symbol);
      if (addr != null && !addr.escaped() && addr.freed() == null && addr.moved() == null && addr.size() != null
          && !addr.allocs().isEmpty() && bytes.longValue() > addr.size()) {
        add(new UnsafeFinding(call, name(symbol), Kind.LENGTH_EXCEEDS_ALLOCATION, bytes.longValue(), addr.size()));
      }
    }
  }

  private void assign(Symbol target, ExpressionTree value) {
    ExpressionTree rhs = OffsetChecks.strip(value);
    boolean field = target.getKind() == ElementKind.FIELD;
    UnsafeCalls.Role role = rhs instanceof MethodInvocationTree call ? calls.role(call) : null;
    if (role == UnsafeCalls.Role.ALLOCATE && !field) {
      MethodInvocationTree call = (MethodInvocationTree) rhs;
      call.getArguments().forEach(a -> expression(a, Ctx.USE, null));
      Object size = call.getArguments().size() == 1 ? ASTHelpers.constValue(call.getArguments().get(0)) : null;
      if (cur != null) {
        cur.put(target, Addr.allocated(call, size instanceof Number n ? n.longValue() : null));
      }
      return;
    }
    if (role == UnsafeCalls.Role.REALLOCATE && !field) {
      MethodInvocationTree call = (MethodInvocationTree) rhs;
      List<? extends ExpressionTree> args = call.getArguments();
      Symbol old = args.size() == 2 ? tracked(OffsetChecks.strip(args.get(0))) : null;
      if (old != null && old.equals(target)) {
        expression(args.get(1), Ctx.USE, null);
        checkUse(old, call);
        Addr before = cur.get(old);
        cur.put(target, before.escaped() ? before : new Addr(false, before.allocs(), null, null, null));
        return;
      }
      expression(call, Ctx.USE, null);
      if (cur != null) {
        cur.put(target, Addr.live());
      }
      return;
    }
    if (ASTHelpers.constValue(rhs) != null) {
      cur.remove(target);
      return;
    }
    expression(value, Ctx.ESCAPE, null);
    if (cur != null) {
      cur.put(target, Addr.live());
    }
  }

  private void checkUse(Symbol symbol, MethodInvocationTree call) {
    Addr addr = cur.get(symbol);
    if (addr == null || addr.escaped()) {
      return;
    }
    if (addr.moved() != null) {
      add(new UnsafeFinding(call, name(symbol), Kind.USED_AFTER_REALLOCATION, line(addr.moved())));
    } else if (addr.freed() != null) {
      add(new UnsafeFinding(call, name(symbol), Kind.USED_AFTER_FREE, line(addr.freed())));
    }
  }

  private void mention(Symbol symbol, Ctx ctx, MethodInvocationTree unsafeCall) {
    switch (ctx) {
      case ESCAPE -> escape(symbol);
      case UNSAFE_ARG -> {
        if (unsafeCall != null) {
          checkUse(symbol, unsafeCall);
        }
      }
      default -> {}
    }
  }

  private void escape(Symbol symbol) {
    Addr addr = cur.get(symbol);
    if (addr != null) {
      cur.put(symbol, addr.escape());
    }
  }

  /** A call that may throw sends the current state to the handlers. */
  private void mayThrow(Symbol callee) {
    if (cur == null || !(callee instanceof MethodSymbol method)) {
      return;
    }
    List<Type> types;
    if (unit.method(method) != null) {
      types = unit.thrownBy(method);
      if (types.isEmpty()) {
        return;
      }
    } else if (isJdk(method)) {
      return;
    } else {
      types = null;
    }
    Map<Symbol, Addr> here = cur;
    jump(JumpKind.THROW, null, types);
    cur = here;
  }

  private static boolean isJdk(MethodSymbol method) {
    Symbol.PackageSymbol pkg = method.packge();
    String name = pkg == null ? "" : pkg.getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }

  /** Everything tracked that {@code tree} mentions escapes: a lambda, a local class, code not followed. */
  private void escapeMentions(Tree tree) {
    if (cur == null || tree == null) {
      return;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        Symbol symbol = tracked(node);
        if (symbol != null) {
          escape(symbol);
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        Symbol symbol = tracked(node);
        if (symbol != null) {
          escape(symbol);
          return null;
        }
        return super.visitMemberSelect(node, null);
      }
    }.scan(tree, null);
  }

  private boolean mentionsTracked(ExpressionTree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found[0] |= tracked(node) != null;
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        found[0] |= tracked(node) != null;
        return super.visitMemberSelect(node, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** The variable {@code tree} names when the path tracks it: {@code x} or {@code this.x}. */
  private Symbol tracked(Tree tree) {
    if (cur == null) {
      return null;
    }
    if (tree instanceof IdentifierTree) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      return symbol != null && cur.containsKey(symbol) ? symbol : null;
    }
    if (tree instanceof MemberSelectTree select && select.getExpression() instanceof IdentifierTree id
        && id.getName().contentEquals("this")) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      return symbol != null && symbol.getKind() == ElementKind.FIELD && cur.containsKey(symbol) ? symbol : null;
    }
    return null;
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  private void add(UnsafeFinding finding) {
    findings.putIfAbsent(finding.at(), finding);
  }

  private long line(Tree tree) {
    return compilationUnit.getLineMap().getLineNumber(((JCTree) tree).getStartPosition());
  }

  private static String name(Symbol symbol) {
    return symbol.getSimpleName().toString();
  }

  private static boolean isLong(Type type) {
    return type != null && type.getTag() == TypeTag.LONG;
  }

  private static boolean isNull(ExpressionTree tree) {
    return OffsetChecks.strip(tree) instanceof LiteralTree literal && literal.getKind() == Tree.Kind.NULL_LITERAL;
  }

  private static Map<Symbol, Addr> copy(Map<Symbol, Addr> state) {
    return state == null ? null : new HashMap<>(state);
  }

  private static Map<Symbol, Addr> join(Map<Symbol, Addr> a, Map<Symbol, Addr> b) {
    if (a == null) {
      return copy(b);
    }
    if (b == null) {
      return copy(a);
    }
    Map<Symbol, Addr> out = new HashMap<>(a);
    b.forEach((k, v) -> out.merge(k, v, Addr::join));
    return out;
  }

  private static Map<Symbol, Addr> joinAll(List<Map<Symbol, Addr>> states) {
    Map<Symbol, Addr> out = null;
    for (Map<Symbol, Addr> s : states) {
      out = join(out, s);
    }
    return out;
  }
}
