package demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

public class LogTail {
  public Stream<String> errors(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
