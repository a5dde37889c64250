package dev.crashguard.catalog;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing an engine reported: the hazard, where, and the message. {@code file} is the path relative to
 * the source root with {@code /} separators ({@code dev/crashguard/Foo.java}), so findings from source
 * engines and from bytecode (which only knows package and source file name) compare equal.
 */
public record Finding(Engine engine, Hazard hazard, String file, int line, String message) {

  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparing(f -> f.hazard().catalogName())
          .thenComparing(Finding::engine);

  public Finding {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(hazard, "hazard");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    file = file.replace('\\', '/');
  }

  @Override
  public String toString() {
    return file + ":" + line + ": [" + hazard.catalogName() + "] (" + engine.id() + ") " + message;
  }
}
