package dev.crashguard.errorprone.unsynchronizedmapwrite;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.errorprone.common.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * The variable a write goes to, when it is a field or a local that holds one of the non-thread-safe
 * classes of {@link MapModel}: the symbol, that class, and what the compilation unit says about the
 * variable (its declaration, every value assigned to it, whether a null literal is ever written to it).
 *
 * <p>Anything else (a parameter, a call result, an object reached through another object, a variable
 * assigned something of unknown origin) gives no {@code MapVariable}, and the check stays silent.
 */
final class MapVariable {

  private static final int MAX_CHAIN = 16;

  private final VarSymbol symbol;
  private final String unsafeType;
  private final TreePath declaration;
  private final List<ExpressionTree> assignedValues;
  private final boolean nullWritten;
  private final boolean castSeen;
  private final boolean declaredInCurrentUnit;

  private MapVariable(VarSymbol symbol, String unsafeType, Facts facts, boolean declaredInCurrentUnit) {
    this.symbol = symbol;
    this.unsafeType = unsafeType;
    this.declaration = facts.declaration;
    this.assignedValues = List.copyOf(facts.assignedValues);
    this.nullWritten = facts.nullWritten;
    this.castSeen = facts.castSeen;
    this.declaredInCurrentUnit = declaredInCurrentUnit;
  }

  /** The map a write on {@code receiver} changes, through views ({@code m.keySet()}) and iterators. */
  static Optional<MapVariable> of(ExpressionTree receiver, VisitorState state) {
    return of(receiver, state, 0);
  }

  private static Optional<MapVariable> of(ExpressionTree receiver, VisitorState state, int depth) {
    if (depth > 2) {
      return Optional.empty();
    }
    ExpressionTree target = stripViews(receiver, state);
    VarSymbol symbol = variable(target);
    if (symbol == null) {
      return Optional.empty();
    }
    ElementKind kind = symbol.getKind();
    if (kind != ElementKind.FIELD && kind != ElementKind.LOCAL_VARIABLE) {
      return Optional.empty();
    }
    String declared = Types.erasedName(symbol.type, state);
    boolean iterator = kind == ElementKind.LOCAL_VARIABLE && Types.isSubtype(symbol.type, UnsynchronizedMapWriteKnowledge.ITERATOR_TYPE, state);
    if (!UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTIONS.contains(declared) && !iterator && !mayHoldUnsafeType(symbol.type, state)) {
      return Optional.empty(); // a List, a Queue, a ConcurrentMap: decided without reading the unit
    }
    Facts facts = Facts.collect(symbol, state);
    boolean currentUnit = facts.unit == state.getPath().getCompilationUnit();
    if (UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTIONS.contains(declared)) {
      return Optional.of(new MapVariable(symbol, declared, facts, currentUnit));
    }
    if (iterator) {
      // Iterator<K> it = map.keySet().iterator(); … it.remove();
      return facts.assignedValues.size() == 1
          ? of(facts.assignedValues.get(0), state, depth + 1)
          : Optional.empty();
    }
    if (facts.assignedValues.isEmpty()) {
      return Optional.empty();
    }
    String created = null;
    for (ExpressionTree value : facts.assignedValues) {
      Optional<String> type = createdUnsafeType(value, state);
      if (type.isEmpty()) {
        return Optional.empty();
      }
      created = created == null ? type.get() : created;
    }
    return Optional.of(new MapVariable(symbol, created, facts, currentUnit));
  }

  /** Whether a variable of {@code declared} type can hold one of {@link MapModel#UNSAFE_TYPES}. */
  private static boolean mayHoldUnsafeType(Type declared, VisitorState state) {
    Type erased = state.getTypes().erasure(declared);
    for (String unsafe : UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTIONS) {
      Type type = state.getTypeFromString(unsafe);
      if (type != null && state.getTypes().isSubtype(state.getTypes().erasure(type), erased)) {
        return true;
      }
    }
    return false;
  }

  /** The variable a write on {@code receiver} goes to, views stripped; no type analysis. */
  static VarSymbol targetOf(ExpressionTree receiver, VisitorState state) {
    return receiver == null ? null : variable(stripViews(receiver, state));
  }

