package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import dev.crashguard.reports.ProjectPaths;
import dev.crashguard.reports.SarifWriter;
import dev.crashguard.reports.SonarGenericIssuesWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crashguard scan [DIR]}: see the option descriptions, and the module README. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = Crashguard.Version.class,
    sortOptions = false,
    description = {
      "Runs Error Prone, PMD and SpotBugs with crashguard's checks on DIR and reports every crash hazard once,"
          + " with the engines that saw it.",
      "DIR with a pom.xml is built by Maven, module by module (source roots, classes, class path, release,"
          + " annotation processors), on a JDK the project accepts; otherwise give --sources/--classes/--classpath"
          + " (a Gradle build too). Without DIR and options: the bundled demo project.",
      "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error."
    })
final class ScanCommand implements Callable<Integer> {

  /** The report formats; console goes to standard output. */
  enum Format {
    console(null),
    sarif("crashguard.sarif"),
    sonar("crashguard-sonar.json"),
    html("crashguard.html");

    final String fileName;

    Format(String fileName) {
      this.fileName = fileName;
    }
  }

  /** --fail-on: the lowest severity that makes the exit status 1. */
  enum FailOn {
    error,
    warning,
    never
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The project directory.")
  String dir;

  @Option(names = "--sources", paramLabel = "DIR", description = "A source root (repeatable); default: DIR/src/main/java, else DIR.")
  List<String> sources = new ArrayList<>();

  @Option(names = "--classes", paramLabel = "DIR", description = "Compiled classes of the sources (repeatable); without them SpotBugs is skipped.")
  List<String> classes = new ArrayList<>();

  @Option(names = {"--classpath", "-cp"}, paramLabel = "PATH", description = "The project's dependencies, ':'-separated (repeatable).")
  List<String> classpath = new ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "GLOB", description = "Files not to scan, as globs on the path from DIR (repeatable, or comma-separated), e.g. '**/generated/**'; a glob without '/' also matches file names.")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--engines", split = ",", paramLabel = "ENGINE", description = "Engines to run: ep (errorprone), pmd, spotbugs (sb). Default: all.")
  List<String> engines = new ArrayList<>();

  @Option(names = "--hazards", split = ",", paramLabel = "NAME", description = "Hazards by catalog name, e.g. UnsynchronizedMapWrite. Default: all.")
  List<String> hazards = new ArrayList<>();

  @Option(names = {"--format", "-f"}, paramLabel = "FORMAT", description = "console, sarif, sonar, html (repeatable, or comma-separated). Default: console.", split = ",")
  List<String> formats = new ArrayList<>();

  @Option(names = {"--output", "-o"}, paramLabel = "PATH", description = "Where file formats go: the file for one format, a directory for several. Default: ./crashguard-report/.")
  String output;

  @Option(names = "--fail-on", paramLabel = "LEVEL", description = "error (default), warning or never.")
  String failOn = "error";

  @Option(names = "--baseline", paramLabel = "FILE", description = "A SARIF report from an earlier scan: findings in it are not counted (matched by fingerprint, so edits above them do not matter).")
  String baseline;

  @Option(names = "--release", paramLabel = "N", description = "Java release the sources are read as (javac --release). Default: each Maven module's own (maven.compiler.release/source/target), else the running JDK's.")
  String release;

  @Option(names = "--maven", paramLabel = "MVN", description = "The Maven command for pom.xml projects. Default: $CRASHGUARD_MAVEN, DIR/mvnw, else mvn.")
  String maven;

  @Option(names = "--maven-args", paramLabel = "ARGS", description = "Extra arguments for every Maven run, e.g. '-Pci -pl app -am -Dskip.npm' (repeatable).")
  List<String> mavenArgs = new ArrayList<>();

  @Option(names = "--no-compile", description = "Maven projects: do not run the build's compile phase (classes from an earlier build are used; SpotBugs skips modules without them).")
  boolean noCompile;

  @Option(names = {"--verbose", "-v"}, description = "Show engine output (javac diagnostics, PMD and SpotBugs messages, Maven).")
  boolean verbose;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  ScanCommand(PrintStream out, PrintStream err) {
    this(out, err, System.getenv());
  }

  ScanCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  @Override
  public Integer call() {
    Progress progress = Progress.forTerminal(err, env);
    try {
      return scan(progress);
    } catch (UsageException e) {
      progress.clear();
      err.println("crashguard: " + e.getMessage());
      return Crashguard.EXIT_USAGE;
    }
  }

