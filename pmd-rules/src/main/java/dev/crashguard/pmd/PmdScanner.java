package dev.crashguard.pmd;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.LanguageVersion;
import net.sourceforge.pmd.lang.java.JavaLanguageModule;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;
import net.sourceforge.pmd.util.log.PmdReporter;
import org.slf4j.event.Level;

/**
 * Runs the shipped ruleset {@value #RULESET} through PMD's own API ({@link PmdAnalysis}), the way a build
 * plugin does, and returns what it found together with every kind of trouble PMD only logs or records: a
 * file it cannot parse or a rule that throws (processing errors), a rule it cannot configure, an error
 * logged through its reporter. Bad input (a file that does not parse, an auxclasspath entry PMD cannot
 * open, an unknown Java version) is a problem in the result, never an exception.
 *
 * <p>PMD itself is not a dependency of this jar ({@code provided}): whoever runs the scanner brings it, as
 * a user's build brings its PMD for the ruleset. The ruleset is loaded from the class loader of this
 * class, so this jar must be on the class path next to PMD.
 *
 * <p>This is the one place that knows how to drive PMD: the rule tests and the command line both use it.
 */
public final class PmdScanner {

  /** The ruleset users reference; loaded from the class path, as PMD does for {@code category/...} paths. */
  public static final String RULESET = "category/java/crashguard.xml";

  /** A file PMD could not analyse: it did not parse, or a rule threw on it. */
  public record ProcessingError(Path file, String message, String detail) {
    /** The first line of PMD's message. */
    public String firstLine() {
      return message == null ? "" : message.lines().findFirst().orElse("");
    }
  }

  /** A rule PMD would not run as configured. */
  public record ConfigurationError(String rule, String issue) {}

  /** One violation: the rule's name, the file and line, PMD's rendered message. */
  public record Violation(String rule, Path file, int line, String message) {}

