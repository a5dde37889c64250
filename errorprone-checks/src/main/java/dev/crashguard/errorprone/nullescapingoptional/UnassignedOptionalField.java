package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Symbol;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * A private, non-final Optional field with no initialiser that nothing assigns while the object (or, for a
 * static field, the class) is set up: it stays null until some later call, and every read before that
 * throws. Reported on the declaration.
 *
 * <p>"Set up" is read generously, because a field assigned where this check does not look is a false
 * alarm: a constructor or initialiser block (static ones for a static field), any method of the class they
 * call (transitively), a method that overrides another (a superclass constructor or a framework may call
 * it: {@code onCreate}, {@code afterPropertiesSet}) or carries a non-{@code java.lang} annotation
 * ({@code @BeforeEach}, {@code @PostConstruct}, {@code @Inject}), an assignment from another class of the
 * file (a builder) or through another reference ({@code copy.field = …}). Silent too: a field with any
 * annotation (a framework may inject it), a class with a Lombok annotation (generated constructors), a
 * field compared with null anywhere (lazy initialisation), a field never read.
 */
final class UnassignedOptionalField {

  private UnassignedOptionalField() {}

  static Optional<OptionalFinding> analyse(VariableTree field, VisitorState state) {
    if (field.getInitializer() != null
        || !field.getModifiers().getAnnotations().isEmpty()
        || !field.getModifiers().getFlags().contains(Modifier.PRIVATE)
        || field.getModifiers().getFlags().contains(Modifier.FINAL)
        || !(ASTHelpers.getSymbol(field) instanceof VarSymbol symbol)
        || symbol.getKind() != ElementKind.FIELD
        || !OptionalModel.isOptional(symbol.type)) {
      return Optional.empty();
    }
    TreePath classPath = state.getPath().getParentPath();
    if (classPath == null
        || !(classPath.getLeaf() instanceof ClassTree declaringClass)
        || hasLombokAnnotation(declaringClass)) {
      return Optional.empty();
    }
    boolean isStatic = symbol.isStatic();
    Uses uses = new Uses(symbol, declaringClass, state);
    uses.scan(topLevel(state), null);
    if (uses.settled || !uses.read) {
      return Optional.empty();
    }
    if (assignedDuringSetUp(declaringClass, isStatic, uses, state)) {
      return Optional.empty();
    }
    return Optional.of(OptionalFinding.of(field, symbol.getSimpleName().toString(), Kind.NEVER_ASSIGNED));
  }

  /** The whole file: a nested builder may assign a private field of its outer class. */
  private static Tree topLevel(VisitorState state) {
    return state.getPath().getCompilationUnit();
  }

