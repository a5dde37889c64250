package dev.crashguard.errorprone.nullescapingoptional;

import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.STREAM;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.STREAM_ELEMENT_PRESERVING_OPERATIONS;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.STREAM_MAPPING_OPERATIONS;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.STREAM_NULL_REMOVING_OPERATIONS;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.STREAM_PICKING_OPERATIONS;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.errorprone.common.Types;
import java.util.Optional;

/**
 * {@code findFirst()}, {@code findAny()}, {@code min()} or {@code max()} on a Stream that may hold nulls:
 * they throw NullPointerException when the element they pick is null. Walking the pipeline back from the
 * picking call, through operations that hand elements on unchanged ({@link
 * OptionalModel#STREAM_ELEMENT_PRESERVING_OPERATIONS}), the stream may hold nulls when it meets:
 *
 * <ul>
 *   <li>{@code map} with a method reference to a method that may return null ({@code owners::get}) or a
 *       lambda that may return a null literal or such a call;
 *   <li>its source {@code Stream.of(…)} with a null literal among the elements.
 * </ul>
 *
 * A {@code filter}, {@code flatMap} or {@code mapMulti} on the way removes nulls (the knowledge's {@code
 * STREAM_NULL_REMOVING_OPERATIONS}; the predicate is not read), and any other operation, including a
 * {@code map} this check cannot read, ends the walk in silence.
 */
final class StreamNullElement {

  /** A pipeline longer than this is not walked (and not reported). */
  private static final int MAX_WALK = 32;

  private StreamNullElement() {}

  static Optional<OptionalFinding> analyse(MethodInvocationTree pick, VisitorState state) {
    if (!(ASTHelpers.getSymbol(pick) instanceof MethodSymbol method)
        || method.isStatic()
        || !STREAM_PICKING_OPERATIONS.contains(method.getSimpleName().toString())
        || !isStreamMethod(method, state)) {
      return Optional.empty();
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(pick);
    if (receiver == null) {
      return Optional.empty();
    }
    ExpressionTree current = receiver;
    for (int i = 0; i < MAX_WALK; i++) {
      if (!(ASTHelpers.stripParentheses(current) instanceof MethodInvocationTree call)
          || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol op)
          || !isStreamMethod(op, state)) {
        return Optional.empty();
      }
      String name = op.getSimpleName().toString();
      if (op.isStatic()) {
        if (OptionalModel.STREAM_OF.matches(op, state) && call.getArguments().stream().anyMatch(NullLiterals::mayBeNullLiteral)) {
          return Optional.of(finding(pick, method, receiver, state));
        }
        return Optional.empty();
      }
      if (STREAM_NULL_REMOVING_OPERATIONS.contains(name)) {
        return Optional.empty();
      }
      if (STREAM_MAPPING_OPERATIONS.contains(name)) {
        return call.getArguments().size() == 1 && mayMapToNull(call.getArguments().get(0), state)
            ? Optional.of(finding(pick, method, receiver, state))
            : Optional.empty();
      }
      if (!STREAM_ELEMENT_PRESERVING_OPERATIONS.contains(name)) {
        return Optional.empty();
      }
      current = ASTHelpers.getReceiver(call);
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isStreamMethod(MethodSymbol method, VisitorState state) {
    return Types.isSubtype(method.owner, STREAM, state);
  }

  private static boolean mayMapToNull(ExpressionTree mapper, VisitorState state) {
    ExpressionTree m = ASTHelpers.stripParentheses(mapper);
    if (m instanceof MemberReferenceTree reference) {
      return ASTHelpers.getSymbol(reference) instanceof MethodSymbol target
          && OptionalModel.mayReturnNull(target, state);
    }
    if (m instanceof LambdaExpressionTree lambda) {
      if (NullLiterals.mayReturnNullLiteral(lambda)) {
        return true;
      }
      return lambda.getBody() instanceof MethodInvocationTree call
          && ASTHelpers.getSymbol(call) instanceof MethodSymbol target
          && OptionalModel.mayReturnNull(target, state);
    }
    return false;
  }

  private static OptionalFinding finding(
      MethodInvocationTree pick, MethodSymbol method, ExpressionTree receiver, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    MethodRef nonNull = NullEscapingOptionalKnowledge.NON_NULL_TESTS.get(0);
    String objects = SuggestedFixes.qualifyType(state, fix, nonNull.owner());
    fix.postfixWith(receiver, ".filter(" + objects + "::" + nonNull.name() + ")");
    return OptionalFinding.of(pick, method.getSimpleName().toString(), Kind.PICKS_NULL_ELEMENT)
        .withFix(Optional.of(fix.build()));
  }
}