  private static ExpressionTree stripViews(ExpressionTree receiver, VisitorState state) {
    ExpressionTree current = receiver == null ? null : ASTHelpers.stripParentheses(receiver);
    for (int i = 0; i < MAX_CHAIN && current instanceof MethodInvocationTree call; i++) {
      ExpressionTree next;
      if (MapModel.VIEW_METHODS.matches(call, state)) {
        next = ASTHelpers.getReceiver(call);
      } else {
        next = getterResult(call, state);
        if (next == null) {
          return current;
        }
      }
      current = next == null ? null : ASTHelpers.stripParentheses(next);
    }
    return current;
  }

  /**
   * What a call of a getter of this class returns, when that is a field: {@code counts()} for {@code
   * private Map<K, V> counts() { return counts; }}. Only a method no subclass can override (private, static
   * or final), called on {@code this}, whose body is that one return statement and is in this compilation.
   */
  private static ExpressionTree getterResult(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (!call.getArguments().isEmpty()
        || (receiver != null && !(receiver instanceof IdentifierTree id && id.getName().contentEquals("this")))
        || !(ASTHelpers.getSymbol(call) instanceof Symbol.MethodSymbol method)
        || (method.flags() & (Flags.PRIVATE | Flags.STATIC | Flags.FINAL)) == 0
        || !(JavacTrees.instance(state.context).getTree(method) instanceof MethodTree getter)
        || getter.getBody() == null
        || getter.getBody().getStatements().size() != 1
        || !(getter.getBody().getStatements().get(0) instanceof ReturnTree returned)
        || returned.getExpression() == null) {
      return null;
    }
    ExpressionTree value = ASTHelpers.stripParentheses(returned.getExpression());
    VarSymbol field = variable(value);
    return field != null && field.getKind() == ElementKind.FIELD ? value : null;
  }

