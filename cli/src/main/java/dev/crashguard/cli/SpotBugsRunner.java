package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.PluginException;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SortedBugCollection;
import edu.umd.cs.findbugs.SourceLineAnnotation;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SpotBugs through {@link FindBugs2}, on the project's class files: the crashguard-spotbugs-detectors jar
 * on the CLI's class path (found by its {@code findbugs.xml}) loaded as a custom plugin, only its detectors
 * and the core ones that report nothing (they record facts others use, such as
 * {@code @SuppressFBWarnings}) enabled, every priority reported.
 */
final class SpotBugsRunner implements EngineRunner {
  /** The plugin id in the plugin's findbugs.xml. */
  static final String PLUGIN_ID = "dev.crashguard.spotbugs";

  @Override
  public Engine engine() {
    return Engine.SPOTBUGS;
  }

  @Override
  public Optional<String> cannotRun(Project project) {
    if (project.classDirs().isEmpty()) {
      return Optional.of(
          "SpotBugs reads class files and none were given: compile the project and pass --classes DIR");
    }
    return Optional.empty();
  }

  @Override
  public Result run(Project project, Set<Hazard> hazards, Consumer<String> log) throws EngineException {
    Plugin plugin = loadPlugin();
    edu.umd.cs.findbugs.Project sbProject = new edu.umd.cs.findbugs.Project();
    project.classDirs().forEach(dir -> sbProject.addFile(dir.toString()));
    project.classpath().forEach(entry -> sbProject.addAuxClasspathEntry(entry.toString()));
    sbProject.addSourceDirs(project.sourceRoots().stream().map(Path::toString).toList());

    StringWriter printed = new StringWriter();
    BugCollectionBugReporter reporter = new BugCollectionBugReporter(sbProject, new PrintWriter(printed));
    reporter.setPriorityThreshold(Priorities.LOW_PRIORITY);
    reporter.setRankThreshold(BugRanks.LOWEST);

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
      engine.setProject(sbProject);
      engine.setDetectorFactoryCollection(DetectorFactoryCollection.instance());
      engine.setUserPreferences(preferences);
      engine.setNoClassOk(true);
      engine.finishSettings();
      engine.execute();
    } catch (IOException | RuntimeException e) {
      throw new EngineException("SpotBugs failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("SpotBugs was interrupted", e);
    } finally {
      engine.dispose();
    }
    printed.toString().lines().forEach(line -> log.accept("spotbugs: " + line));

    List<Finding> findings = new ArrayList<>();
    for (BugInstance bug : reporter.getBugCollection().getCollection()) {
      Optional<Hazard> hazard = Hazard.byBugType(bug.getType());
      if (hazard.isEmpty() || !hazards.contains(hazard.get())) {
        continue;
      }
      SourceLineAnnotation line = bug.getPrimarySourceLineAnnotation();
      String packagePath = line.getSourcePath();
      String file = project.fromPackagePath(packagePath).orElse(packagePath);
      findings.add(
          new Finding(Engine.SPOTBUGS, hazard.get(), file, Math.max(0, line.getStartLine()), bug.getMessageWithoutPrefix()));
    }
    List<String> problems = new ArrayList<>();
    List<AnalysisError> errors =
        reporter.getBugCollection() instanceof SortedBugCollection sorted
            ? List.copyOf(sorted.getErrors())
            : Collections.emptyList();
    for (AnalysisError error : errors) {
      log.accept("spotbugs error: " + error.getMessage());
    }
    return new Result(findings, problems);
  }

  /** Loads the crashguard plugin once per JVM (SpotBugs keeps plugins in static state). */
  private static synchronized Plugin loadPlugin() throws EngineException {
    Plugin loaded = Plugin.getByPluginId(PLUGIN_ID);
    if (loaded != null && DetectorFactoryCollection.instance().getPluginById(PLUGIN_ID) != null) {
      return loaded;
    }
    URL pluginLocation = pluginLocation();
    try {
      Plugin plugin = loaded != null ? loaded : Plugin.addCustomPlugin(pluginLocation.toURI());
      if (plugin == null) {
        throw new EngineException("SpotBugs did not load the crashguard plugin from " + pluginLocation, null);
      }
      plugin.setGloballyEnabled(true);
      if (DetectorFactoryCollection.instance().getPluginById(PLUGIN_ID) == null) {
        DetectorFactoryCollection.resetInstance(null);
      }
      if (DetectorFactoryCollection.instance().getPluginById(PLUGIN_ID) == null) {
        throw new EngineException("SpotBugs loaded the crashguard plugin but has no detectors from it", null);
      }
      return plugin;
    } catch (PluginException | URISyntaxException e) {
      throw new EngineException("cannot load the crashguard SpotBugs plugin from " + pluginLocation + ": " + e, e);
    }
  }

  /** The jar (or directory) on the class path whose findbugs.xml declares {@value #PLUGIN_ID}. */
  static URL pluginLocation() throws EngineException {
    try {
      for (URL url : Collections.list(SpotBugsRunner.class.getClassLoader().getResources("findbugs.xml"))) {
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
      throw new EngineException("cannot look for the crashguard SpotBugs plugin: " + e, e);
    }
    throw new EngineException(
        "the crashguard SpotBugs plugin (crashguard-spotbugs-detectors jar) is not on the class path", null);
  }

  /** SpotBugs' rank scale: 1 (scariest) to 20; report all. */
  private static final class BugRanks {
    static final int LOWEST = 20;
  }
}
