package dev.crashguard.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory findings are relative to ({@code src/main/java}): {@link dev.crashguard.catalog.Finding}
 * keeps {@code dev/crashguard/Foo.java}, so a source engine's file path and a bytecode engine's package path
 * compare equal. Engines write paths in several forms; this turns each into that one form.
 */
final class SourceRoot {
  private final Path root;

  SourceRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path path() {
    return root;
  }

  /**
   * The path of a source file relative to the root, with {@code /} separators; empty when the file lies
   * outside the root (a test source, a generated source under another root).
   *
   * <p>An absolute path must lie under the root. A relative path is read against the working directory
   * when that puts it under the root (PMD run from the project directory writes {@code src/main/java/...});
   * otherwise against the root itself ({@code dev/crashguard/Foo.java}), unless only the working directory
   * has such a file.
   */
  Optional<String> relativize(String reported) {
    Path path;
    try {
      path = Path.of(reported);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (path.isAbsolute()) {
      return under(path.normalize());
    }
    Path fromWorkingDir = path.toAbsolutePath().normalize();
    if (fromWorkingDir.startsWith(root)) {
      return under(fromWorkingDir);
    }
    Path fromRoot = root.resolve(path).normalize();
    if (!Files.exists(fromRoot) && Files.exists(fromWorkingDir)) {
      return Optional.empty(); // a real file, and not under the root
    }
    return under(fromRoot);
  }

  private Optional<String> under(Path absolute) {
    if (absolute.startsWith(root) && !absolute.equals(root)) {
      return Optional.of(slashes(root.relativize(absolute)));
    }
    // The same directory reached through a symbolic link (macOS /tmp, a CI workspace link).
    try {
      Path real = absolute.toRealPath();
      Path realRoot = root.toRealPath();
      if (real.startsWith(realRoot) && !real.equals(realRoot)) {
        return Optional.of(slashes(realRoot.relativize(real)));
      }
    } catch (IOException | SecurityException e) {
      // a path that does not exist here cannot be compared through links; it is outside
    }
    return Optional.empty();
  }

  static String slashes(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }
}
