package dev.crashguard.errorprone.doubleclose;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The paths that reach one point of a method body, each with what it knows ({@link PathState}). A join is
 * the union: nothing is merged, so a release on one branch and a use on the other never meet. There are
 * at most {@link #LIMIT} distinct paths; beyond that the method is too involved and the walk gives up.
 */
final class Paths {

  static final int LIMIT = 64;

  static final Paths NONE = new Paths(Set.of());

  private final Set<PathState> states;

  private Paths(Set<PathState> states) {
    this.states = states;
  }

  static Paths of(PathState state) {
    return new Paths(Set.of(state));
  }

  static Paths of(Collection<PathState> states) {
    if (states.size() > LIMIT) {
      throw new TooComplex();
    }
    return states.isEmpty() ? NONE : new Paths(Collections.unmodifiableSet(new LinkedHashSet<>(states)));
  }

  boolean isEmpty() {
    return states.isEmpty();
  }

  Set<PathState> states() {
    return states;
  }

  Paths join(Paths other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Set<PathState> all = new LinkedHashSet<>(states);
    all.addAll(other.states);
    return of(all);
  }

  Paths map(Function<PathState, PathState> f) {
    Set<PathState> all = new LinkedHashSet<>();
    for (PathState s : states) {
      all.add(f.apply(s));
    }
    return of(all);
  }

  Paths flatMap(Function<PathState, List<PathState>> f) {
    Set<PathState> all = new LinkedHashSet<>();
    for (PathState s : states) {
      all.addAll(f.apply(s));
    }
    return of(all);
  }

  /** Thrown when a method has too many paths to follow: the check says nothing about it. */
  static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super(null, null, false, false);
    }
  }
}
