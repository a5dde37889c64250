package dev.crashguard.corpus;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.comments.LineComment;
import dev.crashguard.catalog.Hazard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shared corpus ({@code testdata/src/main/java}) read through JavaParser: every marker, and every
 * violation of the corpus rules. Engines never read it themselves; they run on the same files and hand
 * their findings to {@link CorpusCheck}.
 *
 * <p>Corpus rules, checked here so that a careless case cannot weaken every engine's test at once:
 *
 * <ul>
 *   <li>markers follow the grammar of {@link MarkerSyntax} and name catalog hazards;
 *   <li>each file in a hazard folder is one behaviour: its top-level class nests at least one
 *       {@code Noncompliant*}, one {@code Compliant*} and one {@code Fixed*} class; except a support file,
 *       with no marker and no nested class: a library's own class that a case of another file uses, so
 *       that an engine reading one file meets it as it meets a library's class (declared elsewhere);
 *   <li>markers stand only inside {@code Noncompliant*} classes, and each of those has one at least.
 * </ul>
 */
public final class Corpus {

  /** Where the corpus sources are; set by the build (parent pom) for every module's tests. */
  public static final String SOURCES_PROPERTY = "crashguard.corpus.sources";

  /** Where the compiled corpus is; SpotBugs analyses these class files. */
  public static final String CLASSES_PROPERTY = "crashguard.corpus.classes";

  /** Where the hazard folders are, under the source root. */
  public static final String ROOT_PACKAGE_DIR = "dev/crashguard/testdata/";

  private final Path sourceRoot;
  private final List<Path> files;
  private final List<Marker> markers;
  private final List<String> problems;
  private final Map<Marker.Key, String> cases;

  private Corpus(
      Path sourceRoot,
      List<Path> files,
      List<Marker> markers,
      List<String> problems,
      Map<Marker.Key, String> cases) {
    this.sourceRoot = sourceRoot;
    this.files = List.copyOf(files);
    this.markers = List.copyOf(markers);
    this.problems = List.copyOf(problems);
    this.cases = Map.copyOf(cases);
  }

  /** The corpus named by the {@value #SOURCES_PROPERTY} system property. */
  public static Corpus fromBuild() {
    return load(sourcesDir());
  }

  public static Path sourcesDir() {
    return requiredDir(SOURCES_PROPERTY);
  }

  public static Path classesDir() {
    return requiredDir(CLASSES_PROPERTY);
  }

