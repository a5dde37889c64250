package dev.crashguard.reports;

import static dev.crashguard.reports.SampleProject.MAP_WRITE_TAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpotBugsReportReaderTest {
  private static final Hazard MAP_WRITE = Hazard.UNSYNCHRONIZED_MAP_WRITE;

  @TempDir Path dir;

  @Test
  void readsCatalogBugInstancesAtTheirPrimarySourceLine() throws Exception {
    SampleProject project = new SampleProject(dir);
    List<String> warnings = new ArrayList<>();

    List<Finding> findings =
        new SpotBugsReportReader(project.sourceRoot(), warnings::add).read(project.spotbugsReport());

    assertEquals(
        List.of(
            new Finding(Engine.SPOTBUGS, MAP_WRITE, "dev/shop/Inventory.java", 13,
                "'stock' is written without a lock by a task submitted to an executor in"
                    + " dev.shop.Inventory.restock(ExecutorService, String)" + MAP_WRITE_TAIL),
            new Finding(Engine.SPOTBUGS, MAP_WRITE, "dev/shop/Ledger.java", 12,
                "'totals' is written without a lock by a thread started in dev.shop.Ledger.post(String, long)"
                    + MAP_WRITE_TAIL)),
        findings,
        "UUF_UNUSED_FIELD is not ours; the class's and method's SourceLines are not the location");
    assertEquals(List.of(), warnings);
  }

  @Test
  void pathsComeThroughTheSrcDirThatHasTheFile() throws Exception {
    SampleProject project = new SampleProject(dir);
    project.write("target/generated-sources/annotations/dev/shop/Ledger_Meta.java", "package dev.shop;\n");
    Path report = project.write("target/sb.xml", """
        <BugCollection version="4.10.4">
          <Project projectName="shop">
            <SrcDir>@PROJECT@/target/generated-sources/annotations</SrcDir>
            <SrcDir>@PROJECT@/src/main/java</SrcDir>
          </Project>
          %s
          %s
        </BugCollection>
        """.formatted(instance("dev/shop/Ledger_Meta.java", 1), instance("dev/shop/Ledger.java", 12)));
    List<String> warnings = new ArrayList<>();

    List<Finding> findings = new SpotBugsReportReader(project.sourceRoot(), warnings::add).read(report);

    assertEquals(List.of("dev/shop/Ledger.java:12"), findings.stream().map(f -> f.file() + ":" + f.line()).toList());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("dev/shop/Ledger_Meta.java is outside the source root"), warnings::toString);
  }

  @Test
  void withoutUsableSrcDirTheSourcePathIsRelativeToTheSourceRoot() throws Exception {
    // A report made on a CI machine and read elsewhere: its SrcDir does not exist here.
    Path report = new SampleProject(dir).write("target/sb.xml", """
        <BugCollection version="4.10.4">
          <Project projectName="shop"><SrcDir>/home/ci/build/shop/src/main/java</SrcDir></Project>
          %s
        </BugCollection>
        """.formatted(instance("dev/shop/Ledger.java", 12)));

    List<Finding> findings = new SpotBugsReportReader(dir.resolve("elsewhere")).read(report);

    assertEquals(List.of("dev/shop/Ledger.java:12"), findings.stream().map(f -> f.file() + ":" + f.line()).toList());
  }

  @Test
  void aSyntheticSourceLineFallsBackToTheMethodThenTheClass() throws Exception {
    Path report = new SampleProject(dir).write("target/sb.xml", """
        <BugCollection version="4.10.4">
          <Project/>
          <BugInstance type="CG_UNSYNCHRONIZED_MAP_WRITE" priority="1">
            <LongMessage>m1</LongMessage>
            <Class classname="dev.shop.Ledger" primary="true">
              <SourceLine classname="dev.shop.Ledger" start="7" end="16" sourcepath="dev/shop/Ledger.java"/>
            </Class>
            <Method classname="dev.shop.Ledger" name="post" primary="true">
              <SourceLine classname="dev.shop.Ledger" start="12" end="13" sourcepath="dev/shop/Ledger.java"/>
            </Method>
            <SourceLine classname="dev.shop.Ledger" sourcepath="dev/shop/Ledger.java" synthetic="true"/>
          </BugInstance>
          <BugInstance type="CG_UNSYNCHRONIZED_MAP_WRITE" priority="1">
            <LongMessage>m2</LongMessage>
            <Class classname="dev.shop.Inventory" primary="true">
              <SourceLine classname="dev.shop.Inventory" start="8" end="18" sourcepath="dev/shop/Inventory.java"/>
            </Class>
          </BugInstance>
        </BugCollection>
        """);

    List<Finding> findings = new SpotBugsReportReader(dir.resolve("src/main/java")).read(report);

    assertEquals(List.of("dev/shop/Inventory.java:8:m2", "dev/shop/Ledger.java:12:m1"),
        findings.stream().map(f -> f.file() + ":" + f.line() + ":" + f.message()).toList());
  }

  @Test
  void aReportWithoutMessagesGetsTheSummary() throws Exception {
    Path report = new SampleProject(dir).write("target/sb.xml", """
        <BugCollection version="4.10.4"><Project/>
          <BugInstance type="CG_UNSYNCHRONIZED_MAP_WRITE" priority="1">
            <SourceLine classname="dev.shop.Ledger" primary="true" start="12" end="12" sourcepath="dev/shop/Ledger.java"/>
          </BugInstance>
        </BugCollection>
        """);

    List<Finding> findings = new SpotBugsReportReader(dir.resolve("src/main/java")).read(report);

    assertEquals(List.of(MAP_WRITE.summary()), findings.stream().map(Finding::message).toList());
  }

  @Test
  void anotherEnginesReportIsRefusedByItsRoot() {
    SampleProject project = new SampleProject(dir);
    Path report = project.pmdReport();
    ReportException e = assertThrows(ReportException.class,
        () -> new SpotBugsReportReader(project.sourceRoot()).read(report));
    assertEquals(report + ": not a SpotBugs XML report: root element is <pmd>, expected <BugCollection>",
        e.getMessage());
  }

  @Test
  void aTruncatedReportIsAnErrorNamingTheFile() {
    Path report = new SampleProject(dir).write("target/sb.xml", "<BugCollection><BugInstance type=\"CG_");
    ReportException e = assertThrows(ReportException.class,
        () -> new SpotBugsReportReader(dir).read(report));
    assertTrue(e.getMessage().startsWith(report + ": not well-formed XML"), e::getMessage);
  }

  private static String instance(String sourcePath, int line) {
    return """
        <BugInstance type="CG_UNSYNCHRONIZED_MAP_WRITE" priority="1" rank="5" abbrev="CG" category="MT_CORRECTNESS">
          <LongMessage>message</LongMessage>
          <SourceLine classname="dev.shop.X" primary="true" start="%d" end="%d" sourcepath="%s"/>
        </BugInstance>
        """.formatted(line, line, sourcePath);
  }
}
