package dev.crashguard.errorprone.unsynchronizedmapwrite;

import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.handoff;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.tree.JCTree;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.Kind;
import dev.crashguard.errorprone.common.Types;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * Finds the code that runs on another thread: lambdas, method references and anonymous classes handed
 * to an executor, a thread, a timer or an async stage ({@link ThreadModel#TASK_HANDOFF}), and function
 * arguments of parallel stream operations. The result is the origin phrase of the catalog message. A task
 * an object hands to itself ({@code execute(task)} in a class that is an Executor) is not one: the class
 * decides how its own tasks run.
 */
final class TaskOrigins {

  private static final int MAX_PIPELINE = 64;

  private TaskOrigins() {}

  /** A task around some code: the lambda, method reference or anonymous class, and where it runs. */
  record Task(TreePath boundary, String origin) {}

  /**
   * The nearest enclosing task of the code at {@code path} that shares {@code map}, if any. A map
   * declared inside the task belongs to it alone: no origin.
   */
  static Optional<String> enclosingTask(TreePath path, MapVariable map, VisitorState state) {
    return task(path, map, state).map(Task::origin);
  }

  /** {@link #enclosingTask}, with the task's boundary. */
  static Optional<Task> task(TreePath path, MapVariable map, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      TreePath boundary = null;
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MemberReferenceTree) {
        boundary = p;
      } else if (leaf instanceof ClassTree) {
        TreePath parent = p.getParentPath();
        if (parent == null || !(parent.getLeaf() instanceof NewClassTree)) {
          return Optional.empty(); // a named class: where its methods run is for other rules to say
        }
        boundary = parent;
      }
      if (boundary == null) {
        continue;
      }
      if (map != null && map.declaredWithin(boundary.getLeaf(), state)) {
        return Optional.empty();
      }
      Optional<String> origin = taskOrigin(boundary, state);
      if (origin.isPresent()) {
        return Optional.of(new Task(boundary, origin.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * Where the function at {@code boundary} (a lambda, a method reference, an anonymous class) runs, when
   * that is on another thread.
   */
  static Optional<String> taskOrigin(TreePath boundary, VisitorState state) {
    if (boundary.getLeaf() instanceof NewClassTree creation
        && creation.getClassBody() != null
        && Types.isSubtype(ASTHelpers.getType(creation.getIdentifier()), ThreadModel.THREAD_TYPE, state)) {
      return Optional.of(handedTo(creation, state)); // new Thread() { public void run() { … } }
    }
    return asArgument(boundary, state, 0);
  }

  /** A function of a parallel stream's operation: it runs on several threads at once, racing itself. */
  static boolean isParallelStreamFunction(TreePath boundary, VisitorState state) {
    TreePath child = boundary;
    TreePath parent = boundary.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree || parent.getLeaf() instanceof TypeCastTree)) {
      child = parent;
      parent = parent.getParentPath();
    }
    return parent != null
        && parent.getLeaf() instanceof MethodInvocationTree call
        && containsArgument(call.getArguments(), child.getLeaf())
        && ThreadModel.CONCURRENT_STREAM_OPERATIONS.matches(call, state)
        && isParallel(parent, state);
  }

  private static Optional<String> asArgument(TreePath path, VisitorState state, int depth) {
    TreePath child = path;
    TreePath parent = path.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree || parent.getLeaf() instanceof TypeCastTree)) {
      child = parent;
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return Optional.empty();
    }
    Tree leaf = parent.getLeaf();
    if (leaf instanceof MethodInvocationTree call && containsArgument(call.getArguments(), child.getLeaf())) {
      if (ThreadModel.TASK_HANDOFFS.matches(call, state)) {
        return calledOnThis(call) ? Optional.empty() : Optional.of(handedTo(call, state));
      }
      if (ThreadModel.CONCURRENT_STREAM_OPERATIONS.matches(call, state) && isParallel(parent, state)) {
        return Optional.of(
            Kind.PARALLEL_STREAM.render(
                ASTHelpers.getSymbol(call).getSimpleName() + " at line " + line(nameStart(call, state), state)));
      }
      if (depth == 0 && ThreadModel.TASK_CONTAINERS.matches(call, state)) {
        return asArgument(parent, state, depth + 1);
      }
      return Optional.empty();
    }
    if (leaf instanceof NewClassTree creation
        && containsArgument(creation.getArguments(), child.getLeaf())
        && ThreadModel.TASK_HANDOFFS.matches(creation, state)) {
      return Optional.of(handedTo(creation, state));
    }
    if (depth == 0 && leaf instanceof VariableTree variable && variable.getInitializer() == child.getLeaf()) {
      return handedOverVariable(parent, state);
    }
    return Optional.empty();
  }

  /**
   * {@code Runnable task = () -> …; pool.execute(task);}: a use of the variable as a task argument, in
   * the enclosing method for a local, anywhere in the compilation unit for a field.
   */
  private static Optional<String> handedOverVariable(TreePath declaration, VisitorState state) {
    Symbol local = ASTHelpers.getSymbol(declaration.getLeaf());
    if (local == null) {
      return Optional.empty();
    }
    TreePath scope = declaration;
    if (local.getKind() == ElementKind.FIELD) {
      scope = new TreePath(declaration.getCompilationUnit());
    }
    while (scope != null
        && !(scope.getLeaf() instanceof MethodTree)
        && !(scope.getLeaf() instanceof LambdaExpressionTree)
        && !(scope.getLeaf() instanceof ClassTree)
        && !(scope.getLeaf() instanceof CompilationUnitTree)) {
      scope = scope.getParentPath();
    }
    if (scope == null) {
      return Optional.empty();
    }
    VariableUses uses = new VariableUses(local, state);
    uses.scan(scope, null);
    return uses.origin;
  }

  /** Finds a use of a local (holding a task) as an argument of a hand-off call. */
  private static final class VariableUses extends TreePathScanner<Void, Void> {
    private final Symbol local;
    private final VisitorState state;
    private Optional<String> origin = Optional.empty();

    VariableUses(Symbol local, VisitorState state) {
      this.local = local;
      this.state = state;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (origin.isEmpty() && ASTHelpers.getSymbol(tree) == local) {
        origin = asArgument(getCurrentPath(), state, 1);
      }
      return null;
    }
  }

  /**
   * {@code execute(task)} or {@code this.execute(task)} (also {@code Outer.this.execute(task)}): an object
   * handing a task to itself, an event loop, decides how its own tasks run (netty's {@code
   * SingleThreadEventExecutor.addShutdownHook}); that is not counted as another thread. A static method
   * has no {@code this}: {@code runAsync(task)}, statically imported, still hands the task over.
   */
  private static boolean calledOnThis(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || method.isStatic()) {
      return false;
    }
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof IdentifierTree) {
      return true;
    }
    if (!(select instanceof MemberSelectTree member)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.stripParentheses(member.getExpression());
    return (receiver instanceof IdentifierTree id && id.getName().contentEquals("this"))
        || (receiver instanceof MemberSelectTree qualified && qualified.getIdentifier().contentEquals("this"));
  }

  private static boolean containsArgument(List<? extends ExpressionTree> arguments, Tree tree) {
    for (ExpressionTree argument : arguments) {
      if (argument == tree) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the stream pipeline that the operation at {@code operation} belongs to is parallel: the last
   * {@code parallel()}/{@code sequential()} in the whole chain decides, else its source.
   */
  static boolean isParallel(TreePath operation, VisitorState state) {
    Boolean mode = null;
    TreePath current = operation;
    for (int i = 0; i < MAX_PIPELINE; i++) {
      TreePath select = current.getParentPath();
      if (select == null
          || !(select.getLeaf() instanceof MemberSelectTree member)
          || member.getExpression() != current.getLeaf()) {
        break;
      }
      TreePath call = select.getParentPath();
      if (call == null || !(call.getLeaf() instanceof MethodInvocationTree invocation)) {
        break;
      }
      if (ThreadModel.PARALLEL_STREAM_STARTS.matches(invocation, state)) {
        mode = true;
      } else if (ThreadModel.SEQUENTIAL_STREAM_SWITCH.matches(invocation, state)) {
        mode = false;
      }
      current = call;
    }
    if (mode != null) {
      return mode;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver((ExpressionTree) operation.getLeaf());
    for (int i = 0; i < MAX_PIPELINE && receiver != null; i++) {
      if (!(ASTHelpers.stripParentheses(receiver) instanceof MethodInvocationTree call)) {
        return false; // a stream held in a variable: its mode is not known here
      }
      if (ThreadModel.PARALLEL_STREAM_STARTS.matches(call, state)) {
        return true;
      }
      if (ThreadModel.SEQUENTIAL_STREAM_SWITCH.matches(call, state)) {
        return false;
      }
      if (ThreadModel.PARALLEL_FLAG_STREAM_SOURCES.matches(call, state)) {
        List<? extends ExpressionTree> args = call.getArguments();
        return !args.isEmpty()
            && args.get(args.size() - 1) instanceof LiteralTree literal
            && Boolean.TRUE.equals(literal.getValue());
      }
      if (!ThreadModel.STREAM_METHOD.matches(call, state)) {
        return false; // list.stream(), IntStream.range(…): sequential sources
      }
      receiver = ASTHelpers.getReceiver(call);
    }
    return false;
  }

  /** "by a task handed to ExecutorService.submit on 'pool' at line 42". */
  static String handedTo(ExpressionTree call, VisitorState state) {
    String owner;
    String method;
    int position;
    if (call instanceof NewClassTree creation) {
      owner = nestedName(ASTHelpers.getSymbol(creation.getIdentifier()));
      method = MethodRef.CONSTRUCTOR;
      position = ((JCTree) creation).getStartPosition();
    } else {
      MethodSymbol symbol = ASTHelpers.getSymbol((MethodInvocationTree) call);
      owner = nestedName(symbol.owner);
      method = symbol.getSimpleName().toString();
      position = nameStart((MethodInvocationTree) call, state);
    }
    String on = null;
    ExpressionTree receiver = call instanceof MethodInvocationTree ? ASTHelpers.getReceiver(call) : null;
    if (receiver instanceof IdentifierTree id && ASTHelpers.getSymbol(id) instanceof Symbol.VarSymbol) {
      on = id.getName().toString();
    } else if (receiver instanceof MemberSelectTree select
        && ASTHelpers.getSymbol(select) instanceof Symbol.VarSymbol) {
      on = select.getIdentifier().toString();
    }
    return Kind.TASK_HANDOFF.render(handoff(owner, method, on, line(position, state)));
  }

  /** {@code Thread.Builder}, {@code CompletableFuture}: the simple name with its enclosing classes. */
  static String nestedName(Symbol symbol) {
    if (symbol == null) {
      return "?";
    }
    StringBuilder name = new StringBuilder(symbol.getSimpleName());
    for (Symbol outer = symbol.owner; outer instanceof Symbol.ClassSymbol; outer = outer.owner) {
      name.insert(0, outer.getSimpleName() + ".");
    }
    return name.toString();
  }

  /** Where the method name of a call starts: the line a reader looks for in a multi-line chain. */
  static int nameStart(MethodInvocationTree call, VisitorState state) {
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      int end = state.getEndPosition(member);
      if (end > 0) {
        return end - member.getIdentifier().length();
      }
    }
    return ((JCTree) call).getStartPosition();
  }

  static long line(int position, VisitorState state) {
    return state.getPath().getCompilationUnit().getLineMap().getLineNumber(position);
  }
}
