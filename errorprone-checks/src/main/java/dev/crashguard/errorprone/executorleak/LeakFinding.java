package dev.crashguard.errorprone.executorleak;

import com.sun.source.tree.Tree;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge.Kind;
import java.util.List;

/**
 * One finding of {@link ExecutorLeak}: the creation it is reported on, what is at fault (the variable,
 * field or call: the message's subject slot), and the kind with its details (the origin slot).
 */
record LeakFinding(Tree at, String subject, Kind kind, List<String> details) {

  static LeakFinding of(Tree at, String subject, Kind kind, String... details) {
    return new LeakFinding(at, subject, kind, List.of(details));
  }

  String origin() {
    return kind.render(details.toArray());
  }
}
