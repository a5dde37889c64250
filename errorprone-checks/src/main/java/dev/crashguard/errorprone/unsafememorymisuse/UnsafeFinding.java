package dev.crashguard.errorprone.unsafememorymisuse;

import com.sun.source.tree.Tree;
import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.Kind;

/** One finding: the tree at fault, what it names, its kind and the kind's details. */
record UnsafeFinding(Tree at, String subject, Kind kind, Object... details) {

  /** The origin phrase of the message. */
  String origin() {
    return kind.render(details);
  }
}
