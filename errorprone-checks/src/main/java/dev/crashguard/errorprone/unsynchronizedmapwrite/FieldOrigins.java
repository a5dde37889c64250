package dev.crashguard.errorprone.unsynchronizedmapwrite;

import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.BEAN_LIFECYCLE_METHODS;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.BEAN_SETUP_ANNOTATIONS;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.SERVLET_REQUEST_METHODS;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.SERVLET_TYPES;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.SPRING_COMPONENT;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.SPRING_SCOPE;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.SPRING_SINGLETON_SCOPES;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.SPRING_STEREOTYPES;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.callingMethod;
import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.referencing;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.tree.JCTree;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.Kind;
import dev.crashguard.errorprone.common.Types;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Origins that follow from what the class around a field write says about threads, rather than from a
 * task around the write: a method handed to a thread by reference, run() of a thread class, inconsistent
 * locking, a volatile field, a Spring singleton or a servlet.
 */
final class FieldOrigins {

  private static final int MAX_META_ANNOTATION_DEPTH = 3;

  private FieldOrigins() {}

  /**
   * {@code new Thread(this::forgetAll)} or {@code pool.submit(() -> forgetAll())} elsewhere in this
   * compilation unit, where {@code forgetAll} is the method that holds the write, or calls it (up to
   * {@value #MAX_CALL_DEPTH} calls between the task and the write, none of them under a lock).
   */
  static Optional<String> methodHandedToThread(TreePath method, VisitorState state) {
    MethodSymbol target = ASTHelpers.getSymbol((MethodTree) method.getLeaf());
    if (target == null || target.isConstructor()) {
      return Optional.empty();
    }
    return handedToThread(target, state, MAX_CALL_DEPTH, new HashSet<>());
  }

  private static final int MAX_CALL_DEPTH = 3;

  private static Optional<String> handedToThread(
      MethodSymbol target, VisitorState state, int depth, Set<MethodSymbol> seen) {
    if (!seen.add(target)) {
      return Optional.empty();
    }
    ReferenceFinder finder = new ReferenceFinder(target, state);
    finder.scan(state.getPath().getCompilationUnit(), null);
    if (finder.origin.isPresent() || depth == 0) {
      return finder.origin;
    }
    for (MethodSymbol caller : finder.unlockedCallers) {
      Optional<String> origin = handedToThread(caller, state, depth - 1, seen);
      if (origin.isPresent()) {
        return origin;
      }
    }
    return Optional.empty();
  }

  private static final class ReferenceFinder extends TreePathScanner<Void, Void> {
    private final MethodSymbol target;
    private final VisitorState state;
    private Optional<String> origin = Optional.empty();
    /** The methods that call the target outside any task and without a lock, in source order. */
    private final Set<MethodSymbol> unlockedCallers = new LinkedHashSet<>();

    ReferenceFinder(MethodSymbol target, VisitorState state) {
      this.target = target;
      this.state = state;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      if (origin.isEmpty() && ASTHelpers.getSymbol(tree) == target) {
        origin =
            TaskOrigins.taskOrigin(getCurrentPath(), state)
                .map(o -> referencing(o, state.getSourceForNode(tree)));
      }
      return super.visitMemberReference(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (origin.isEmpty()
          && ASTHelpers.getSymbol(tree) == target
          && !LockGuard.lexically(getCurrentPath(), state).held()) {
        // A call under a lock the task itself holds runs under it: not this rule's business.
        origin =
            TaskOrigins.enclosingTask(getCurrentPath(), null, state)
                .map(o -> callingMethod(o, target.getSimpleName().toString()));
        TreePath caller = enclosingMethod(getCurrentPath());
        if (origin.isEmpty()
            && caller != null
            && ASTHelpers.getSymbol((MethodTree) caller.getLeaf()) instanceof MethodSymbol symbol
            && !symbol.isConstructor()) {
          unlockedCallers.add(symbol);
        }
      }
      return super.visitMethodInvocation(tree, null);
    }
  }

