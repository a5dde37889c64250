package dev.crashguard.errorprone.doubleclose;

import com.sun.source.tree.Tree;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge.Kind;
import dev.crashguard.errorprone.doubleclose.Status.AcquireThrew;
import dev.crashguard.errorprone.doubleclose.Status.Family;
import dev.crashguard.errorprone.doubleclose.Status.FrameworkOwned;
import dev.crashguard.errorprone.doubleclose.Status.HandedOff;
import dev.crashguard.errorprone.doubleclose.Status.Held;
import dev.crashguard.errorprone.doubleclose.Status.OwnerClosed;
import dev.crashguard.errorprone.doubleclose.Status.Released;
import dev.crashguard.errorprone.doubleclose.Status.TryFailed;
import dev.crashguard.errorprone.doubleclose.Status.WrapperReleased;
import java.util.Collection;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * What a release does on one path, and whether it is a second one: the rules of the hazard, without the
 * walk. A release is an unlock, a Netty {@code release()}, a {@code close()}, or handing a buffer to a call
 * that takes ownership of it. The kinds are ranked: where the paths into one release disagree, the
 * finding of the highest rank is reported.
 */
final class ReleaseRules {

  private ReleaseRules() {}

  /** What is released, and how. */
  enum Act {
    UNLOCK,
    RELEASE,
    CLOSE,
    HAND_OFF
  }

  /** A release about to happen: {@code call}, described as {@code detail} ("unlock() at line 12"). */
  record Release(Resource resource, Tree call, String detail, Act act, boolean idempotentClose) {}

  /** The kind a release on one path is, with its details; null kind for none. */
  record Verdict(Kind kind, List<String> details) {
    static final Verdict NONE = new Verdict(null, List.of());

    static Verdict of(Kind kind, String... details) {
      return new Verdict(kind, List.of(details));
    }
  }

  /** The order in which kinds win when paths disagree. */
  private static final List<Kind> RANK =
      List.of(
          Kind.RELEASED_BY_FRAMEWORK_TOO,
          Kind.HANDED_ON_THEN_AUTO_RELEASED,
          Kind.RELEASED_AFTER_WRAPPER,
          Kind.RELEASED_AFTER_HANDOFF,
          Kind.RELEASED_TWICE,
          Kind.RELEASED_IN_LOOP,
          Kind.UNLOCKED_WHEN_ACQUIRE_THREW,
          Kind.UNLOCKED_AFTER_FAILED_TRY);

  /**
   * The verdict of {@code release} on a path where the resource has {@code status}; {@code ownerReleased}
   * says whether the buffer a handed-off buffer became part of was released on this path, {@code
   * finallyOf} are the {@code try} statements whose {@code finally} block the release is in, and {@code
   * unrelatedBranches} whether two trees are in branches of different {@code if}s, which may exclude each
   * other.
   */
  static Verdict judge(
      Release release,
      Status status,
      boolean ownerReleased,
      Collection<Tree> finallyOf,
      BiPredicate<Tree, Tree> unrelatedBranches) {
    Act act = release.act();
    boolean buffer = act == Act.RELEASE || act == Act.HAND_OFF;
    return switch (status) {
      case null -> Verdict.NONE;
      case Held held -> Verdict.NONE;
      case Released released -> {
        if (act == Act.CLOSE && release.idempotentClose()) {
          yield Verdict.NONE;
        }
        if (released.by() == release.call()) {
          yield Verdict.of(Kind.RELEASED_IN_LOOP);
        }
        yield unrelatedBranches.test(released.by(), release.call())
            ? Verdict.NONE
            : Verdict.of(Kind.RELEASED_TWICE, released.detail());
      }
      case OwnerClosed owner ->
          act == Act.CLOSE && !release.idempotentClose()
              ? Verdict.of(Kind.RELEASED_AFTER_WRAPPER, owner.owner())
              : Verdict.NONE;
      case WrapperReleased wrapper -> buffer ? Verdict.of(Kind.RELEASED_AFTER_WRAPPER, wrapper.wrapper()) : Verdict.NONE;
      case HandedOff handedOff -> {
        if (!buffer) {
          yield Verdict.NONE;
        }
        if (ownerReleased) {
          yield Verdict.of(Kind.RELEASED_AFTER_WRAPPER, "'" + handedOff.owner().name() + "'");
        }
        yield handedOff.call() == release.call()
            ? Verdict.of(Kind.RELEASED_IN_LOOP)
            : Verdict.of(Kind.RELEASED_AFTER_HANDOFF, handedOff.detail());
      }
      case FrameworkOwned framework ->
          switch (act) {
            case RELEASE -> Verdict.of(Kind.RELEASED_BY_FRAMEWORK_TOO, framework.framework());
            case HAND_OFF -> Verdict.of(Kind.HANDED_ON_THEN_AUTO_RELEASED, release.detail(), framework.framework());
            default -> Verdict.NONE;
          };
      case TryFailed failed -> act == Act.UNLOCK ? Verdict.of(Kind.UNLOCKED_AFTER_FAILED_TRY, failed.detail()) : Verdict.NONE;
      case AcquireThrew threw ->
          act == Act.UNLOCK && threw.insideTries().stream().anyMatch(finallyOf::contains)
              ? Verdict.of(Kind.UNLOCKED_WHEN_ACQUIRE_THREW, threw.detail())
              : Verdict.NONE;
    };
  }

  /** The status after {@code release} on a path where the resource had {@code status}. */
  static Status after(Release release, Status status) {
    if (status instanceof Held held && held.count() > 1) {
      return new Held(held.count() - 1);
    }
    if (release.act() == Act.HAND_OFF) {
      return new HandedOff(release.call(), release.detail(), null);
    }
    if (status instanceof Released released && release.act() == Act.CLOSE) {
      return released; // the first close is the one to name
    }
    Family family =
        switch (release.act()) {
          case UNLOCK -> Family.LOCK;
          case CLOSE -> Family.CLOSE;
          default -> Family.REFERENCE_COUNT;
        };
    return new Released(release.call(), release.detail(), family);
  }

  /** Whether {@code a} outranks {@code b}. */
  static boolean outranks(Verdict a, Verdict b) {
    if (a.kind() == null) {
      return false;
    }
    return b.kind() == null || RANK.indexOf(a.kind()) < RANK.indexOf(b.kind());
  }
}
