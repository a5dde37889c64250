package dev.crashguard.spotbugs;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.PluginException;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.SortedBugCollection;
import edu.umd.cs.findbugs.config.UserPreferences;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs the real SpotBugs engine ({@link FindBugs2}) with crashguard's detectors, the way {@code
 * spotbugs:check} runs a plugin, and returns what they report. The plugin is this module's jar (or its
 * class directory, in its own build), found on the class path by its {@code findbugs.xml}; it is loaded
 * once per JVM, since SpotBugs keeps plugins in static state. Only crashguard's detectors and the core
 * detectors that report nothing (they record facts others use, such as {@code @SuppressFBWarnings}) are
 * enabled, and every priority and rank is reported.
 *
 * <p>This is the one place that knows how to drive SpotBugs: the corpus test and the command line both use
 * it.
 */
public final class SpotBugsScanner {

  /** The plugin id in this module's findbugs.xml. */
  public static final String PLUGIN_ID = "dev.crashguard.spotbugs";

  /** SpotBugs' rank scale: 1 (scariest) to 20; a scan reports every rank. */
  private static final int LOWEST_RANK = 20;

  /** One crashguard bug: its catalog hazard, and SpotBugs' own record of it (priority, rank, annotations). */
  public record Bug(Hazard hazard, BugInstance instance) {
    /**
     * The source file relative to its source root ({@code demo/Counter.java}), as SpotBugs knows it. A class
     * compiled without debug information names no source file ({@code <Unknown>}); its top-level class's
     * name, as javac names files, stands in for it.
     */
    public String sourcePath() {
      SourceLineAnnotation line = instance.getPrimarySourceLineAnnotation();
      if (!SourceLineAnnotation.UNKNOWN_SOURCE_FILE.equals(line.getSourceFile())) {
        return line.getSourcePath();
      }
      String className = line.getClassName();
      int dollar = className.indexOf('$', className.lastIndexOf('.') + 1);
      String topLevel = dollar < 0 ? className : className.substring(0, dollar);
      return topLevel.replace('.', '/') + ".java";
    }

    public int line() {
      return Math.max(0, instance.getPrimarySourceLineAnnotation().getStartLine());
    }

    /** As a finding, with the file named by {@code file} from the package path. */
    public Finding toFinding(Function<String, String> file) {
      return new Finding(Engine.SPOTBUGS, hazard, file.apply(sourcePath()), line(), instance.getMessageWithoutPrefix());
    }
  }

  /**
   * What one run found.
   *
   * @param bugs the crashguard bugs
   * @param errors analysis errors: a class SpotBugs or a detector could not analyse (the run went on)
   * @param output what SpotBugs printed
   */
  public record Result(List<Bug> bugs, List<String> errors, String output) {
    public Result {
      bugs = List.copyOf(bugs);
      errors = List.copyOf(errors);
    }

    /** The bugs as findings, the file of each named by {@code file} from its package path. */
    public List<Finding> findings(Function<String, String> file) {
      return bugs.stream().map(b -> b.toFinding(file)).toList();
    }
  }

  private final List<Path> classes;
  private final List<Path> auxClasspath;
  private final List<Path> sourceDirs;

  private SpotBugsScanner(List<Path> classes, List<Path> auxClasspath, List<Path> sourceDirs) {
    this.classes = List.copyOf(classes);
    this.auxClasspath = List.copyOf(auxClasspath);
    this.sourceDirs = List.copyOf(sourceDirs);
  }

  /** A scanner for class directories, jars or class files. */
  public static SpotBugsScanner of(List<Path> classes) {
    return new SpotBugsScanner(Objects.requireNonNull(classes, "classes"), List.of(), List.of());
  }

  /** The classes the analysed code uses (its dependencies), so that type hierarchies resolve. */
  public SpotBugsScanner withAuxClasspath(List<Path> entries) {
    return new SpotBugsScanner(classes, entries, sourceDirs);
  }

  /** Source roots, for SpotBugs' own source lookup. */
  public SpotBugsScanner withSourceDirs(List<Path> dirs) {
    return new SpotBugsScanner(classes, auxClasspath, dirs);
  }

