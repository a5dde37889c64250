package dev.crashguard.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small Maven-layout project in a temporary directory, with the hand-written engine reports that point
 * into it. The reports are shaped on real output: PMD 7.27.0's XML renderer and SpotBugs 4.10.4's
 * {@code -xml:withMessages}, run on these very sources, with crashguard's rule names and messages put where
 * the engines' own were (the engine modules will produce the real thing; the lead adds end-to-end tests).
 * Real reports hold absolute paths, so the reports carry {@code @PROJECT@} and get the directory here.
 */
final class SampleProject {
  static final List<String> SOURCES =
      List.of(
          "src/main/java/dev/shop/Inventory.java",
          "src/main/java/dev/shop/Ledger.java",
          "src/test/java/dev/shop/InventoryTest.java");

  /** The catalog message of UnsynchronizedMapWrite, after the two slots. */
  static final String MAP_WRITE_TAIL =
      "; concurrent writes lose entries, loop forever or throw"
          + " ConcurrentModificationException. Use ConcurrentHashMap (ConcurrentHashMap.newKeySet() for a"
          + " set) or guard every access with one lock.";

  final Path root;

  SampleProject(Path root) {
    this.root = root.toAbsolutePath().normalize();
    for (String source : SOURCES) {
      copy("project/" + source, this.root.resolve(source));
    }
  }

  Path sourceRoot() {
    return root.resolve("src/main/java");
  }

  Path pmdReport() {
    return render("pmd.xml", "target/pmd.xml");
  }

  Path spotbugsReport() {
    return render("spotbugsXml.xml", "target/spotbugsXml.xml");
  }

  /** Writes {@code text} (with {@code @PROJECT@} filled in) to {@code relative} and returns its path. */
  Path write(String relative, String text) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text.replace("@PROJECT@", root.toString()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  Path render(String resource, String relative) {
    return write(relative, resource(resource));
  }

  static String resource(String name) {
    try (InputStream in = SampleProject.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(String resource, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, resource(resource), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
