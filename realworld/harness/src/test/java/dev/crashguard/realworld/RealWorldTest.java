package dev.crashguard.realworld;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashguard.cli.Crashguard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The real-world regression run: for each library fetched by its module under {@code libraries/}, runs
 * {@code crashguard scan} exactly as a user would on plain sources (the CLI's own entry point, in this JVM):
 * Error Prone compiling the sources jar with crashguard's checks only, PMD with {@code category/java/crashguard.xml}
 * and the dependency auxclasspath, SpotBugs with crashguard's detectors only on the binary jar.
 *
 * <p>A library fails when
 *
 * <ul>
 *   <li>any engine had an internal error ({@link Golden#internalErrors}): Error Prone's unhandled-exception
 *       report, a PMD error (rule exceptions and files PMD cannot parse), a SpotBugs analysis error, an engine
 *       that failed, or a file that does not compile (declare it in the module's {@code lib.excludes}, with
 *       the reason);
 *   <li>its findings differ from {@code expected/NAME.txt}, or a finding there is not triaged.
 * </ul>
 *
 * <p>{@code -Drealworld.update=true} rewrites the golden files instead of comparing (triage kept for
 * unchanged findings, {@code TODO} for new ones); internal errors fail the run either way.
 */
class RealWorldTest {
  private static final Path DIR = Path.of(System.getProperty("realworld.dir", "..")).toAbsolutePath().normalize();
  private static final Path OUT = DIR.resolve("target/realworld");
  private static final boolean UPDATE = Boolean.getBoolean("realworld.update");
  private static final List<String> ENGINES = List.of("errorprone", "pmd", "spotbugs");

  @TestFactory
  Stream<DynamicTest> libraries() {
    String names = System.getProperty("realworld.libraries", "");
    return Arrays.stream(names.split(","))
        .map(String::strip)
        .filter(n -> !n.isEmpty())
        .map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
  }

  private static void check(String name) throws IOException {
    Library library = Library.load(DIR, name);
    Files.createDirectories(OUT);
    Path sarif = OUT.resolve(name + ".sarif");
    Files.deleteIfExists(sarif);

    List<String> args = new ArrayList<>(List.of(
        "scan", library.sources().toString(),
        "--sources", library.sources().toString(),
        "--classes", library.jar().toString()));
    if (!library.classpath().isEmpty()) {
      args.add("--classpath");
      args.add(String.join(java.io.File.pathSeparator, library.classpath()));
    }
    library.release().ifPresent(release -> args.addAll(List.of("--release", release)));
    args.addAll(List.of("-f", "sarif", "-o", sarif.toString(), "--fail-on", "never", "--verbose"));

    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
      status = Crashguard.run(args.toArray(String[]::new), out, err);
    }
    String err = errBytes.toString(StandardCharsets.UTF_8);
    Files.writeString(OUT.resolve(name + ".log"),
        "crashguard " + String.join(" ", args) + "\nexit " + status + "\n" + outBytes.toString(StandardCharsets.UTF_8) + err);
    // The progress lines (one per engine, with its time), for the console and the summary.
    List<String> progress = err.lines().filter(l -> l.matches("  (errorprone|pmd|spotbugs) .*")).toList();
    System.out.println("[realworld] " + name + " " + library.version() + " (exit " + status + ")");
    progress.forEach(l -> System.out.println("[realworld] " + l));

    Path expected = DIR.resolve("expected").resolve(name + ".txt");
    Golden golden = Files.exists(expected) ? Golden.read(expected) : Golden.empty();
    List<String> allInternal = Golden.internalErrors(err);
    List<String> internal = golden.undeclared(allInternal);
    List<String> findings = Files.exists(sarif) ? findings(sarif) : List.of();
    Files.write(OUT.resolve(name + ".txt"), findings);

    List<String> failures = new ArrayList<>();
    // An engine that was skipped (SpotBugs without classes) has no run in the SARIF file: every engine must run.
    List<String> ran = Files.exists(sarif) ? enginesRan(sarif) : List.of();
    if (!ran.equals(ENGINES)) {
      failures.add("engines that ran: " + ran + ", expected " + ENGINES);
    }
    if (!internal.isEmpty()) {
      failures.add(internal.size() + " internal error(s) (full log: " + OUT.resolve(name + ".log") + "):\n  "
          + String.join("\n  ", internal));
    }
    // Exit 2 is expected only when every problem is a declared engine problem.
    boolean statusOk = status == Crashguard.EXIT_OK || (status == Crashguard.EXIT_USAGE && !allInternal.isEmpty());
    if (!statusOk && internal.isEmpty()) {
      failures.add("crashguard scan exited " + status + " (log: " + OUT.resolve(name + ".log") + ")");
    }
    failures.addAll(golden.staleKnown(allInternal));
    if (UPDATE) {
      if (internal.isEmpty() && statusOk) {
        Files.writeString(expected, golden.updated(library, findings));
        System.out.println("[realworld] wrote " + expected);
      }
    } else {
      failures.addAll(golden.compare(library, findings));
    }
    if (!failures.isEmpty()) {
      fail(name + ":\n" + String.join("\n", failures));
    }
  }

  static List<String> enginesRan(Path sarif) throws IOException {
    List<String> out = new ArrayList<>();
    // One run for every engine; the engines that ran are its properties.engines.
    for (JsonNode run : new ObjectMapper().readTree(sarif.toFile()).path("runs")) {
      run.path("properties").path("engines").forEach(engine -> out.add(engine.asText()));
    }
    return out;
  }

  /** One sorted line per finding and engine: "ENGINE HAZARD FILE:LINE MESSAGE". */
  static List<String> findings(Path sarif) throws IOException {
    JsonNode root = new ObjectMapper().readTree(sarif.toFile());
    List<Golden.Finding> out = new ArrayList<>();
    // One result per hazard site; each engine that saw it, with its own message, in properties.engineMessages.
    for (JsonNode run : root.path("runs")) {
      for (JsonNode result : run.path("results")) {
        JsonNode location = result.path("locations").path(0).path("physicalLocation");
        result.path("properties").path("engineMessages").fields().forEachRemaining(engine ->
            out.add(new Golden.Finding(
                engine.getKey(),
                result.path("ruleId").asText(),
                location.path("artifactLocation").path("uri").asText(),
                location.path("region").path("startLine").asInt(0),
                engine.getValue().asText().replace('\n', ' '))));
      }
    }
    return out.stream().sorted().map(Golden.Finding::text).distinct().toList();
  }
}
