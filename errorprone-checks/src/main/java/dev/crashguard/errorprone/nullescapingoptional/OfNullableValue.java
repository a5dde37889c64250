package dev.crashguard.errorprone.nullescapingoptional;

import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.OPTIONAL_EMPTY;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.OPTIONAL_OF_NULLABLE;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.errorprone.common.Locals;
import dev.crashguard.errorprone.nullescapingoptional.NullProof.Subject;
import dev.crashguard.errorprone.nullescapingoptional.NullProof.Verdict;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * {@code Optional.of(x)} where {@code x} may be null, so {@code of} throws:
 *
 * <ul>
 *   <li>{@code x} is a variable or a call annotated {@code @Nullable} (any of the knowledge's
 *       annotations), a call of a JDK method documented to return null, a call of a method of this
 *       compilation that returns null ({@link OwnMethodResults}; one that returns null only for a null
 *       argument, only when that argument may be null by this same list), or a local initialised from
 *       one of these and never reassigned — unless {@link NullProof} proves it non-null at the call;
 *   <li>{@code x} is any variable the method compared with null earlier, on the path to the call, without
 *       leaving (the author expected null; {@code of} does not).
 * </ul>
 *
 * And {@code Optional.of(null)} itself. A plain parameter, a non-null literal, {@code new}, {@code
 * other.get()}: nothing says they may be null; silent.
 */
final class OfNullableValue {

  private OfNullableValue() {}

  static Optional<OptionalFinding> analyse(MethodInvocationTree call, VisitorState state) {
    if (call.getArguments().size() != 1
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || !method.isStatic()
        || !OptionalModel.OPTIONAL_OF.matches(method, state)) {
      return Optional.empty();
    }
    ExpressionTree argument = withoutCasts(call.getArguments().get(0)); // Optional.of((Function) map.get(k))
    if (NullLiterals.mayBeNullLiteral(argument)) {
      return Optional.of(OptionalFinding.of(call, "null", Kind.OF_MAY_BE_NULL).withFix(empty(call, state)));
    }
    if (!mayBeNull(argument, state)) {
      return Optional.empty();
    }
    String source = state.getSourceForNode(argument);
    return Optional.of(
        OptionalFinding.of(call, source == null ? argument.toString() : source, Kind.OF_MAY_BE_NULL)
            .withFix(ofNullable(call, state)));
  }

  /**
   * Whether {@code value}, evaluated where {@code state}'s path is, may be null as this check judges an
   * argument of {@code Optional.of} (the class comment): the same judgement serves for the arguments of a
   * method that returns null only for a null argument ({@link #callMayReturnNull}).
   */
  private static boolean mayBeNull(ExpressionTree value, VisitorState state) {
    ExpressionTree argument = withoutCasts(value);
    if (NullLiterals.mayBeNullLiteral(argument)) {
      return true;
    }
    Subject subject = null;
    boolean mayBeNull = false;
    if (argument instanceof MethodInvocationTree inner
        && ASTHelpers.getSymbol(inner) instanceof MethodSymbol innerMethod
        && OptionalModel.mayReturnNull(innerMethod, state)) {
      subject = Subject.expression(argument, state);
      mayBeNull = callMayReturnNull(inner, innerMethod, state);
    } else if ((argument instanceof IdentifierTree || argument instanceof MemberSelectTree)
        && ASTHelpers.getSymbol(argument) instanceof VarSymbol variable) {
      subject = Subject.variable(variable);
      if (OptionalModel.isAnnotatedNullable(variable)) {
        mayBeNull = true;
      } else {
        MethodInvocationTree initializer = nullableInitializer(variable, state);
        if (initializer != null) {
          subject = subject.alsoInitialisedBy(initializer, state);
          mayBeNull = callMayReturnNull(initializer, ASTHelpers.getSymbol(initializer), at(initializer, state));
        } else if (variable.getKind() == ElementKind.FIELD) {
          // A field tested for null earlier may have been set since by a call this check cannot see into
          // (if (cache == null) load();): only its annotation counts.
          return false;
        }
      }
    }
    if (subject == null) {
      return false;
    }
    Verdict verdict = NullProof.examine(state.getPath(), subject, state);
    return verdict != Verdict.PROVEN_NON_NULL && (mayBeNull || verdict == Verdict.TESTED_FOR_NULL);
  }