  /** run() of a Thread/Runnable class (call() of a Callable) writes a field another method also uses. */
  static Optional<String> threadEntryMethod(TreePath method, MapVariable map, VisitorState state) {
    MethodTree tree = (MethodTree) method.getLeaf();
    MethodSymbol symbol = ASTHelpers.getSymbol(tree);
    TreePath classPath = method.getParentPath();
    if (symbol == null
        || !symbol.getParameters().isEmpty()
        || classPath == null
        || !(classPath.getLeaf() instanceof ClassTree classTree)
        || map.symbol().owner != symbol.owner) {
      return Optional.empty();
    }
    ClassSymbol owner = symbol.enclClass();
    for (Map.Entry<String, String> entry : ThreadModel.THREAD_ENTRY_METHODS.entrySet()) {
      if (symbol.getSimpleName().contentEquals(entry.getValue())
          && Types.isSubtype(owner.type, entry.getKey(), state)
          && usedByAnotherMethod(classTree, tree, map.symbol(), state)) {
        String kind =
            Types.isSubtype(owner.type, ThreadModel.THREAD_TYPE, state)
                ? "thread"
                : entry.getKey().substring(entry.getKey().lastIndexOf('.') + 1);
        return Optional.of(Kind.THREAD_ENTRY.render(entry.getValue(), kind, owner.getSimpleName()));
      }
    }
    return Optional.empty();
  }

