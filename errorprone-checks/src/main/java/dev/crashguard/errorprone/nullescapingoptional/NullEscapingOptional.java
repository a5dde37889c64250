package dev.crashguard.errorprone.nullescapingoptional;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.OPTIONAL_OF;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE_GET;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.STREAM_PICKING_OPERATIONS;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.LiteralTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.errorprone.common.CrashguardChecker;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;

/**
 * Reports an Optional that is itself null, or a null taken out of an Optional, on its way to a
 * NullPointerException. See {@link Hazard#NULL_ESCAPING_OPTIONAL} and the docs page. Each finding names
 * its kind (the origin slot of the message); the analysis of each lives in its own class:
 *
 * <ul>
 *   <li>a {@code null} literal returned, stored or passed where the declared type is Optional ({@link
 *       NullIntoOptional}); fix: {@code Optional.empty()};
 *   <li>a private Optional field nothing assigns during set-up ({@link UnassignedOptionalField});
 *   <li>{@code Optional.of(x)} where {@code x} may be null ({@link OfNullableValue}); fix: {@code
 *       Optional.ofNullable(x)};
 *   <li>{@code orElse(null)} / {@code orElseGet(() -> null)} dereferenced unchecked ({@link
 *       OrElseNullDereference});
 *   <li>{@code findFirst}/{@code findAny}/{@code min}/{@code max} on a stream that may hold nulls ({@link
 *       StreamNullElement}); fix: {@code .filter(Objects::nonNull)} before it.
 * </ul>
 *
 * <p>Everything is intraprocedural and reads the tree around the match only: no dataflow pass. Matchers
 * filter on a name or literal kind first, so most nodes cost one comparison. Where the analysis is unsure
 * it stays silent.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "NullEscapingOptional",
    summary = "An Optional that is itself null, or a null taken out of an Optional, reaches a dereference.",
    severity = ERROR,
    linkType = CUSTOM,
    link = Hazard.DOCS_BASE_URL + "NullEscapingOptional.md")
public final class NullEscapingOptional extends CrashguardChecker
    implements LiteralTreeMatcher, MethodInvocationTreeMatcher, VariableTreeMatcher {

  private static final long serialVersionUID = 1L;

  /** For {@link java.util.ServiceLoader}; Error Prone uses the injectable constructor. */
  public NullEscapingOptional() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  NullEscapingOptional(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  protected Hazard hazard() {
    return Hazard.NULL_ESCAPING_OPTIONAL;
  }

  @Override
  public Description matchLiteral(LiteralTree tree, VisitorState state) {
    if (tree.getKind() != Tree.Kind.NULL_LITERAL) {
      return Description.NO_MATCH;
    }
    return safely(() -> describe(() -> NullIntoOptional.analyse(tree, state), state));
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    String name = methodName(tree);
    if (name == null) {
      return Description.NO_MATCH;
    }
    if (name.equals(OPTIONAL_OF.name())) {
      return safely(() -> describe(() -> OfNullableValue.analyse(tree, state), state));
    }
    if (name.equals(OPTIONAL_OR_ELSE.name()) || name.equals(OPTIONAL_OR_ELSE_GET.name())) {
      return safely(() -> describe(() -> OrElseNullDereference.analyse(tree, state), state));
    }
    if (STREAM_PICKING_OPERATIONS.contains(name)) {
      return safely(() -> describe(() -> StreamNullElement.analyse(tree, state), state));
    }
    return Description.NO_MATCH;
  }

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol == null || symbol.getKind() != ElementKind.FIELD || tree.getInitializer() != null) {
      return Description.NO_MATCH;
    }
    return safely(() -> describe(() -> UnassignedOptionalField.analyse(tree, state), state));
  }

  private Description describe(Supplier<Optional<OptionalFinding>> analysis, VisitorState state) {
    Optional<OptionalFinding> found = analysis.get();
    if (found.isEmpty() || suppressedByHazardAnnotation(state)) {
      return Description.NO_MATCH;
    }
    OptionalFinding finding = found.get();
    return report(finding.at(), finding.subject(), finding.kind().phrase(), finding.fix());
  }

  /** The invoked method's simple name, read from the tree (no symbol lookup). */
  private static String methodName(MethodInvocationTree tree) {
    return switch (tree.getMethodSelect()) {
      case com.sun.source.tree.IdentifierTree id -> id.getName().toString();
      case com.sun.source.tree.MemberSelectTree select -> select.getIdentifier().toString();
      default -> null;
    };
  }
}