  private static Path requiredDir(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + property + " is not set; run the tests through ./mvnw (the parent pom sets it)");
    }
    Path dir = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          property + " points to " + dir + ", which is not a directory; build the testdata module first"
              + " (./mvnw verify from the root builds it before the engines)");
    }
    return dir;
  }

  /** Reads every {@code .java} file under {@code sourceRoot}. */
  public static Corpus load(Path sourceRoot) {
    Path root = sourceRoot.toAbsolutePath().normalize();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list corpus files under " + root, e);
    }
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
    List<Marker> markers = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<Marker.Key, String> cases = new HashMap<>();
    for (Path file : files) {
      String rel = relative(root, file);
      ParseResult<CompilationUnit> result;
      try {
        result = parser.parse(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      if (!result.isSuccessful() || result.getResult().isEmpty()) {
        problems.add(rel + ": JavaParser cannot parse it: " + result.getProblems());
        continue;
      }
      readFile(rel, result.getResult().get(), markers, problems, cases);
    }
    markers.sort(Comparator.comparing(Marker::file).thenComparingInt(Marker::line));
    return new Corpus(root, files, markers, problems, cases);
  }

  private static void readFile(
      String rel,
      CompilationUnit cu,
      List<Marker> markers,
      List<String> problems,
      Map<Marker.Key, String> cases) {
    List<Marker> found = new ArrayList<>();
    for (Comment comment : cu.getAllContainedComments()) {
      // Only line comments are markers: Javadoc and block comments may mention them in prose.
      if (!(comment instanceof LineComment)) {
        continue;
      }
      Optional<String> text = MarkerSyntax.markerText(comment.getContent());
      if (text.isEmpty()) {
        continue;
      }
      int line = comment.getBegin().map(p -> p.line).orElse(-1);
      found.addAll(MarkerSyntax.parse(text.get(), rel, line, problems));
    }
    markers.addAll(found);
    for (Marker m : found) {
      cases.put(m.key(), caseName(cu, m.line()));
    }

    Optional<String> hazardFolder = hazardFolderOf(rel);
    if (hazardFolder.isEmpty()) {
      return;
    }
    if (Hazard.byName(hazardFolder.get()).isEmpty()
        && java.util.Arrays.stream(Hazard.values())
            .noneMatch(h -> h.catalogName().toLowerCase(Locale.ROOT).equals(hazardFolder.get()))) {
      problems.add(rel + ": folder '" + hazardFolder.get() + "' is not the corpus folder of any hazard");
    }
    if (found.isEmpty() && cu.getTypes().stream().allMatch(t -> t.getMembers().stream().noneMatch(
        member -> member instanceof TypeDeclaration<?>))) {
      return; // a support file: a library's own class in a file of its own, used by cases elsewhere
    }
    checkShape(rel, cu, found, problems);
  }

  private static void checkShape(
      String rel, CompilationUnit cu, List<Marker> markers, List<String> problems) {
    List<TypeDeclaration<?>> cases = new ArrayList<>();
    for (TypeDeclaration<?> top : cu.getTypes()) {
      for (var member : top.getMembers()) {
        if (member instanceof TypeDeclaration<?> nested) {
          cases.add(nested);
        }
      }
    }
    boolean noncompliant = false;
    boolean compliant = false;
    boolean fixed = false;
    for (TypeDeclaration<?> type : cases) {
      String name = type.getNameAsString();
      int begin = type.getBegin().map(p -> p.line).orElse(-1);
      int end = type.getEnd().map(p -> p.line).orElse(-1);
      long inside = markers.stream().filter(m -> m.line() >= begin && m.line() <= end).count();
      if (name.startsWith("Noncompliant")) {
        noncompliant = true;
        if (inside == 0) {
          problems.add(rel + ": " + name + " has no marker; a noncompliant case must say what it expects");
        }
      } else if (name.startsWith("Compliant") || name.startsWith("Fixed")) {
        compliant |= name.startsWith("Compliant");
        fixed |= name.startsWith("Fixed");
        if (inside > 0) {
          problems.add(rel + ": " + name + " must stay silent but holds a marker");
        }
      }
    }
    for (Marker m : markers) {
      boolean inCase =
          cases.stream()
              .filter(t -> t.getNameAsString().startsWith("Noncompliant"))
              .anyMatch(
                  t ->
                      m.line() >= t.getBegin().map(p -> p.line).orElse(-1)
                          && m.line() <= t.getEnd().map(p -> p.line).orElse(-1));
      if (!inCase) {
        problems.add(rel + ":" + m.line() + ": marker outside a Noncompliant* class");
      }
    }
    if (!noncompliant || !compliant || !fixed) {
      problems.add(
          rel + ": a behaviour file needs nested Noncompliant*, Compliant* and Fixed* classes (has"
              + (noncompliant ? "" : " no Noncompliant*") + (compliant ? "" : " no Compliant*")
              + (fixed ? "" : " no Fixed*") + ")");
    }
  }

  /** The innermost class and member around a line: {@code Noncompliant.countAll}. */
  private static String caseName(CompilationUnit cu, int line) {
    String type = "";
    String member = "";
    int typeSize = Integer.MAX_VALUE;
    int memberSize = Integer.MAX_VALUE;
    for (Node node : cu.findAll(Node.class)) {
      int begin = node.getBegin().map(p -> p.line).orElse(-1);
      int end = node.getEnd().map(p -> p.line).orElse(-1);
      if (begin > line || end < line) {
        continue;
      }
      int size = end - begin;
      if (node instanceof TypeDeclaration<?> t && t.isNestedType() && size < typeSize) {
        type = t.getNameAsString();
        typeSize = size;
      } else if (node instanceof CallableDeclaration<?> c && size < memberSize) {
        member = c.getNameAsString();
        memberSize = size;
      }
    }
    return member.isEmpty() ? type : type + "." + member;
  }

  /** Where a marker stands, as {@code NestedClass.method}, for reports and docs. */
  public String caseOf(Marker marker) {
    return cases.getOrDefault(marker.key(), "");
  }

  /** {@code dev/crashguard/testdata/<folder>/X.java} gives {@code <folder>}; other files have none. */
  private static Optional<String> hazardFolderOf(String rel) {
    if (!rel.startsWith(ROOT_PACKAGE_DIR)) {
      return Optional.empty();
    }
    String rest = rel.substring(ROOT_PACKAGE_DIR.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(rest.substring(0, slash));
  }

  static String relative(Path root, Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** Turns an engine's absolute or root-relative path into the corpus-relative form findings use. */
  public String relativize(Path file) {
    Path abs = file.isAbsolute() ? file.normalize() : sourceRoot.resolve(file).normalize();
    return relative(sourceRoot, abs);
  }

  public Path sourceRoot() {
    return sourceRoot;
  }

  public List<Path> files() {
    return files;
  }

  public List<Marker> markers() {
    return markers;
  }

  /** Violations of the corpus rules; a non-empty list fails every engine's corpus test. */
  public List<String> problems() {
    return problems;
  }

  /** The corpus folder of a hazard, whether or not it exists. */
  public Path folderOf(Hazard hazard) {
    return sourceRoot.resolve(hazard.corpusPackage().replace('.', '/'));
  }
}
