package dev.crashguard.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * One unit javac compiles at once: a Maven module, or the whole of a plain-sources project. Each engine
 * looks at one module at a time, with that module's own class path and compiler settings, so two modules
 * holding the same class name are never one compilation ("duplicate class").
 *
 * @param name what the progress lines call it ({@code app}, or the directory for a one-module project)
 * @param sourceRoots directories holding packages ({@code src/main/java}), absolute
 * @param javaFiles every {@code .java} file under the source roots that is scanned, absolute, sorted
 * @param classDirs the compiled classes of those sources (may be empty: SpotBugs then skips the module)
 * @param classpath the module's compile class path (dependencies, sibling modules' classes or jars)
 * @param release the Java release its sources are written for ({@code javac --release}); null: unknown
 * @param encoding its source encoding; null: UTF-8
 * @param processorPath where its annotation processors are loaded from
 * @param processors the annotation processors its build runs (class names); empty: none
 * @param compilerOptions its own javac options (the scanner keeps those that change what code means)
 */
record Module(
    String name,
    List<Path> sourceRoots,
    List<Path> javaFiles,
    List<Path> classDirs,
    List<Path> classpath,
    String release,
    String encoding,
    List<Path> processorPath,
    List<String> processors,
    List<String> compilerOptions) {

  Module {
    sourceRoots = List.copyOf(sourceRoots);
    javaFiles = List.copyOf(javaFiles);
    classDirs = List.copyOf(classDirs);
    classpath = List.copyOf(classpath);
    processorPath = List.copyOf(processorPath);
    processors = List.copyOf(processors);
    compilerOptions = List.copyOf(compilerOptions);
  }

  /** A module with nothing known but its files: plain sources, the demo. */
  static Module plain(String name, List<Path> sourceRoots, List<Path> javaFiles, List<Path> classDirs, List<Path> classpath, String release) {
    return new Module(name, sourceRoots, javaFiles, classDirs, classpath, release, null, List.of(), List.of(), List.of());
  }

  Module withJavaFiles(List<Path> files) {
    return new Module(name, sourceRoots, files, classDirs, classpath, release, encoding, processorPath, processors, compilerOptions);
  }
}
