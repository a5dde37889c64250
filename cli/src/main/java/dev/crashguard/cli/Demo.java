package dev.crashguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The demo project bundled in the CLI jar ({@code cli/src/demo}): a few real hazards and their compliant
 * twins. {@code crashguard scan} without a directory copies it to a temporary directory and compiles it
 * there with the JDK's javac, so that all three engines, SpotBugs included, have something to show. Its
 * dependencies are bundled as jars under {@code lib/} (copied in by the build) and make its class path.
 */
final class Demo {
  static final String RESOURCE_DIR = "crashguard-demo/";
  static final String INDEX = RESOURCE_DIR + "files.txt";
  static final String KIND = "bundled demo project";
  /** Where the demo's dependencies are, in the index and the unpacked copy: jars, its class path. */
  static final String LIB = "lib/";

  private Demo() {}

  static Project extractAndCompile() throws UsageException {
    List<String> files = index();
    Path root;
    try {
      root = Files.createTempDirectory("crashguard-demo");
      for (String name : files) {
        Path target = root.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
          if (in == null) {
            throw new UsageException("the bundled demo is incomplete: " + name + " is missing from the jar");
          }
          Files.copy(in, target);
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot unpack the demo project: " + e.getMessage());
    }
    Path sources = root.resolve("src/main/java");
    Path classes = root.resolve("target/classes");
    List<Path> javaFiles = ProjectResolver.javaFiles(List.of(sources));
    List<Path> classpath = files.stream().filter(f -> f.startsWith(LIB) && f.endsWith(".jar")).map(root::resolve).toList();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new UsageException("no Java compiler in this runtime: run crashguard on a JDK 21+, not a JRE");
    }
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(classes);
      List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-nowarn", "-g"));
      if (!classpath.isEmpty()) {
        options.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
      }
      boolean ok = javac.getTask(out, fm, null, options, null, fm.getJavaFileObjectsFromPaths(javaFiles)).call();
      if (!ok) {
        throw new UsageException("the bundled demo does not compile: " + out.toString().lines().findFirst().orElse(""));
      }
    } catch (IOException e) {
      throw new UsageException("cannot compile the demo project: " + e.getMessage());
    }
    return new Project(root, KIND, List.of(Module.plain("demo", List.of(sources), javaFiles, List.of(classes), classpath, null)));
  }

  /** Removes the unpacked copy once the reports are written. */
  static void delete(Path root) {
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  static List<String> index() throws UsageException {
    try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new UsageException("the demo project is not bundled in this build (" + INDEX + " missing)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UsageException("cannot read the demo index: " + e.getMessage());
    }
  }
}
