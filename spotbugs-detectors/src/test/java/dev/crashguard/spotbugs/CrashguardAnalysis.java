package dev.crashguard.spotbugs;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import edu.umd.cs.findbugs.AnalysisError;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.IFindBugsEngine;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.config.UserPreferences;
import edu.umd.cs.findbugs.test.SpotBugsRunner;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Runs the real SpotBugs engine with only crashguard's detectors, and turns its bugs into findings. */
final class CrashguardAnalysis {

  /** The plugin id in findbugs.xml. */
  static final String PLUGIN_ID = "dev.crashguard.spotbugs";

  private CrashguardAnalysis() {}

  /**
   * Enables crashguard's detectors and the core detectors that report nothing (they record facts the
   * others use, such as NoteSuppressedWarnings for {@code @SuppressFBWarnings}); disables every other
   * reporting detector, so the run is fast and judges only crashguard.
   */
  static Consumer<IFindBugsEngine> onlyCrashguard() {
    return engine -> {
      UserPreferences preferences = UserPreferences.createDefaultUserPreferences();
      preferences.getFilterSettings().clearAllCategories();
      for (Iterator<DetectorFactory> it = DetectorFactoryCollection.instance().factoryIterator(); it.hasNext(); ) {
        DetectorFactory factory = it.next();
        boolean ours = PLUGIN_ID.equals(factory.getPlugin().getPluginId());
        preferences.enableDetector(
            factory, ours || (factory.isDefaultEnabled() && factory.getReportedBugPatterns().isEmpty()));
      }
      engine.setUserPreferences(preferences);
    };
  }

  /** Analyses {@code files} with the test JVM's class path as aux class path. */
  static BugCollection analyse(Path... files) {
    return analyse(new SpotBugsRunner(), files);
  }

  /** Analyses {@code files} with {@code runner} (from SpotBugsExtension), aux class path as above. */
  static BugCollection analyse(SpotBugsRunner runner, Path... files) {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!entry.isBlank() && Files.isReadable(path)) {
        runner.addAuxClasspathEntry(e -> {}, path);
      }
    }
    BugCollection bugs = runner.performAnalysis(onlyCrashguard(), files);
    List<String> errors = new ArrayList<>();
    // SpotBugsRunner already fails when errors are queued; this also catches errors kept in the collection.
    Iterator<AnalysisError> it =
        bugs instanceof edu.umd.cs.findbugs.SortedBugCollection sorted
            ? List.<AnalysisError>copyOf(sorted.getErrors()).iterator()
            : java.util.Collections.emptyIterator();
    while (it.hasNext()) {
      AnalysisError error = it.next();
      errors.add(error.getMessage() + (error.getExceptionMessage() == null ? "" : ": " + error.getExceptionMessage()));
    }
    if (!errors.isEmpty()) {
      throw new AssertionError("SpotBugs logged analysis errors:\n  " + String.join("\n  ", errors));
    }
    return bugs;
  }

  /** Class files of the given classes and everything nested in them (lambdas' anonymous classes too). */
  static Path[] classFiles(Class<?>... classes) {
    List<Path> files = new ArrayList<>();
    for (Class<?> cls : classes) {
      try {
        Path file = Path.of(cls.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(cls.getName().replace('.', '/') + ".class");
        String fileName = file.getFileName().toString();
        String prefix = fileName.substring(0, fileName.length() - ".class".length()) + "$";
        files.add(file);
        try (Stream<Path> siblings = Files.list(file.getParent())) {
          siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(files::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return files.toArray(Path[]::new);
  }

  /** The crashguard bugs among {@code bugs}. */
  static List<BugInstance> crashguardBugs(BugCollection bugs) {
    return bugs.getCollection().stream().filter(b -> b.getType().startsWith("CG_")).toList();
  }

  /** A bug as a corpus finding: hazard by bug type, file from the primary source line, rendered message. */
  static Finding toFinding(BugInstance bug) {
    Optional<Hazard> hazard = Hazard.byBugType(bug.getType());
    if (hazard.isEmpty()) {
      throw new AssertionError("bug type " + bug.getType() + " is not in the catalog");
    }
    SourceLineAnnotation line = bug.getPrimarySourceLineAnnotation();
    return new Finding(
        Engine.SPOTBUGS, hazard.get(), line.getSourcePath(), line.getStartLine(), bug.getMessageWithoutPrefix());
  }

  static String describe(List<BugInstance> bugs) {
    return Arrays.toString(bugs.stream().map(b -> toFinding(b).toString()).toArray());
  }
}
