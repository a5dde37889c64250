package dev.crashguard.errorprone;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.errorprone.common.CrashguardChecker;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs the real javac with {@code -Xplugin:ErrorProne} and only the crashguard checks enabled, the way a
 * user's build runs them, and returns what they report. Compilation stops after flow analysis (where Error
 * Prone runs), so no class file is generated; the {@code -d} directory javac insists on is a temporary
 * directory, deleted afterwards.
 *
 * <p>The caller's JVM must be a JDK 21+ started with the {@code --add-exports}/{@code --add-opens} flags
 * for {@code jdk.compiler} that Error Prone needs (see the parent pom's {@code errorprone.jvm.flags}).
 * Error Prone itself, this module and the catalog must be on {@code processorPath}: javac loads the plugin
 * from there, as from {@code -processorpath} in a build.
 *
 * <p>This is the one place that knows how to drive Error Prone: the corpus test and the command line both
 * use it.
 */
public final class ErrorProneScanner {

  /** What Error Prone prints when a check throws; the user's build would fail with it. */
  public static final String CRASH =
      "An unhandled exception was thrown by the Error Prone static analysis plugin";

  private static final Pattern CHECK_PREFIX = Pattern.compile("^\\[(\\w+)] ", Pattern.DOTALL);

  /** One javac diagnostic: file, line, kind, and for a crashguard check its name and clean message. */
  public record Report(Path file, long line, Diagnostic.Kind kind, String check, String message, String raw) {
    public boolean isCrashguard() {
      return check != null;
    }

    @Override
    public String toString() {
      return file + ":" + line + ": " + kind + ": " + raw;
    }
  }

  /** Everything one javac run said. */
  public record Result(List<Report> reports, String output) {
    public Result {
      reports = List.copyOf(reports);
    }

    public List<Report> crashguardReports() {
      return reports.stream().filter(Report::isCrashguard).toList();
    }

    /** Compile errors that are not crashguard findings, and crashes of any check. */
    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      for (Report r : reports) {
        if ((!r.isCrashguard() && r.kind() == Diagnostic.Kind.ERROR) || r.raw().contains(CRASH)) {
          problems.add(r.toString());
        }
      }
      if (output.contains(CRASH)) {
        problems.add(output);
      }
      return problems;
    }

    /** The files javac reported an error in that is not a crashguard finding. */
    public Set<Path> filesWithErrors() {
      Set<Path> files = new LinkedHashSet<>();
      for (Report r : reports) {
        if (!r.isCrashguard() && r.kind() == Diagnostic.Kind.ERROR && r.file() != null) {
          files.add(r.file());
        }
      }
      return files;
    }

    /** The crashguard reports as findings; {@code relativize} gives a file's path from its source root. */
    public List<Finding> findings(Function<Path, String> relativize) {
      List<Finding> findings = new ArrayList<>();
      for (Report r : crashguardReports()) {
        Hazard.byName(r.check())
            .ifPresent(
                hazard ->
                    findings.add(
                        new Finding(
                            Engine.ERROR_PRONE, hazard, relativize.apply(r.file()), (int) r.line(), r.message())));
      }
      return findings;
    }
  }

  private final List<Path> classpath;
  private final List<Path> processorPath;
  private final String release;
  private final boolean rethrow;
  private final Set<String> checks;
  private final Processors processors;
  private final String encoding;
  private final List<String> compilerOptions;

  /**
   * The analysed project's own annotation processors: where they are, and which to run ({@code names},
   * fully qualified). None: {@code -proc:none}.
   */
  private record Processors(List<Path> path, List<String> names) {
    static final Processors NONE = new Processors(List.of(), List.of());
  }

  private ErrorProneScanner(
      List<Path> classpath,
      List<Path> processorPath,
      String release,
      boolean rethrow,
      Set<String> checks,
      Processors processors,
      String encoding,
      List<String> compilerOptions) {
    this.classpath = List.copyOf(classpath);
    this.processorPath = List.copyOf(processorPath);
    this.release = release;
    this.rethrow = rethrow;
    this.checks = Set.copyOf(checks);
    this.processors = processors;
    this.encoding = encoding;
    this.compilerOptions = List.copyOf(compilerOptions);
  }

  /**
   * A scanner that resolves the analysed code's types against {@code classpath} and loads Error Prone and
   * the checks from {@code processorPath}; every registered crashguard check is on, as an error.
   */
  public static ErrorProneScanner of(List<Path> classpath, List<Path> processorPath) {
    List<String> names = registeredChecks().stream().map(ErrorProneScanner::checkName).toList();
    return new ErrorProneScanner(
        classpath, processorPath, null, false, new LinkedHashSet<>(names), Processors.NONE, "UTF-8", List.of());
  }

  /** The same scanner with {@code --release N} (null: the running JDK's own version). */
  public ErrorProneScanner withRelease(String release) {
    return new ErrorProneScanner(
        classpath, processorPath, release, rethrow, checks, processors, encoding, compilerOptions);
  }

  /** The same scanner with a check's unexpected exception failing the run instead of being no finding. */
  public ErrorProneScanner rethrowingCheckErrors() {
    return new ErrorProneScanner(classpath, processorPath, release, true, checks, processors, encoding, compilerOptions);
  }

  /** The same scanner with only the named checks on (catalog names; unknown names are ignored). */
  public ErrorProneScanner onlyChecks(Set<String> names) {
    Set<String> kept = new LinkedHashSet<>(checks);
    kept.retainAll(names);
    return new ErrorProneScanner(classpath, processorPath, release, rethrow, kept, processors, encoding, compilerOptions);
  }

  /**
   * The same scanner running the analysed project's annotation processors (Lombok, MapStruct, AutoValue,
   * ...) as its build does, so code that only exists after processing (generated getters, generated
   * classes) is attributed and analysed like the rest: {@code processors} (class names) are loaded from
   * {@code path}, which is searched after Error Prone's own processor path. An empty {@code processors}
   * list turns processing off ({@code -proc:none}, the default). javac 23+ runs processors only when told
   * to, so processing is then {@code -proc:full}. Files a processor generates are compiled and analysed
   * with the rest, in the temporary output directory; their findings name files outside the sources.
   */
  public ErrorProneScanner withAnnotationProcessors(List<Path> path, List<String> processors) {
    Processors chosen =
        processors.isEmpty() ? Processors.NONE : new Processors(List.copyOf(path), List.copyOf(processors));
    return new ErrorProneScanner(classpath, processorPath, release, rethrow, checks, chosen, encoding, compilerOptions);
  }

  /** The same scanner reading sources in {@code encoding} (javac {@code -encoding}; default UTF-8). */
  public ErrorProneScanner withEncoding(String encoding) {
    return new ErrorProneScanner(
        classpath, processorPath, release, rethrow, checks, processors, encoding == null ? "UTF-8" : encoding,
        compilerOptions);
  }

  /**
   * The same scanner passing the project's own javac options: only those that change what the code means
   * or what processors generate, {@code -A<key>=<value>}, {@code -parameters} and {@code --enable-preview}
   * (the last only with {@code --release} of the running JDK's version, as javac requires).
   * Anything else (another {@code -Xplugin}, {@code -Werror}, {@code -proc:}, {@code -d}) would change how
   * the scan runs, not what it reads, and is left out.
   */
  public ErrorProneScanner withCompilerOptions(List<String> options) {
    List<String> kept = new ArrayList<>();
    for (String option : options) {
      if ((option.startsWith("-A") && option.length() > 2) || option.equals("-parameters")
          || option.equals("--enable-preview")) {
        kept.add(option);
      }
    }
    return new ErrorProneScanner(classpath, processorPath, release, rethrow, checks, processors, encoding, kept);
  }

  /** The checks this scanner turns on. */
  public Set<String> checks() {
    return checks;
  }

  /** The crashguard checks registered through {@code META-INF/services}, as javac's plugin loader finds them. */
  public static List<Class<? extends BugChecker>> registeredChecks() {
    return ServiceLoader.load(BugChecker.class, ErrorProneScanner.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::type)
        .filter(type -> type.getPackageName().startsWith("dev.crashguard."))
        .sorted(Comparator.comparing(Class::getName))
        .<Class<? extends BugChecker>>map(type -> type)
        .toList();
  }

  /** A check's name: its {@code @BugPattern} name, or its simple class name. */
  public static String checkName(Class<? extends BugChecker> check) {
    BugPattern pattern = check.getAnnotation(BugPattern.class);
    return pattern.name().isEmpty() ? check.getSimpleName() : pattern.name();
  }

  /** Compiles {@code sources} up to flow analysis with the checks on. Never writes a class file. */
  public Result scan(List<Path> sources) {
    Objects.requireNonNull(sources, "sources");
    if (checks.isEmpty() || sources.isEmpty()) {
      return new Result(List.of(), "");
    }
    StringBuilder plugin = new StringBuilder("-Xplugin:ErrorProne -XepDisableAllChecks");
    for (String name : checks) {
      plugin.append(" -Xep:").append(name).append(":ERROR");
    }
    plugin.append(" -XepOpt:").append(CrashguardChecker.RETHROW_FLAG).append('=').append(rethrow);
    Path out;
    try {
      out = Files.createTempDirectory("crashguard-ep-classes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> options = new ArrayList<>();
    options.addAll(List.of("-d", out.toString()));
    options.addAll(List.of("-classpath", join(classpath)));
    List<Path> searched = new ArrayList<>(processorPath);
    searched.addAll(processors.path());
    options.addAll(List.of("-processorpath", join(searched)));
    if (processors.names().isEmpty()) {
      options.add("-proc:none");
    } else {
      options.add("-proc:full");
      options.addAll(List.of("-processor", String.join(",", processors.names())));
    }
    if (release != null) {
      options.addAll(releaseOptions(release));
    }
    for (String option : compilerOptions) {
      // javac takes --enable-preview only with --release (or -source) of its own version.
      boolean previewAllowed = release != null && release.equals(Integer.toString(Runtime.version().feature()));
      if (!option.equals("--enable-preview") || previewAllowed) {
        options.add(option);
      }
    }
    options.addAll(
        List.of(
            "-encoding", encoding,
            "-Xlint:none",
            "-nowarn",
            "-XDcompilePolicy=simple",
            // Error Prone runs when flow analysis of a class finishes; nothing after it is needed, so
            // javac stops there with or without errors and never generates code.
            "--should-stop=ifError=FLOW",
            "--should-stop=ifNoError=FLOW",
            "-Xmaxerrs", "100000",
            plugin.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler in this runtime: run crashguard on a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter printed = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      javac.getTask(printed, files, diagnostics, options, null, units).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteRecursively(out);
    }
    List<Report> reports = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      Path file = sourcePath(d.getSource());
      String raw = d.getMessage(Locale.ROOT);
      Matcher prefix = CHECK_PREFIX.matcher(raw);
      String check = null;
      String message = raw;
      if (prefix.find() && checks.contains(prefix.group(1))) {
        check = prefix.group(1);
        message = firstParagraph(raw.substring(prefix.end()));
      }
      reports.add(new Report(file, d.getLineNumber(), d.getKind(), check, message, raw));
    }
    return new Result(reports, printed.toString());
  }

  /**
   * The file a diagnostic is about, or null when it is not a file on disk: javac also reports on class
   * files read from jars ({@code jar:} URIs), which {@link Path#of(java.net.URI)} cannot open without a
   * zip file system (it throws FileSystemNotFoundException).
   */
  static Path sourcePath(JavaFileObject source) {
    if (source == null || !"file".equalsIgnoreCase(source.toUri().getScheme())) {
      return null;
    }
    return Path.of(source.toUri());
  }

  /** The message without Error Prone's trailing "(see …)" link and "Did you mean …" lines. */
  public static String firstParagraph(String text) {
    List<String> kept = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String stripped = line.strip();
      if (stripped.startsWith("(see ") || stripped.startsWith("Did you mean")) {
        break;
      }
      kept.add(line);
    }
    return String.join("\n", kept).strip();
  }

  /**
   * The options that read the sources as Java {@code release}. {@code --release} compiles against the
   * platform API of that release, so code written for Java 11 sees no method added later. For 8 and older
   * it is {@code -source}/{@code -target} instead: the JDK's record of Java 8's API lacks the internals a
   * Java 8 build could read ({@code sun.misc.Unsafe}, {@code sun.nio.ch.DirectBuffer}), and a file that uses
   * them would be skipped, {@code Unsafe} code above all.
   */
  static List<String> releaseOptions(String release) {
    int feature = Integer.parseInt(release.startsWith("1.") ? release.substring(2) : release);
    return feature <= 8
        ? List.of("-source", Integer.toString(feature), "-target", Integer.toString(feature))
        : List.of("--release", release);
  }

  private static String join(List<Path> paths) {
    return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
