package dev.crashguard.errorprone;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The tests' way to run {@link ErrorProneScanner}: the test JVM's class path is both the analysed code's
 * class path (the corpus' dependencies) and javac's processor path (Error Prone and these checks), code is
 * compiled for Java 21 like the corpus, and a check that throws fails the test instead of being hidden.
 */
public final class ErrorProneRun {

  private ErrorProneRun() {}

  public static ErrorProneScanner.Result compile(List<Path> sources) {
    List<Path> classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(Path::of)
            .toList();
    if (ErrorProneScanner.registeredChecks().isEmpty()) {
      throw new AssertionError("no crashguard BugChecker registered in META-INF/services");
    }
    return ErrorProneScanner.of(classpath, classpath).withRelease("21").rethrowingCheckErrors().scan(sources);
  }
}
