package dev.crashguard.reports;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/**
 * Reads PMD's XML report, as {@code pmd check -f xml} and maven-pmd-plugin ({@code target/pmd.xml}) write it:
 *
 * <pre>{@code
 * <pmd xmlns="http://pmd.sourceforge.net/report/2.0.0" version="7.27.0" ...>
 *   <file name="/abs/src/main/java/dev/x/Foo.java">
 *     <violation beginline="12" endline="12" begincolumn="9" endcolumn="40"
 *         rule="UnsynchronizedMapWrite" ruleset="crashguard" priority="1" externalInfoUrl="...">
 *       message
 *     </violation>
 *   </file>
 *   <error filename="..." msg="..."/>
 * </pmd>
 * }</pre>
 *
 * Only violations of rules the catalog knows are kept: the rule name is the catalog name. Other rules in
 * the same report (PMD's own) are skipped silently; {@code <error>} and {@code <configerror>} entries become
 * warnings, as do files outside the source root.
 */
public final class PmdReportReader {
  private final SourceRoot sourceRoot;
  private final Consumer<String> warnings;

  public PmdReportReader(Path sourceRoot) {
    this(sourceRoot, w -> {});
  }

  public PmdReportReader(Path sourceRoot, Consumer<String> warnings) {
    this.sourceRoot = new SourceRoot(sourceRoot);
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** The catalog findings in {@code report}, in {@link Finding#ORDER}. */
  public List<Finding> read(Path report) throws ReportException {
    Element root = SafeXml.parse(report, "pmd", "PMD XML");
    List<Finding> findings = new ArrayList<>();
    for (Element file : SafeXml.children(root, "file")) {
      String name = SafeXml.attribute(file, "name");
      List<Element> violations = SafeXml.children(file, "violation");
      if (name == null || violations.isEmpty()) {
        continue;
      }
      Optional<String> relative = sourceRoot.relativize(name);
      for (Element violation : violations) {
        Optional<Hazard> hazard = Hazard.byName(violation.getAttribute("rule"));
        if (hazard.isEmpty()) {
          continue;
        }
        if (relative.isEmpty()) {
          warnings.accept(
              report + ": " + name + " is outside the source root " + sourceRoot.path() + "; skipped");
          break;
        }
        findings.add(
            new Finding(
                Engine.PMD,
                hazard.get(),
                relative.get(),
                SafeXml.line(violation, "beginline"),
                violation.getTextContent().strip()));
      }
    }
    for (Element error : SafeXml.children(root, "error")) {
      warnings.accept(
          report + ": PMD could not analyse " + error.getAttribute("filename") + ": "
              + error.getAttribute("msg"));
    }
    for (Element error : SafeXml.children(root, "configerror")) {
      warnings.accept(
          report + ": PMD configuration error in rule " + error.getAttribute("rule") + ": "
              + error.getAttribute("msg"));
    }
    findings.sort(Finding.ORDER);
    return List.copyOf(findings);
  }
}
