package dev.crashguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a scan looks at, resolved once for every engine: one or more {@link Module}s under one root.
 *
 * @param root what every reported path is relative to (SARIF {@code %SRCROOT%}, SonarQube's base dir)
 * @param kind how it was resolved, for the console header ("Maven project", "sources", "bundled demo")
 * @param modules in build order (Maven's reactor order: a module after those it depends on)
 * @param notes what resolving the project found worth saying once (the JDK Maven ran on, say)
 */
record Project(Path root, String kind, List<Module> modules, List<String> notes) {

  Project {
    root = root.toAbsolutePath().normalize();
    modules = List.copyOf(modules);
    notes = List.copyOf(notes);
  }

  Project(Path root, String kind, List<Module> modules) {
    this(root, kind, modules, List.of());
  }

  /** Every module's source roots. */
  List<Path> sourceRoots() {
    return distinct(modules.stream().flatMap(m -> m.sourceRoots().stream()).toList());
  }

  /** Every scanned file. */
  List<Path> javaFiles() {
    return distinct(modules.stream().flatMap(m -> m.javaFiles().stream()).toList());
  }

  List<Path> classDirs() {
    return distinct(modules.stream().flatMap(m -> m.classDirs().stream()).toList());
  }

  /** Every module's class path, less the project's own class directories. */
  List<Path> classpath() {
    List<Path> all = new ArrayList<>(distinct(modules.stream().flatMap(m -> m.classpath().stream()).toList()));
    all.removeAll(classDirs());
    return all;
  }

  Project withModules(List<Module> replaced) {
    return new Project(root, kind, replaced, notes);
  }

  /** {@code file} relative to the project root with {@code /} separators; absolute if outside it. */
  String relative(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path rel = absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  /** Whether a file lies under the root (a source javac generated elsewhere does not). */
  boolean contains(Path file) {
    return file.toAbsolutePath().normalize().startsWith(root);
  }

  /**
   * The project-relative path of a source file known only by its package path ({@code demo/Counter.java},
   * what bytecode records): the first source root of {@code module} that has it.
   */
  Optional<String> fromPackagePath(Module module, String packagePath) {
    for (Path sourceRoot : module.sourceRoots()) {
      Path candidate = sourceRoot.resolve(packagePath).toAbsolutePath().normalize();
      if (module.javaFiles().contains(candidate)) {
        return Optional.of(relative(candidate));
      }
    }
    return Optional.empty();
  }

  /** The same, over every module. */
  Optional<String> fromPackagePath(String packagePath) {
    for (Module module : modules) {
      Optional<String> found = fromPackagePath(module, packagePath);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static List<Path> distinct(List<Path> paths) {
    Set<Path> out = new LinkedHashSet<>(paths);
    return new ArrayList<>(out);
  }
}