  private static boolean usedByAnotherMethod(ClassTree classTree, MethodTree entry, Symbol field, VisitorState state) {
    for (Tree member : classTree.getMembers()) {
      if (member instanceof MethodTree other
          && other != entry
          && !other.getModifiers().getFlags().contains(Modifier.PRIVATE)
          && !isConstructor(other)
          && references(other, field)
          && !calledOnlyAfterAWait(ASTHelpers.getSymbol(other), state)
          && !StartOrder.usedOnlyBeforeItStartsItself(classTree, other, field, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * netty's HashedWheelTimer: a method that only its top-level class can call (it or a class around it is
   * private), and that every such call makes after waiting for the thread ({@code join()}, {@code get()},
   * {@code awaitTermination()} earlier in the calling method), reads what the finished thread left.
   */
  private static boolean calledOnlyAfterAWait(MethodSymbol method, VisitorState state) {
    if (method == null || !visibleOnlyInTopLevelClass(method)) {
      return false;
    }
    int[] calls = {0};
    boolean[] early = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == method) {
          calls[0]++;
          early[0] |= !waitedBefore(getCurrentPath(), state);
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        early[0] |= ASTHelpers.getSymbol(tree) == method;
        return super.visitMemberReference(tree, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return calls[0] > 0 && !early[0];
  }

  private static boolean visibleOnlyInTopLevelClass(Symbol symbol) {
    for (Symbol s = symbol; s != null && !(s instanceof Symbol.PackageSymbol); s = s.owner) {
      if ((s.flags() & Flags.PRIVATE) != 0) {
        return true;
      }
    }
    return false;
  }

  /** A task-completion wait ends before the call, in the same method body. */
  private static boolean waitedBefore(TreePath call, VisitorState state) {
    TreePath method = enclosingMethod(call);
    if (method == null || TaskOrigins.enclosingTask(call, null, state).isPresent()) {
      return false;
    }
    int start = ((JCTree) call.getLeaf()).getStartPosition();
    boolean[] waited = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        waited[0] |= state.getEndPosition(tree) < start && ThreadModel.TASK_COMPLETION_WAITS.matches(tree, state);
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(((MethodTree) method.getLeaf()).getBody(), null);
    return waited[0];
  }

  /**
   * The field is written under a lock somewhere in its class, and here, in a method others can call,
   * without one. A private method is assumed to run under its callers' lock, and a lifecycle method the
   * container calls once (an annotated set-up method, or one named in BEAN_LIFECYCLE_METHODS) before the
   * object is shared: silent. (A protected or
   * package-private one whose every call in the class holds the lock counts as locked already: {@link
   * LockedCallers}.) The method must also be known to run while the locked writers may ({@link
   * #runsAlongsideLockedWriters}).
   */
  static Optional<String> inconsistentLocking(TreePath write, TreePath method, MapVariable map, VisitorState state) {
    MethodTree tree = (MethodTree) method.getLeaf();
    MethodSymbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol == null
        || symbol.owner != map.symbol().owner
        || isConstructor(tree)
        || isBeanSetup(symbol)
        || BEAN_LIFECYCLE_METHODS.contains(symbol.getSimpleName().toString())
        || tree.getModifiers().getFlags().contains(Modifier.PRIVATE)
        || isTestDouble(symbol.enclClass())
        || (clearedOnTeardown(write, symbol) && !ConcurrencyEvidence.threadsInClassOf(method, state))
        || LockedCallers.runsOnlyDuringSetUp(method, state, map.symbol().isStatic())) {
      return Optional.empty();
    }
    TreePath classPath = method.getParentPath();
    if (classPath == null || !(classPath.getLeaf() instanceof ClassTree)) {
      return Optional.empty();
    }
    LockedWriteFinder finder = new LockedWriteFinder(map.symbol(), write.getLeaf(), state);
    finder.scan(classPath, null);
    return finder.found && runsAlongsideLockedWriters(method, symbol, state)
        ? Optional.of(Kind.INCONSISTENT_LOCKING.render(symbol.getSimpleName()))
        : Optional.empty();
  }

  /**
   * The locked writers say that they run on several threads; they say nothing about a method that no code
   * in sight is known to call. The unlocked writer is known to run alongside them when it is used by the
   * library itself (neither public nor protected, so only its package calls it; or called in its class), is
   * a contract that other code calls (it overrides or implements a supertype's method), takes a lock itself
   * (its author expects it to run concurrently), or, for a public method, when its class hands work to other
   * threads. A public or protected method that none of these describe is left to its callers, which are out
   * of sight: a test hook kept in main code (ZooKeeper's ProviderRegistry.removeProvider) is the usual case.
   * A protected method its class never calls is its contract with subclasses, which can take the class's
   * lock and do when it asks them to (grizzly's AbstractThreadPool.startWorker, "must hold statelock"):
   * threads elsewhere in the class do not show that it runs without the lock.
   */
  private static boolean runsAlongsideLockedWriters(TreePath method, MethodSymbol symbol, VisitorState state) {
    Set<Modifier> modifiers = symbol.getModifiers();
    return !(modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED))
        || !ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty()
        || LockedCallers.isCalledInClass(method, symbol)
        || ConcurrencyEvidence.takesALock(method.getLeaf(), state)
        || (modifiers.contains(Modifier.PUBLIC) && ConcurrencyEvidence.threadsInClassOf(method, state));
  }

  private static final class LockedWriteFinder extends TreePathScanner<Void, Void> {
    private final Symbol field;
    private final Tree self;
    private final VisitorState state;
    private boolean found;

    LockedWriteFinder(Symbol field, Tree self, VisitorState state) {
      this.field = field;
      this.self = self;
      this.state = state;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (!found
          && tree != self
          && MapModel.WRITE_METHODS.matches(tree, state)
          && MapVariable.targetOf(ASTHelpers.getReceiver(tree), state) == field
          && LockGuard.isHeldByOwnLock(getCurrentPath(), state)) {
        found = true; // evidence of the class's own locking; another object's lock is that object's protocol
      }
      return super.visitMethodInvocation(tree, null);
    }
  }

  /**
   * {@code map.clear()} in {@code close()}, {@code dispose()}, …: the object is being retired (the knowledge's
   * TEARDOWN_METHOD_NAMES); it races the other writers only when teardown can run on another thread.
   */
  private static boolean clearedOnTeardown(TreePath write, MethodSymbol method) {
    return write.getLeaf() instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol called
        && UnsynchronizedMapWriteKnowledge.CLEARING_WRITE_METHODS.contains(called.getSimpleName().toString())
        && UnsynchronizedMapWriteKnowledge.TEARDOWN_METHOD_NAMES.contains(method.getSimpleName().toString());
  }

  /** A class named as a test double, or nested in one: one test thread drives it by contract. */
  private static boolean isTestDouble(ClassSymbol cls) {
    for (Symbol s = cls; s instanceof ClassSymbol c; s = c.owner) {
      if (UnsynchronizedMapWriteKnowledge.namesATestDouble(c.getSimpleName().toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A volatile field announces that several threads use it, when its class also speaks of threads
   * ({@link ConcurrencyEvidence}); mutating the map behind it races. volatile alone, on a value object
   * whose map is created lazily (tomcat's Cookie), only publishes the reference.
   */
  static Optional<String> volatileField(TreePath method, MapVariable map, VisitorState state) {
    if (!map.isField()
        || (map.symbol().flags() & Flags.VOLATILE) == 0
        || isConstructor((MethodTree) method.getLeaf())
        || LockedCallers.runsOnlyDuringSetUp(method, state, map.symbol().isStatic())
        || !ConcurrencyEvidence.inClassOf(method, state)) {
      return Optional.empty();
    }
    return Optional.of(Kind.VOLATILE_FIELD.render());
  }

  /** A Spring singleton's public method, or a servlet's request method, writes a field of the object. */
  static Optional<String> sharedFrameworkObject(TreePath method, MapVariable map, VisitorState state) {
    MethodTree tree = (MethodTree) method.getLeaf();
    MethodSymbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol == null || symbol.owner != map.symbol().owner || isConstructor(tree)) {
      return Optional.empty();
    }
    ClassSymbol owner = symbol.enclClass();
    String name = symbol.getSimpleName().toString();
    if (isSpringSingleton(owner)
        && symbol.getModifiers().contains(Modifier.PUBLIC)
        && !BEAN_LIFECYCLE_METHODS.contains(name)
        && !isBeanSetup(symbol)) {
      return Optional.of(Kind.SPRING_SINGLETON.render(owner.getSimpleName()));
    }
    if (SERVLET_REQUEST_METHODS.contains(name)
        && SERVLET_TYPES.stream().anyMatch(t -> Types.isSubtype(owner.type, t, state))) {
      return Optional.of(Kind.SERVLET.render(owner.getSimpleName()));
    }
    return Optional.empty();
  }

  /**
   * A {@code @PostConstruct} (or like) method: the container runs it once, before it hands the object to
   * any other thread, as it would a constructor.
   */
  static boolean isBeanSetup(MethodSymbol method) {
    return method.getAnnotationMirrors().stream().anyMatch(a -> BEAN_SETUP_ANNOTATIONS.contains(annotationName(a)));
  }

  private static boolean isSpringSingleton(ClassSymbol owner) {
    boolean bean = false;
    for (AnnotationMirror annotation : owner.getAnnotationMirrors()) {
      String name = annotationName(annotation);
      if (name.equals(SPRING_SCOPE)) {
        String scope = stringValue(annotation, "value").orElse(stringValue(annotation, "scopeName").orElse(""));
        if (!SPRING_SINGLETON_SCOPES.contains(scope)) {
          return false;
        }
      } else if (SPRING_STEREOTYPES.contains(name)
          || isComponentMetaAnnotated(annotation.getAnnotationType().asElement(), new HashSet<>(), 0)) {
        bean = true;
      }
    }
    return bean;
  }

  private static boolean isComponentMetaAnnotated(
      javax.lang.model.element.Element annotationType, Set<String> seen, int depth) {
    if (!(annotationType instanceof TypeElement type)
        || depth > MAX_META_ANNOTATION_DEPTH
        || !seen.add(type.getQualifiedName().toString())
        || type.getQualifiedName().toString().startsWith("java.")) {
      return false;
    }
    for (AnnotationMirror meta : type.getAnnotationMirrors()) {
      String name = annotationName(meta);
      if (name.equals(SPRING_COMPONENT)
          || isComponentMetaAnnotated(meta.getAnnotationType().asElement(), seen, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> stringValue(AnnotationMirror annotation, String element) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(element) && e.getValue().getValue() instanceof String s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static String annotationName(AnnotationMirror annotation) {
    return annotation.getAnnotationType().asElement() instanceof TypeElement type
        ? type.getQualifiedName().toString()
        : "";
  }

  /**
   * The method whose body holds {@code path}, looking through lambdas that run in place; none when the
   * code is in an initializer or a class body comes first.
   */
  static TreePath enclosingMethod(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static boolean isConstructor(MethodTree method) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    return symbol != null && symbol.isConstructor();
  }

  private static boolean references(Tree tree, Symbol field) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitIdentifier(IdentifierTree node, Void unused) {
            return ASTHelpers.getSymbol(node) == field;
          }

          @Override
          public Boolean visitMemberSelect(MemberSelectTree node, Void unused) {
            return ASTHelpers.getSymbol(node) == field || Boolean.TRUE.equals(super.visitMemberSelect(node, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }
}
