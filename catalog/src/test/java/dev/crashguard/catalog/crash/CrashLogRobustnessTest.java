package dev.crashguard.catalog.crash;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * "Bad input never crashes explain": real traces and a real thread dump, cut and shuffled the way logs get
 * truncated, interleaved and corrupted, are read and matched without an exception. Fixed seeds, so a
 * failure reproduces.
 */
class CrashLogRobustnessTest {

  private static List<String> realInputs() throws Exception {
    IllegalStateException nested = new IllegalStateException("top", new IllegalArgumentException("middle"));
    nested.addSuppressed(new UnsupportedOperationException("suppressed"));
    return List.of(
        CrashLogTest.trace(nested),
        CrashLogTest.trace(new java.util.ConcurrentModificationException()),
        Jcmd.threadDump(ProcessHandle.current().pid()));
  }

  @Test
  void cutShuffledAndCorruptedLogsAreReadWithoutAnException() throws Exception {
    List<String> inputs = realInputs();
    String all = String.join("\n", inputs);
    for (int seed = 0; seed < 300; seed++) {
      Random r = new Random(seed);
      List<String> lines = new ArrayList<>(all.lines().toList());
      int edits = 1 + r.nextInt(12);
      for (int e = 0; e < edits && !lines.isEmpty(); e++) {
        int i = r.nextInt(lines.size());
        String line = lines.get(i);
        switch (r.nextInt(6)) {
          case 0 -> lines.remove(i);
          case 1 -> lines.set(i, line.substring(0, r.nextInt(line.length() + 1)));
          case 2 -> lines.add(r.nextInt(lines.size() + 1), line);
          case 3 -> lines.set(i, line + (char) r.nextInt(0x3000));
          case 4 -> lines.set(i, "#  SIGSEGV (0xb) at pc=0x0" + line);
          default -> lines.add(i, "{\"stack_trace\":\"" + line.replace("\\", "\\\\") + "\\n\\tat a.B.c(B.java:1)\\\\u12");
        }
      }
      if (r.nextBoolean()) {
        lines.add(0, "# A fatal error has been detected by the Java Runtime Environment:");
      }
      String text = String.join(r.nextBoolean() ? "\n" : "\r\n", lines);
      int s = seed;
      assertDoesNotThrow(() -> Explanation.of(CrashLog.parse(text)).matches().size(), "seed " + s);
      assertDoesNotThrow(() -> CrashLog.parse(text).summary(), "seed " + s);
    }
  }
}
