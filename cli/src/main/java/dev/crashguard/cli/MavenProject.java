package dev.crashguard.cli;

import dev.crashguard.cli.Jdks.Jdk;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A Maven project, resolved by Maven itself, module by module, the way the project builds:
 *
 * <ol>
 *   <li>{@code help:effective-pom} on the default JDK: every module's source and output directories,
 *       packaging, dependencies, compiler settings ({@code maven.compiler.release}/{@code source}/{@code
 *       target}, encoding, {@code compilerArgs}, {@code annotationProcessorPaths}, {@code proc}) and the
 *       Java versions the build accepts ({@code maven-enforcer-plugin}'s {@code requireJavaVersion}, the
 *       toolchains plugin's JDK version).
 *   <li>A JDK the project accepts ({@link Jdks}): of those that meet the enforcer's range and are at least
 *       the project's release, the oldest (the project's own JDK, not merely the newest one here); when
 *       that build fails, once more on the next candidate. A project using toolchains gets a
 *       {@code toolchains.xml} listing every JDK found ({@code --global-toolchains}).
 *   <li>On that JDK, {@code compile} (or {@code test-compile}, when a module depends on another one's
 *       test-jar) and {@code dependency:build-classpath} for every module in one reactor run, so a module's
 *       class path names its sibling modules' freshly built classes. {@code --no-compile} leaves out the
 *       phase: Maven then resolves sibling modules from the local repository.
 *   <li>Modules with {@code annotationProcessorPaths}: one more Maven run resolves those paths (with their
 *       dependencies) from a small generated POM, so Error Prone can run the same processors.
 * </ol>
 *
 * Files Maven writes for crashguard go under each module's {@code target/} and are deleted. When Maven
 * fails, the one line says what the build said first: the compiler's first error with file and line, an
 * enforcer rule's message, or the goal that failed.
 */
final class MavenProject {
  static final String HELP_PLUGIN = "org.apache.maven.plugins:maven-help-plugin:3.5.1:effective-pom";
  static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath";
  static final String HINT = "; run with --verbose for Maven's output, or scan plain sources with --sources/--classes/--classpath";
  private static final Pattern BUILDING = Pattern.compile("^\\[INFO] Building (\\S+).*\\[(\\d+)/(\\d+)]\\s*$");
  private static final Pattern MOJO = Pattern.compile("^\\[INFO] --- (\\S+?):\\S+:(\\S+) .*");
  private static final Pattern COMPILER_ERROR =
      Pattern.compile("^\\[ERROR] (.+?\\.java):\\[(\\d+)(?:,\\d+)?] (?:error: )?(.+)$");
  private static final Pattern FAILED_GOAL =
      Pattern.compile("^\\[ERROR] Failed to execute goal (?:(\\S+) )?(?:\\([^)]*\\) )?on project ([^:]+):\\s?(.*?)(?: -> \\[Help \\d+])?\\s*$");

  /** How to run Maven: the command, the user's extra arguments, and whether to build (compile) first. */
  record Options(String mvn, List<String> mavenArgs, boolean compile) {}

  /** What an effective POM says about one module. */
  record Pom(
      Path basedir,
      String groupId,
      String artifactId,
      String packaging,
      Path sourceDirectory,
      Path outputDirectory,
      String release,
      String encoding,
      List<String> compilerArgs,
      List<Element> processorPaths,
      List<String> processorNames,
      boolean procNone,
      List<Jdks.Range> javaVersions,
      List<Jdks.Range> toolchainVersions,
      List<Dependency> dependencies,
      Element project) {

    String key() {
      return groupId + ":" + artifactId;
    }
  }

  record Dependency(String groupId, String artifactId, String type, String classifier, String scope) {
    String key() {
      return groupId + ":" + artifactId;
    }

    boolean testJar() {
      return "test-jar".equals(type) || "tests".equals(classifier);
    }
  }

  /** One Maven run's exit status and output lines. */
  record Run(int exit, List<String> lines) {}

  private MavenProject() {}