  private int scan(Progress progress) throws UsageException {
    Consumer<String> log = verbose ? line -> progress.line("  | " + line) : line -> {};
    Set<Format> chosenFormats = formats();
    String chosenRelease = release();
    List<EngineRunner> runners = runners(chosenRelease);
    Set<Hazard> chosenHazards = hazards();
    FailOn threshold = failOn();
    Map<Format, Path> targets = targets(chosenFormats);
    Baseline base = baseline == null ? Baseline.none() : Baseline.read(Path.of(baseline));
    Excludes excluded = Excludes.of(excludes);
    List<String> extraMavenArgs = mavenArgs();

    Project project = project(progress, extraMavenArgs, log);
    try {
      project = excluded.apply(project);
      return scan(project, runners, chosenHazards, base, excluded, chosenFormats, targets, threshold, progress, log);
    } finally {
      if (project.kind().equals(Demo.KIND)) {
        Demo.delete(project.root());
      }
    }
  }

  /** What a caller does with a scan's result while the project's files are still there. */
  @FunctionalInterface
  interface ResultUse<R> {
    R apply(ScanResult result) throws UsageException;
  }

  /**
   * Resolves the project and runs the chosen engines as {@code scan} does, without writing any report; hands
   * the result to {@code use} (crashguard explain ranks it against a crash log).
   */
  <R> R analyse(Progress progress, ResultUse<R> use) throws UsageException {
    Consumer<String> log = verbose ? line -> progress.line("  | " + line) : line -> {};
    List<EngineRunner> runners = runners(release());
    Set<Hazard> chosenHazards = hazards();
    Excludes excluded = Excludes.of(excludes);
    Project project = project(progress, mavenArgs(), log);
    try {
      project = excluded.apply(project);
      for (String note : project.notes()) {
        progress.line("crashguard: note: " + note);
      }
      progress.line("crashguard: scanning " + project.root() + " (" + project.kind() + ", "
          + plural(project.javaFiles().size(), "Java file") + ")");
      ScanResult result =
          Scan.run(project, runners, chosenHazards, Baseline.none(), excluded::matches, line -> progress.line("  " + line),
              line -> progress.status("  " + line), log);
      progress.clear();
      for (ScanResult.EngineOutcome o : result.engines().values()) {
        if (o.status() == ScanResult.EngineOutcome.Status.FAILED) {
          err.println("crashguard: " + o.engine().id() + " failed: " + o.reason());
        }
      }
      return use.apply(result);
    } finally {
      if (project.kind().equals(Demo.KIND)) {
        Demo.delete(project.root());
      }
    }
  }

  private int scan(
      Project project,
      List<EngineRunner> runners,
      Set<Hazard> chosenHazards,
      Baseline base,
      Excludes excluded,
      Set<Format> chosenFormats,
      Map<Format, Path> targets,
      FailOn threshold,
      Progress progress,
      Consumer<String> log)
      throws UsageException {
    for (String note : project.notes()) {
      progress.line("crashguard: note: " + note);
    }
    int modules = project.modules().size();
    progress.line(
        "crashguard: scanning "
            + (project.kind().equals(Demo.KIND) ? "cli/src/demo" : project.root().toString())
            + " (" + project.kind() + ", " + (modules > 1 ? plural(modules, "module") + ", " : "")
            + plural(project.javaFiles().size(), "Java file") + ", "
            + plural(project.classDirs().size(), "class directory", "class directories") + ", "
            + plural(project.classpath().size(), "classpath entry", "classpath entries") + ")");
    ScanResult result =
        Scan.run(project, runners, chosenHazards, base, excluded::matches, line -> progress.line("  " + line),
            line -> progress.status("  " + line), log);
    progress.clear();

    String console = ConsoleReport.render(result);
    boolean consoleOnStdout = chosenFormats.contains(Format.console) && !targets.containsKey(Format.console);
    if (consoleOnStdout) {
      out.print(console);
      out.flush();
    }
    ProjectPaths paths = new ProjectPaths("");
    for (Map.Entry<Format, Path> target : targets.entrySet()) {
      String text =
          switch (target.getKey()) {
            case console -> console;
            case sarif ->
                new SarifWriter(paths)
                    .withSources(project.root())
                    .toJson(result.findings(), result.enginesRan(), result.notifications(), result.fingerprints());
            case sonar -> new SonarGenericIssuesWriter(paths).toJson(result.findings());
            case html -> HtmlReport.render(result);
          };
      write(target.getValue(), text);
      err.println("crashguard: wrote " + target.getValue());
    }
    if (!consoleOnStdout) {
      err.println(ConsoleReport.summary(result));
    }
    for (ScanResult.EngineOutcome o : result.engines().values()) {
      if (o.status() == ScanResult.EngineOutcome.Status.FAILED) {
        err.println("crashguard: " + o.engine().id() + " failed: " + o.reason());
      }
    }
    if (result.incomplete()) {
      // Printed once: in the console report when it went to standard output, else here.
      if (!consoleOnStdout) {
        for (FileProblem p : result.fileProblems()) {
          err.println("crashguard: not analysed: " + p);
        }
      }
      return Crashguard.EXIT_USAGE;
    }
    return failing(result, threshold) ? Crashguard.EXIT_FINDINGS : Crashguard.EXIT_OK;
  }

