package dev.crashguard.catalog.crash;

import dev.crashguard.catalog.crash.CrashLog.DumpThread;
import dev.crashguard.catalog.crash.CrashLog.Frame;
import dev.crashguard.catalog.crash.CrashLog.Line;
import dev.crashguard.catalog.crash.CrashLog.Thrown;
import dev.crashguard.catalog.crash.CrashSignature.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes a {@link CrashSignature} can look for. The names, messages and numbers that make one hazard's
 * signature are knowledge ({@link dev.crashguard.catalog.knowledge.CrashSignatures}); how to find them in
 * a log is here, once for every hazard.
 */
public final class Shapes {

  private Shapes() {}

  /** How many of a throwable's top frames count as "where it was thrown". */
  public static final int THROWN_FROM_DEPTH = 8;

  /**
   * A throwable of one of {@code types} (exact class names; {@code *Suffix} for a class name ending so), whose message contains a match of {@code
   * message} (null: any), thrown from a frame that {@code thrownFrom} matches within its top {@link
   * #THROWN_FROM_DEPTH} frames (empty: anywhere), in a trace where some frame of the whole chain matches
   * {@code onChain} (empty: no condition).
   */
  public static CrashSignature.Matcher thrown(
      Set<String> types, Pattern message, List<FramePattern> thrownFrom, List<FramePattern> onChain) {
    return log -> {
      for (Thrown t : log.thrown()) {
        if (!typeMatches(types, t.type()) || (message != null && !message.matcher(t.message()).find())) {
          continue;
        }
        List<Frame> from = new ArrayList<>();
        if (!thrownFrom.isEmpty()) {
          t.frames().stream().limit(THROWN_FROM_DEPTH).filter(f -> FramePattern.any(thrownFrom, f)).findFirst().ifPresent(from::add);
          if (from.isEmpty()) {
            continue;
          }
        }
        List<Thrown> chain = log.chain(t.chain());
        List<Frame> on = new ArrayList<>();
        if (!onChain.isEmpty()) {
          chain.stream().flatMap(c -> c.frames().stream()).filter(f -> FramePattern.any(onChain, f)).findFirst().ifPresent(on::add);
          if (on.isEmpty()) {
            continue;
          }
        }
        List<Line> lines = new ArrayList<>();
        Thrown top = chain.get(0);
        if (top != t) {
          lines.add(top.header());
        }
        lines.add(t.header());
        from.forEach(f -> lines.add(log.lineOf(f)));
        on.forEach(f -> lines.add(log.lineOf(f)));
        return Optional.of(new Evidence(sorted(lines), framesNearestFirst(t, chain), messages(chain)));
      }
      return Optional.empty();
    };
  }

  /**
   * Threads found running inside one of {@code owners} (their top {@code depth} frames all there): a loop
   * over a table that concurrent writes left with a cycle never ends. One thread in one dump is what a
   * healthy call looks like too, so the shape needs two of them: two threads there at once (the writers that
   * corrupted it, or the readers it traps), or one thread found there again in a later dump of the same log.
   */
  public static CrashSignature.Matcher spinningIn(List<FramePattern> owners, int depth) {
    return log -> {
      List<Line> lines = new ArrayList<>();
      List<Frame> frames = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (DumpThread t : log.threads()) {
        if (!t.state().equals("RUNNABLE") || t.frames().isEmpty()) {
          continue;
        }
        List<Frame> top = t.frames().subList(0, Math.min(depth, t.frames().size()));
        if (top.stream().allMatch(f -> FramePattern.any(owners, f))) {
          lines.add(t.header());
          top.forEach(f -> lines.add(log.lineOf(f)));
          frames.addAll(t.frames());
          names.add(t.name());
        }
      }
      return names.size() < 2 ? Optional.empty() : Optional.of(new Evidence(sorted(lines), frames, List.of()));
    };
  }

  /**
   * At least {@code atLeast} distinct pools (the number {@code poolName}'s first group captures; a pattern
   * without a group makes each thread a pool of its own, as a Timer's one thread is) with threads waiting
   * for work in {@code idleIn}: pools created again and again and never shut down.
   */
  public static CrashSignature.Matcher idlePools(Pattern poolName, List<FramePattern> idleIn, int atLeast) {
    return log -> {
      Set<String> pools = new TreeSet<>(Comparator.comparingLong(Shapes::number));
      List<Line> lines = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      int threads = 0;
      for (DumpThread t : log.threads()) {
        Matcher m = poolName.matcher(t.name());
        if (m.matches() && idle(t, idleIn)) {
          threads++;
          names.add(t.name());
          String pool = m.groupCount() > 0 ? m.group(1) : Integer.toString(t.header().number());
          if (pools.add(pool) && lines.size() < 5) {
            lines.add(t.header());
          }
        }
      }
      if (pools.size() < atLeast) {
        return Optional.empty();
      }
      // The threads' names are what the dump says of where they come from: a name given on the line that
      // creates the pool or timer (new Timer("refresh")) ties them to it.
      List<String> mentions = new ArrayList<>(names);
      mentions.add(0, pools.size() + " pools, " + threads + " idle threads");
      return Optional.of(new Evidence(sorted(lines), List.of(), mentions));
    };
  }

