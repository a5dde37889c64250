package dev.crashguard.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a scan looks at, resolved once for every engine.
 *
 * @param root what every reported path is relative to (SARIF {@code %SRCROOT%}, SonarQube's base dir)
 * @param kind how it was resolved, for the console header ("Maven project", "sources", "bundled demo")
 * @param sourceRoots directories holding packages ({@code src/main/java}), absolute
 * @param javaFiles every {@code .java} file under the source roots, absolute, sorted
 * @param classDirs compiled classes of those sources (may be empty: SpotBugs is then skipped)
 * @param classpath the project's dependencies, for type resolution in every engine
 */
record Project(
    Path root,
    String kind,
    List<Path> sourceRoots,
    List<Path> javaFiles,
    List<Path> classDirs,
    List<Path> classpath) {

  Project {
    root = root.toAbsolutePath().normalize();
    sourceRoots = List.copyOf(sourceRoots);
    javaFiles = List.copyOf(javaFiles);
    classDirs = List.copyOf(classDirs);
    classpath = List.copyOf(classpath);
  }

  /** {@code file} relative to the project root with {@code /} separators; absolute if outside it. */
  String relative(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path rel = absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  /**
   * The project-relative path of a source file known only by its package path ({@code demo/Counter.java},
   * what bytecode records): the first source root that has it.
   */
  Optional<String> fromPackagePath(String packagePath) {
    for (Path sourceRoot : sourceRoots) {
      Path candidate = sourceRoot.resolve(packagePath);
      if (javaFiles.contains(candidate.toAbsolutePath().normalize())) {
        return Optional.of(relative(candidate));
      }
    }
    return Optional.empty();
  }
}
