package dev.crashguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Runs the real CLI, in this JVM or as {@code java -jar}, and makes small projects for it. */
final class CliRuns {

  /**
   * The catalog name of a hazard no engine implements yet, for the tests of how a planned hazard is shown;
   * the tests that need one are skipped once every hazard is implemented.
   */
  static String aPlannedHazard() {
    return Arrays.stream(dev.crashguard.catalog.Hazard.values())
        .filter(h -> !h.implemented())
        .map(dev.crashguard.catalog.Hazard::catalogName)
        .findFirst()
        .orElseGet(() -> {
          org.junit.jupiter.api.Assumptions.abort("every hazard is implemented");
          return null;
        });
  }
  private CliRuns() {}

  /** What a run printed and returned. */
  record Run(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /** The one line a bad input gets: exactly one line on stderr, nothing on stdout, no stack trace. */
    String onlyErrorLine() {
      assertEquals(List.of(), out.lines().toList(), "nothing on stdout for bad input; stderr: " + err);
      assertEquals(1, errLines().size(), "exactly one line on stderr, got:\n" + err);
      assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
      return errLines().get(0);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Run inProcess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Crashguard.run(args, o, e);
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code java -jar target/crashguard-cli-*.jar args} with this JVM's java, in {@code workDir}. */
  static Run forked(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("crashguard.cli.jar"));
    assertTrue(Files.isRegularFile(jar), "package the CLI first: " + jar);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(Arrays.asList(args));
    Path out = Files.createTempFile("crashguard-out", ".txt");
    Path err = Files.createTempFile("crashguard-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("java -jar did not finish in 10 minutes: " + command);
    }
    Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  /** A directory with {@code src/main/java/<path>} files. */
  static Path project(Path dir, Map<String, String> sources) throws IOException {
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = dir.resolve("src/main/java").resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
    }
    return dir;
  }

  /** Compiles {@code project}'s sources into {@code target/classes} with plain javac; returns that dir. */
  static Path compile(Path project) throws IOException {
    Path classes = project.resolve("target/classes");
    Files.createDirectories(classes);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(project.resolve("src/main/java"))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter printed = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean ok =
          javac.getTask(printed, fm, null, List.of("-d", classes.toString(), "-g", "-proc:none"), null,
                  fm.getJavaFileObjectsFromPaths(files))
              .call();
      assertTrue(ok, "test project must compile: " + printed);
    }
    return classes;
  }

  /** The test JVM's class path: the corpus' dependencies (Spring, servlet API, annotations) are on it. */
  static String testClasspath() {
    return String.join(
        File.pathSeparator,
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.isBlank() && Files.exists(Path.of(e)))
            .toList());
  }

  static final String COUNTER =
      """
      package demo;

      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ExecutorService;

      public class Counter {
        private final Map<String, Integer> counts = new HashMap<>();

        public void countAll(ExecutorService pool, List<String> words) {
          for (String word : words) {
            pool.execute(() -> counts.merge(word, 1, Integer::sum));
          }
        }
      }
      """;

  /** Line of the write in {@link #COUNTER}. */
  static final int COUNTER_LINE = 13;

  static final String SAFE_COUNTER =
      """
      package demo;

      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ExecutorService;

      public class SafeCounter {
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        public void countAll(ExecutorService pool, List<String> words) {
          for (String word : words) {
            pool.execute(() -> counts.merge(word, 1, Integer::sum));
          }
        }
      }
      """;
}
