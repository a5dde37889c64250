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
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.errorprone.common.Locals;
import dev.crashguard.errorprone.nullescapingoptional.NullProof.Subject;
import dev.crashguard.errorprone.nullescapingoptional.NullProof.Verdict;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * {@code Optional.of(x)} where {@code x} may be null, so {@code of} throws:
 *
 * <ul>
 *   <li>{@code x} is a variable or a call annotated {@code @Nullable} (any of the knowledge's
 *       annotations), a call of a JDK method documented to return null, a call of a method of this
 *       compilation that returns null ({@link OwnMethodResults}), or a local initialised from
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
    ExpressionTree argument = ASTHelpers.stripParentheses(call.getArguments().get(0));
    while (argument instanceof TypeCastTree cast) {
      argument = ASTHelpers.stripParentheses(cast.getExpression()); // Optional.of((Function) map.get(k))
    }
    if (NullLiterals.mayBeNullLiteral(argument)) {
      return Optional.of(OptionalFinding.of(call, "null", Kind.OF_MAY_BE_NULL).withFix(empty(call, state)));
    }
    Subject subject = null;
    boolean mayBeNull = false;
    if (argument instanceof MethodInvocationTree inner
        && ASTHelpers.getSymbol(inner) instanceof MethodSymbol innerMethod
        && OptionalModel.mayReturnNull(innerMethod, state)) {
      subject = Subject.expression(argument, state);
      mayBeNull = true;
    } else if ((argument instanceof IdentifierTree || argument instanceof MemberSelectTree)
        && ASTHelpers.getSymbol(argument) instanceof VarSymbol variable) {
      subject = Subject.variable(variable);
      if (OptionalModel.isAnnotatedNullable(variable)) {
        mayBeNull = true;
      } else {
        ExpressionTree initializer = nullableInitializer(variable, state);
        if (initializer != null) {
          subject = subject.alsoInitialisedBy(initializer, state);
          mayBeNull = true;
        } else if (variable.getKind() == ElementKind.FIELD) {
          // A field tested for null earlier may have been set since by a call this check cannot see into
          // (if (cache == null) load();): only its annotation counts.
          return Optional.empty();
        }
      }
    }
    if (subject == null) {
      return Optional.empty();
    }
    Verdict verdict = NullProof.examine(state.getPath(), subject, state);
    if (verdict == Verdict.PROVEN_NON_NULL || (!mayBeNull && verdict != Verdict.TESTED_FOR_NULL)) {
      return Optional.empty();
    }
    String source = state.getSourceForNode(argument);
    return Optional.of(
        OptionalFinding.of(call, source == null ? argument.toString() : source, Kind.OF_MAY_BE_NULL)
            .withFix(ofNullable(call, state)));
  }

  /**
   * For a local that is never reassigned: its initialiser, when that is a call that may return null.
   * The declaration is searched among the statements before the use in the enclosing blocks.
   */
  private static ExpressionTree nullableInitializer(VarSymbol variable, VisitorState state) {
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
        ? initializer
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