  static Project resolve(Path dir, Options options, Progress progress, Consumer<String> log) throws UsageException {
    Path base = dir.toAbsolutePath().normalize();
    String tag = "crashguard-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
    Optional<Jdk> defaultJdk = Jdks.defaultJdk();
    List<String> notes = new ArrayList<>();

    // 1. The effective POM of every module, on whatever JDK Maven starts with: no phase, nothing compiled.
    List<String> describe = command(options, base);
    describe.addAll(List.of(HELP_PLUGIN, "-Doutput=target/" + tag + "-effective-pom.xml"));
    Run read = run(describe, base, defaultJdk.orElse(null), progress, log, "reading the project");
    List<Path> described = found(base, tag + "-effective-pom.xml");
    List<Pom> poms = new ArrayList<>();
    try {
      if (read.exit() != 0) {
        throw new UsageException("Maven could not read " + base + " (" + firstError(read.lines(), base) + ")" + HINT);
      }
      for (Path file : described) {
        for (Element project : projects(file)) {
          poms.add(pom(project, file.getParent().getParent()));
        }
      }
    } finally {
      described.forEach(MavenProject::deleteWithEmptyParent);
    }
    if (poms.isEmpty()) {
      throw new UsageException("Maven ran but described no module of " + base);
    }
    List<Pom> order = reactorOrder(poms);

    // 2. A JDK the project accepts, then the build.
    List<Jdk> candidates = candidates(order, defaultJdk.orElse(null), base);
    Path toolchains = order.stream().anyMatch(p -> !p.toolchainVersions().isEmpty()) ? toolchainsFile() : null;
    boolean testJars = needsTestCompile(order);
    Map<Path, List<Path>> classpaths = new HashMap<>();
    Jdk used = null;
    String failure = null;
    for (int attempt = 0; attempt < Math.min(2, candidates.size()) && used == null; attempt++) {
      Jdk jdk = candidates.get(attempt);
      if (failure != null) {
        progress.line("crashguard: Maven failed on JDK " + candidates.get(attempt - 1).feature() + " (" + failure
            + "); trying JDK " + jdk.feature());
      }
      List<String> build = command(options, base);
      if (toolchains != null) {
        build.addAll(List.of("--global-toolchains", toolchains.toString()));
      }
      if (options.compile()) {
        build.add(testJars ? "test-compile" : "compile");
      }
      build.addAll(List.of(DEPENDENCY_PLUGIN, "-Dmdep.outputFile=target/" + tag + "-classpath.txt", "-Dmdep.includeScope=compile"));
      String doing = (options.compile() ? (testJars ? "test-compile" : "compile") + ", " : "") + "class paths";
      Run built = run(build, base, jdk, progress, log, doing + " on JDK " + jdk.feature());
      try {
        if (built.exit() == 0) {
          used = jdk;
          for (Pom pom : order) {
            Path file = pom.basedir().resolve("target/" + tag + "-classpath.txt");
            classpaths.put(pom.basedir(), readClasspath(file));
          }
        } else {
          failure = firstError(built.lines(), base);
        }
      } finally {
        for (Pom pom : order) {
          deleteWithEmptyParent(pom.basedir().resolve("target/" + tag + "-classpath.txt"));
        }
      }
    }
    if (toolchains != null) {
      deleteWithEmptyParent(toolchains);
    }
    if (used == null) {
      Jdk last = candidates.get(Math.min(2, candidates.size()) - 1);
      throw new UsageException("Maven could not build " + base + " on JDK " + last.feature() + " (" + failure + ")" + HINT);
    }
    String why =
        order.stream().anyMatch(p -> !p.javaVersions().isEmpty())
            ? "the build requires Java " + ranges(order)
            : maxRelease(order) > 0 ? "the project's release is " + maxRelease(order) : "the default JDK";
    progress.line("crashguard: Maven ran on JDK " + used.versionText() + " (" + why + ")");

    // 3. Annotation processor paths, resolved by Maven as the compiler plugin does.
    Map<Path, List<Path>> processorPaths = processorPaths(order, options, used, base, progress, log, notes);

    List<Module> modules = new ArrayList<>();
    for (Pom pom : order) {
      if ("pom".equals(pom.packaging()) || pom.sourceDirectory() == null || !Files.isDirectory(pom.sourceDirectory())) {
        continue;
      }
      List<Path> files = javaFilesOrNone(pom.sourceDirectory());
      if (files.isEmpty()) {
        continue;
      }
      List<Path> classDirs =
          pom.outputDirectory() != null && Files.isDirectory(pom.outputDirectory()) ? List.of(pom.outputDirectory()) : List.of();
      List<Path> classpath = new ArrayList<>(classpaths.getOrDefault(pom.basedir(), List.of()));
      classpath.removeAll(classDirs);
      List<Path> processorPath;
      List<String> processors;
      if (pom.procNone()) {
        processorPath = List.of();
        processors = List.of();
      } else {
        // No annotationProcessorPaths: javac finds processors on the class path, as the build's javac does.
        processorPath = processorPaths.getOrDefault(pom.basedir(), classpath);
        processors = pom.processorNames().isEmpty() ? discoverProcessors(processorPath) : pom.processorNames();
      }
      modules.add(
          new Module(name(base, pom), List.of(pom.sourceDirectory()), files, classDirs, classpath, pom.release(),
              pom.encoding(), processorPath, processors, pom.compilerArgs()));
    }
    if (modules.isEmpty()) {
      throw new UsageException("no Java files under " + base + " (Maven lists no module with Java sources)");
    }
    return new Project(base, "Maven project", modules, notes);
  }

