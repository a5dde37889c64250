package dev.crashguard.catalog.crash;

import java.util.Set;

/**
 * A class (with its nested classes: {@code java.util.HashMap} covers {@code java.util.HashMap$TreeNode}),
 * or a package when it ends in {@code .}, and the methods that count (empty: any).
 */
public record FramePattern(String owner, Set<String> methods) {

  public FramePattern {
    methods = Set.copyOf(methods);
  }

  public static FramePattern of(String owner, String... methods) {
    return new FramePattern(owner, Set.of(methods));
  }

  public boolean matches(CrashLog.Frame frame) {
    String c = frame.className();
    boolean owned =
        owner.endsWith(".") ? c.startsWith(owner) : c.equals(owner) || c.startsWith(owner + "$");
    return owned && (methods.isEmpty() || methods.contains(frame.method()));
  }

  public static boolean any(Iterable<FramePattern> patterns, CrashLog.Frame frame) {
    for (FramePattern p : patterns) {
      if (p.matches(frame)) {
        return true;
      }
    }
    return false;
  }
}
