package dev.crashguard.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.CrashLog;
import dev.crashguard.catalog.crash.CrashSignature;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.catalog.crash.Ranking;
import dev.crashguard.catalog.crash.SourceOutline;
import dev.crashguard.reports.MergedFinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crashguard explain LOG [--project DIR]}: see the option descriptions, and README. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = Crashguard.Version.class,
    sortOptions = false,
    description = {
      "Reads a crash log (stack traces, a whole application log, JSON log lines, a thread dump from jstack or"
          + " kill -3, or a JVM crash report hs_err_pid*.log) and names the crash hazard(s) it shows, with the lines"
          + " that match and the docs page.",
      "With --project DIR it also scans DIR as crashguard scan does and ranks the findings the log points at"
          + " first: a finding on a frame's line, then one whose value the failure quotes, then one in a method,"
          + " class or file on the stack; a failure no signature describes is tied to the findings its stack"
          + " passes through.",
      "Exit status: 0 nothing matched, 1 a hazard matched (or a finding is on the stack), 2 usage or input error."
    })
final class ExplainCommand implements Callable<Integer> {

  enum Format {
    console,
    json
  }

  @Parameters(index = "0", paramLabel = "LOG", description = "The log file; - reads standard input.")
  String logFile;

  @Option(names = "--project", paramLabel = "DIR", description = "Scan this project and rank its findings against the log.")
  String project;

  @Option(names = "--top", paramLabel = "N", description = "How many ranked findings to show (default 5; JSON has all).")
  int top = 5;

  @Option(names = {"--format", "-f"}, paramLabel = "FORMAT", description = "console (default) or json.")
  String format = "console";

  @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  String output;

  @Option(names = "--sources", paramLabel = "DIR", description = "With --project: a source root (repeatable), as for scan.")
  List<String> sources = new ArrayList<>();

  @Option(names = "--classes", paramLabel = "DIR", description = "With --project: compiled classes (repeatable), as for scan.")
  List<String> classes = new ArrayList<>();

  @Option(names = {"--classpath", "-cp"}, paramLabel = "PATH", description = "With --project: dependencies, as for scan.")
  List<String> classpath = new ArrayList<>();

  @Option(names = "--engines", split = ",", paramLabel = "ENGINE", description = "With --project: engines to run, as for scan. Default: all.")
  List<String> engines = new ArrayList<>();

  @Option(names = "--maven-args", paramLabel = "ARGS", description = "With --project: extra Maven arguments, as for scan.")
  List<String> mavenArgs = new ArrayList<>();

  @Option(names = "--no-compile", description = "With --project: do not run the build's compile phase, as for scan.")
  boolean noCompile;

  @Option(names = {"--verbose", "-v"}, description = "Show engine output while scanning.")
  boolean verbose;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  ExplainCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  /** A ranked finding with what the report shows of it. */
  private record Shown(Ranking.Ranked<MergedFinding> ranked) {}

  @Override
  public Integer call() {
    Progress progress = Progress.forTerminal(err, env);
    try {
      return explain(progress);
    } catch (UsageException e) {
      progress.clear();
      err.println("crashguard: " + e.getMessage());
      return Crashguard.EXIT_USAGE;
    }
  }

