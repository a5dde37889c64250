package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge.Kind;
import dev.crashguard.errorprone.doubleclose.PathState.Link;
import dev.crashguard.errorprone.doubleclose.ReleaseRules.Act;
import dev.crashguard.errorprone.doubleclose.ReleaseRules.Release;
import dev.crashguard.errorprone.doubleclose.ReleaseRules.Verdict;
import dev.crashguard.errorprone.doubleclose.Status.AcquireThrew;
import dev.crashguard.errorprone.doubleclose.Status.HandedOff;
import dev.crashguard.errorprone.doubleclose.Status.Held;
import dev.crashguard.errorprone.doubleclose.Status.OwnerClosed;
import dev.crashguard.errorprone.doubleclose.Status.Released;
import dev.crashguard.errorprone.doubleclose.Status.TryFailed;
import dev.crashguard.errorprone.doubleclose.Status.WrapperReleased;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What evaluating an expression does to the resources, in evaluation order: acquires and try-acquires,
 * unlocks, releases and closes (judged by {@link ReleaseRules}), retains, hand-offs to Netty, uses of a
 * closed resource, and what a local variable is given (a stamp, a wrapper that closes what it wraps, a
 * result that depends on its owner). {@code a ? b : c}, {@code &&} and {@code ||} fork the paths; a lambda
 * is walked where it is created, with what is known there, and changes nothing outside.
 */
final class Effects {

  /** The paths where a condition is true, and where it is false. */
  record Split(Paths whenTrue, Paths whenFalse) {
    Split swap() {
      return new Split(whenFalse, whenTrue);
    }
  }

  private final PathWalker context;
  private final VisitorState state;

  Effects(PathWalker context) {
    this.context = context;
    this.state = context.state();
  }

  Paths eval(ExpressionTree tree, Paths in, Flow flow) {
    if (tree == null || in.isEmpty()) {
      return in;
    }
    context.tick();
    return switch (tree) {
      case ParenthesizedTree p -> eval(p.getExpression(), in, flow);
      case TypeCastTree cast -> eval(cast.getExpression(), in, flow);
      case MethodInvocationTree call -> apply(call, evalOperands(call, in, flow), flow);
      case NewClassTree created -> {
        Paths p = eval(created.getEnclosingExpression(), in, flow);
        for (ExpressionTree argument : created.getArguments()) {
          p = eval(argument, p, flow);
        }
        yield p;
      }
      case AssignmentTree assignment -> {
        Paths p = assignment.getVariable() instanceof com.sun.source.tree.IdentifierTree
            ? in
            : eval(assignment.getVariable(), in, flow);
        p = eval(assignment.getExpression(), p, flow);
        Optional<VarSymbol> local = Resource.local(assignment.getVariable());
        yield local.isPresent() ? bind(local.get(), assignment.getExpression(), p, flow) : p;
      }
      case CompoundAssignmentTree compound -> eval(compound.getExpression(), eval(compound.getVariable(), in, flow), flow);
      case ConditionalExpressionTree conditional -> {
        Split split = condition(conditional.getCondition(), in, flow);
        yield eval(conditional.getTrueExpression(), split.whenTrue(), flow)
            .join(eval(conditional.getFalseExpression(), split.whenFalse(), flow));
      }
      case BinaryTree binary when binary.getKind() == Tree.Kind.CONDITIONAL_AND
              || binary.getKind() == Tree.Kind.CONDITIONAL_OR -> {
        Split split = condition(binary, in, flow);
        yield split.whenTrue().join(split.whenFalse());
      }
      case BinaryTree binary -> eval(binary.getRightOperand(), eval(binary.getLeftOperand(), in, flow), flow);
      case UnaryTree unary -> eval(unary.getExpression(), in, flow);
      case LambdaExpressionTree lambda -> {
        context.walkLambda(lambda, in);
        yield in;
      }
      case MemberReferenceTree reference -> isType(reference.getQualifierExpression()) ? in : eval(reference.getQualifierExpression(), in, flow);
      case MemberSelectTree select -> isType(select.getExpression()) ? in : eval(select.getExpression(), in, flow);
      case ArrayAccessTree access -> eval(access.getIndex(), eval(access.getExpression(), in, flow), flow);
      case NewArrayTree array -> {
        Paths p = in;
        for (ExpressionTree dimension : array.getDimensions()) {
          p = eval(dimension, p, flow);
        }
        if (array.getInitializers() != null) {
          for (ExpressionTree element : array.getInitializers()) {
            p = eval(element, p, flow);
          }
        }
        yield p;
      }
      case InstanceOfTree instanceOf -> eval(instanceOf.getExpression(), in, flow);
      case SwitchExpressionTree switchExpression ->
          eval(switchExpression.getExpression(), in, flow).map(PathState::forgetAll); // not followed inside
      default -> in;
    };
  }

