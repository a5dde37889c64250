package dev.crashguard.reports;

import java.nio.file.Path;

/**
 * Where the source root sits in the project: SonarQube wants {@code filePath} relative to
 * {@code sonar.projectBaseDir}, SARIF wants {@code uri} relative to {@code %SRCROOT%} (the checkout), and
 * a {@link dev.crashguard.catalog.Finding} is relative to the source root. This is the prefix between them.
 */
public record ProjectPaths(String sourceRootPrefix) {

  public ProjectPaths {
    sourceRootPrefix = sourceRootPrefix.replace('\\', '/');
    while (sourceRootPrefix.endsWith("/")) {
      sourceRootPrefix = sourceRootPrefix.substring(0, sourceRootPrefix.length() - 1);
    }
    if (sourceRootPrefix.startsWith("/") || sourceRootPrefix.equals("..") || sourceRootPrefix.startsWith("../")) {
      throw new IllegalArgumentException(
          "the source root must be given relative to the project root, inside it: " + sourceRootPrefix);
    }
    if (sourceRootPrefix.equals(".")) {
      sourceRootPrefix = "";
    }
  }

  /**
   * The prefix for {@code sourceRoot} inside {@code projectRoot}, e.g. {@code src/main/java}.
   *
   * @throws IllegalArgumentException when the source root is not inside the project root
   */
  public static ProjectPaths of(Path projectRoot, Path sourceRoot) {
    Path project = projectRoot.toAbsolutePath().normalize();
    Path source = sourceRoot.toAbsolutePath().normalize();
    if (!source.startsWith(project)) {
      throw new IllegalArgumentException(
          "the source root " + source + " is not inside the project root " + project);
    }
    return new ProjectPaths(SourceRoot.slashes(project.relativize(source)));
  }

  /** The finding's file relative to the project root, {@code /}-separated. */
  public String fromProjectRoot(String fileFromSourceRoot) {
    return sourceRootPrefix.isEmpty() ? fileFromSourceRoot : sourceRootPrefix + "/" + fileFromSourceRoot;
  }
}