  private static boolean hasLombokAnnotation(ClassTree declaringClass) {
    for (AnnotationTree annotation : declaringClass.getModifiers().getAnnotations()) {
      Symbol type = ASTHelpers.getSymbol(annotation.getAnnotationType());
      if (type != null && type.getQualifiedName().toString().startsWith("lombok.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a set-up member of the declaring class assigns the field: the constructors and initialiser
   * blocks, and the methods of the class they call, transitively, plus overriding and annotated methods.
   */
  private static boolean assignedDuringSetUp(
      ClassTree declaringClass, boolean isStatic, Uses uses, VisitorState state) {
    Map<MethodSymbol, MethodTree> methods = new HashMap<>();
    Deque<Tree> work = new ArrayDeque<>();
    for (Tree member : declaringClass.getMembers()) {
      if (member instanceof MethodTree method && ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol) {
        methods.put(symbol, method);
        if ((symbol.isConstructor() && !isStatic) || calledByOthers(method, symbol, state)) {
          work.add(method);
        }
      } else if (member instanceof BlockTree block && block.isStatic() == isStatic) {
        work.add(block);
      } else if (member instanceof VariableTree variable && variable.getInitializer() != null) {
        Symbol variableSymbol = ASTHelpers.getSymbol(variable);
        if (variableSymbol != null && variableSymbol.isStatic() == isStatic) {
          work.add(variable.getInitializer());
        }
      }
    }
    Set<Tree> seen = new HashSet<>();
    while (!work.isEmpty()) {
      Tree next = work.poll();
      if (!seen.add(next)) {
        continue;
      }
      if (uses.assignments.contains(next)) {
        return true;
      }
      SetUpScan scan = new SetUpScan(uses, methods);
      scan.scan(next, null);
      if (scan.assigns) {
        return true;
      }
      work.addAll(scan.called);
    }
    return false;
  }

  /** Overriding methods and methods with a framework annotation may run before any other call. */
  private static boolean calledByOthers(MethodTree method, MethodSymbol symbol, VisitorState state) {
    for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
      Symbol type = ASTHelpers.getSymbol(annotation.getAnnotationType());
      if (type == null || !type.getQualifiedName().toString().startsWith("java.lang.")) {
        return true;
      }
    }
    return !symbol.isConstructor()
        && !symbol.isStatic()
        && symbol.getModifiers().stream().noneMatch(Modifier.PRIVATE::equals)
        && overridesSomething(symbol, state);
  }

  private static boolean overridesSomething(MethodSymbol symbol, VisitorState state) {
    return !ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty();
  }

  /**
   * One pass over the file: where the field is assigned (and whether from outside the declaring class or
   * through another object), whether it is read, whether it is compared with null.
   */
  private static final class Uses extends TreeScanner<Void, Void> {
    private final VarSymbol field;
    private final ClassTree declaringClass;
    private final VisitorState state;
    private final Deque<ClassTree> classes = new ArrayDeque<>();
    /** The assignment trees of the field inside the declaring class's own members. */
    final Set<Tree> assignments = new HashSet<>();
    boolean read;
    /** Assigned where this check does not follow, or null-checked: no finding. */
    boolean settled;

    Uses(VarSymbol field, ClassTree declaringClass, VisitorState state) {
      this.field = field;
      this.declaringClass = declaringClass;
      this.state = state;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      return settled ? null : super.scan(tree, unused);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      classes.push(tree);
      try {
        return super.visitClass(tree, unused);
      } finally {
        classes.pop();
      }
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      ExpressionTree target = ASTHelpers.stripParentheses(tree.getVariable());
      if (field.equals(ASTHelpers.getSymbol(target))) {
        if (classes.peek() != declaringClass || !throughThis(target)) {
          settled = true;
        } else {
          assignments.add(tree);
        }
        scan(tree.getExpression(), unused);
        return null;
      }
      return super.visitAssignment(tree, unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (field.equals(ASTHelpers.getSymbol(tree))) {
        read = true;
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      if (field.equals(ASTHelpers.getSymbol(tree))) {
        read = true;
      }
      return super.visitMemberSelect(tree, unused);
    }

    @Override
    public Void visitBinary(BinaryTree tree, Void unused) {
      if ((tree.getKind() == Tree.Kind.EQUAL_TO || tree.getKind() == Tree.Kind.NOT_EQUAL_TO)
          && (isField(tree.getLeftOperand()) || isField(tree.getRightOperand()))) {
        settled = true; // compared with null (or with another Optional): the author knows it may be null
      }
      return super.visitBinary(tree, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      for (ExpressionTree argument : tree.getArguments()) {
        if (isField(argument)
            && (OptionalModel.IS_NULL_TESTS.matches(tree, state)
                || OptionalModel.NON_NULL_TESTS.matches(tree, state)
                || OptionalModel.NULL_DEFAULTS.matches(tree, state))) {
          settled = true; // Objects.isNull(field), requireNonNullElse(field, …)
        }
      }
      return super.visitMethodInvocation(tree, unused);
    }

    private boolean isField(ExpressionTree tree) {
      return field.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(tree)));
    }

    private static boolean throughThis(ExpressionTree target) {
      return target instanceof IdentifierTree
          || (target instanceof MemberSelectTree select
              && ASTHelpers.stripParentheses(select.getExpression()) instanceof IdentifierTree receiver
              && receiver.getName().contentEquals("this"));
    }
  }

  /** A set-up member: does it assign the field, and which methods of the class does it call? */
  private static final class SetUpScan extends TreeScanner<Void, Void> {
    private final Uses uses;
    private final Map<MethodSymbol, MethodTree> methods;
    boolean assigns;
    final Set<MethodTree> called = new HashSet<>();

    SetUpScan(Uses uses, Map<MethodSymbol, MethodTree> methods) {
      this.uses = uses;
      this.methods = methods;
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      if (uses.assignments.contains(tree)) {
        assigns = true;
      }
      return super.visitAssignment(tree, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol method) {
        MethodTree declaration = methods.get(method);
        if (declaration != null) {
          called.add(declaration);
        }
      }
      return super.visitMethodInvocation(tree, unused);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol method) {
        MethodTree declaration = methods.get(method);
        if (declaration != null) {
          called.add(declaration); // this::init handed somewhere during set-up
        }
      }
      return super.visitMemberReference(tree, unused);
    }
  }
}
