package dev.crashguard.errorprone.doubleclose;

import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one method, at most one per tree: the walk meets a statement once per path set (a loop
 * body twice, a {@code finally} once per way into it), and the first finding there is the one reported.
 */
final class Findings {

  private final Map<Tree, DoubleCloseFinding> byTree = new LinkedHashMap<>();

  void add(DoubleCloseFinding finding) {
    byTree.putIfAbsent(finding.at(), finding);
  }

  boolean has(Tree tree) {
    return byTree.containsKey(tree);
  }

  List<DoubleCloseFinding> all() {
    return new ArrayList<>(byTree.values());
  }
}