  /**
   * The main thread has returned ({@code DestroyJavaVM} waits for the last non-daemon thread) and
   * non-daemon threads wait for work in {@code idleIn}: they keep the JVM from exiting.
   */
  public static CrashSignature.Matcher keptAlive(String waitingThread, List<FramePattern> idleIn) {
    return log -> {
      Optional<DumpThread> destroy = log.threads().stream().filter(t -> t.name().equals(waitingThread)).findFirst();
      if (destroy.isEmpty()) {
        return Optional.empty();
      }
      List<Line> lines = new ArrayList<>();
      lines.add(destroy.get().header());
      List<String> names = new ArrayList<>();
      for (DumpThread t : log.threads()) {
        if (!t.daemon() && idle(t, idleIn)) {
          lines.add(t.header());
          names.add(t.name());
        } else if (!t.daemon() && !t.name().equals(waitingThread) && !t.frames().isEmpty()) {
          // A non-daemon thread doing work of its own may be what keeps the JVM alive: not this shape.
          return Optional.empty();
        }
      }
      return lines.size() < 2 ? Optional.empty() : Optional.of(new Evidence(sorted(lines), List.of(), names));
    };
  }

  /**
   * A JVM crash report whose signal matches {@code signals}, and whose crashing thread was inside one of
   * {@code javaFrames} in its top {@code depth} Java frames, or whose problematic frame matches {@code
   * nativeFrame} while such a Java frame is anywhere on the stack.
   */
  public static CrashSignature.Matcher fatalError(
      Pattern signals, Pattern nativeFrame, List<FramePattern> javaFrames, int depth) {
    return log -> {
      if (log.hsErr().isEmpty()) {
        return Optional.empty();
      }
      CrashLog.HsErr e = log.hsErr().get();
      if (!signals.matcher(e.signalName()).matches()) {
        return Optional.empty();
      }
      List<Frame> java = e.javaFrames();
      Optional<Frame> near = java.stream().limit(depth).filter(f -> FramePattern.any(javaFrames, f)).findFirst();
      boolean problematic = e.problematicFrame() != null && nativeFrame.matcher(e.problematicFrame().text()).find();
      Optional<Frame> anywhere = java.stream().filter(f -> FramePattern.any(javaFrames, f)).findFirst();
      if (near.isEmpty() && !(problematic && anywhere.isPresent())) {
        return Optional.empty();
      }
      List<Line> lines = new ArrayList<>();
      if (e.signal() != null) {
        lines.add(e.signal());
      }
      if (e.problematicFrame() != null) {
        lines.add(e.problematicFrame());
      }
      Frame unsafe = near.orElse(anywhere.get());
      lines.add(log.lineOf(unsafe));
      java.stream().filter(f -> !FramePattern.any(javaFrames, f)).filter(f -> !f.className().startsWith("java.") && !f.className().startsWith("jdk.") && !f.className().startsWith("sun."))
          .findFirst().ifPresent(f -> lines.add(log.lineOf(f)));
      return Optional.of(new Evidence(sorted(lines), java, List.of()));
    };
  }

  /** Any line matching {@code pattern}: what glibc prints before it aborts the process. */
  public static CrashSignature.Matcher line(Pattern pattern) {
    return log -> {
      List<Line> lines = log.lines().stream().filter(l -> pattern.matcher(l.text()).find()).limit(5).toList();
      return lines.isEmpty() ? Optional.empty() : Optional.of(new Evidence(lines, List.of(), List.of()));
    };
  }

  static boolean typeMatches(Set<String> types, String type) {
    if (types.contains(type)) {
      return true;
    }
    for (String t : types) {
      if (t.startsWith("*") && type.endsWith(t.substring(1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean idle(DumpThread t, List<FramePattern> idleIn) {
    return (t.state().equals("WAITING") || t.state().equals("TIMED_WAITING"))
        && t.frames().stream().limit(12).anyMatch(f -> FramePattern.any(idleIn, f));
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The frames nearest the crash first: the throwable that matched, then the causes printed after it (each
   * deeper), then the throwables that wrap it.
   */
  private static List<Frame> framesNearestFirst(Thrown t, List<Thrown> chain) {
    List<Frame> out = new ArrayList<>(t.frames());
    int at = chain.indexOf(t);
    for (int i = chain.size() - 1; i > at; i--) {
      out.addAll(chain.get(i).frames());
    }
    for (int i = at - 1; i >= 0; i--) {
      out.addAll(chain.get(i).frames());
    }
    return out;
  }

  private static List<String> messages(List<Thrown> chain) {
    Set<String> out = new LinkedHashSet<>();
    chain.forEach(t -> {
      if (!t.message().isBlank()) {
        out.add(t.message());
      }
    });
    return List.copyOf(out);
  }

  private static List<Line> sorted(List<Line> lines) {
    return lines.stream().distinct().sorted(Comparator.comparingInt(Line::number)).toList();
  }
}
