package dev.crashguard.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the command line into a {@link Project}, checking every path first so that bad input is one line
 * and exit 2, before any engine starts.
 */
final class ProjectResolver {
  private ProjectResolver() {}

  /** Plain sources: {@code --sources}, {@code --classes}, {@code --classpath}, relative to {@code root}. */
  static Project plain(Path root, String kind, List<String> sources, List<String> classes, List<String> classpath)
      throws UsageException {
    Path base = existingDirectory(root, "project directory");
    List<Path> sourceRoots = new ArrayList<>();
    for (String s : sources) {
      sourceRoots.add(existingDirectory(base.resolve(path(s, "--sources")), "source directory"));
    }
    if (sourceRoots.isEmpty()) {
      sourceRoots.add(defaultSourceRoot(base));
    }
    List<Path> classDirs = new ArrayList<>();
    for (String c : classes) {
      Path dir = base.resolve(path(c, "--classes")).toAbsolutePath().normalize();
      if (!Files.exists(dir)) {
        throw new UsageException(dir + ": no such classes directory or jar");
      }
      readable(dir);
      classDirs.add(dir);
    }
    List<Path> cp = classpathEntries(base, classpath);
    String name = base.getFileName() == null ? base.toString() : base.getFileName().toString();
    return new Project(base, kind, List.of(Module.plain(name, sourceRoots, javaFiles(sourceRoots), classDirs, cp, null)));
  }

  /** src/main/java when the directory has one, else the directory itself. */
  static Path defaultSourceRoot(Path base) {
    Path conventional = base.resolve("src/main/java");
    return Files.isDirectory(conventional) ? conventional : base;
  }

  static List<Path> classpathEntries(Path base, List<String> classpath) throws UsageException {
    List<Path> cp = new ArrayList<>();
    for (String option : classpath) {
      for (String entry : option.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        Path p = base.resolve(path(entry, "--classpath")).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
          throw new UsageException(p + ": classpath entry does not exist");
        }
        readable(p);
        cp.add(p);
      }
    }
    return cp;
  }

  static Path existingDirectory(Path dir, String what) throws UsageException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new UsageException(abs + ": no such " + what);
    }
    if (!Files.isDirectory(abs)) {
      throw new UsageException(abs + ": not a directory");
    }
    readable(abs);
    return abs;
  }

  static void readable(Path p) throws UsageException {
    if (!Files.isReadable(p) || (Files.isDirectory(p) && !Files.isExecutable(p))) {
      throw new UsageException(p + ": cannot read it (permission denied)");
    }
  }

  /** An I/O failure in a few words, without the exception class. */
  static String why(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static Path path(String text, String option) throws UsageException {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException(option + ": not a path: " + text);
    }
  }

  /** Every .java file under the roots, sorted; at least one, and each readable. */
  static List<Path> javaFiles(List<Path> roots) throws UsageException {
    Set<Path> files = new LinkedHashSet<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
            .map(p -> p.toAbsolutePath().normalize())
            .sorted()
            .forEach(files::add);
      } catch (IOException | UncheckedIOException e) {
        throw new UsageException(root + ": cannot list it (" + e.getMessage() + ")");
      }
    }
    if (files.isEmpty()) {
      throw new UsageException(
          "no Java files under " + String.join(", ", roots.stream().map(Path::toString).toList()));
    }
    for (Path f : files) {
      if (!Files.isReadable(f)) {
        throw new UsageException(f + ": cannot read it (permission denied)");
      }
    }
    return new ArrayList<>(files);
  }
}
