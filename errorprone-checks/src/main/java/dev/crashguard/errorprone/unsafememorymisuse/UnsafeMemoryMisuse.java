package dev.crashguard.errorprone.unsafememorymisuse;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.Kind;
import dev.crashguard.errorprone.common.CrashguardChecker;
import java.util.Optional;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;

/**
 * Reports native memory and raw offsets of {@code sun.misc.Unsafe} / {@code jdk.internal.misc.Unsafe} used
 * in ways the JVM does not check: see {@link Hazard#UNSAFE_MEMORY_MISUSE} and the docs page. Error Prone
 * brings every call; {@link UnsafeCalls} rules out, by the compiler's own names, every call that cannot be
 * one of {@code Unsafe}'s, so a unit without them costs one identity lookup per call. Then:
 *
 * <ul>
 *   <li>{@link OffsetChecks}, on the call alone: a fixed address or offset, an offset of another class, of
 *       a static field or of another array type, a dropped {@code reallocateMemory} result, {@code
 *       getUnsafe()} outside the JDK;
 *   <li>{@link Lifecycle}, once per method that allocates, frees or reallocates: the path walk for a leak, a
 *       second free, a use after the free or the reallocation, a length beyond the allocation.
 * </ul>
 *
 * <p>One fix is suggested, where it is the only sensible one: a dropped {@code reallocateMemory} result
 * assigned back to the variable that held the old address. Otherwise where an allocation should be freed,
 * and which offset was meant, the code does not say.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnsafeMemoryMisuse",
    summary =
        "Off-heap memory from sun.misc.Unsafe is leaked, freed twice, used after free or addressed out of"
            + " bounds.",
    severity = ERROR,
    linkType = CUSTOM,
    link = Hazard.DOCS_BASE_URL + "UnsafeMemoryMisuse.md")
public final class UnsafeMemoryMisuse extends CrashguardChecker implements MethodInvocationTreeMatcher {

  private static final long serialVersionUID = 1L;

  /** What the compilation unit last analysed says beyond one call. */
  private transient UnitFacts unit;

  /** The method last walked, so that each is walked once. */
  private transient MethodTree walked;

  /** For {@link java.util.ServiceLoader}; Error Prone uses the injectable constructor. */
  public UnsafeMemoryMisuse() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  UnsafeMemoryMisuse(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  protected Hazard hazard() {
    return Hazard.UNSAFE_MEMORY_MISUSE;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    UnsafeCalls calls = UnsafeCalls.of(state);
    if (!calls.mayBeUnsafe(tree)) {
      return Description.NO_MATCH;
    }
    return safely(
        () -> {
          UnsafeCalls.Role role = calls.role(tree);
          if (role == null || suppressedByHazardAnnotation(state)) {
            return Description.NO_MATCH;
          }
          TreePath path = state.getPath();
          unit = UnitFacts.of(path.getCompilationUnit(), unit);
          UnsafeFinding local = OffsetChecks.check(tree, role, path, unit, state);
          if (local != null) {
            state.reportMatch(describe(local));
          }
          if (role == UnsafeCalls.Role.ALLOCATE || role == UnsafeCalls.Role.FREE
              || role == UnsafeCalls.Role.REALLOCATE) {
            MethodTree method = enclosingMethod(path);
            if (method != null && method != walked) {
              walked = method;
              for (UnsafeFinding finding : Lifecycle.walk(method, path.getCompilationUnit(), unit, state)) {
                state.reportMatch(describe(finding));
              }
            }
          }
          return Description.NO_MATCH;
        });
  }

  private Description describe(UnsafeFinding finding) {
    return report(finding.at(), finding.subject(), finding.origin(), finding.kind().remedy(), fix(finding));
  }

  /**
   * The one unambiguous fix: a {@code reallocateMemory} whose result is dropped, on an address held in a
   * local variable or parameter that may be assigned, gets its result assigned back ({@code address =
   * U.reallocateMemory(address, n)}), so that every later use reads the new address. The other kinds say
   * what is wrong, not which value was meant.
   */
  private static Optional<SuggestedFix> fix(UnsafeFinding finding) {
    if (finding.kind() != Kind.REALLOCATION_DROPPED
        || !(finding.at() instanceof MethodInvocationTree call)
        || call.getArguments().isEmpty()
        || !(call.getArguments().get(0) instanceof IdentifierTree address)
        || !(ASTHelpers.getSymbol(address) instanceof Symbol.VarSymbol variable)
        || (variable.getKind() != ElementKind.LOCAL_VARIABLE && variable.getKind() != ElementKind.PARAMETER)
        || (variable.flags() & Flags.FINAL) != 0) {
      return Optional.empty();
    }
    return Optional.of(SuggestedFix.prefixWith(call, address.getName() + " = "));
  }

  /** The method whose body holds {@code path} directly (not inside a lambda or a nested class); or null. */
  private static MethodTree enclosingMethod(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree method) {
        return method;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }
}
