package dev.crashguard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A Maven project, resolved by Maven itself: one {@code mvn} run writes every module's effective POM
 * (source directory, output directory, packaging) and compile class path to files under the module's
 * {@code target/}, read and deleted here. Maven's own build decides; crashguard guesses nothing. Classes come from that build:
 * when a module's output directory is missing, the same run compiles (phase {@code compile}) first, or,
 * with {@code --no-compile}, SpotBugs goes without them.
 */
final class MavenProject {
  static final String HELP_PLUGIN = "org.apache.maven.plugins:maven-help-plugin:3.5.1:effective-pom";
  static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath";

  private MavenProject() {}

  static Project resolve(Path dir, String mvn, boolean compile, Consumer<String> log) throws UsageException {
    Path base = dir.toAbsolutePath().normalize();
    String tag = "crashguard-" + ProcessHandle.current().pid();
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-q", "-f", base.resolve("pom.xml").toString()));
    if (compile) {
      command.add("compile");
    }
    command.addAll(
        List.of(
            HELP_PLUGIN,
            "-Doutput=target/" + tag + "-effective-pom.xml",
            DEPENDENCY_PLUGIN,
            "-Dmdep.outputFile=target/" + tag + "-classpath.txt",
            "-Dmdep.includeScope=compile"));
    log.accept("maven: " + String.join(" ", command));
    Path output;
    try {
      output = Files.createTempFile("crashguard-mvn", ".log");
    } catch (IOException e) {
      throw new UsageException("cannot create a temporary file: " + e.getMessage());
    }
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(base.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new UsageException("Maven did not finish in 30 minutes on " + base);
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      printed.lines().forEach(line -> log.accept("maven: " + line));
      if (process.exitValue() != 0) {
        String error =
            printed.lines().filter(l -> l.startsWith("[ERROR]")).findFirst().orElse("exit " + process.exitValue());
        throw new UsageException(
            "Maven could not resolve " + base + " (" + error.replaceFirst("^\\[ERROR] ", "").strip()
                + "); run with --verbose, or scan plain sources with --sources/--classes/--classpath");
      }
    } catch (IOException e) {
      throw new UsageException("cannot run Maven (" + mvn + "): no such program, or not executable; give --maven PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException("interrupted while Maven ran");
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // left in the temporary directory
      }
    }

    List<Path> sourceRoots = new ArrayList<>();
    List<Path> classDirs = new ArrayList<>();
    List<Path> classpath = new ArrayList<>();
    List<Path> described = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base)) {
      walk.filter(p -> p.getFileName().toString().equals(tag + "-effective-pom.xml")).forEach(described::add);
    } catch (IOException e) {
      throw new UsageException(base + ": cannot list it (" + e.getMessage() + ")");
    }
    if (described.isEmpty()) {
      throw new UsageException("Maven ran but described no module of " + base);
    }
    List<Path> cpFiles = new ArrayList<>();
    for (Path file : described) {
      for (Element project : projects(file)) {
        Element build = child(project, "build");
        if (build == null) {
          continue;
        }
        Path targetDir = Path.of(text(build, "directory", ""));
        Path cpFile = targetDir.resolve(tag + "-classpath.txt");
        cpFiles.add(cpFile);
        if ("pom".equals(text(project, "packaging", "jar"))) {
          continue;
        }
        Path sourceDir = Path.of(text(build, "sourceDirectory", ""));
        if (Files.isDirectory(sourceDir)) {
          sourceRoots.add(sourceDir.toAbsolutePath().normalize());
        }
        Path out = Path.of(text(build, "outputDirectory", ""));
        if (Files.isDirectory(out)) {
          classDirs.add(out.toAbsolutePath().normalize());
        }
        if (Files.exists(cpFile)) {
          try {
            for (String entry : Files.readString(cpFile, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
              if (!entry.isBlank() && Files.exists(Path.of(entry))) {
                classpath.add(Path.of(entry).toAbsolutePath().normalize());
              }
            }
          } catch (IOException e) {
            throw new UsageException(cpFile + ": cannot read what Maven wrote (" + e.getMessage() + ")");
          }
        }
      }
    }
    for (Path p : described) {
      deleteQuietly(p);
    }
    cpFiles.forEach(MavenProject::deleteQuietly);
    // A module's classes are another module's dependency: no need to list them twice.
    classpath.removeAll(classDirs);
    if (sourceRoots.isEmpty()) {
      throw new UsageException("no Java files under " + base + " (Maven lists no existing source root)");
    }
    return new Project(
        base, "Maven project", sourceRoots, ProjectResolver.javaFiles(sourceRoots), classDirs,
        classpath.stream().distinct().toList());
  }

  private static List<Element> projects(Path effectivePom) throws UsageException {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(false);
      doc = factory.newDocumentBuilder().parse(effectivePom.toFile());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new UsageException(effectivePom + ": cannot read Maven's effective POM (" + e.getMessage() + ")");
    }
    Element root = doc.getDocumentElement();
    List<Element> out = new ArrayList<>();
    if (root.getTagName().equals("project")) {
      out.add(root);
    } else {
      for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals("project")) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name, String otherwise) {
    Element e = child(parent, name);
    return e == null ? otherwise : e.getTextContent().strip();
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a file left in target/ is harmless
    }
  }

  /** Whether the project needs a compile: a module without its output directory. Conventional guess. */
  static boolean classesMissing(Path dir) {
    return !Files.isDirectory(dir.resolve("target/classes"));
  }
}
