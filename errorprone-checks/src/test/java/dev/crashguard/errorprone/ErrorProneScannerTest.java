package dev.crashguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Path;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.junit.jupiter.api.Test;

/** Pieces of {@link ErrorProneScanner} that real-world code reached and the corpus did not. */
final class ErrorProneScannerTest {

  /** A file object reporting {@code uri}, as javac's own jar-backed file objects do. */
  private static JavaFileObject at(String uri, JavaFileObject.Kind kind) {
    JavaFileObject plain = new SimpleJavaFileObject(URI.create("file:///placeholder" + kind.extension), kind) {};
    return new ForwardingJavaFileObject<>(plain) {
      @Override
      public URI toUri() {
        return URI.create(uri);
      }
    };
  }

  /** Found by the real-world harness (hibernate-validator): a diagnostic on a class inside a jar. */
  @Test
  void diagnosticsOnClassesInJarsHaveNoSourcePath() {
    assertNull(ErrorProneScanner.sourcePath(at("jar:file:/tmp/classes.jar!/a/B.class", JavaFileObject.Kind.CLASS)));
    assertNull(ErrorProneScanner.sourcePath(null));
  }

  @Test
  void diagnosticsOnSourceFilesKeepTheirPath() {
    assertEquals(
        Path.of("/tmp/src/a/B.java"),
        ErrorProneScanner.sourcePath(at("file:///tmp/src/a/B.java", JavaFileObject.Kind.SOURCE)));
  }
}
