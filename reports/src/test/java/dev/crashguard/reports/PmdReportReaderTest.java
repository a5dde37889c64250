package dev.crashguard.reports;

import static dev.crashguard.reports.SampleProject.MAP_WRITE_TAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PmdReportReaderTest {
  @TempDir Path dir;

  @Test
  void readsCatalogViolationsRelativeToTheSourceRoot() throws Exception {
    SampleProject project = new SampleProject(dir);
    List<String> warnings = new ArrayList<>();

    List<Finding> findings = new PmdReportReader(project.sourceRoot(), warnings::add).read(project.pmdReport());

    Hazard h = Hazard.UNSYNCHRONIZED_MAP_WRITE;
    assertEquals(
        List.of(
            new Finding(Engine.PMD, h, "dev/shop/Inventory.java", 13,
                "'stock' is written without a lock by a task submitted to an executor" + MAP_WRITE_TAIL),
            new Finding(Engine.PMD, h, "dev/shop/Inventory.java", 17,
                "'stock' is written without a lock by a task submitted to an executor" + MAP_WRITE_TAIL),
            new Finding(Engine.PMD, h, "dev/shop/Ledger.java", 12,
                "'totals' is written without a lock by a thread started in post()" + MAP_WRITE_TAIL)),
        findings,
        "PMD's own UnusedPrivateField is dropped; the test source outside the root is dropped");
    assertEquals(2, warnings.size(), () -> "warnings: " + warnings);
    assertTrue(warnings.get(0).contains("src/test/java/dev/shop/InventoryTest.java is outside the source root"));
    assertTrue(warnings.get(1).contains("PMD could not analyse " + dir.toAbsolutePath().normalize()
        + "/src/main/java/dev/shop/Broken.java: ParseException"));
  }

  @Test
  void everyMessageIsTheCatalogSentence() throws Exception {
    SampleProject project = new SampleProject(dir);
    for (Finding f : new PmdReportReader(project.sourceRoot()).read(project.pmdReport())) {
      assertTrue(f.hazard().messagePattern().matcher(f.message()).matches(), f::toString);
    }
  }

  @Test
  void acceptsPathsRelativeToTheSourceRootAndTheLegacyNamespacelessReport() throws Exception {
    SampleProject project = new SampleProject(dir);
    // PMD 6 wrote no namespace; pmd -d src/main/java -f xml from the source root writes relative names.
    Path report = project.write("target/pmd6.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <pmd version="6.55.0" timestamp="2023-01-01T00:00:00.000">
        <file name="dev/shop/Ledger.java">
        <violation beginline="12" endline="12" begincolumn="22" endcolumn="61" rule="UnsynchronizedMapWrite" ruleset="crashguard" priority="1">
        a &lt;b&gt; &amp; &quot;c&quot; &#233;
        </violation>
        </file>
        </pmd>
        """);

    List<Finding> findings = new PmdReportReader(project.sourceRoot()).read(report);

    assertEquals(
        List.of(new Finding(Engine.PMD, Hazard.UNSYNCHRONIZED_MAP_WRITE, "dev/shop/Ledger.java", 12,
            "a <b> & \"c\" \u00e9")),
        findings);
  }

  @Test
  void keepsEveryHazardTheCatalogKnowsByItsName() throws Exception {
    SampleProject project = new SampleProject(dir);
    StringBuilder xml = new StringBuilder("<pmd xmlns=\"http://pmd.sourceforge.net/report/2.0.0\">\n"
        + "<file name=\"@PROJECT@/src/main/java/dev/shop/Ledger.java\">\n");
    int line = 1;
    for (Hazard h : Hazard.values()) {
      xml.append("<violation beginline=\"").append(line++).append("\" rule=\"").append(h.catalogName())
          .append("\" priority=\"1\">m</violation>\n");
    }
    xml.append("<violation beginline=\"99\" rule=\"unsynchronizedMapWrite\" priority=\"1\">wrong case</violation>\n");
    xml.append("</file>\n</pmd>\n");

    List<Finding> findings = new PmdReportReader(project.sourceRoot())
        .read(project.write("target/all.xml", xml.toString()));

    assertEquals(List.of(Hazard.values()), findings.stream().map(Finding::hazard).toList(),
        "names are API: exact and case-sensitive");
  }

  @Test
  void missingFileIsAOneLineErrorNamingIt() {
    Path missing = dir.resolve("target/pmd.xml");
    ReportException e = assertThrows(ReportException.class, () -> new PmdReportReader(dir).read(missing));
    assertEquals(missing + ": no such file", e.getMessage());
  }

  @Test
  void notXmlIsAnErrorNamingTheFile() throws Exception {
    Path report = Files.writeString(dir.resolve("pmd.xml"), "Error: PMD crashed\n");
    ReportException e = assertThrows(ReportException.class, () -> new PmdReportReader(dir).read(report));
    assertTrue(e.getMessage().startsWith(report + ": not well-formed XML (line 1, column 1)"), e::getMessage);
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void anotherEnginesReportIsRefusedByItsRoot() {
    SampleProject project = new SampleProject(dir);
    Path report = project.spotbugsReport();
    ReportException e = assertThrows(ReportException.class,
        () -> new PmdReportReader(project.sourceRoot()).read(report));
    assertEquals(report + ": not a PMD XML report: root element is <BugCollection>, expected <pmd>",
        e.getMessage());
  }

  @Test
  void externalEntitiesAreNeverResolved() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    Path report = Files.writeString(dir.resolve("pmd.xml"), """
        <?xml version="1.0"?>
        <!DOCTYPE pmd [<!ENTITY leak SYSTEM "%s">]>
        <pmd><file name="A.java"><violation beginline="1" rule="UnsynchronizedMapWrite">&leak;</violation></file></pmd>
        """.formatted(secret.toUri()));

    ReportException e = assertThrows(ReportException.class, () -> new PmdReportReader(dir).read(report));

    assertTrue(e.getMessage().contains("DOCTYPE"), e::getMessage);
    assertFalse(e.getMessage().contains("TOP-SECRET"));
  }

  @Test
  void billionLaughsIsRefusedBeforeExpansion() throws Exception {
    Path report = Files.writeString(dir.resolve("pmd.xml"), """
        <?xml version="1.0"?>
        <!DOCTYPE pmd [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <pmd>&b;</pmd>
        """);
    assertThrows(ReportException.class, () -> new PmdReportReader(dir).read(report));
  }

  @Test
  void aSourceRootReachedThroughASymbolicLinkStillMatches() throws Exception {
    SampleProject project = new SampleProject(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), project.root);

    List<Finding> findings = new PmdReportReader(link.resolve("src/main/java")).read(project.pmdReport());

    assertEquals(3, findings.size());
    assertEquals("dev/shop/Inventory.java", findings.get(0).file());
  }
}
