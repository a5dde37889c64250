package dev.crashguard.errorprone.nullescapingoptional;

import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.Tree;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import java.util.Optional;

/**
 * One finding of {@link NullEscapingOptional}: where ({@code at}, whose line is reported), what is at fault
 * (the message's subject slot), the kind (whose phrase fills the origin slot) and the fix, if any.
 */
record OptionalFinding(Tree at, String subject, Kind kind, Optional<SuggestedFix> fix) {

  static OptionalFinding of(Tree at, String subject, Kind kind) {
    return new OptionalFinding(at, subject, kind, Optional.empty());
  }

  OptionalFinding withFix(Optional<SuggestedFix> fix) {
    return new OptionalFinding(at, subject, kind, fix);
  }
}
