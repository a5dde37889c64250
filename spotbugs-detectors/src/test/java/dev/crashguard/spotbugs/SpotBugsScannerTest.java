package dev.crashguard.spotbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crashguard.catalog.Hazard;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import org.junit.jupiter.api.Test;

class SpotBugsScannerTest {

  /** hsqldb's jar has no debug information: a finding there still names a file, the top-level class's. */
  @Test
  void aClassWithoutDebugInformationIsNamedByItsTopLevelClass() {
    BugInstance bug = new BugInstance(Hazard.UNSYNCHRONIZED_MAP_WRITE.bugType(), 1)
        .addClass("org.hsqldb.lib.FrameworkLogger$Cache")
        .addSourceLine(new SourceLineAnnotation(
            "org.hsqldb.lib.FrameworkLogger$Cache", SourceLineAnnotation.UNKNOWN_SOURCE_FILE, -1, -1, -1, -1));
    SpotBugsScanner.Bug found = new SpotBugsScanner.Bug(Hazard.UNSYNCHRONIZED_MAP_WRITE, bug);

    assertEquals("org/hsqldb/lib/FrameworkLogger.java", found.sourcePath());
    assertEquals(0, found.line());
  }

  @Test
  void aClassWithDebugInformationKeepsItsSourceFile() {
    BugInstance bug = new BugInstance(Hazard.UNSYNCHRONIZED_MAP_WRITE.bugType(), 1)
        .addClass("demo.Counter$Inner")
        .addSourceLine(new SourceLineAnnotation("demo.Counter$Inner", "Counter.java", 12, 12, 0, 4));

    assertEquals("demo/Counter.java", new SpotBugsScanner.Bug(Hazard.UNSYNCHRONIZED_MAP_WRITE, bug).sourcePath());
  }
}
