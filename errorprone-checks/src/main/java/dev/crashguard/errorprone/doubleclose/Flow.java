package dev.crashguard.errorprone.doubleclose;

import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a statement can complete, with the paths of each: normally, by an exception (with what it may be,
 * so that a catch takes only what it can catch), by {@code return}, or by {@code break}/{@code continue}
 * to a target statement. A {@code finally} block runs after each of them.
 */
final class Flow {

  /** Paths that leave by an exception: the checked types it may have, and whether an unchecked one too. */
  record Thrown(Paths paths, List<Type> checked, boolean unchecked) {}

  Paths normal = Paths.NONE;
  final List<Thrown> thrown = new ArrayList<>();
  Paths returns = Paths.NONE;
  final Map<Tree, Paths> breaks = new LinkedHashMap<>();
  final Map<Tree, Paths> continues = new LinkedHashMap<>();

  static Flow normal(Paths paths) {
    Flow flow = new Flow();
    flow.normal = paths;
    return flow;
  }

  /** Everything of {@code other} except its normal completion, which the caller routes itself. */
  void addAbrupt(Flow other) {
    thrown.addAll(other.thrown);
    returns = returns.join(other.returns);
    other.breaks.forEach((target, paths) -> breaks.merge(target, paths, Paths::join));
    other.continues.forEach((target, paths) -> continues.merge(target, paths, Paths::join));
  }

  void addThrown(Paths paths, List<Type> checked, boolean unchecked) {
    if (!paths.isEmpty()) {
      thrown.add(new Thrown(paths, List.copyOf(checked), unchecked));
    }
  }

  /** The paths that break out to {@code target}, removed from this flow. */
  Paths takeBreaks(Tree target) {
    Paths paths = breaks.remove(target);
    return paths == null ? Paths.NONE : paths;
  }

  Paths takeContinues(Tree target) {
    Paths paths = continues.remove(target);
    return paths == null ? Paths.NONE : paths;
  }
}