  /**
   * Whether {@code call} of a method that may return null ({@link OptionalModel#mayReturnNull}) may do so
   * here. A method of this compilation that returns null only for a null argument ({@link
   * OwnMethodResults#nullOnlyForNullArguments}: {@code if (p == null) return null;}) returns null only when
   * the argument passed for such a parameter may itself be null, judged as an argument of {@code
   * Optional.of} is: kryo's {@code Optional.of(kryo.copy(original.get()))} copies a value that is never
   * null, so the copy is not null either; {@code copy(map.get(k))} may be.
   */
  private static boolean callMayReturnNull(MethodInvocationTree call, MethodSymbol method, VisitorState state) {
    if (OptionalModel.isNullReturningJdkMethod(method, state) || OptionalModel.isAnnotatedNullable(method)) {
      return true;
    }
    Set<Integer> guards = OwnMethodResults.nullOnlyForNullArguments(method, state);
    if (guards == null) {
      return true;
    }
    for (int parameter : guards) {
      if (parameter >= call.getArguments().size() || mayBeNull(call.getArguments().get(parameter), state)) {
        return true;
      }
    }
    return false;
  }

  /** {@code state} at {@code tree}, searched in the method around the current path. */
  private static VisitorState at(Tree tree, VisitorState state) {
    TreePath method = state.findPathToEnclosing(MethodTree.class);
    TreePath found =
        method != null ? TreePath.getPath(method, tree) : TreePath.getPath(state.getPath().getCompilationUnit(), tree);
    return found == null ? state : state.withPath(found);
  }

  private static ExpressionTree withoutCasts(ExpressionTree tree) {
    ExpressionTree e = ASTHelpers.stripParentheses(tree);
    while (e instanceof TypeCastTree cast) {
      e = ASTHelpers.stripParentheses(cast.getExpression());
    }
    return e;
  }

  /**
   * For a local that is never reassigned: its initialiser, when that is a call that may return null.
   * The declaration is searched among the statements before the use in the enclosing blocks.
   */
  private static MethodInvocationTree nullableInitializer(VarSymbol variable, VisitorState state) {
    if (variable.getKind() != ElementKind.LOCAL_VARIABLE || !ASTHelpers.isConsideredFinal(variable)) {
      return null;
    }
    VariableTree declaration = Locals.declarationBefore(state.getPath(), variable);
    if (declaration == null || declaration.getInitializer() == null) {
      return null;
    }
    ExpressionTree initializer = ASTHelpers.stripParentheses(declaration.getInitializer());
    return initializer instanceof MethodInvocationTree call
            && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && OptionalModel.mayReturnNull(method, state)
        ? call
        : null;
  }

  /** {@code Optional.of(null)} → {@code Optional.empty()}. */
  private static Optional<SuggestedFix> empty(MethodInvocationTree call, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String optional = SuggestedFixes.qualifyType(state, fix, OPTIONAL_EMPTY.owner());
    fix.replace(call, optional + "." + OPTIONAL_EMPTY.name() + "()");
    return Optional.of(fix.build());
  }

  /** {@code Optional.of(x)} → {@code Optional.ofNullable(x)}. */
  private static Optional<SuggestedFix> ofNullable(MethodInvocationTree call, VisitorState state) {
    if (call.getMethodSelect() instanceof MemberSelectTree) {
      return Optional.of(SuggestedFixes.renameMethodInvocation(call, OPTIONAL_OF_NULLABLE.name(), state));
    }
    // A static import of `of`: ofNullable is not imported, so qualify it.
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String optional = SuggestedFixes.qualifyType(state, fix, OPTIONAL_OF_NULLABLE.owner());
    fix.replace(call.getMethodSelect(), optional + "." + OPTIONAL_OF_NULLABLE.name());
    return Optional.of(fix.build());
  }
}