  /**
   * The variable named by {@code tree}: a bare name, {@code this.f}, {@code Outer.this.f} or
   * {@code Type.STATIC}. A field reached through another object ({@code other.map}) is not resolved:
   * that object may belong to one thread only.
   */
  private static VarSymbol variable(ExpressionTree tree) {
    if (tree instanceof IdentifierTree id) {
      boolean self = id.getName().contentEquals("this") || id.getName().contentEquals("super");
      return !self && ASTHelpers.getSymbol(tree) instanceof VarSymbol v ? v : null;
    }
    if (tree instanceof MemberSelectTree select) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      if (!(symbol instanceof VarSymbol v)) {
        return null;
      }
      ExpressionTree qualifier = ASTHelpers.stripParentheses(select.getExpression());
      Symbol qualifierSymbol = ASTHelpers.getSymbol(qualifier);
      boolean self =
          (qualifier instanceof IdentifierTree id && id.getName().contentEquals("this"))
              || (qualifier instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("this"));
      boolean type = qualifierSymbol instanceof Symbol.TypeSymbol && v.isStatic();
      return self || type ? v : null;
    }
    return null;
  }

  /** The non-thread-safe class {@code value} creates: {@code new HashMap<>()}, {@code Sets.newHashSet()}. */
  static Optional<String> createdUnsafeType(ExpressionTree value, VisitorState state) {
    ExpressionTree expression = value == null ? null : ASTHelpers.stripParentheses(value);
    Type type = null;
    if (expression instanceof NewClassTree creation) {
      type = ASTHelpers.getType(creation.getIdentifier());
    } else if (expression instanceof MethodInvocationTree call && MapModel.UNSAFE_COLLECTION_FACTORIES.matches(call, state)) {
      type = ASTHelpers.getType(call);
    }
    String name = Types.erasedName(type, state);
    return UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTIONS.contains(name) ? Optional.of(name) : Optional.empty();
  }

  VarSymbol symbol() {
    return symbol;
  }

  String name() {
    return symbol.getSimpleName().toString();
  }

  boolean isField() {
    return symbol.getKind() == ElementKind.FIELD;
  }

  /** The fully qualified non-thread-safe class it holds. */
  String unsafeType() {
    return unsafeType;
  }

  /** The declaration, when it is in this compilation. */
  Optional<TreePath> declaration() {
    return Optional.ofNullable(declaration);
  }

  boolean declaredInCurrentUnit() {
    return declaredInCurrentUnit && declaration != null;
  }

  /** The initializer and every assigned value, in source order. */
  List<ExpressionTree> assignedValues() {
    return assignedValues;
  }

  boolean nullWritten() {
    return nullWritten;
  }

  /** Whether the unit casts the variable or tests it with instanceof: code that relies on its class. */
  boolean castSeen() {
    return castSeen;
  }

  /** Whether the variable is declared inside {@code tree} (of the unit being analysed). */
  boolean declaredWithin(Tree tree, VisitorState state) {
    if (!declaredInCurrentUnit() || !(tree instanceof JCTree jc)) {
      return false;
    }
    int position = ((JCTree) declaration.getLeaf()).getStartPosition();
    int end = state.getEndPosition(tree);
    return position >= jc.getStartPosition() && end >= 0 && position <= end;
  }

  /** What one pass over the declaring compilation unit says about a variable. */
  private static final class Facts extends TreePathScanner<Void, Void> {
    private final VarSymbol symbol;
    private final VisitorState state;
    private CompilationUnitTree unit;
    private TreePath declaration;
    private final List<ExpressionTree> assignedValues = new ArrayList<>();
    private boolean nullWritten;
    private boolean castSeen;

    private Facts(VarSymbol symbol, VisitorState state) {
      this.symbol = symbol;
      this.state = state;
    }

    static Facts collect(VarSymbol symbol, VisitorState state) {
      Facts facts = new Facts(symbol, state);
      if (symbol.getKind() == ElementKind.FIELD) {
        TreePath path = JavacTrees.instance(state.context).getPath(symbol);
        facts.unit = path == null ? null : path.getCompilationUnit();
        if (facts.unit != null) {
          facts.scan(facts.unit, null);
        }
      } else {
        facts.unit = state.getPath().getCompilationUnit();
        facts.scan(localScope(state.getPath()), null);
      }
      return facts;
    }

    /**
     * Where a local of the code at {@code path} can be declared and assigned: the outermost method,
     * field initializer or initializer block around it (lambdas and local classes inside included).
     */
    private static TreePath localScope(TreePath path) {
      for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
        TreePath parent = p.getParentPath();
        if (parent.getLeaf() instanceof ClassTree && isMemberOrTopLevel(parent)) {
          return p; // a method, field or initializer block of a named class
        }
      }
      return new TreePath(path.getCompilationUnit());
    }

    private static boolean isMemberOrTopLevel(TreePath classPath) {
      TreePath up = classPath.getParentPath();
      return up == null || up.getLeaf() instanceof ClassTree || up.getLeaf() instanceof CompilationUnitTree;
    }
    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree) == symbol) {
        declaration = getCurrentPath();
        if (tree.getInitializer() != null) {
          assignedValues.add(0, tree.getInitializer());
        }
      }
      return super.visitVariable(tree, null);
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree.getVariable()) == symbol) {
        assignedValues.add(tree.getExpression());
      }
      return super.visitAssignment(tree, null);
    }

    @Override
    public Void visitTypeCast(TypeCastTree tree, Void unused) {
      castSeen |= ASTHelpers.getSymbol(ASTHelpers.stripParentheses(tree.getExpression())) == symbol;
      return super.visitTypeCast(tree, null);
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree tree, Void unused) {
      castSeen |= ASTHelpers.getSymbol(ASTHelpers.stripParentheses(tree.getExpression())) == symbol;
      return super.visitInstanceOf(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (!nullWritten
          && tree.getArguments().stream().anyMatch(a -> a.getKind() == Tree.Kind.NULL_LITERAL)
          && MapModel.WRITE_METHODS.matches(tree, state)
          && targetOf(ASTHelpers.getReceiver(tree), state) == symbol) {
        nullWritten = true;
      }
      return super.visitMethodInvocation(tree, null);
    }
  }
}
