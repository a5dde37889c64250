package dev.crashguard.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --exclude} globs: a file matches when its path from the project root does ({@code demo/**},
 * {@code **}{@code /generated/**}, which also matches {@code generated/} at the top), or, for a glob without
 * {@code /}, when its file name does ({@code *Generated.java}). Excluded files are given to no engine, and a
 * finding in one (a SpotBugs finding in its class) is dropped.
 */
final class Excludes {
  private final List<PathMatcher> onPath;
  private final List<PathMatcher> onName;

  private Excludes(List<PathMatcher> onPath, List<PathMatcher> onName) {
    this.onPath = onPath;
    this.onName = onName;
  }

  static Excludes of(List<String> globs) throws UsageException {
    List<PathMatcher> onPath = new ArrayList<>();
    List<PathMatcher> onName = new ArrayList<>();
    for (String raw : globs) {
      String glob = raw.strip().replace('\\', '/');
      if (glob.isEmpty()) {
        continue;
      }
      while (glob.startsWith("./")) {
        glob = glob.substring(2);
      }
      if (glob.endsWith("/")) {
        glob = glob + "**";
      }
      try {
        onPath.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        if (glob.startsWith("**/")) {
          onPath.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
        }
        if (!glob.contains("/")) {
          onName.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException("--exclude '" + raw + "': not a glob (" + e.getMessage().lines().findFirst().orElse("") + ")");
      }
    }
    return new Excludes(onPath, onName);
  }

  boolean isEmpty() {
    return onPath.isEmpty();
  }

  /** Whether a project-relative, {@code /}-separated path is excluded. */
  boolean matches(String relative) {
    if (onPath.isEmpty()) {
      return false;
    }
    Path path = Path.of(relative);
    if (onPath.stream().anyMatch(m -> m.matches(path))) {
      return true;
    }
    Path name = path.getFileName();
    return name != null && onName.stream().anyMatch(m -> m.matches(name));
  }

  /** The project without its excluded files; a module left without files is left out. */
  Project apply(Project project) throws UsageException {
    if (isEmpty()) {
      return project;
    }
    List<Module> kept = new ArrayList<>();
    for (Module module : project.modules()) {
      List<Path> files = module.javaFiles().stream().filter(f -> !matches(project.relative(f))).toList();
      if (!files.isEmpty()) {
        kept.add(module.withJavaFiles(files));
      }
    }
    if (kept.isEmpty()) {
      throw new UsageException("--exclude leaves no Java file to scan under " + project.root());
    }
    return project.withModules(kept);
  }
}
