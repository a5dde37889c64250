package dev.crashguard.reports;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: reads the engines' reports and writes SonarQube and SARIF reports.
 *
 * <pre>
 * java -cp crashguard-reports.jar:crashguard-catalog.jar dev.crashguard.reports.ConvertReports \
 *     --pmd target/pmd.xml --spotbugs target/spotbugsXml.xml --source-root src/main/java \
 *     [--project-root .] [--sonar target/crashguard-sonar.json] [--sarif target/crashguard.sarif]
 * </pre>
 *
 * {@code --pmd} and {@code --spotbugs} may each be given several times; at least one report and one output
 * are required. Paths on the command line are relative to the working directory. {@code --project-root}
 * (default: the working directory) must contain the source root and is what output paths are relative to: SonarQube's {@code sonar.projectBaseDir}, SARIF's {@code %SRCROOT%}. Exit status 0 on success, 2 on
 * bad usage or a report that cannot be read or written, with one line on stderr saying which and why.
 * Warnings (files outside the source root, PMD processing errors) go to stderr and do not fail the run.
 */
public final class ConvertReports {
  static final int OK = 0;
  static final int BAD_INPUT = 2;

  private static final String USAGE =
      "usage: ConvertReports (--pmd FILE | --spotbugs FILE)... --source-root DIR [--project-root DIR]"
          + " (--sonar FILE | --sarif FILE)...";

  private ConvertReports() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  /** Runs the conversion; returns the exit status. Never throws for bad input. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("crashguard-reports: " + e.getMessage());
      err.println(USAGE);
      return BAD_INPUT;
    }
    if (!Files.isDirectory(options.sourceRoot)) {
      err.println("crashguard-reports: " + options.sourceRoot + ": source root is not a directory");
      return BAD_INPUT;
    }
    try {
      ProjectPaths paths = ProjectPaths.of(options.projectRoot, options.sourceRoot);
      List<Finding> findings = new ArrayList<>();
      Set<Engine> engines = EnumSet.noneOf(Engine.class);
      Map<Engine, Integer> counts = new LinkedHashMap<>();
      for (Path report : options.pmd) {
        List<Finding> read = new PmdReportReader(options.sourceRoot, w -> warn(err, w)).read(report);
        findings.addAll(read);
        engines.add(Engine.PMD);
        counts.merge(Engine.PMD, read.size(), Integer::sum);
      }
      for (Path report : options.spotbugs) {
        List<Finding> read = new SpotBugsReportReader(options.sourceRoot, w -> warn(err, w)).read(report);
        findings.addAll(read);
        engines.add(Engine.SPOTBUGS);
        counts.merge(Engine.SPOTBUGS, read.size(), Integer::sum);
      }
      List<MergedFinding> merged = MergedFinding.merge(findings);
      List<String> written = new ArrayList<>();
      if (options.sonar != null) {
        new SonarGenericIssuesWriter(paths).write(merged, options.sonar);
        written.add(options.sonar.toString());
      }
      if (options.sarif != null) {
        new SarifWriter(paths).withSources(options.projectRoot).write(merged, engines, options.sarif);
        written.add(options.sarif.toString());
      }
      StringBuilder summary = new StringBuilder("crashguard-reports: ").append(findings.size()).append(" findings (");
      String sep = "";
      for (Map.Entry<Engine, Integer> e : counts.entrySet()) {
        summary.append(sep).append(e.getKey().id()).append(' ').append(e.getValue());
        sep = ", ";
      }
      out.println(summary.append("); wrote ").append(String.join(", ", written)));
      return OK;
    } catch (ReportException e) {
      err.println("crashguard-reports: " + e.getMessage());
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("crashguard-reports: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  private static void warn(PrintStream err, String warning) {
    err.println("crashguard-reports: warning: " + warning);
  }

  private static final class Options {
    final List<Path> pmd = new ArrayList<>();
    final List<Path> spotbugs = new ArrayList<>();
    Path sourceRoot;
    Path projectRoot = Path.of("");
    Path sonar;
    Path sarif;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--help") || option.equals("-h")) {
          throw new IllegalArgumentException("help requested");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        Path value = path(option, args[++i]);
        switch (option) {
          case "--pmd" -> o.pmd.add(value);
          case "--spotbugs" -> o.spotbugs.add(value);
          case "--source-root" -> o.sourceRoot = once(option, o.sourceRoot, value);
          case "--project-root" -> o.projectRoot = value;
          case "--sonar" -> o.sonar = once(option, o.sonar, value);
          case "--sarif" -> o.sarif = once(option, o.sarif, value);
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      if (o.pmd.isEmpty() && o.spotbugs.isEmpty()) {
        throw new IllegalArgumentException("give at least one report: --pmd FILE or --spotbugs FILE");
      }
      if (o.sourceRoot == null) {
        throw new IllegalArgumentException("--source-root is required");
      }
      if (o.sonar == null && o.sarif == null) {
        throw new IllegalArgumentException("give at least one output: --sonar FILE or --sarif FILE");
      }
      return o;
    }

    private static Path path(String option, String value) {
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(option + ": not a path: " + value);
      }
    }

    private static Path once(String option, Path old, Path value) {
      if (old != null) {
        throw new IllegalArgumentException(option + " given twice");
      }
      return value;
    }
  }
}