  private static boolean failing(ScanResult result, FailOn threshold) {
    return switch (threshold) {
      case never -> false;
      case warning -> !result.findings().isEmpty();
      case error -> result.count(Severity.ERROR) > 0;
    };
  }

  private Project project(Progress progress, List<String> extraMavenArgs, Consumer<String> log) throws UsageException {
    boolean plainOptions = !sources.isEmpty() || !classes.isEmpty() || !classpath.isEmpty();
    boolean mavenOptions = !extraMavenArgs.isEmpty() || maven != null || noCompile;
    if (dir == null && !plainOptions) {
      if (mavenOptions) {
        throw new UsageException(mavenOptionNames() + (mavenOptionCount() == 1 ? " needs" : " need")
            + " a Maven project: give its directory (crashguard scan DIR)");
      }
      return Demo.extractAndCompile();
    }
    Path root = ProjectResolver.existingDirectory(
        ProjectResolver.path(dir == null ? "." : dir, "DIR"), "project directory");
    boolean pom = Files.isRegularFile(root.resolve("pom.xml"));
    if (!plainOptions && pom) {
      return MavenProject.resolve(root, new MavenProject.Options(mavenCommand(root), extraMavenArgs, !noCompile), progress, log);
    }
    if (mavenOptions) {
      throw new UsageException(mavenOptionNames() + (mavenOptionCount() == 1 ? " applies" : " apply") + " to Maven projects, and "
          + (plainOptions ? "--sources/--classes/--classpath scan without Maven" : root + " has no pom.xml"));
    }
    if (!plainOptions) {
      for (String gradle : List.of("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle")) {
        if (Files.isRegularFile(root.resolve(gradle))) {
          throw new UsageException(root + " is a Gradle build (" + gradle + "), which crashguard does not run: build it,"
              + " then pass --sources src/main/java --classes build/classes/java/main --classpath <its compileClasspath>");
        }
      }
    }
    return ProjectResolver.plain(root, plainOptions ? "sources" : "directory", sources, classes, classpath);
  }

  private int mavenOptionCount() {
    return (maven != null ? 1 : 0) + (mavenArgs.isEmpty() ? 0 : 1) + (noCompile ? 1 : 0);
  }

  private String mavenOptionNames() {
    List<String> names = new ArrayList<>();
    if (maven != null) {
      names.add("--maven");
    }
    if (!mavenArgs.isEmpty()) {
      names.add("--maven-args");
    }
    if (noCompile) {
      names.add("--no-compile");
    }
    return String.join(", ", names);
  }

