package dev.crashguard.errorprone.executorleak;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.errorprone.common.CrashguardChecker;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;

/**
 * Reports an executor or timer that is never shut down: see {@link Hazard#EXECUTOR_LEAK} and the docs
 * page. Always on the creation. Error Prone brings every call and {@code new}; {@link CreationSites} sends
 * each creation to the part that judges where it goes:
 *
 * <ul>
 *   <li>a local: {@link LocalPool} (shut down, only used, or handed to an owner) and {@link ShutdownPaths}
 *       (shut down on every path, or only on the normal one); per call, per request ({@link
 *       RequestHandlers}), per loop pass, or a timer per call;
 *   <li>inline: the argument of a call that only runs work on it (or of a same-unit helper that does,
 *       {@link HelperMethods}), or the receiver of one call;
 *   <li>a field: {@link FieldLifecycle} (never shut down by its unit, replaced without shutting the old one
 *       down, made by a constructor before work that can throw), with {@link JvmExit} for pools that can
 *       keep the JVM alive.
 * </ul>
 *
 * <p>Field initializers are matched as variables. No fix is suggested: where a pool should end (a {@code
 * finally}, try-with-resources around which statements, the owner's {@code close()}) is a design choice the
 * code does not say.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "ExecutorLeak",
    summary = "An executor or timer is created and never shut down.",
    severity = ERROR,
    linkType = CUSTOM,
    link = Hazard.DOCS_BASE_URL + "ExecutorLeak.md")
public final class ExecutorLeak extends CrashguardChecker
    implements MethodInvocationTreeMatcher, NewClassTreeMatcher, VariableTreeMatcher {

  private static final long serialVersionUID = 1L;

  /** For {@link java.util.ServiceLoader}; Error Prone uses the injectable constructor. */
  public ExecutorLeak() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  ExecutorLeak(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  protected Hazard hazard() {
    return Hazard.EXECUTOR_LEAK;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return matchCreation(state);
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    return matchCreation(state);
  }

  /** A call or {@code new} in a method or an initializer block: a creation is judged where it stands. */
  private Description matchCreation(VisitorState state) {
    return safely(
        () -> {
          LeakFinding finding = CreationSites.judge(state.getPath(), state);
          return finding == null || suppressedByHazardAnnotation(state)
              ? Description.NO_MATCH
              : reportAll(List.of(finding), state);
        });
  }

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    ExpressionTree initializer = tree.getInitializer();
    if (initializer == null || !PoolModel.isCreation(PoolModel.inward(initializer), state)
        || suppressedByHazardAnnotation(state)) {
      return Description.NO_MATCH;
    }
    return safely(
        () -> {
          Symbol symbol = ASTHelpers.getSymbol(tree);
          if (symbol == null || symbol.getKind() != ElementKind.FIELD) {
            return Description.NO_MATCH;
          }
          LeakFinding finding = FieldLifecycle.initializer(symbol, PoolModel.inward(initializer), state);
          return reportAll(finding == null ? List.of() : List.of(finding), state);
        });
  }

  private Description reportAll(List<LeakFinding> findings, VisitorState state) {
    for (LeakFinding finding : findings) {
      state.reportMatch(report(finding.at(), finding.subject(), finding.origin(), Optional.empty()));
    }
    return Description.NO_MATCH;
  }
}