  private int explain(Progress progress) throws UsageException {
    Format chosen = format();
    if (top < 0) {
      throw new UsageException("--top " + top + ": give 0 or more");
    }
    if (project == null && (!sources.isEmpty() || !classes.isEmpty() || !classpath.isEmpty() || !engines.isEmpty()
        || !mavenArgs.isEmpty() || noCompile)) {
      throw new UsageException("--sources, --classes, --classpath, --engines, --maven-args and --no-compile need --project DIR");
    }
    Path target = output == null ? null : ProjectResolver.path(output, "--output").toAbsolutePath().normalize();
    if (target != null) {
      ScanCommand.checkWritable(target);
    }
    String text = read();
    CrashLog log = CrashLog.parse(text);
    Explanation explanation = Explanation.of(log);
    String name = logFile.equals("-") ? "standard input" : logFile;

    Ranks ranks = new Ranks(List.of(), List.of());
    String scanned = null;
    boolean stacks = !log.thrown().isEmpty() || !log.threads().isEmpty() || log.hsErr().isPresent();
    if (project != null && (!explanation.matches().isEmpty() || stacks)) {
      // Every hazard: a failure no signature describes can still pass through a finding of any of them.
      ScanCommand scan = new ScanCommand(out, err, env);
      scan.dir = project;
      scan.sources = sources;
      scan.classes = classes;
      scan.classpath = classpath;
      scan.engines = engines;
      scan.mavenArgs = mavenArgs;
      scan.noCompile = noCompile;
      scan.verbose = verbose;
      ScanCommand.ResultUse<Ranks> rank = result -> rank(log, explanation, result);
      ranks = scan.analyse(progress, rank);
      scanned = project;
    } else if (project != null) {
      err.println("crashguard: the log holds no stack trace, thread dump or crash report, so " + project + " was not scanned");
    }
    List<Ranking.Ranked<MergedFinding>> ranked = ranks.bySignature();
    String report = chosen == Format.json
        ? json(name, log, explanation, ranked, ranks.onTheStack(), scanned)
        : console(name, log, explanation, ranked, ranks.onTheStack(), scanned);
    if (target == null) {
      out.print(report);
      out.flush();
    } else {
      try {
        Files.createDirectories(target.getParent());
        Files.writeString(target, report, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageException(target + ": cannot write the report (" + ProjectResolver.why(e) + ")");
      }
      err.println("crashguard: wrote " + target);
    }
    return explanation.matches().isEmpty() && ranks.onTheStack().isEmpty() ? Crashguard.EXIT_OK : Crashguard.EXIT_FINDINGS;
  }

  /**
   * The findings ranked for the matched signatures' hazards, and the findings of other hazards (or of any
   * hazard, when no signature matched) that the log's stacks pass through.
   */
  private record Ranks(List<Ranking.Ranked<MergedFinding>> bySignature, List<Ranking.Ranked<MergedFinding>> onTheStack) {}

  private static Ranks rank(CrashLog log, Explanation explanation, ScanResult result) {
    Path root = result.project().root();
    List<Ranking.Candidate<MergedFinding>> candidates = result.findings().stream()
        .map(f -> new Ranking.Candidate<>(f.hazard(), f.file(), f.line(), f))
        .toList();
    java.util.Map<String, SourceOutline> outlines = new java.util.HashMap<>();
    java.util.function.Function<String, SourceOutline> outline =
        file -> outlines.computeIfAbsent(file, f -> SourceOutline.of(root.resolve(f)));
    List<Ranking.Ranked<MergedFinding>> bySignature = Ranking.rank(explanation, candidates, outline);
    List<String> sources = result.project().javaFiles().stream().map(result.project()::relative).toList();
    List<Ranking.Ranked<MergedFinding>> onTheStack =
        Ranking.onTheStack(log, candidates, outline, Ranking.inSources(sources)).stream()
            .filter(r -> !explanation.hazards().contains(r.candidate().hazard()))
            .toList();
    return new Ranks(bySignature, onTheStack);
  }

  private Format format() throws UsageException {
    try {
      return Format.valueOf(format.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown format '" + format + "': use console or json");
    }
  }

  /** The log as text; bytes that are not UTF-8 become U+FFFD rather than an error. */
  private String read() throws UsageException {
    byte[] bytes;
    if (logFile.equals("-")) {
      try {
        // Not closed: standard input belongs to the process.
        InputStream in = System.in;
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UsageException("cannot read standard input (" + ProjectResolver.why(e) + ")");
      }
    } else {
      Path path = ProjectResolver.path(logFile, "LOG");
      if (Files.isDirectory(path)) {
        throw new UsageException(logFile + ": is a directory; give the log file");
      }
      if (!Files.isRegularFile(path)) {
        throw new UsageException(logFile + ": no such file");
      }
      try {
        bytes = Files.readAllBytes(path);
      } catch (IOException e) {
        throw new UsageException(logFile + ": cannot read it (" + ProjectResolver.why(e) + ")");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new UsageException(logFile + ": cannot read it as text");
    }
  }

  // ---- console ---------------------------------------------------------------------------------------

  private String console(
      String name,
      CrashLog log,
      Explanation explanation,
      List<Ranking.Ranked<MergedFinding>> ranked,
      List<Ranking.Ranked<MergedFinding>> onTheStack,
      String scanned) {
    StringBuilder s = new StringBuilder();
    s.append("crashguard: read ").append(name).append(": ").append(log.summary()).append('\n');
    if (explanation.matches().isEmpty()) {
      s.append("crashguard: no crash signature matched. What was read:\n");
      whatWasRead(s, log);
      if (onTheStack.isEmpty()) {
        s.append("The signatures crashguard knows are listed on each hazard's docs page, section \"In a crash log\".\n");
      } else {
        s.append('\n');
        onTheStack(s, onTheStack, "But the stack passes through what crashguard finds in " + scanned
            + " (the failure is consistent with it):");
      }
      return s.toString();
    }
    for (Explanation.Match m : explanation.matches()) {
      CrashSignature sig = m.signature();
      Hazard h = sig.hazard();
      s.append('\n').append(h.catalogName()).append(" (").append(h.severity().name().toLowerCase(Locale.ROOT))
          .append("): ").append(sig.strength().phrase()).append(" this hazard: ").append(sig.title())
          .append("  [").append(sig.id()).append("]\n");
      s.append("  ").append(sig.meaning()).append('\n');
      s.append("  matching lines:\n");
      for (CrashLog.Line line : m.evidence().lines()) {
        s.append("    ").append(line.number()).append(": ").append(clip(line.text().strip(), 160)).append('\n');
      }
      s.append("  docs: ").append(docsUrl(sig)).append('\n');
    }
    if (scanned != null) {
      s.append('\n');
      long linked = ranked.stream().filter(r -> r.link() != Ranking.Link.SAME_HAZARD).count();
      s.append("Findings in ").append(scanned).append(" for ")
          .append(explanation.hazards().stream().map(Hazard::catalogName).collect(Collectors.joining(", ")))
          .append(": ").append(ranked.size()).append(", ").append(linked).append(" of them pointed at by the log")
          .append(ranked.isEmpty() ? "" : "; most likely first") .append('\n');
      list(s, ranked, false);
      if (ranked.isEmpty()) {
        s.append("  none: the code that failed may be in a dependency, or outside what was scanned.\n");
      }
      if (!onTheStack.isEmpty()) {
        s.append('\n');
        onTheStack(s, onTheStack, "The stack also passes through findings of other hazards:");
      }
    }
    return s.toString();
  }

  private void onTheStack(StringBuilder s, List<Ranking.Ranked<MergedFinding>> onTheStack, String heading) {
    s.append(heading).append('\n');
    list(s, onTheStack, true);
  }

  /**
   * The first {@code --top} ranked findings, one entry each: place, (hazard,) engines, the link to the log and
   * the frame it goes through, then the message; a line saying how many more there are.
   */
  private void list(StringBuilder s, List<Ranking.Ranked<MergedFinding>> ranked, boolean withHazard) {
    int n = 0;
    for (Ranking.Ranked<MergedFinding> r : ranked) {
      if (n++ >= top) {
        s.append("  … ").append(ranked.size() - top).append(" more (--top N, or --format json for all)\n");
        break;
      }
      MergedFinding f = r.candidate().finding();
      s.append("  ").append(n).append(". ").append(f.file()).append(':').append(f.line()).append("  ");
      if (withHazard) {
        s.append(f.hazard().catalogName()).append("  ");
      }
      s.append('[').append(f.engines().stream().map(Engine::id).collect(Collectors.joining(" "))).append("]  ")
          .append(r.link().phrase());
      if (r.frame() != null) {
        s.append(": ").append(r.frame()).append(" at log line ").append(r.frame().logLine());
      }
      s.append('\n').append("      ").append(f.message().replace("\n", "\n      ")).append('\n');
    }
  }

  private static void whatWasRead(StringBuilder s, CrashLog log) {
    int shown = 0;
    for (CrashLog.Thrown t : log.thrown()) {
      if (shown++ >= 8) {
        s.append("  …\n");
        break;
      }
      s.append("  ").append(t.header().number()).append(": ")
          .append(t.relation() == CrashLog.Relation.TOP ? "" : t.relation() == CrashLog.Relation.CAUSE ? "caused by " : "suppressed ")
          .append(t.type()).append(t.message().isEmpty() ? "" : ": " + clip(t.message().lines().findFirst().orElse(""), 120))
          .append(t.frames().isEmpty() ? "" : " at " + t.frames().get(0)).append('\n');
    }
    if (!log.threads().isEmpty()) {
      Map<String, Long> states = log.threads().stream()
          .collect(Collectors.groupingBy(t -> t.state().isEmpty() ? "?" : t.state(), java.util.TreeMap::new, Collectors.counting()));
      s.append("  threads: ").append(states.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
          .collect(Collectors.joining(", "))).append('\n');
    }
    log.hsErr().ifPresent(e -> {
      if (e.signal() != null) {
        s.append("  ").append(e.signal().number()).append(": ").append(e.signal().text().strip()).append('\n');
      }
      if (e.problematicFrame() != null) {
        s.append("  ").append(e.problematicFrame().number()).append(": ").append(e.problematicFrame().text().strip()).append('\n');
      }
    });
    if (log.kind() == CrashLog.Kind.TEXT) {
      s.append("  no Java stack trace (a line like 'java.lang.IllegalStateException: …' followed by 'at …' lines),"
          + " thread dump or hs_err report in it\n");
    }
  }

  static String docsUrl(CrashSignature sig) {
    return sig.hazard().docsUrl() + "#" + sig.id().substring(sig.id().indexOf('/') + 1);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  // ---- json ------------------------------------------------------------------------------------------

  private static String json(
      String name,
      CrashLog log,
      Explanation explanation,
      List<Ranking.Ranked<MergedFinding>> ranked,
      List<Ranking.Ranked<MergedFinding>> onTheStack,
      String scanned) {
    JsonObject root = new JsonObject();
    JsonObject read = new JsonObject();
    read.addProperty("source", name);
    read.addProperty("kind", log.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    read.addProperty("summary", log.summary());
    read.addProperty("lines", log.lines().size());
    root.add("log", read);
    JsonArray matches = new JsonArray();
    for (Explanation.Match m : explanation.matches()) {
      CrashSignature sig = m.signature();
      JsonObject o = new JsonObject();
      o.addProperty("signature", sig.id());
      o.addProperty("hazard", sig.hazard().catalogName());
      o.addProperty("severity", sig.hazard().severity().name().toLowerCase(Locale.ROOT));
      o.addProperty("strength", sig.strength().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      o.addProperty("title", sig.title());
      o.addProperty("meaning", sig.meaning());
      o.addProperty("docs", docsUrl(sig));
      JsonArray lines = new JsonArray();
      for (CrashLog.Line line : m.evidence().lines()) {
        JsonObject l = new JsonObject();
        l.addProperty("number", line.number());
        l.addProperty("text", line.text());
        lines.add(l);
      }
      o.add("lines", lines);
      matches.add(o);
    }
    root.add("matches", matches);
    if (scanned != null) {
      root.addProperty("project", scanned);
      root.add("findings", findings(ranked));
      root.add("onTheStack", findings(onTheStack));
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  private static JsonArray findings(List<Ranking.Ranked<MergedFinding>> ranked) {
    JsonArray findings = new JsonArray();
    int rank = 0;
    for (Ranking.Ranked<MergedFinding> r : ranked) {
      MergedFinding f = r.candidate().finding();
      JsonObject o = new JsonObject();
      o.addProperty("rank", ++rank);
      o.addProperty("hazard", f.hazard().catalogName());
      o.addProperty("file", f.file());
      o.addProperty("line", f.line());
      JsonArray eng = new JsonArray();
      f.engines().forEach(e -> eng.add(e.id()));
      o.add("engines", eng);
      o.addProperty("message", f.message());
      o.addProperty("link", r.link().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      o.addProperty("linkText", r.link().phrase());
      if (r.frame() != null) {
        o.addProperty("frame", r.frame().toString());
        o.addProperty("frameLogLine", r.frame().logLine());
      }
      findings.add(o);
    }
    return findings;
  }
}
