package demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

public class SafeLogTail {
  public List<String> errors(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(line -> line.contains("ERROR")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