  private String mavenCommand(Path root) {
    if (maven != null) {
      return maven;
    }
    String fromEnv = env.get("CRASHGUARD_MAVEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    Path wrapper = root.resolve("mvnw");
    return Files.isExecutable(wrapper) ? wrapper.toString() : "mvn";
  }

  /** --maven-args split as a shell would: on spaces, with quotes keeping one argument together. */
  private List<String> mavenArgs() throws UsageException {
    List<String> out = new ArrayList<>();
    for (String option : mavenArgs) {
      StringBuilder current = null;
      char quote = 0;
      for (char c : option.toCharArray()) {
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else {
            current.append(c);
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
          current = current == null ? new StringBuilder() : current;
        } else if (Character.isWhitespace(c)) {
          if (current != null) {
            out.add(current.toString());
            current = null;
          }
        } else {
          current = current == null ? new StringBuilder() : current;
          current.append(c);
        }
      }
      if (quote != 0) {
        throw new UsageException("--maven-args: unmatched " + quote + " in " + option);
      }
      if (current != null) {
        out.add(current.toString());
      }
    }
    for (String arg : out) {
      if (arg.equals("-f") || arg.equals("--file") || arg.startsWith("-Doutput=") || arg.startsWith("-Dmdep.")) {
        throw new UsageException("--maven-args: " + arg + " is set by crashguard; give the project as DIR");
      }
    }
    return out;
  }

  /** --release N: a release this JDK's javac compiles for. */
  private String release() throws UsageException {
    if (release == null) {
      return null;
    }
    int newest = javax.lang.model.SourceVersion.latestSupported().ordinal();
    String text = release.strip();
    List<Integer> parsed = Jdks.parse(text);
    if (!text.matches("(1\\.)?\\d+") || parsed.isEmpty() || parsed.get(0) < 8 || parsed.get(0) > newest) {
      throw new UsageException("--release " + release + ": javac " + Runtime.version().feature()
          + " reads releases 8 to " + newest);
    }
    return Integer.toString(parsed.get(0));
  }

  private Set<Format> formats() throws UsageException {
    Set<Format> out = new LinkedHashSet<>();
    for (String f : formats) {
      try {
        out.add(Format.valueOf(f.strip().toLowerCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("unknown format '" + f + "': use " + names(Format.values()));
      }
    }
    if (out.isEmpty()) {
      out.add(Format.console);
    }
    return out;
  }

  private List<EngineRunner> runners(String chosenRelease) throws UsageException {
    Set<Engine> chosen = EnumSet.noneOf(Engine.class);
    for (String e : engines) {
      if (e.isBlank()) {
        continue;
      }
      chosen.add(
          Engine.byId(e)
              .orElseThrow(() -> new UsageException("unknown engine '" + e + "': use ep (errorprone), pmd, spotbugs (sb)")));
    }
    if (chosen.isEmpty()) {
      chosen = EnumSet.allOf(Engine.class);
    }
    List<EngineRunner> out = new ArrayList<>();
    for (EngineRunner runner :
        List.<EngineRunner>of(new ErrorProneRunner(chosenRelease), new PmdRunner(chosenRelease), new SpotBugsRunner())) {
      if (chosen.contains(runner.engine())) {
        out.add(runner);
      }
    }
    return out;
  }

  private Set<Hazard> hazards() throws UsageException {
    if (hazards.stream().allMatch(String::isBlank)) {
      return EnumSet.allOf(Hazard.class);
    }
    Set<Hazard> out = EnumSet.noneOf(Hazard.class);
    for (String name : hazards) {
      if (name.isBlank()) {
        continue;
      }
      Hazard hazard =
          Hazard.byName(name.strip())
              .orElseThrow(
                  () -> new UsageException("unknown hazard '" + name + "': the catalog has "
                      + Arrays.stream(Hazard.values()).map(Hazard::catalogName).collect(Collectors.joining(", "))));
      if (!hazard.implemented()) {
        err.println("crashguard: note: " + hazard.catalogName() + " is planned; no engine implements it yet");
      }
      out.add(hazard);
    }
    return out;
  }

  private FailOn failOn() throws UsageException {
    try {
      return FailOn.valueOf(failOn.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown --fail-on level '" + failOn + "': use " + names(FailOn.values()));
    }
  }

  /** Where each file format goes; checked writable before any engine runs. */
  private Map<Format, Path> targets(Set<Format> chosen) throws UsageException {
    List<Format> files = chosen.stream().filter(f -> f != Format.console).toList();
    Map<Format, Path> out = new LinkedHashMap<>();
    if (output == null) {
      for (Format f : files) {
        out.put(f, Path.of("crashguard-report", f.fileName).toAbsolutePath());
      }
    } else {
      Path path = ProjectResolver.path(output, "--output").toAbsolutePath().normalize();
      if (files.isEmpty()) {
        out.put(Format.console, path);
      } else if (files.size() == 1 && !Files.isDirectory(path)) {
        out.put(files.get(0), path);
      } else {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean namesAFile =
            Files.isRegularFile(path)
                || (!Files.exists(path) && List.of(".sarif", ".json", ".html", ".htm", ".txt", ".xml").stream().anyMatch(name::endsWith));
        if (namesAFile) {
          throw new UsageException("-o " + path + " names a file, but " + files.size() + " formats ("
              + files.stream().map(Enum::name).collect(Collectors.joining(", ")) + ") each write one: give a directory");
        }
        for (Format f : files) {
          out.put(f, path.resolve(f.fileName));
        }
      }
    }
    for (Path p : out.values()) {
      checkWritable(p);
    }
    return out;
  }

  /** Tries the place: a file made and removed in the nearest existing directory (root ignores permission bits). */
  static void checkWritable(Path file) throws UsageException {
    if (Files.isDirectory(file)) {
      throw new UsageException(file + ": is a directory, cannot write the report there");
    }
    Path existing = file.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new UsageException(file + ": cannot write the report (" + existing + " is not a directory)");
    }
    if (Files.exists(file)) {
      if (!Files.isWritable(file)) {
        throw new UsageException(file + ": cannot write the report (permission denied)");
      }
      return;
    }
    try {
      Path probe = Files.createTempFile(existing, ".crashguard-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot write the report (" + ProjectResolver.why(e) + " in " + existing + ")");
    }
  }

  private static void write(Path file, String text) throws UsageException {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot write the report (" + ProjectResolver.why(e) + ")");
    }
  }

  private static String plural(int n, String one) {
    return plural(n, one, one + "s");
  }

  private static String plural(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
  }
}
