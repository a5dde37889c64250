package dev.crashguard.errorprone.doubleclose;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodTree;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.errorprone.common.CrashguardChecker;
import javax.inject.Inject;

/**
 * Reports a resource released twice on one path, used after its release, kept beyond the
 * try-with-resources that closes it, or unlocked where it is not held. See {@link Hazard#DOUBLE_CLOSE}
 * and the docs page. Each method body is analysed once, by two parts:
 *
 * <ul>
 *   <li>{@link TwrEscapes}: an explicit {@code close()} inside the try-with-resources that declares the
 *       resource (fix: remove it), and the resource returned, stored in a field, returned through a result
 *       that still reads from it, or captured by a lambda that runs later;
 *   <li>{@link PathWalker}: a path-sensitive walk of the body ({@link Effects} for what expressions do,
 *       {@link ReleaseRules} for what a release on a path is, {@link Guards} for conditions that know, and
 *       {@link NettyOwnership} for Netty's hand-offs and auto-released messages): a second unlock,
 *       release or non-idempotent close, a release after a hand-off or after the wrapper that owned it, a
 *       release in a loop of what was acquired once, a use after close, an unlock where the acquire threw
 *       or the try-acquire failed.
 * </ul>
 *
 * <p>Resources are named only where two mentions are provably the same ({@link Resource}); anything else,
 * and any method with too many paths, is left alone.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "DoubleClose",
    summary = "A resource is closed, a lock released or a buffer freed twice on one path.",
    severity = ERROR,
    linkType = CUSTOM,
    link = Hazard.DOCS_BASE_URL + "DoubleClose.md")
public final class DoubleClose extends CrashguardChecker implements MethodTreeMatcher {

  private static final long serialVersionUID = 1L;

  /** What the compilation unit last analysed says beyond one method. */
  private transient UnitFacts unit;

  /** For {@link java.util.ServiceLoader}; Error Prone uses the injectable constructor. */
  public DoubleClose() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  DoubleClose(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  protected Hazard hazard() {
    return Hazard.DOUBLE_CLOSE;
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    if (tree.getBody() == null || suppressedByHazardAnnotation(state)) {
      return Description.NO_MATCH;
    }
    return safely(
        () -> {
          unit = UnitFacts.of(state.getPath().getCompilationUnit(), unit, state);
          if (!unit.mayRelease()) {
            return Description.NO_MATCH;
          }
          Findings findings = new Findings();
          if (unit.hasTryWithResources()) {
            TwrEscapes.scan(tree, state, findings);
          }
          PathWalker.walk(tree, state.getPath(), state, unit, findings);
          for (DoubleCloseFinding finding : findings.all()) {
            state.reportMatch(report(finding.at(), finding.subject(), finding.origin(), finding.fix()));
          }
          return Description.NO_MATCH;
        });
  }
}
