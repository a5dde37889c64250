package dev.crashguard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs on this machine, found the way {@code ./crashguard} and the build's toolchains plugin find them:
 * {@code $JAVA_HOME}, the JDK crashguard runs on, and every JDK under {@code /usr/lib/jvm} (or the
 * directories in {@code $CRASHGUARD_JDK_DIRS}, {@code :}-separated). A JDK is a directory with
 * {@code bin/java}, {@code bin/javac} and a {@code release} file naming its version.
 */
final class Jdks {
  static final String DIRS_ENV = "CRASHGUARD_JDK_DIRS";
  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

  /** One JDK: its home and version ({@code 17.0.15}, {@code 1.8.0_392} read as 8.0.392). */
  record Jdk(Path home, List<Integer> version) {
    int feature() {
      return version.get(0);
    }

    String versionText() {
      return String.join(".", version.stream().map(String::valueOf).toList());
    }

    @Override
    public String toString() {
      return "JDK " + feature() + " (" + home + ")";
    }
  }

  private Jdks() {}

  /** The JDK a plain {@code mvn} would use: {@code $JAVA_HOME} when it is one, else the running JDK's. */
  static Optional<Jdk> defaultJdk() {
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      Optional<Jdk> jdk = at(Path.of(javaHome));
      if (jdk.isPresent()) {
        return jdk;
      }
    }
    return at(Path.of(System.getProperty("java.home")));
  }

  /** Every JDK found, oldest first, each once. */
  static List<Jdk> installed() {
    Map<Path, Jdk> found = new LinkedHashMap<>();
    List<Path> homes = new ArrayList<>();
    defaultJdk().ifPresent(j -> homes.add(j.home()));
    homes.add(Path.of(System.getProperty("java.home")));
    String dirs = System.getenv(DIRS_ENV);
    List<Path> parents =
        dirs == null || dirs.isBlank()
            ? List.of(Path.of("/usr/lib/jvm"))
            : Arrays.stream(dirs.split(File.pathSeparator)).filter(d -> !d.isBlank()).map(Path::of).toList();
    for (Path parent : parents) {
      if (at(parent).isPresent()) {
        homes.add(parent);
        continue;
      }
      try (Stream<Path> children = Files.list(parent)) {
        children.sorted().forEach(homes::add);
      } catch (IOException | RuntimeException e) {
        // no such directory: no JDK there
      }
    }
    for (Path home : homes) {
      at(home).ifPresent(jdk -> found.putIfAbsent(real(jdk.home()), jdk));
    }
    List<Jdk> out = new ArrayList<>(found.values());
    out.sort(Comparator.comparing(Jdk::version, Jdks::compare));
    return out;
  }

  /** The JDK at {@code home}, if it is one. */
  static Optional<Jdk> at(Path home) {
    try {
      if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isExecutable(home.resolve("bin/javac"))) {
        return Optional.empty();
      }
      Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
      if (!m.find()) {
        return Optional.empty();
      }
      List<Integer> version = parse(m.group(1));
      return version.isEmpty() ? Optional.empty() : Optional.of(new Jdk(home.toAbsolutePath().normalize(), version));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code 17.0.15} as [17, 0, 15]; {@code 1.8.0_392} as [8, 0, 392]; {@code 21-ea} as [21]. Empty if not a version. */
  static List<Integer> parse(String version) {
    List<Integer> parts = new ArrayList<>();
    for (String part : version.strip().split("[._+-]")) {
      if (!part.matches("\\d+")) {
        break;
      }
      parts.add(Integer.parseInt(part));
    }
    if (parts.size() > 1 && parts.get(0) == 1) {
      parts.remove(0);
    }
    return parts;
  }

  static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      int x = i < a.size() ? a.get(i) : 0;
      int y = i < b.size() ? b.get(i) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  /**
   * A Maven version range as {@code maven-enforcer-plugin}'s {@code requireJavaVersion} and the toolchains
   * plugin read it: {@code [17,18)}, {@code [1.8,)}, {@code (,21]}, several joined by commas, or a plain
   * version, which means that version or later.
   */
  record Range(String spec) {
    boolean contains(List<Integer> version) {
      String s = spec.replaceAll("\\s+", "");
      if (s.isEmpty()) {
        return true;
      }
      if (s.indexOf('[') < 0 && s.indexOf('(') < 0) {
        return compare(version, parse(s)) >= 0;
      }
      Matcher range = Pattern.compile("([\\[(])([^,\\])]*)(?:,([^\\])]*))?([\\])])").matcher(s);
      boolean any = false;
      while (range.find()) {
        any = true;
        String low = range.group(2);
        String high = range.group(3);
        boolean single = high == null;
        if (single) {
          if (compare(version, parse(low)) == 0 || prefix(version, parse(low))) {
            return true;
          }
          continue;
        }
        boolean aboveLow = low.isEmpty() || (range.group(1).equals("[") ? compare(version, parse(low)) >= 0 : compare(version, parse(low)) > 0);
        boolean belowHigh =
            high.isEmpty() || (range.group(4).equals("]") ? compare(version, parse(high)) <= 0 || prefix(version, parse(high)) : compare(version, parse(high)) < 0);
        if (aboveLow && belowHigh) {
          return true;
        }
      }
      return !any;
    }

    /** 17.0.15 is "17" in {@code [17]} and {@code (,17]}: a bound names a whole feature release. */
    private static boolean prefix(List<Integer> version, List<Integer> bound) {
      return !bound.isEmpty() && bound.size() < version.size() && version.subList(0, bound.size()).equals(bound);
    }

    @Override
    public String toString() {
      return spec;
    }
  }
}
