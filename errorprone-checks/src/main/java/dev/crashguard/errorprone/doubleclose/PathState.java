package dev.crashguard.errorprone.doubleclose;

import com.sun.tools.javac.code.Symbol;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one path through a method body knows: the {@link Status} of each {@link Resource}, and which
 * resources close (or release) others when they are closed: a reader the stream it wraps, a statement its
 * result set, a {@code ByteBufInputStream(buf, true)} its buffer. Immutable; two paths that know the same
 * are equal and are walked once.
 */
final class PathState {

  /** {@code target} is closed ({@code releases}: released, a buffer) when the resource it hangs on is closed. */
  record Link(Resource target, boolean releases) {}

  static final PathState EMPTY = new PathState(Map.of(), Map.of());

  private final Map<Resource, Status> statuses;
  private final Map<Resource, Set<Link>> links;

  private PathState(Map<Resource, Status> statuses, Map<Resource, Set<Link>> links) {
    this.statuses = statuses;
    this.links = links;
  }

  /** The status of {@code resource}, null when nothing is known. */
  Status status(Resource resource) {
    return statuses.get(resource);
  }

  PathState with(Resource resource, Status status) {
    Map<Resource, Status> copy = new HashMap<>(statuses);
    if (status == null) {
      copy.remove(resource);
    } else {
      copy.put(resource, status);
    }
    return new PathState(Map.copyOf(copy), links);
  }

  /** Nothing known about any resource any more (a guard was asked); the links stay. */
  PathState forgetAll() {
    return statuses.isEmpty() ? this : new PathState(Map.of(), links);
  }

  /** Forgets the resources whose status matches {@code which}. */
  PathState forget(Predicate<Resource> which) {
    Map<Resource, Status> copy = new HashMap<>(statuses);
    copy.keySet().removeIf(which);
    return copy.size() == statuses.size() ? this : new PathState(Map.copyOf(copy), links);
  }

  /** Local {@code variable} holds something new: forget what it held and what hung on it. */
  PathState reassigned(Symbol variable) {
    Map<Resource, Status> copy = new HashMap<>(statuses);
    copy.keySet().removeIf(r -> r.dependsOn(variable));
    Map<Resource, Set<Link>> linkCopy = new HashMap<>();
    for (Map.Entry<Resource, Set<Link>> e : links.entrySet()) {
      if (e.getKey().dependsOn(variable)) {
        continue;
      }
      Set<Link> kept = new HashSet<>(e.getValue());
      kept.removeIf(l -> l.target().dependsOn(variable));
      if (!kept.isEmpty()) {
        linkCopy.put(e.getKey(), Set.copyOf(kept));
      }
    }
    return new PathState(Map.copyOf(copy), Map.copyOf(linkCopy));
  }

  PathState linked(Resource owner, Link link) {
    Map<Resource, Set<Link>> copy = new HashMap<>(links);
    Set<Link> set = new HashSet<>(copy.getOrDefault(owner, Set.of()));
    set.add(link);
    copy.put(owner, Set.copyOf(set));
    return new PathState(statuses, Map.copyOf(copy));
  }

  Set<Link> links(Resource owner) {
    return links.getOrDefault(owner, Set.of());
  }

  Set<Resource> known() {
    return statuses.keySet();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathState p && statuses.equals(p.statuses) && links.equals(p.links);
  }

  @Override
  public int hashCode() {
    return statuses.hashCode() * 31 + links.hashCode();
  }
}
