package dev.crashguard.errorprone.doubleclose;

import com.sun.source.tree.Tree;
import java.util.List;

/**
 * What one path knows about one {@link Resource}. No entry means nothing is known (the lock may or may not
 * be held, the buffer is presumably owned once). The trees are compared by identity, so a status says
 * which call put it there: a release that meets its own earlier release went around a loop.
 */
sealed interface Status {

  /** Held {@code count} times as far as this path shows: acquired (a lock), or retained (a buffer). */
  record Held(int count) implements Status {}

  /** Given back by {@code by} (a release, an unlock or a close); {@code detail} says which and where. */
  record Released(Tree by, String detail, Family family) implements Status {}

  /** Closed because {@code owner}, which wraps it or produced it, was closed. */
  record OwnerClosed(String owner) implements Status {}

  /** A buffer released because the stream {@code wrapper} that owned it was closed. */
  record WrapperReleased(String wrapper) implements Status {}

  /** A buffer handed to {@code call}, which now owns it; {@code owner} is the buffer it became part of, if any. */
  record HandedOff(Tree call, String detail, Resource owner) implements Status {}

  /** A message the {@code framework} superclass releases after the method returns. */
  record FrameworkOwned(String framework) implements Status {}

  /** A lock whose try-acquire {@code call} returned false on this path. */
  record TryFailed(Tree call, String detail) implements Status {}

  /**
   * A lock whose acquire {@code call} threw on this path before holding it; {@code insideTries} are the
   * {@code try} statements with a {@code finally} whose block the acquire is in.
   */
  record AcquireThrew(Tree call, String detail, List<Tree> insideTries) implements Status {}

  /** What kind of release put a {@link Released} there. */
  enum Family {
    LOCK,
    REFERENCE_COUNT,
    CLOSE
  }
}