  /**
   * The paths where {@code condition} holds and where it does not. A try-acquire splits into held and
   * failed; a guard ({@link Guards}) forgets what both branches knew.
   */
  Split condition(ExpressionTree condition, Paths in, Flow flow) {
    ExpressionTree e = condition;
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    if (in.isEmpty()) {
      return new Split(in, in);
    }
    if (e instanceof LiteralTree literal && literal.getValue() instanceof Boolean value) {
      return value ? new Split(in, Paths.NONE) : new Split(Paths.NONE, in);
    }
    if (e instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return condition(not.getExpression(), in, flow).swap();
    }
    if (e instanceof BinaryTree binary && binary.getKind() == Tree.Kind.CONDITIONAL_AND) {
      Split left = condition(binary.getLeftOperand(), in, flow);
      Split right = condition(binary.getRightOperand(), left.whenTrue(), flow);
      return new Split(right.whenTrue(), left.whenFalse().join(right.whenFalse()));
    }
    if (e instanceof BinaryTree binary && binary.getKind() == Tree.Kind.CONDITIONAL_OR) {
      Split left = condition(binary.getLeftOperand(), in, flow);
      Split right = condition(binary.getRightOperand(), left.whenFalse(), flow);
      return new Split(left.whenTrue().join(right.whenTrue()), right.whenFalse());
    }
    if (e instanceof MethodInvocationTree call) {
      Optional<Resource> tried = triedLock(call);
      if (tried.isPresent()) {
        Paths p = evalOperands(call, in, flow);
        noteAcquireMayThrow(call, tried.get(), p, flow);
        Resource lock = tried.get();
        return new Split(p.map(s -> s.with(lock, heldOnceMore(s.status(lock)))), p.map(s -> s.with(lock, tryFailed(call))));
      }
    }
    Paths after = eval(e, in, flow);
    if (Guards.isGuard(e, state)) {
      Paths forgotten = after.map(PathState::forgetAll);
      return new Split(forgotten, forgotten);
    }
    return new Split(after, after);
  }

  /** Local {@code variable} is given the value of {@code value} (already evaluated): it names something new. */
  Paths bind(VarSymbol variable, ExpressionTree value, Paths in, Flow flow) {
    Paths p = in.map(s -> s.reassigned(variable));
    if (value == null) {
      return p;
    }
    Resource self = Resource.ofLocal(variable);
    ExpressionTree e = Resource.strip(value);
    if (e instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      Type receiverType = receiver == null ? null : ASTHelpers.getType(receiver);
      if (receiver != null && ReleaseModel.isStampedLock(receiverType, state)) {
        Optional<Resource> stamp = Resource.stamped(receiver, variable, state);
        if (stamp.isPresent() && ReleaseModel.LOCK_ACQUIRES.matches(call, state)) {
          return p.map(s -> s.with(stamp.get(), new Held(1)));
        }
        if (stamp.isPresent() && ReleaseModel.LOCK_TRY_ACQUIRES.matches(call, state)) {
          return p.flatMap(s -> List.of(s.with(stamp.get(), new Held(1)), s.with(stamp.get(), tryFailed(call))));
        }
      }
      if (receiver != null && ReleaseModel.ownerDependent(call, state)) {
        Optional<Resource> owner = Resource.of(receiver, state);
        if (owner.isPresent()) {
          p = p.map(s -> s.linked(owner.get(), new Link(self, false)));
        }
      }
      if (ASTHelpers.getSymbol(call) instanceof MethodSymbol factory
          && factory.isStatic()
          && ReleaseModel.OWNERSHIP_TAKING_CALLS.matches(call, state)) {
        p = p.map(s -> ownedBy(s, call, self));
      }
    }
    if (e instanceof NewClassTree || e instanceof MethodInvocationTree) {
      for (Link link : wrapped(e, 0)) {
        p = p.map(s -> s.linked(self, link));
      }
    }
    return p;
  }

