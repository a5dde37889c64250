package dev.crashguard.realworld;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library as its module under {@code libraries/NAME/} pinned it and fetched it into
 * {@code target/libraries/NAME/}: sources/, classes.jar, classpath.txt. {@code release} is the module's
 * optional {@code lib.release}: the Java release its sources are compiled for when the default (the running
 * JDK) rejects them (javaparser-core's {@code NodeList.getLast()} clashes with Java 21's {@code List.getLast()}).
 */
record Library(
    String name,
    String coordinates,
    String version,
    Path sources,
    Path jar,
    List<String> classpath,
    Optional<String> release) {

  static Library load(Path realworld, String name) throws IOException {
    String pom = Files.readString(realworld.resolve("libraries").resolve(name).resolve("pom.xml"));
    Path fetched = realworld.resolve("target/libraries").resolve(name);
    Path sources = fetched.resolve("sources");
    Path jar = fetched.resolve("classes.jar");
    Path classpathFile = fetched.resolve("classpath.txt");
    for (Path p : List.of(sources, jar, classpathFile)) {
      if (!Files.exists(p)) {
        throw new IllegalStateException(p + " is missing: run the build from realworld/ (its library modules fetch"
            + " " + name + " first), e.g. ./mvnw -B -f realworld/pom.xml verify");
      }
    }
    String cp = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
    List<String> classpath =
        cp.isEmpty() ? List.of() : Arrays.stream(cp.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    return new Library(
        name,
        property(pom, "lib.groupId") + ":" + property(pom, "lib.artifactId"),
        property(pom, "lib.version"),
        sources,
        jar,
        classpath,
        optionalProperty(pom, "lib.release"));
  }

  private static Optional<String> optionalProperty(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(pom);
    return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(pom);
    if (!m.find()) {
      throw new IllegalStateException("the library pom has no <" + name + ">");
    }
    return m.group(1).strip();
  }
}