  /** Everything one PMD run reported. */
  public record Result(
      List<Violation> violations,
      List<ProcessingError> processingErrors,
      List<ConfigurationError> configurationErrors,
      List<String> reporterErrors) {
    public Result {
      violations = List.copyOf(violations);
      processingErrors = List.copyOf(processingErrors);
      configurationErrors = List.copyOf(configurationErrors);
      reporterErrors = List.copyOf(reporterErrors);
    }

    static Result empty() {
      return new Result(List.of(), List.of(), List.of(), List.of());
    }

    /** The violations as findings (hazard by rule name); {@code relativize} gives a file's reported path. */
    public List<Finding> findings(Function<Path, String> relativize) {
      List<Finding> findings = new ArrayList<>();
      for (Violation v : violations) {
        Hazard.byName(v.rule())
            .ifPresent(
                hazard ->
                    findings.add(
                        new Finding(Engine.PMD, hazard, relativize.apply(v.file()), v.line(), v.message())));
      }
      return findings;
    }

    /**
     * Every kind of trouble as one line each: processing and configuration errors, errors PMD logged, and
     * violations of a rule the catalog does not know (which {@link #findings} cannot express).
     */
    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      processingErrors.forEach(e -> problems.add("processing error in " + e.file() + ": " + e.detail()));
      configurationErrors.forEach(e -> problems.add("configuration error in " + e.rule() + ": " + e.issue()));
      reporterErrors.forEach(e -> problems.add("error logged by PMD: " + e));
      violations.stream()
          .map(Violation::rule)
          .filter(rule -> Hazard.byName(rule).isEmpty())
          .distinct()
          .forEach(rule -> problems.add("rule " + rule + " is not in the catalog"));
      return problems;
    }
  }

  private final List<Path> auxclasspath;
  private final String javaVersion;
  private final Set<String> rules;
  private final Consumer<String> log;

  private PmdScanner(List<Path> auxclasspath, String javaVersion, Set<String> rules, Consumer<String> log) {
    this.auxclasspath = List.copyOf(auxclasspath);
    this.javaVersion = javaVersion;
    this.rules = Set.copyOf(rules);
    this.log = log;
  }

  /**
   * A scanner with every rule of the shipped ruleset, resolving the analysed code's types against {@code
   * auxclasspath} and the running JDK. Loads the ruleset now, so a missing or broken jar fails here.
   *
   * @throws RuntimeException (PMD's RuleSetLoadException) when the ruleset cannot be loaded
   */
  public static PmdScanner of(List<Path> auxclasspath) {
    List<String> names = loadRuleset().getRules().stream().map(Rule::getName).toList();
    return new PmdScanner(auxclasspath, null, new LinkedHashSet<>(names), line -> {});
  }

  /** The same scanner parsing as Java {@code version} ("21"); null: PMD's newest Java version. */
  public PmdScanner withJavaVersion(String version) {
    return new PmdScanner(auxclasspath, version, rules, log);
  }

  /** The same scanner with only the named rules on (catalog names; unknown names are ignored). */
  public PmdScanner onlyRules(Set<String> names) {
    Set<String> kept = new LinkedHashSet<>(rules);
    kept.retainAll(names);
    return new PmdScanner(auxclasspath, javaVersion, kept, log);
  }

  /** The same scanner sending what PMD logs at INFO and above to {@code log}, one line each. */
  public PmdScanner withLog(Consumer<String> log) {
    return new PmdScanner(auxclasspath, javaVersion, rules, Objects.requireNonNull(log, "log"));
  }

  /** The rules this scanner runs. */
  public Set<String> rules() {
    return rules;
  }

  /** Analyses {@code files} with the chosen rules. */
  public Result scan(List<Path> files) {
    Objects.requireNonNull(files, "files");
    if (rules.isEmpty() || files.isEmpty()) {
      return Result.empty();
    }
    LanguageVersion version =
        javaVersion == null
            ? JavaLanguageModule.getInstance().getDefaultVersion()
            : JavaLanguageModule.getInstance().getVersion(javaVersion);
    if (version == null) {
      return new Result(
          List.of(),
          List.of(),
          List.of(new ConfigurationError("(all)", "PMD knows no Java version " + javaVersion)),
          List.of());
    }
    LogReporter reporter = new LogReporter(log);
    PMDConfiguration config = new PMDConfiguration();
    config.setReporter(reporter);
    config.setDefaultLanguageVersion(version);
    config.setSourceEncoding(StandardCharsets.UTF_8);
    config.setIgnoreIncrementalAnalysis(true);
    config.setThreads(0);
    config.setAuxClasspath(auxclasspath(auxclasspath));
    files.forEach(config::addInputPath);

    RuleSet ruleset = loadRuleset();
    try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
      for (Rule rule : ruleset.getRules()) {
        if (rules.contains(rule.getName())) {
          pmd.addRuleSet(RuleSet.forSingleRule(rule));
        }
      }
      Report report = pmd.performAnalysisAndCollectReport();
      List<Violation> violations = new ArrayList<>();
      for (RuleViolation v : report.getViolations()) {
        violations.add(
            new Violation(
                v.getRule().getName(), Path.of(v.getFileId().getAbsolutePath()), v.getBeginLine(), v.getDescription()));
      }
      List<ProcessingError> processingErrors = new ArrayList<>();
      for (Report.ProcessingError e : report.getProcessingErrors()) {
        processingErrors.add(
            new ProcessingError(Path.of(e.getFileId().getAbsolutePath()), e.getMsg(), e.getDetail()));
      }
      List<ConfigurationError> configurationErrors = new ArrayList<>();
      for (Report.ConfigurationError e : report.getConfigurationErrors()) {
        configurationErrors.add(new ConfigurationError(e.rule().getName(), e.issue()));
      }
      return new Result(violations, processingErrors, configurationErrors, reporter.errors);
    }
  }

  private static RuleSet loadRuleset() {
    return new RuleSetLoader()
        .warnDeprecated(false)
        .loadResourcesWith(PmdScanner.class.getClassLoader())
        .loadFromResource(RULESET);
  }

  /**
   * PMD's auxclasspath: the given directories and archives, then the running JDK. PMD opens every entry
   * that is not a directory as a zip and fails the whole run on one that is not (a .tar.gz or .pom that a
   * dependency tree drags in); javac ignores those, and so do we. The JDK's {@code jrt-fs.jar} comes last:
   * without it PMD resolves types with its own class loader (in a test or the CLI, a class path holding
   * Spring and the rest), so an empty {@code entries} means "JDK only", as for a user who set none.
   */
  static String auxclasspath(List<Path> entries) {
    List<String> aux = new ArrayList<>();
    entries.stream().filter(p -> Files.isDirectory(p) || isArchive(p)).forEach(p -> aux.add(p.toString()));
    aux.add(Path.of(System.getProperty("java.home"), "lib", "jrt-fs.jar").toString());
    return String.join(File.pathSeparator, aux);
  }

  /** Whether a class path entry is a jar or zip PMD can open (by name, then by its zip signature). */
  public static boolean isArchive(Path entry) {
    String name = entry.getFileName() == null ? "" : entry.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".jar") || name.endsWith(".zip")) || !Files.isRegularFile(entry)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(entry)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
    } catch (IOException e) {
      return false;
    }
  }

  /** PMD's messages at INFO and above go to the log; its errors are also kept for the result. */
  private static final class LogReporter implements PmdReporter {
    private final Consumer<String> log;
    private final List<String> errors = new ArrayList<>();

    LogReporter(Consumer<String> log) {
      this.log = log;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.toInt() >= Level.INFO.toInt();
    }

    @Override
    public void logEx(Level level, String message, Object[] formatArgs, Throwable error) {
      if (!isLoggable(level)) {
        return;
      }
      String text = message == null ? "" : MessageFormat.format(message.replace("'", "''"), formatArgs);
      String line = text + (error == null ? "" : " (" + error + ")");
      if (level == Level.ERROR) {
        errors.add(line);
      }
      log.accept("pmd " + level + ": " + line);
    }

    @Override
    public int numErrors() {
      return errors.size();
    }
  }
}