  /** The buffers handed to {@code call} became part of {@code owner} (what {@code wrappedBuffer} returned). */
  private static PathState ownedBy(PathState s, MethodInvocationTree call, Resource owner) {
    PathState out = s;
    for (Resource r : s.known()) {
      if (s.status(r) instanceof HandedOff handedOff && handedOff.call() == call) {
        out = out.with(r, new HandedOff(call, handedOff.detail(), owner));
      }
    }
    return out;
  }

  /**
   * What closing a wrapper created by {@code e} closes: the resource its chain of closing wrappers ends
   * in, and the buffer a {@code ByteBufInputStream(buf, true)} in it releases.
   */
  private List<Link> wrapped(ExpressionTree tree, int depth) {
    List<Link> links = new ArrayList<>();
    ExpressionTree e = Resource.strip(tree);
    if (depth > 8) {
      return links;
    }
    if (e instanceof NewClassTree created) {
      List<? extends ExpressionTree> arguments = created.getArguments();
      if (ReleaseModel.RELEASE_ON_CLOSE_STREAMS.matches(created, state)) {
        if (arguments.size() >= 2
            && arguments.get(arguments.size() - 1) instanceof LiteralTree literal
            && Boolean.TRUE.equals(literal.getValue())) {
          Resource.of(arguments.get(0), state).ifPresent(buffer -> links.add(new Link(buffer, true)));
        }
      } else if (ReleaseModel.isClosingWrapper(created, state) && !arguments.isEmpty()) {
        links.addAll(wrappedArgument(arguments.get(0), depth));
      }
    } else if (e instanceof MethodInvocationTree call
        && ReleaseModel.CLOSING_WRAPPER_FACTORIES.matches(call, state)
        && !call.getArguments().isEmpty()) {
      links.addAll(wrappedArgument(call.getArguments().get(0), depth));
    }
    return links;
  }

  private List<Link> wrappedArgument(ExpressionTree argument, int depth) {
    ExpressionTree inner = Resource.strip(argument);
    if (inner instanceof NewClassTree || inner instanceof MethodInvocationTree) {
      return wrapped(inner, depth + 1);
    }
    Optional<Resource> resource = Resource.of(inner, state);
    return resource.isPresent() && ReleaseModel.isAutoCloseable(ASTHelpers.getType(inner), state)
        ? List.of(new Link(resource.get(), false))
        : List.of();
  }

  private Paths evalOperands(MethodInvocationTree call, Paths in, Flow flow) {
    Paths p = in;
    if (call.getMethodSelect() instanceof MemberSelectTree select && !isType(select.getExpression())) {
      p = eval(select.getExpression(), p, flow);
    }
    for (ExpressionTree argument : call.getArguments()) {
      p = eval(argument, p, flow);
    }
    return p;
  }

