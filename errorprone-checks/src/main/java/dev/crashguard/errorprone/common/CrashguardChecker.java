package dev.crashguard.errorprone.common;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.Tree;
import dev.crashguard.catalog.Hazard;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every crashguard Error Prone check shares: its catalog hazard, the cross-engine
 * {@code @SuppressHazard} (Error Prone handles {@code @SuppressWarnings("Name")} itself), the catalog
 * message, and a guard that keeps a bug in the check from failing the user's build.
 *
 * <p>A checker that throws makes Error Prone fail the whole compilation. A crashguard check that meets
 * code it does not understand stays silent instead, so {@link #safely} turns an unexpected exception into
 * no finding. Tests pass {@code -XepOpt:Crashguard:RethrowErrors=true} so that such a bug fails them
 * rather than being hidden.
 */
public abstract class CrashguardChecker extends BugChecker {

  private static final long serialVersionUID = 1L;

  /** The Error Prone flag that makes {@link #safely} rethrow; for tests. */
  public static final String RETHROW_FLAG = "Crashguard:RethrowErrors";

  private final boolean rethrow;

  protected CrashguardChecker(ErrorProneFlags flags) {
    this.rethrow = flags.getBoolean(RETHROW_FLAG).orElse(false);
  }

  /** The catalog entry this check implements; its name is the check's name. */
  protected abstract Hazard hazard();

  /** Whether {@code @SuppressHazard} naming this hazard encloses the tree being matched. */
  protected final boolean suppressedByHazardAnnotation(VisitorState state) {
    return HazardSuppression.isSuppressed(state.getPath(), hazard().catalogName());
  }

  /** A finding on {@code tree} with the catalog message, and the fix when there is one. */
  protected final Description report(Tree tree, String subject, String origin, Optional<SuggestedFix> fix) {
    return report(tree, subject, origin, hazard().defaultRemedy(), fix);
  }

  /** {@link #report}, with the remedy the message's {@code {2}} slot names (see {@link Hazard}). */
  protected final Description report(
      Tree tree, String subject, String origin, String remedy, Optional<SuggestedFix> fix) {
    Description.Builder description =
        buildDescription(tree).setMessage(hazard().message(subject, origin, remedy));
    fix.ifPresent(description::addFix);
    return description.build();
  }

  /** Runs {@code analysis}; an unexpected exception means "no finding" unless tests asked to rethrow. */
  protected final Description safely(Supplier<Description> analysis) {
    try {
      return analysis.get();
    } catch (RuntimeException | StackOverflowError e) {
      if (rethrow) {
        throw e;
      }
      return Description.NO_MATCH;
    }
  }
}
