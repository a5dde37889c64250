package dev.crashguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Finding;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options a real project's build gives javac, passed on by the scanner: its annotation processors (code
 * that exists only after processing), their {@code -A} options, its source encoding and release.
 */
final class ErrorProneScannerOptionsTest {

  /** Writes {@code gen.<name>} when {@code -Aproc.name=<name>} is given; nothing without it. */
  private static final String PROCESSOR =
      """
      package proc;

      import java.io.IOException;
      import java.io.UncheckedIOException;
      import java.io.Writer;
      import java.util.Set;
      import javax.annotation.processing.AbstractProcessor;
      import javax.annotation.processing.RoundEnvironment;
      import javax.annotation.processing.SupportedAnnotationTypes;
      import javax.annotation.processing.SupportedOptions;
      import javax.lang.model.SourceVersion;
      import javax.lang.model.element.TypeElement;

      @SupportedAnnotationTypes("*")
      @SupportedOptions("proc.name")
      public class MakeHolder extends AbstractProcessor {
        private boolean done;

        @Override
        public SourceVersion getSupportedSourceVersion() {
          return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
          String name = processingEnv.getOptions().get("proc.name");
          if (done || name == null) {
            return false;
          }
          done = true;
          try (Writer w = processingEnv.getFiler().createSourceFile("gen." + name).openWriter()) {
            w.write("package gen;\\npublic final class " + name + " {\\n  public static final Object MARKER = new Object();\\n}\\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return false;
        }
      }
      """;

  /** The hazard at line 10; compiles only when {@code gen.Holder} was generated. */
  private static final String COUNTER =
      """
      package app;

      import java.util.HashMap;
      import java.util.Map;
      import java.util.concurrent.ExecutorService;

      public class Counter {
        private final Map<String, Integer> counts = new HashMap<>();
        private final Object marker = gen.Holder.MARKER;

        public void count(ExecutorService pool, String word) {
          pool.execute(() -> counts.merge(word, 1, Integer::sum));
        }
      }
      """;

  private static final int LINE = 12;

  @TempDir Path tmp;
  private List<Path> ourPath;
  private Path processorClasses;
  private Path counter;

  @BeforeEach
  void setUp() throws IOException {
    ourPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.isBlank())
            .map(Path::of)
            .toList();
    Path procSource = tmp.resolve("proc-src/proc/MakeHolder.java");
    Files.createDirectories(procSource.getParent());
    Files.writeString(procSource, PROCESSOR);
    processorClasses = Files.createDirectories(tmp.resolve("proc-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter printed = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean ok =
          javac.getTask(printed, fm, null, List.of("-d", processorClasses.toString(), "-proc:none"), null,
                  fm.getJavaFileObjectsFromPaths(List.of(procSource)))
              .call();
      assertTrue(ok, printed.toString());
    }
    counter = tmp.resolve("src/app/Counter.java");
    Files.createDirectories(counter.getParent());
    Files.writeString(counter, COUNTER);
  }

  private ErrorProneScanner scanner() {
    return ErrorProneScanner.of(List.of(), ourPath).onlyChecks(Set.of("UnsynchronizedMapWrite"));
  }

  @Test
  void withoutTheProjectsProcessorTheCodeDoesNotCompileAndNothingIsFound() {
    ErrorProneScanner.Result result = scanner().scan(List.of(counter));
    assertEquals(Set.of(counter), result.filesWithErrors(), result.reports().toString());
    assertEquals(List.of(), result.findings(p -> p.getFileName().toString()));
  }

  @Test
  void theProjectsProcessorRunsWithItsOptionsAndItsCodeIsAnalysed() {
    ErrorProneScanner.Result result =
        scanner()
            .withAnnotationProcessors(List.of(processorClasses), List.of("proc.MakeHolder"))
            .withCompilerOptions(List.of("-Aproc.name=Holder", "-Werror", "-Xplugin:Other"))
            .withRelease("17")
            .scan(List.of(counter));

    assertEquals(Set.of(), result.filesWithErrors(), result.reports().toString());
    List<Finding> findings = result.findings(p -> p.getFileName().toString());
    assertEquals(1, findings.size(), result.reports().toString());
    assertEquals("Counter.java", findings.get(0).file());
    assertEquals(LINE, findings.get(0).line());
  }

  @Test
  void theProcessorsOptionIsWhatMakesItGenerate() {
    ErrorProneScanner.Result result =
        scanner().withAnnotationProcessors(List.of(processorClasses), List.of("proc.MakeHolder")).scan(List.of(counter));
    assertEquals(Set.of(counter), result.filesWithErrors(), "no -Aproc.name, no gen.Holder");
  }

  @Test
  void sourcesAreReadInTheProjectsEncoding() throws IOException {
    Path latin = tmp.resolve("src/app/Latin.java");
    Files.write(
        latin,
        COUNTER.replace("class Counter", "class Latin").replace("  private final Object marker = gen.Holder.MARKER;\n", "  // caf\u00e9\n")
            .getBytes(StandardCharsets.ISO_8859_1));

    assertEquals(Set.of(latin), scanner().scan(List.of(latin)).filesWithErrors(), "é in ISO-8859-1 is not UTF-8");
    ErrorProneScanner.Result latin1 = scanner().withEncoding("ISO-8859-1").scan(List.of(latin));
    assertEquals(Set.of(), latin1.filesWithErrors(), latin1.reports().toString());
    assertEquals(1, latin1.findings(p -> p.toString()).size());
  }

  @Test
  void anOlderReleaseRejectsNewerLanguage() throws IOException {
    Path record = tmp.resolve("src/app/Point.java");
    Files.writeString(record, "package app;\n\npublic record Point(int x, int y) {}\n");
    assertEquals(Set.of(), scanner().withRelease("17").scan(List.of(record)).filesWithErrors());
    assertEquals(Set.of(record), scanner().withRelease("11").scan(List.of(record)).filesWithErrors(), "records are 16+");
  }

  /** kryo's UnsafeUtil, built for Java 8: the JDK's internals are read as a Java 8 build reads them. */
  @Test
  void java8SourcesReadTheJdkInternalsTheirBuildReads() throws IOException {
    Path unsafe = tmp.resolve("src/app/Direct.java");
    Files.writeString(unsafe, "package app;\n\nclass Direct {\n  sun.misc.Unsafe unsafe;\n"
        + "  long address(java.nio.ByteBuffer b) {\n    return ((sun.nio.ch.DirectBuffer) b).address();\n  }\n}\n");
    for (String release : List.of("8", "1.8")) {
      ErrorProneScanner.Result result = scanner().withRelease(release).scan(List.of(unsafe));
      assertEquals(Set.of(), result.filesWithErrors(), release + ": " + result.reports());
    }
    assertEquals(List.of("-source", "8", "-target", "8"), ErrorProneScanner.releaseOptions("1.8"));
    assertEquals(List.of("--release", "11"), ErrorProneScanner.releaseOptions("11"));
  }
}