  private static List<String> command(Options options, Path base) {
    List<String> command = new ArrayList<>(List.of(options.mvn(), "-B", "-f", base.resolve("pom.xml").toString()));
    command.addAll(options.mavenArgs());
    return command;
  }

  /** Runs Maven with {@code JAVA_HOME} set to {@code jdk}, showing which module it is on. */
  static Run run(List<String> command, Path dir, Jdk jdk, Progress progress, Consumer<String> log, String doing)
      throws UsageException {
    log.accept("maven" + (jdk == null ? "" : " (JAVA_HOME=" + jdk.home() + ")") + ": " + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (jdk != null) {
      builder.environment().put("JAVA_HOME", jdk.home().toString());
    }
    builder.environment().remove("MAVEN_ARGS");
    long start = System.nanoTime();
    AtomicReference<String> where = new AtomicReference<>("");
    List<String> lines = new ArrayList<>();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UsageException(
          "cannot run Maven (" + command.get(0) + "): no such program, or not executable; give --maven PATH");
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Maven reads nothing
    }
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                  log.accept("maven: " + line);
                  Matcher building = BUILDING.matcher(line);
                  if (building.matches()) {
                    where.set("module " + building.group(2) + "/" + building.group(3) + " " + building.group(1));
                  }
                  Matcher mojo = MOJO.matcher(line);
                  if (mojo.matches()) {
                    String plugin = mojo.group(1).replace("maven-", "").replace("-plugin", "");
                    progress.status(status(doing, where.get(), plugin + ":" + mojo.group(2), start));
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "crashguard-maven-output");
    reader.setDaemon(true);
    reader.start();
    try {
      while (!process.waitFor(1, TimeUnit.SECONDS)) {
        progress.status(status(doing, where.get(), null, start));
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
          process.destroyForcibly();
          throw new UsageException("Maven did not finish in 30 minutes on " + dir);
        }
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new UsageException("interrupted while Maven ran");
    } finally {
      progress.clear();
    }
    synchronized (lines) {
      return new Run(process.exitValue(), List.copyOf(lines));
    }
  }

  private static String status(String doing, String where, String mojo, long start) {
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    return "maven: " + doing + (where.isEmpty() ? "" : ", " + where) + (mojo == null ? "" : ", " + mojo) + " (" + seconds + " s)";
  }