  /**
   * Runs SpotBugs.
   *
   * @throws IOException when SpotBugs cannot read its input
   * @throws PluginException when the crashguard plugin cannot be found or loaded
   */
  public Result scan() throws IOException, InterruptedException, PluginException {
    Plugin plugin = loadPlugin();
    Project project = new Project();
    classes.forEach(c -> project.addFile(c.toString()));
    auxClasspath.forEach(entry -> project.addAuxClasspathEntry(entry.toString()));
    project.addSourceDirs(sourceDirs.stream().map(Path::toString).toList());

    StringWriter printed = new StringWriter();
    BugCollectionBugReporter reporter = new BugCollectionBugReporter(project, new PrintWriter(printed));
    reporter.setPriorityThreshold(Priorities.LOW_PRIORITY);
    reporter.setRankThreshold(LOWEST_RANK);

    UserPreferences preferences = UserPreferences.createDefaultUserPreferences();
    preferences.getFilterSettings().clearAllCategories();
    preferences.getFilterSettings().setMinPriority("Low");
    for (Iterator<DetectorFactory> it = DetectorFactoryCollection.instance().factoryIterator(); it.hasNext(); ) {
      DetectorFactory factory = it.next();
      boolean ours = factory.getPlugin() == plugin;
      preferences.enableDetector(
          factory, ours || (factory.isDefaultEnabled() && factory.getReportedBugPatterns().isEmpty()));
    }

    FindBugs2 engine = new FindBugs2();
    try {
      engine.setBugReporter(reporter);
      engine.setProject(project);
      engine.setDetectorFactoryCollection(DetectorFactoryCollection.instance());
      engine.setUserPreferences(preferences);
      engine.setNoClassOk(true);
      engine.finishSettings();
      engine.execute();
    } finally {
      engine.dispose();
    }

    List<Bug> bugs = new ArrayList<>();
    for (BugInstance bug : reporter.getBugCollection().getCollection()) {
      Hazard.byBugType(bug.getType()).ifPresent(hazard -> bugs.add(new Bug(hazard, bug)));
    }
    List<String> errors = new ArrayList<>();
    List<AnalysisError> analysisErrors =
        reporter.getBugCollection() instanceof SortedBugCollection sorted
            ? List.copyOf(sorted.getErrors())
            : Collections.emptyList();
    for (AnalysisError error : analysisErrors) {
      errors.add(error.getMessage() + (error.getExceptionMessage() == null ? "" : ": " + error.getExceptionMessage()));
    }
    return new Result(bugs, errors, printed.toString());
  }

  /** Loads the crashguard plugin once per JVM (SpotBugs keeps plugins in static state). */
  private static synchronized Plugin loadPlugin() throws PluginException {
    Plugin loaded = Plugin.getByPluginId(PLUGIN_ID);
    if (loaded != null && DetectorFactoryCollection.instance().getPluginById(PLUGIN_ID) != null) {
      return loaded;
    }
    URL location = pluginLocation();
    Plugin plugin;
    try {
      plugin = loaded != null ? loaded : Plugin.addCustomPlugin(location.toURI());
    } catch (URISyntaxException e) {
      throw new PluginException("cannot load the crashguard SpotBugs plugin from " + location + ": " + e, e);
    }
    if (plugin == null) {
      throw new PluginException("SpotBugs did not load the crashguard plugin from " + location);
    }
    plugin.setGloballyEnabled(true);
    if (DetectorFactoryCollection.instance().getPluginById(PLUGIN_ID) == null) {
      DetectorFactoryCollection.resetInstance(null);
    }
    if (DetectorFactoryCollection.instance().getPluginById(PLUGIN_ID) == null) {
      throw new PluginException("SpotBugs loaded the crashguard plugin but has no detectors from it");
    }
    return plugin;
  }

  /** The jar (or class directory) on the class path whose findbugs.xml declares {@value #PLUGIN_ID}. */
  public static URL pluginLocation() throws PluginException {
    try {
      for (URL url : Collections.list(SpotBugsScanner.class.getClassLoader().getResources("findbugs.xml"))) {
        String xml;
        try (InputStream in = url.openStream()) {
          xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!xml.contains("pluginid=\"" + PLUGIN_ID + "\"")) {
          continue;
        }
        if ("jar".equals(url.getProtocol())) {
          return ((JarURLConnection) url.openConnection()).getJarFileURL();
        }
        Path file = Path.of(url.toURI());
        if (Files.isRegularFile(file)) {
          return file.getParent().toUri().toURL();
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new PluginException("cannot look for the crashguard SpotBugs plugin: " + e, e);
    }
    throw new PluginException(
        "the crashguard SpotBugs plugin (crashguard-spotbugs-detectors jar) is not on the class path");
  }

}
