package dev.crashguard.errorprone;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
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
 * The real javac with {@code -Xplugin:ErrorProne}, as a user's build runs it, with only the crashguard
 * checks this module registers enabled. Class files go to a temporary directory.
 */
final class ErrorProneRun {

  /** What Error Prone prints when a check throws; the user's build would fail with it. */
  static final String CRASH = "An unhandled exception was thrown by the Error Prone static analysis plugin";

  private static final Pattern CHECK_PREFIX = Pattern.compile("^\\[(\\w+)] ", Pattern.DOTALL);

  /** One diagnostic: file, line, kind, and for a crashguard check its name and clean message. */
  record Report(Path file, long line, Diagnostic.Kind kind, String check, String message, String raw) {
    boolean isCrashguard() {
      return check != null;
    }

    @Override
    public String toString() {
      return file + ":" + line + ": " + kind + ": " + raw;
    }
  }

  private final List<Report> reports;
  private final String output;

  private ErrorProneRun(List<Report> reports, String output) {
    this.reports = List.copyOf(reports);
    this.output = output;
  }

  /** The checks this module registers, as javac's plugin loader finds them. */
  static List<Class<? extends BugChecker>> registeredChecks() {
    return ServiceLoader.load(BugChecker.class).stream()
        .map(ServiceLoader.Provider::type)
        .filter(type -> type.getPackageName().startsWith("dev.crashguard."))
        .sorted(Comparator.comparing(Class::getName))
        .<Class<? extends BugChecker>>map(type -> type)
        .toList();
  }

  static String checkName(Class<? extends BugChecker> check) {
    BugPattern pattern = check.getAnnotation(BugPattern.class);
    return pattern.name().isEmpty() ? check.getSimpleName() : pattern.name();
  }

  static ErrorProneRun compile(List<Path> sources) {
    List<String> names = registeredChecks().stream().map(ErrorProneRun::checkName).toList();
    if (names.isEmpty()) {
      throw new AssertionError("no crashguard BugChecker registered in META-INF/services");
    }
    StringBuilder plugin = new StringBuilder("-Xplugin:ErrorProne -XepDisableAllChecks");
    for (String name : names) {
      plugin.append(" -Xep:").append(name).append(":ERROR");
    }
    plugin.append(" -XepOpt:").append(CrashguardChecker.RETHROW_FLAG).append("=true");
    Path out;
    try {
      out = Files.createTempDirectory("crashguard-ep-classes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String classpath = System.getProperty("java.class.path");
    List<String> options =
        List.of(
            "-d", out.toString(),
            "-classpath", classpath,
            "-processorpath", classpath,
            "-proc:none",
            "--release", "21",
            "-encoding", "UTF-8",
            "-Xlint:none",
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xmaxerrs", "10000",
            plugin.toString());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
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
      Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
      String raw = d.getMessage(Locale.ROOT);
      Matcher prefix = CHECK_PREFIX.matcher(raw);
      String check = null;
      String message = raw;
      if (prefix.find() && names.contains(prefix.group(1))) {
        check = prefix.group(1);
        message = firstParagraph(raw.substring(prefix.end()));
      }
      reports.add(new Report(file, d.getLineNumber(), d.getKind(), check, message, raw));
    }
    return new ErrorProneRun(reports, printed.toString());
  }

  /** The message without Error Prone's trailing "(see …)" link and "Did you mean …" lines. */
  static String firstParagraph(String text) {
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

  List<Report> reports() {
    return reports;
  }

  List<Report> crashguardReports() {
    return reports.stream().filter(Report::isCrashguard).toList();
  }

  /** Compile errors and warnings that are not crashguard findings, crashes of any check included. */
  List<String> problems() {
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

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