  /**
   * What the build said went wrong, in one line: the compiler's first error ({@code module app:
   * app/src/main/java/a/B.java:12: cannot find symbol (symbol: class Foo)}), else an enforcer rule's
   * message, else the goal that failed and why, else the first error line.
   */
  static String firstError(List<String> lines, Path base) {
    String project = null;
    for (String line : lines) {
      Matcher goal = FAILED_GOAL.matcher(line);
      if (goal.matches()) {
        project = goal.group(2);
        break;
      }
    }
    String module = project == null ? "" : "module " + project + ": ";
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = COMPILER_ERROR.matcher(lines.get(i));
      if (m.matches()) {
        String file = m.group(1);
        try {
          Path path = Path.of(file).toAbsolutePath().normalize();
          if (path.startsWith(base)) {
            file = base.relativize(path).toString().replace(File.separatorChar, '/');
          }
        } catch (RuntimeException e) {
          // keep Maven's spelling
        }
        String detail = "";
        if (i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("symbol:")) {
          detail = " (" + lines.get(i + 1).strip() + ")";
        }
        return module + file + ":" + m.group(2) + ": " + m.group(3).strip() + detail;
      }
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("failed with message:") && i + 1 < lines.size()) {
        String rule = lines.get(i).replaceFirst("^\\[\\w+] ", "").replaceFirst(" failed with message:.*", "");
        return module + lines.get(i + 1).replaceFirst("^\\[\\w+] ", "").strip() + " (" + rule.replaceFirst("^Rule \\d+: ", "") + ")";
      }
    }
    for (String line : lines) {
      Matcher goal = FAILED_GOAL.matcher(line);
      if (goal.matches()) {
        String why = goal.group(3).replaceFirst(":? ?Compilation failure:?.*", "").strip();
        return module + (why.isEmpty() ? (goal.group(1) == null ? "the build" : goal.group(1)) + " failed" : why);
      }
    }
    for (String line : lines) {
      if (line.startsWith("[ERROR] ")) {
        String text = line.substring(8).strip();
        if (!text.isEmpty() && !text.startsWith("-> [Help") && !text.startsWith("To see the full stack trace")
            && !text.startsWith("Re-run Maven") && !text.startsWith("For more information")
            && !text.startsWith("[Help ") && !text.startsWith("COMPILATION ERROR")) {
          return module + text;
        }
      }
    }
    return "no error message; exit status " + (lines.isEmpty() ? "non-zero" : "non-zero after " + lines.size() + " lines");
  }

  // ---------------------------------------------------------------- the effective POM

  /** @param basedir where the effective POM was written for it; used when the POM names no build directory */
  static Pom pom(Element project, Path basedir) {
    Element build = child(project, "build");
    Map<String, String> properties = new HashMap<>();
    Element props = child(project, "properties");
    if (props != null) {
      for (Element p : children(props)) {
        properties.put(p.getTagName(), p.getTextContent().strip());
      }
    }
    Element compiler = plugin(build, "maven-compiler-plugin");
    Element config = compilerConfiguration(compiler);
    String release = javaRelease(first(text(config, "release"), properties.get("maven.compiler.release")));
    if (release == null) {
      release = javaRelease(first(text(config, "target"), properties.get("maven.compiler.target"), text(config, "source"),
          properties.get("maven.compiler.source")));
    }
    String encoding = first(text(config, "encoding"), properties.get("maven.compiler.encoding"),
        properties.get("project.build.sourceEncoding"));
    List<String> args = new ArrayList<>();
    Element compilerArgs = child(config, "compilerArgs");
    if (compilerArgs != null) {
      for (Element arg : children(compilerArgs)) {
        args.add(arg.getTextContent().strip());
      }
    }
    String compilerArgument = text(config, "compilerArgument");
    if (compilerArgument != null) {
      args.addAll(List.of(compilerArgument.strip().split("\\s+")));
    }
    List<Element> paths = new ArrayList<>();
    Element apPaths = child(config, "annotationProcessorPaths");
    if (apPaths != null) {
      paths.addAll(children(apPaths));
    }
    List<String> names = new ArrayList<>();
    Element apNames = child(config, "annotationProcessors");
    if (apNames != null) {
      children(apNames).forEach(n -> names.add(n.getTextContent().strip()));
    }
    boolean procNone = "none".equals(first(text(config, "proc"), properties.get("maven.compiler.proc")))
        || args.contains("-proc:none");
    List<Jdks.Range> javaVersions = new ArrayList<>();
    Element enforcer = plugin(build, "maven-enforcer-plugin");
    if (enforcer != null) {
      for (Element rule : descendants(enforcer, "requireJavaVersion")) {
        String version = text(rule, "version");
        if (version != null && !version.isBlank()) {
          javaVersions.add(new Jdks.Range(version));
        }
      }
    }
    List<Jdks.Range> toolchainVersions = new ArrayList<>();
    Element toolchainsPlugin = plugin(build, "maven-toolchains-plugin");
    if (toolchainsPlugin != null) {
      for (Element jdk : descendants(toolchainsPlugin, "jdk")) {
        String version = text(jdk, "version");
        if (version != null) {
          toolchainVersions.add(new Jdks.Range(version));
        }
      }
      for (Element configuration : descendants(toolchainsPlugin, "configuration")) {
        String version = text(configuration, "version");
        if (version != null) {
          toolchainVersions.add(new Jdks.Range(version));
        }
      }
    }
    List<Dependency> dependencies = new ArrayList<>();
    Element deps = child(project, "dependencies");
    if (deps != null) {
      for (Element d : children(deps)) {
        dependencies.add(new Dependency(text(d, "groupId"), text(d, "artifactId"), first(text(d, "type"), "jar"),
            text(d, "classifier"), first(text(d, "scope"), "compile")));
      }
    }
    Element parent = child(project, "parent");
    String groupId = first(text(project, "groupId"), parent == null ? null : text(parent, "groupId"));
    // One file may describe the whole reactor: a module's own directory is its build directory's parent.
    Path buildDirectory = path(build, "directory");
    Path moduleDir =
        buildDirectory != null && buildDirectory.getParent() != null ? buildDirectory.getParent() : basedir;
    return new Pom(
        moduleDir.toAbsolutePath().normalize(),
        groupId,
        text(project, "artifactId"),
        first(text(project, "packaging"), "jar"),
        path(build, "sourceDirectory"),
        path(build, "outputDirectory"),
        release,
        encoding,
        args,
        paths,
        names,
        procNone,
        javaVersions,
        toolchainVersions,
        dependencies,
        project);
  }

  /** {@code 11}, {@code 1.8} (as 8), {@code 17}; null for anything else. */
  static String javaRelease(String value) {
    if (value == null) {
      return null;
    }
    List<Integer> version = Jdks.parse(value);
    return version.isEmpty() || version.get(0) < 6 ? null : Integer.toString(version.get(0));
  }

  private static Element compilerConfiguration(Element compiler) {
    if (compiler == null) {
      return null;
    }
    Element merged = child(compiler, "configuration");
    Element executions = child(compiler, "executions");
    if (executions != null) {
      for (Element execution : children(executions)) {
        if ("default-compile".equals(text(execution, "id")) && child(execution, "configuration") != null) {
          Element own = child(execution, "configuration");
          if (merged == null) {
            return own;
          }
          Element copy = (Element) merged.cloneNode(true);
          for (Element e : children(own)) {
            Element old = child(copy, e.getTagName());
            if (old != null) {
              copy.removeChild(old);
            }
            copy.appendChild(e.cloneNode(true));
          }
          return copy;
        }
      }
    }
    return merged;
  }

  private static Element plugin(Element build, String artifactId) {
    Element plugins = child(build, "plugins");
    if (plugins == null) {
      return null;
    }
    for (Element plugin : children(plugins)) {
      if (artifactId.equals(text(plugin, "artifactId"))) {
        return plugin;
      }
    }
    return null;
  }

  /** Modules after the modules they depend on; otherwise in the order Maven listed them. */
  static List<Pom> reactorOrder(List<Pom> poms) {
    Map<String, Pom> byKey = new LinkedHashMap<>();
    poms.forEach(p -> byKey.putIfAbsent(p.key(), p));
    List<Pom> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (Pom pom : poms) {
      visit(pom, byKey, done, visiting, out);
    }
    return out;
  }

  private static void visit(Pom pom, Map<String, Pom> byKey, Set<String> done, Set<String> visiting, List<Pom> out) {
    if (done.contains(pom.key()) || !visiting.add(pom.key())) {
      return;
    }
    for (Dependency d : pom.dependencies()) {
      Pom sibling = byKey.get(d.key());
      if (sibling != null) {
        visit(sibling, byKey, done, visiting, out);
      }
    }
    visiting.remove(pom.key());
    if (done.add(pom.key())) {
      out.add(pom);
    }
  }

  static boolean needsTestCompile(List<Pom> poms) {
    Set<String> keys = new LinkedHashSet<>();
    poms.forEach(p -> keys.add(p.key()));
    return poms.stream().flatMap(p -> p.dependencies().stream()).anyMatch(d -> d.testJar() && keys.contains(d.key()));
  }

  // ---------------------------------------------------------------- the JDK

  /**
   * The JDKs to try, best first: those that meet every {@code requireJavaVersion} and are at least the
   * highest release of any module, preferring those that also meet the toolchains plugin's version; the
   * oldest of them first when a release is known, else the default JDK first.
   */
  static List<Jdk> candidates(List<Pom> poms, Jdk defaultJdk, Path base) throws UsageException {
    List<Jdk> all = new ArrayList<>(Jdks.installed());
    if (defaultJdk != null && all.stream().noneMatch(j -> j.home().equals(defaultJdk.home()))) {
      all.add(defaultJdk);
    }
    List<Jdks.Range> required = poms.stream().flatMap(p -> p.javaVersions().stream()).distinct().toList();
    List<Jdks.Range> toolchain = poms.stream().flatMap(p -> p.toolchainVersions().stream()).distinct().toList();
    int release = maxRelease(poms);
    List<Jdk> acceptable = new ArrayList<>();
    for (Jdk jdk : all) {
      if (required.stream().allMatch(r -> r.contains(jdk.version())) && jdk.feature() >= release) {
        acceptable.add(jdk);
      }
    }
    if (acceptable.isEmpty()) {
      String have = String.join(", ", all.stream().map(j -> j.versionText()).toList());
      if (!required.isEmpty()) {
        throw new UsageException(base + " requires Java " + ranges(poms) + " (maven-enforcer-plugin requireJavaVersion)"
            + " and no JDK here matches (found " + have + "); install one under /usr/lib/jvm or name its directory in $"
            + Jdks.DIRS_ENV);
      }
      throw new UsageException(base + " is built for Java " + release + " and the newest JDK here is older (found "
          + have + "); install a JDK " + release + "+ under /usr/lib/jvm or name its directory in $" + Jdks.DIRS_ENV);
    }
    Comparator<Jdk> oldestFirst = Comparator.comparing(Jdk::version, Jdks::compare);
    if (release > 0) {
      acceptable.sort(oldestFirst);
    } else {
      acceptable.sort(oldestFirst.reversed());
      if (defaultJdk != null) {
        acceptable.sort(Comparator.comparing(j -> !j.home().equals(defaultJdk.home())));
      }
    }
    acceptable.sort(Comparator.comparing(j -> !toolchain.stream().allMatch(r -> r.contains(j.version()))));
    return acceptable;
  }

  static int maxRelease(List<Pom> poms) {
    return poms.stream().map(Pom::release).filter(r -> r != null).mapToInt(Integer::parseInt).max().orElse(0);
  }

  private static String ranges(List<Pom> poms) {
    return String.join(" and ", poms.stream().flatMap(p -> p.javaVersions().stream()).distinct().map(Jdks.Range::spec).toList());
  }

  /** A toolchains.xml naming every JDK found, for builds that select their JDK through toolchains. */
  private static Path toolchainsFile() throws UsageException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<toolchains>\n");
    for (Jdk jdk : Jdks.installed()) {
      xml.append("  <toolchain><type>jdk</type><provides><version>").append(jdk.versionText())
          .append("</version></provides><configuration><jdkHome>").append(escapeXml(jdk.home().toString()))
          .append("</jdkHome></configuration></toolchain>\n");
    }
    xml.append("</toolchains>\n");
    try {
      Path file = Files.createTempFile("crashguard-toolchains", ".xml");
      Files.writeString(file, xml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UsageException("cannot write a temporary toolchains file (" + ProjectResolver.why(e) + ")");
    }
  }

  // ---------------------------------------------------------------- annotation processors

  /**
   * Resolves every module's {@code annotationProcessorPaths} with their dependencies, through a generated
   * POM per module that depends on exactly those artifacts (with the module's repositories and managed
   * versions). A path Maven cannot resolve is a note, and that module's processors stay off.
   */
  private static Map<Path, List<Path>> processorPaths(
      List<Pom> poms, Options options, Jdk jdk, Path base, Progress progress, Consumer<String> log, List<String> notes)
      throws UsageException {
    List<Pom> with = poms.stream().filter(p -> !p.processorPaths().isEmpty() && !p.procNone()).toList();
    Map<Path, List<Path>> out = new HashMap<>();
    if (with.isEmpty()) {
      return out;
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("crashguard-processor-paths");
    } catch (IOException e) {
      throw new UsageException("cannot create a temporary directory (" + ProjectResolver.why(e) + ")");
    }
    try {
      StringBuilder aggregator = new StringBuilder(
          "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
              + "<groupId>crashguard.processorpath</groupId><artifactId>all</artifactId><version>1</version>"
              + "<packaging>pom</packaging><modules>");
      for (int i = 0; i < with.size(); i++) {
        Path module = Files.createDirectories(dir.resolve("m" + i));
        Files.writeString(module.resolve("pom.xml"), processorPom(with.get(i), i), StandardCharsets.UTF_8);
        aggregator.append("<module>m").append(i).append("</module>");
      }
      Files.writeString(dir.resolve("pom.xml"), aggregator.append("</modules></project>\n"), StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of(options.mvn(), "-B", "-f", dir.resolve("pom.xml").toString()));
      command.addAll(settingsArgs(options.mavenArgs()));
      command.addAll(List.of(DEPENDENCY_PLUGIN, "-Dmdep.outputFile=processorpath.txt", "-Dmdep.includeScope=runtime"));
      Run run = run(command, dir, jdk, progress, log, "annotation processor paths");
      for (int i = 0; i < with.size(); i++) {
        Path file = dir.resolve("m" + i).resolve("processorpath.txt");
        if (run.exit() == 0 && Files.isRegularFile(file)) {
          out.put(with.get(i).basedir(), readClasspath(file));
        } else {
          notes.add("module " + name(base, with.get(i)) + ": Maven could not resolve its annotationProcessorPaths ("
              + firstError(run.lines(), dir) + "); Error Prone runs without its processors");
          out.put(with.get(i).basedir(), List.of());
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot write a temporary POM (" + ProjectResolver.why(e) + ")");
    } finally {
      Demo.delete(dir);
    }
    return out;
  }

  private static String processorPom(Pom pom, int index) throws UsageException {
    StringBuilder xml = new StringBuilder(
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>crashguard.processorpath</groupId><artifactId>m" + index + "</artifactId><version>1</version>"
            + "<packaging>pom</packaging>");
    for (String copied : List.of("repositories", "dependencyManagement")) {
      Element element = child(pom.project(), copied);
      if (element != null) {
        xml.append(serialize(element));
      }
    }
    xml.append("<dependencies>");
    for (Element path : pom.processorPaths()) {
      xml.append("<dependency>");
      for (String field : List.of("groupId", "artifactId", "version", "type", "classifier")) {
        String value = text(path, field);
        if (value != null) {
          xml.append('<').append(field).append('>').append(escapeXml(value)).append("</").append(field).append('>');
        }
      }
      Element exclusions = child(path, "exclusions");
      if (exclusions != null) {
        xml.append(serialize(exclusions));
      }
      xml.append("</dependency>");
    }
    return xml.append("</dependencies></project>\n").toString();
  }

  /** Of the user's Maven arguments, those about where artifacts come from (offline, settings, local repo). */
  static List<String> settingsArgs(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-o") || a.equals("--offline") || a.startsWith("-Dmaven.repo.local=")) {
        out.add(a);
      } else if ((a.equals("-s") || a.equals("--settings") || a.equals("-gs") || a.equals("--global-settings"))
          && i + 1 < args.size()) {
        out.add(a);
        out.add(args.get(++i));
      }
    }
    return out;
  }

  /** The processors named in {@code META-INF/services/javax.annotation.processing.Processor} on the path. */
  static List<String> discoverProcessors(List<Path> path) {
    String service = "META-INF/services/javax.annotation.processing.Processor";
    Set<String> names = new LinkedHashSet<>();
    for (Path entry : path) {
      try {
        if (Files.isDirectory(entry)) {
          Path file = entry.resolve(service);
          if (Files.isRegularFile(file)) {
            names.addAll(serviceNames(Files.readString(file, StandardCharsets.UTF_8)));
          }
        } else if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar")) {
          try (JarFile jar = new JarFile(entry.toFile())) {
            ZipEntry e = jar.getEntry(service);
            if (e != null) {
              try (InputStream in = jar.getInputStream(e)) {
                names.addAll(serviceNames(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
              }
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // not a readable jar: javac would not load processors from it either
      }
    }
    return new ArrayList<>(names);
  }

  private static List<String> serviceNames(String text) {
    return text.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
  }

  // ---------------------------------------------------------------- files

  private static List<Path> found(Path base, String name) throws UsageException {
    try (Stream<Path> walk = Files.walk(base, 12)) {
      return walk.filter(p -> p.getFileName().toString().equals(name))
          .filter(p -> !p.toString().contains(File.separator + "node_modules" + File.separator))
          .sorted()
          .toList();
    } catch (IOException | RuntimeException e) {
      throw new UsageException(base + ": cannot list it (" + e.getMessage() + ")");
    }
  }

  private static List<Path> readClasspath(Path file) throws UsageException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try {
      for (String entry : Files.readString(file, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
        if (!entry.isBlank() && Files.exists(Path.of(entry))) {
          out.add(Path.of(entry).toAbsolutePath().normalize());
        }
      }
    } catch (IOException e) {
      throw new UsageException(file + ": cannot read what Maven wrote (" + ProjectResolver.why(e) + ")");
    }
    return out;
  }

  private static List<Path> javaFilesOrNone(Path sourceRoot) throws UsageException {
    try (Stream<Path> walk = Files.walk(sourceRoot)) {
      if (walk.noneMatch(p -> p.toString().endsWith(".java"))) {
        return List.of();
      }
    } catch (IOException e) {
      throw new UsageException(sourceRoot + ": cannot list it (" + ProjectResolver.why(e) + ")");
    }
    return ProjectResolver.javaFiles(List.of(sourceRoot));
  }

  private static String name(Path base, Pom pom) {
    String relative = base.relativize(pom.basedir()).toString().replace(File.separatorChar, '/');
    return relative.isEmpty() ? pom.artifactId() : relative;
  }

  private static void deleteWithEmptyParent(Path file) {
    try {
      Files.deleteIfExists(file);
      Path parent = file.getParent();
      if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("target")) {
        try (Stream<Path> left = Files.list(parent)) {
          if (left.findAny().isEmpty()) {
            Files.delete(parent);
          }
        }
      }
    } catch (IOException e) {
      // a file left in target/ is harmless
    }
  }

  // ---------------------------------------------------------------- XML

  private static List<Element> projects(Path effectivePom) throws UsageException {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(false);
      doc = factory.newDocumentBuilder().parse(effectivePom.toFile());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new UsageException(effectivePom + ": cannot read Maven's effective POM (" + e.getMessage() + ")");
    }
    Element root = doc.getDocumentElement();
    List<Element> out = new ArrayList<>();
    if (root.getTagName().equals("project")) {
      out.add(root);
    } else {
      for (Element e : children(root)) {
        if (e.getTagName().equals("project")) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static String serialize(Element element) throws UsageException {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(element), new StreamResult(out));
      return out.toString().replaceAll(" xmlns=\"[^\"]*\"", "");
    } catch (TransformerException e) {
      throw new UsageException("cannot copy " + element.getTagName() + " from the effective POM (" + e.getMessage() + ")");
    }
  }

  private static String escapeXml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Element> descendants(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    var list = parent.getElementsByTagName(name);
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    if (e == null) {
      return null;
    }
    String t = e.getTextContent().strip();
    return t.isEmpty() ? null : t;
  }

  private static Path path(Element parent, String name) {
    String t = text(parent, name);
    return t == null ? null : Path.of(t).toAbsolutePath().normalize();
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
