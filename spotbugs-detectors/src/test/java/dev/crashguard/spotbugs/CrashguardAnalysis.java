package dev.crashguard.spotbugs;

import edu.umd.cs.findbugs.BugInstance;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unit tests' way to run {@link SpotBugsScanner}: the test JVM's class path is the aux class path, and
 * an analysis error (a detector that threw, a class it could not read) fails the test instead of being
 * hidden.
 */
final class CrashguardAnalysis {

  private CrashguardAnalysis() {}

  /** Analyses {@code files} and returns the crashguard bugs. */
  static SpotBugsScanner.Result scan(Path... files) {
    List<Path> aux = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!entry.isBlank() && Files.isReadable(path)) {
        aux.add(path);
      }
    }
    SpotBugsScanner.Result result;
    try {
      result = SpotBugsScanner.of(List.of(files)).withAuxClasspath(aux).scan();
    } catch (Exception e) {
      throw new AssertionError("SpotBugs did not run: " + e, e);
    }
    if (!result.errors().isEmpty()) {
      throw new AssertionError("SpotBugs logged analysis errors:\n  " + String.join("\n  ", result.errors()));
    }
    return result;
  }

  /** The crashguard bugs SpotBugs reports on {@code files}. */
  static List<BugInstance> analyse(Path... files) {
    return scan(files).bugs().stream().map(SpotBugsScanner.Bug::instance).toList();
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

  static String describe(List<BugInstance> bugs) {
    return Arrays.toString(bugs.stream().map(BugInstance::getMessageWithoutPrefix).toArray());
  }
}
