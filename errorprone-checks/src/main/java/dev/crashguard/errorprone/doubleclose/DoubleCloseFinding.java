package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.Tree;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge.Kind;
import java.util.List;
import java.util.Optional;

/**
 * One finding of {@link DoubleClose}: where ({@code at}, whose line is reported), what is at fault (the
 * message's subject slot), the kind and its details (which fill the origin slot), and the fix, if any.
 */
record DoubleCloseFinding(Tree at, String subject, Kind kind, List<String> details, Optional<SuggestedFix> fix) {

  static DoubleCloseFinding of(Tree at, String subject, Kind kind, String... details) {
    return new DoubleCloseFinding(at, subject, kind, List.of(details), Optional.empty());
  }

  DoubleCloseFinding withFix(SuggestedFix fix) {
    return new DoubleCloseFinding(at, subject, kind, details, Optional.of(fix));
  }

  /** The origin slot: the kind's phrase with its details. */
  String origin() {
    return kind.render(details.toArray());
  }
}
