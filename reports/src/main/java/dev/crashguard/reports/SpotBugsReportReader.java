package dev.crashguard.reports;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/**
 * Reads SpotBugs' XML report with messages ({@code spotbugsXml.xml} from spotbugs-maven-plugin, or
 * {@code spotbugs -xml:withMessages}):
 *
 * <pre>{@code
 * <BugCollection version="4.10.4" ...>
 *   <Project projectName="..."><Jar>...</Jar><SrcDir>/abs/src/main/java</SrcDir></Project>
 *   <BugInstance type="CG_UNSYNCHRONIZED_MAP_WRITE" priority="1" rank="..." category="MT_CORRECTNESS">
 *     <ShortMessage>...</ShortMessage>
 *     <LongMessage>...</LongMessage>
 *     <Class classname="dev.x.Foo" primary="true"><SourceLine ... sourcepath="dev/x/Foo.java"/></Class>
 *     <Method ...><SourceLine start="10" end="20" .../></Method>
 *     <SourceLine classname="dev.x.Foo" primary="true" start="12" end="12" sourcepath="dev/x/Foo.java"/>
 *   </BugInstance>
 *   ...
 * </BugCollection>
 * }</pre>
 *
 * Only bug types the catalog knows are kept. The location is the instance's own primary
 * {@code SourceLine}, else its first own one, else the method's, else the class's (line 0: no line known).
 * {@code sourcepath} is relative to one of the report's {@code SrcDir}s: the first {@code SrcDir} that has
 * the file decides, and the file must then lie under the source root; when no {@code SrcDir} has it (the
 * report was made elsewhere, or lists none), {@code sourcepath} is taken as relative to the source root,
 * which it is for a standard layout. The message is {@code LongMessage}, else {@code ShortMessage}, else
 * (a report written without messages) the hazard's summary.
 */
public final class SpotBugsReportReader {
  private final SourceRoot sourceRoot;
  private final Consumer<String> warnings;

  public SpotBugsReportReader(Path sourceRoot) {
    this(sourceRoot, w -> {});
  }

  public SpotBugsReportReader(Path sourceRoot, Consumer<String> warnings) {
    this.sourceRoot = new SourceRoot(sourceRoot);
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** The catalog findings in {@code report}, in {@link Finding#ORDER}. */
  public List<Finding> read(Path report) throws ReportException {
    Element root = SafeXml.parse(report, "BugCollection", "SpotBugs XML");
    List<Path> srcDirs = new ArrayList<>();
    for (Element project : SafeXml.children(root, "Project")) {
      for (Element srcDir : SafeXml.children(project, "SrcDir")) {
        try {
          srcDirs.add(Path.of(srcDir.getTextContent().strip()));
        } catch (InvalidPathException e) {
          warnings.accept(report + ": ignoring SrcDir '" + srcDir.getTextContent().strip() + "'");
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Element bug : SafeXml.children(root, "BugInstance")) {
      Optional<Hazard> hazard = Hazard.byBugType(bug.getAttribute("type"));
      if (hazard.isEmpty()) {
        continue;
      }
      Element sourceLine = primarySourceLine(bug);
      String sourcePath = sourceLine == null ? null : SafeXml.attribute(sourceLine, "sourcepath");
      if (sourcePath == null || sourcePath.isBlank()) {
        warnings.accept(report + ": " + bug.getAttribute("type") + " has no source path; skipped");
        continue;
      }
      Optional<String> file = resolve(sourcePath, srcDirs);
      if (file.isEmpty()) {
        warnings.accept(
            report + ": " + sourcePath + " is outside the source root " + sourceRoot.path() + "; skipped");
        continue;
      }
      findings.add(
          new Finding(
              Engine.SPOTBUGS, hazard.get(), file.get(), lineOf(bug, sourceLine), message(bug, hazard.get())));
    }
    findings.sort(Finding.ORDER);
    return List.copyOf(findings);
  }

  private Optional<String> resolve(String sourcePath, List<Path> srcDirs) {
    for (Path srcDir : srcDirs) {
      try {
        Path candidate = srcDir.resolve(sourcePath);
        if (Files.isRegularFile(candidate)) {
          return sourceRoot.relativize(candidate.toAbsolutePath().toString());
        }
      } catch (InvalidPathException e) {
        // fall through to the next SrcDir
      }
    }
    try {
      Path relative = Path.of(sourcePath).normalize();
      if (relative.isAbsolute() || relative.startsWith("..")) {
        return sourceRoot.relativize(sourcePath);
      }
      return Optional.of(SourceRoot.slashes(relative));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The instance's own primary SourceLine, else its first own one, else the method's, else the class's. */
  private static Element primarySourceLine(Element bug) {
    List<Element> own = SafeXml.children(bug, "SourceLine");
    for (Element line : own) {
      if ("true".equals(line.getAttribute("primary"))) {
        return line;
      }
    }
    if (!own.isEmpty()) {
      return own.get(0);
    }
    for (String holder : List.of("Method", "Class")) {
      for (Element element : SafeXml.children(bug, holder)) {
        List<Element> lines = SafeXml.children(element, "SourceLine");
        if (!lines.isEmpty()) {
          return lines.get(0);
        }
      }
    }
    return null;
  }

  /** The SourceLine's start, else the enclosing method's or class's start: a location without lines. */
  private static int lineOf(Element bug, Element sourceLine) {
    int line = SafeXml.line(sourceLine, "start");
    if (line > 0) {
      return line;
    }
    for (String holder : List.of("Method", "Class")) {
      for (Element element : SafeXml.children(bug, holder)) {
        for (Element l : SafeXml.children(element, "SourceLine")) {
          int start = SafeXml.line(l, "start");
          if (start > 0) {
            return start;
          }
        }
      }
    }
    return 0;
  }

  private static String message(Element bug, Hazard hazard) {
    for (String name : List.of("LongMessage", "ShortMessage")) {
      for (Element message : SafeXml.children(bug, name)) {
        String text = message.getTextContent().strip();
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return hazard.summary();
  }
}
