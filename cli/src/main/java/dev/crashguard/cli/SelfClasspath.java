package dev.crashguard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The CLI's own class path as files: {@code java.class.path}, plus the {@code Class-Path} of its jar's
 * manifest when started with {@code java -jar} (then {@code java.class.path} names only that jar). javac
 * loads Error Prone and the checks from these files, as from {@code -processorpath} in a build.
 */
final class SelfClasspath {
  private SelfClasspath() {}

  static List<Path> entries() {
    Set<Path> out = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        add(Path.of(entry).toAbsolutePath().normalize(), out);
      }
    }
    return new ArrayList<>(out);
  }

  private static void add(Path entry, Set<Path> out) {
    if (!out.add(entry) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      Manifest manifest = jar.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return;
      }
      for (String item : classPath.trim().split("\\s+")) {
        if (!item.isEmpty()) {
          Path dependency = entry.getParent().resolve(item).normalize();
          if (Files.exists(dependency)) {
            add(dependency, out);
          }
        }
      }
    } catch (IOException e) {
      // not a readable jar: javac will say so if it matters
    }
  }
}