  /** The effect of {@code call} itself, after its receiver and arguments. */
  private Paths apply(MethodInvocationTree call, Paths in, Flow flow) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return in;
    }
    Paths p = in;
    Resource owner = null;
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Type receiverType = receiver == null ? null : ASTHelpers.getType(receiver);
    if (receiver != null && !method.isStatic() && ReleaseModel.isReferenceCounted(receiverType, state)) {
      owner = Resource.of(receiver, state).orElse(null);
    }
    for (Resource handed : NettyOwnership.handedOver(call, state)) {
      p = release(new Release(handed, call, context.detail(call), Act.HAND_OFF, false), p, owner);
    }
    List<? extends ExpressionTree> arguments = call.getArguments();
    boolean instance = receiver != null && !method.isStatic();
    if (instance && ReleaseModel.LOCK_ACQUIRES.matches(call, state) && ReleaseModel.isLock(receiverType, state)) {
      Optional<Resource> lock = Resource.of(receiver, state);
      if (lock.isPresent()) {
        noteAcquireMayThrow(call, lock.get(), p, flow);
        return p.map(s -> s.with(lock.get(), heldOnceMore(s.status(lock.get()))));
      }
      return p;
    }
    Optional<Resource> tried = triedLock(call);
    if (tried.isPresent()) {
      noteAcquireMayThrow(call, tried.get(), p, flow);
      Resource lock = tried.get();
      return p.flatMap(s -> List.of(s.with(lock, heldOnceMore(s.status(lock))), s.with(lock, tryFailed(call))));
    }
    if (instance && ReleaseModel.LOCK_RELEASES.matches(call, state)) {
      Optional<Resource> lock =
          ReleaseModel.isStampedLock(receiverType, state)
              ? (arguments.size() == 1 ? Resource.stamped(receiver, arguments.get(0), state) : Optional.empty())
              : ReleaseModel.isLock(receiverType, state) ? Resource.of(receiver, state) : Optional.empty();
      return lock.isPresent() ? release(new Release(lock.get(), call, context.detail(call), Act.UNLOCK, false), p, null) : p;
    }
    if (instance && arguments.isEmpty() && ReleaseModel.REFCOUNT_RELEASE.matches(call, state)) {
      Optional<Resource> buffer = Resource.of(receiver, state);
      return buffer.isPresent() ? release(new Release(buffer.get(), call, context.detail(call), Act.RELEASE, false), p, null) : p;
    }
    if (method.isStatic() && arguments.size() == 1 && ReleaseModel.REFCOUNT_STATIC_RELEASES.matches(call, state)) {
      Optional<Resource> buffer = Resource.of(arguments.get(0), state);
      return buffer.isPresent() ? release(new Release(buffer.get(), call, context.detail(call), Act.RELEASE, false), p, null) : p;
    }
    if (ReleaseModel.REFCOUNT_RETAINS.matches(call, state)) {
      ExpressionTree target = method.isStatic() ? (arguments.isEmpty() ? null : arguments.get(0)) : receiver;
      Optional<Resource> buffer = target == null ? Optional.empty() : Resource.of(target, state);
      if (buffer.isEmpty()) {
        return p;
      }
      boolean byOne = method.isStatic() ? arguments.size() == 1 : arguments.isEmpty();
      Resource b = buffer.get();
      return p.map(s -> s.with(b, byOne ? retained(s.status(b)) : null));
    }
    if (instance && arguments.isEmpty() && ReleaseModel.CLOSE.matches(call, state)) {
      Optional<Resource> closed = Resource.of(receiver, state);
      if (closed.isEmpty()) {
        return p;
      }
      boolean idempotent = ReleaseModel.idempotentClose(context.facts().typeOf(closed.get(), receiver), state);
      return release(new Release(closed.get(), call, context.detail(call), Act.CLOSE, idempotent), p, null);
    }
    if (instance) {
      checkUse(call, method, receiver, p);
    }
    return p;
  }

  /** A lock {@code call} tries to acquire ({@code tryLock}), if it names one. */
  private Optional<Resource> triedLock(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null
        || !ReleaseModel.LOCK_TRY_ACQUIRES.matches(call, state)
        || !ReleaseModel.isLock(ASTHelpers.getType(receiver), state)) {
      return Optional.empty();
    }
    return Resource.of(receiver, state);
  }

  /**
   * An acquire may throw before it holds the lock (interrupted, a distributed lock's lost connection):
   * where this path did not hold the lock, the exception leaves with the lock marked as never acquired.
   * Only that lock is judged on such a path. An acquire in a {@code finally} block (a re-take), and one
   * that cannot throw ({@link MethodFacts#acquireMayThrow}), are not followed.
   */
  private void noteAcquireMayThrow(MethodInvocationTree call, Resource lock, Paths p, Flow flow) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (context.inFinally() || receiver == null || !context.facts().acquireMayThrow(call, receiver)) {
      return;
    }
    List<PathState> thrown = new ArrayList<>();
    for (PathState s : p.states()) {
      if (!(s.status(lock) instanceof Held)) {
        thrown.add(s.forgetAll().with(lock, new AcquireThrew(call, context.detail(call), context.tries())));
      }
    }
    if (!thrown.isEmpty()) {
      flow.addThrown(Paths.of(thrown), context.exceptions().checkedThrownBy(call), true);
    }
  }

  private TryFailed tryFailed(MethodInvocationTree call) {
    return new TryFailed(call, context.detail(call));
  }

  private static Held heldOnceMore(Status status) {
    return status instanceof Held held ? new Held(held.count() + 1) : new Held(1);
  }

  /** A buffer retained: one reference more than it had (an unknown buffer is owned once). */
  private static Status retained(Status status) {
    if (status instanceof Held held) {
      return new Held(held.count() + 1);
    }
    if (status == null || status instanceof Status.FrameworkOwned) {
      return new Held(2);
    }
    return null;
  }

  /** Judges {@code release} on every path, reports the worst, and applies it. */
  private Paths release(Release release, Paths in, Resource owner) {
    Resource resource = release.resource();
    Verdict worst = Verdict.NONE;
    for (PathState s : in.states()) {
      Status status = s.status(resource);
      boolean ownerReleased =
          status instanceof HandedOff handedOff
              && handedOff.owner() != null
              && s.status(handedOff.owner()) instanceof Released;
      Verdict verdict =
          ReleaseRules.judge(release, status, ownerReleased, context.finallies(), context.facts()::inUnrelatedBranches);
      if (ReleaseRules.outranks(verdict, worst)) {
        worst = verdict;
      }
    }
    if (worst.kind() != null) {
      context.findings().add(
          new DoubleCloseFinding(release.call(), resource.name(), worst.kind(), worst.details(), Optional.empty()));
    }
    return in.map(
        s -> {
          Status after = ReleaseRules.after(release, s.status(resource));
          if (after instanceof HandedOff handedOff && owner != null) {
            after = new HandedOff(handedOff.call(), handedOff.detail(), owner);
          }
          PathState out = s.with(resource, after);
          return release.act() == Act.CLOSE ? closeLinked(out, resource, "'" + resource.name() + "'", 0) : out;
        });
  }

  /** {@code owner} was closed: what it wraps or produced is closed (or released) with it. */
  static PathState closeLinked(PathState s, Resource owner, String ownerName, int depth) {
    PathState out = s;
    for (Link link : s.links(owner)) {
      if (link.releases()) {
        out = out.with(link.target(), new WrapperReleased(ownerName));
      } else {
        if (!(out.status(link.target()) instanceof Released)) {
          out = out.with(link.target(), new OwnerClosed(ownerName));
        }
        if (depth < 4) {
          out = closeLinked(out, link.target(), ownerName, depth + 1);
        }
      }
    }
    return out;
  }

  /** A call on a closed resource that throws when closed. */
  private void checkUse(MethodInvocationTree call, MethodSymbol method, ExpressionTree receiver, Paths in) {
    Optional<Resource> used = Resource.of(receiver, state);
    if (used.isEmpty()
        || !ReleaseModel.throwsWhenClosed(
            context.facts().typeOf(used.get(), receiver), context.facts().exactType(used.get()), method, state)) {
      return;
    }
    Resource resource = used.get();
    for (PathState s : in.states()) {
      Status status = s.status(resource);
      if (status instanceof Released released
          && released.family() == Status.Family.CLOSE
          && !context.facts().inUnrelatedBranches(released.by(), call)) {
        context.findings().add(DoubleCloseFinding.of(call, resource.name(), Kind.USED_AFTER_RELEASE, released.detail()));
        return;
      }
      if (status instanceof OwnerClosed closed) {
        context.findings().add(DoubleCloseFinding.of(call, resource.name(), Kind.USED_AFTER_OWNER_CLOSED, closed.owner()));
        return;
      }
    }
  }

  private static boolean isType(ExpressionTree tree) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    return symbol instanceof ClassSymbol || symbol instanceof PackageSymbol;
  }
}
