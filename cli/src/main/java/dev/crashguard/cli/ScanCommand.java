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
    sortOptions = false,
    description = {
      "Runs Error Prone, PMD and SpotBugs with crashguard's checks on DIR and reports every crash hazard once,"
          + " with the engines that saw it.",
      "DIR with a pom.xml is resolved by Maven (source roots, classes, class path); otherwise give"
          + " --sources/--classes/--classpath. Without DIR and options: the bundled demo project.",
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

  @Option(names = "--baseline", paramLabel = "FILE", description = "A SARIF report from an earlier scan: findings in it are not counted.")
  String baseline;

  @Option(names = "--release", paramLabel = "N", description = "Java release Error Prone compiles for (javac --release). Default: the running JDK.")
  String release;

  @Option(names = "--maven", paramLabel = "MVN", description = "The Maven command for pom.xml projects. Default: $CRASHGUARD_MAVEN, DIR/mvnw, else mvn.")
  String maven;

  @Option(names = "--no-compile", description = "Maven projects: do not compile when target/classes is missing (SpotBugs is then skipped).")
  boolean noCompile;

  @Option(names = {"--verbose", "-v"}, description = "Show engine output (javac diagnostics, PMD and SpotBugs messages, Maven).")
  boolean verbose;

  private final PrintStream out;
  private final PrintStream err;

  ScanCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try {
      return scan();
    } catch (UsageException e) {
      err.println("crashguard: " + e.getMessage());
      return Crashguard.EXIT_USAGE;
    }
  }

  private int scan() throws UsageException {
    Consumer<String> log = verbose ? line -> err.println("  | " + line) : line -> {};
    Set<Format> chosenFormats = formats();
    List<EngineRunner> runners = runners();
    Set<Hazard> chosenHazards = hazards();
    FailOn threshold = failOn();
    Map<Format, Path> targets = targets(chosenFormats);
    Baseline base = baseline == null ? Baseline.none() : Baseline.read(Path.of(baseline));

    Project project = project(log);
    try {
      return scan(project, runners, chosenHazards, base, chosenFormats, targets, threshold, log);
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
      Set<Format> chosenFormats,
      Map<Format, Path> targets,
      FailOn threshold,
      Consumer<String> log)
      throws UsageException {
    err.println(
        "crashguard: scanning "
            + (project.kind().equals(Demo.KIND) ? "cli/src/demo" : project.root().toString())
            + " (" + project.kind() + ", " + plural(project.javaFiles().size(), "Java file") + ", "
            + plural(project.classDirs().size(), "class directory", "class directories") + ", "
            + plural(project.classpath().size(), "classpath entry", "classpath entries") + ")");
    ScanResult result = Scan.run(project, runners, chosenHazards, base, line -> err.println("  " + line), log);

    String console = ConsoleReport.render(result);
    if (chosenFormats.contains(Format.console) && !targets.containsKey(Format.console)) {
      out.print(console);
      out.flush();
    }
    ProjectPaths paths = new ProjectPaths("");
    for (Map.Entry<Format, Path> target : targets.entrySet()) {
      String text =
          switch (target.getKey()) {
            case console -> console;
            case sarif -> new SarifWriter(paths).toJson(result.findings(), result.enginesRan());
            case sonar -> new SonarGenericIssuesWriter(paths).toJson(result.findings());
            case html -> HtmlReport.render(result);
          };
      write(target.getValue(), text);
      err.println("crashguard: wrote " + target.getValue());
    }
    if (!chosenFormats.contains(Format.console)) {
      err.println(ConsoleReport.summary(result));
    }
    for (ScanResult.EngineOutcome o : result.engines().values()) {
      if (o.status() == ScanResult.EngineOutcome.Status.FAILED) {
        err.println("crashguard: " + o.engine().id() + " failed: " + o.reason());
      }
    }
    if (result.incomplete()) {
      for (String p : result.fileProblems()) {
        err.println("crashguard: not analysed: " + p);
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

  private Project project(Consumer<String> log) throws UsageException {
    boolean plainOptions = !sources.isEmpty() || !classes.isEmpty() || !classpath.isEmpty();
    if (dir == null && !plainOptions) {
      return Demo.extractAndCompile();
    }
    Path root = ProjectResolver.existingDirectory(
        ProjectResolver.path(dir == null ? "." : dir, "DIR"), "project directory");
    if (!plainOptions && Files.isRegularFile(root.resolve("pom.xml"))) {
      boolean compile = !noCompile && MavenProject.classesMissing(root);
      return MavenProject.resolve(root, mavenCommand(root), compile, log);
    }
    return ProjectResolver.plain(root, plainOptions ? "sources" : "directory", sources, classes, classpath);
  }

  private String mavenCommand(Path root) {
    if (maven != null) {
      return maven;
    }
    String env = System.getenv("CRASHGUARD_MAVEN");
    if (env != null && !env.isBlank()) {
      return env;
    }
    Path wrapper = root.resolve("mvnw");
    return Files.isExecutable(wrapper) ? wrapper.toString() : "mvn";
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

  private List<EngineRunner> runners() throws UsageException {
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
    for (EngineRunner runner : List.<EngineRunner>of(new ErrorProneRunner(release), new PmdRunner(), new SpotBugsRunner())) {
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

  private static void checkWritable(Path file) throws UsageException {
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
    if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(existing)) {
      throw new UsageException(file + ": cannot write the report (permission denied)");
    }
  }

  private static void write(Path file, String text) throws UsageException {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot write the report (" + e.getMessage() + ")");
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
