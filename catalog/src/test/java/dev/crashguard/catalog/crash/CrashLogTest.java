package dev.crashguard.catalog.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.crash.CrashLog.Relation;
import dev.crashguard.catalog.crash.CrashLog.Thrown;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;

/**
 * The reader on what the JDK really prints: Throwable.printStackTrace with causes and suppressed exceptions
 * nested, java.util.logging's own format around a trace, a thread dump taken with jcmd. Nothing here is
 * typed by hand.
 */
class CrashLogTest {

  static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out, true));
    return out.toString();
  }

  private static IllegalStateException nested() {
    IllegalStateException top = new IllegalStateException("top", new IllegalArgumentException("middle",
        new UnsupportedOperationException("root")));
    IllegalArgumentException suppressed = new IllegalArgumentException("suppressed", new ArithmeticException("under suppressed"));
    top.addSuppressed(suppressed);
    top.getCause().addSuppressed(new IndexOutOfBoundsException("suppressed by the cause"));
    return top;
  }

  @Test
  void readsCausesAndSuppressedExceptionsAsPrintStackTraceNestsThem() {
    IllegalStateException top = nested();
    CrashLog log = CrashLog.parse(trace(top));
    List<Thrown> thrown = log.thrown();
    assertEquals(
        List.of("java.lang.IllegalStateException", "java.lang.IllegalArgumentException", "java.lang.ArithmeticException",
            "java.lang.IllegalArgumentException", "java.lang.IndexOutOfBoundsException", "java.lang.UnsupportedOperationException"),
        thrown.stream().map(Thrown::type).toList());
    assertEquals(
        List.of(Relation.TOP, Relation.SUPPRESSED, Relation.CAUSE, Relation.CAUSE, Relation.SUPPRESSED, Relation.CAUSE),
        thrown.stream().map(Thrown::relation).toList());
    assertEquals(List.of("top", "suppressed", "under suppressed", "middle", "suppressed by the cause", "root"),
        thrown.stream().map(Thrown::message).toList());
    assertTrue(thrown.stream().allMatch(t -> t.chain() == 0), "one printed trace");
    // Every throwable keeps its own frames: the top one was made in this method.
    assertEquals("nested", thrown.get(0).frames().get(0).method());
    assertEquals("CrashLogTest.java", thrown.get(0).frames().get(0).file());
    assertEquals(CrashLog.Kind.STACK_TRACES, log.kind());
  }

  @Test
  void readsATraceThatJavaUtilLoggingPrintsAfterItsOwnLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Logger logger = Logger.getLogger("crashguard.test." + System.nanoTime());
    logger.setUseParentHandlers(false);
    Handler handler = new StreamHandler(bytes, new SimpleFormatter());
    logger.addHandler(handler);
    logger.log(Level.INFO, "all good");
    logger.log(Level.SEVERE, "request failed", nested());
    logger.log(Level.SEVERE, "second failure", new java.util.ConcurrentModificationException());
    handler.flush();
    CrashLog log = CrashLog.parse(bytes.toString(StandardCharsets.UTF_8));
    assertEquals(2, log.thrown().stream().filter(t -> t.relation() == Relation.TOP).count(), log.summary());
    assertEquals(7, log.thrown().size());
    assertEquals("java.util.ConcurrentModificationException", log.thrown().get(6).type());
    assertEquals(1, log.thrown().get(6).chain());
  }

  @Test
  void readsATraceWhoseEveryLineALogShipperPrefixed() {
    // What a container runtime writes for each line of a process's stderr (CRI format): time, stream, tag.
    String shipped = trace(nested()).lines()
        .map(line -> "2026-12-06T03:00:00.000000001Z stderr F " + line)
        .reduce("", (a, b) -> a + b + "\n");
    List<Thrown> thrown = CrashLog.parse(shipped).thrown();
    assertEquals(
        List.of(Relation.TOP, Relation.SUPPRESSED, Relation.CAUSE, Relation.CAUSE, Relation.SUPPRESSED, Relation.CAUSE),
        thrown.stream().map(Thrown::relation).toList());
    assertEquals("nested", thrown.get(0).frames().get(0).method());
    assertEquals("root", thrown.get(5).message());
  }

  /** A JSON string as every JSON encoder writes one: quotes, backslashes and control characters escaped. */
  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  @Test
  void readsATraceThatStructuredLoggingWroteIntoOneJsonLine() {
    // The fields logstash-logback-encoder writes by default, one object per line, the trace in stack_trace.
    String trace = trace(nested());
    String log = "{\"@timestamp\":\"2026-12-06T03:00:00.000Z\",\"level\":\"INFO\",\"message\":\"started\"}\n"
        + "{\"@timestamp\":\"2026-12-06T03:00:01.000Z\",\"level\":\"ERROR\",\"message\":\"request failed\","
        + "\"stack_trace\":" + json(trace) + "}\n";
    CrashLog parsed = CrashLog.parse(log);
    List<Thrown> thrown = parsed.thrown();
    assertEquals(6, thrown.size(), parsed.summary());
    assertEquals("java.lang.IllegalStateException", thrown.get(0).type());
    assertEquals(2, thrown.get(0).header().number(), "numbered as the JSON line it came from");
    CrashLog.Frame top = thrown.get(0).frames().get(0);
    assertEquals("nested", top.method());
    assertTrue(parsed.lineOf(top).text().strip().startsWith("at dev.crashguard.catalog.crash.CrashLogTest.nested("),
        parsed.lineOf(top).text());
    assertEquals(2, parsed.lines().size(), "the input's own lines are kept as they are");
  }

  @Test
  void aSentenceThatMentionsAnExceptionIsNotATrace() {
    CrashLog log = CrashLog.parse(
        "INFO retrying after java.io.IOException: connection reset\nINFO we looked at foo.Bar(baz) and moved on\n");
    assertEquals(List.of(), log.thrown());
    assertEquals(CrashLog.Kind.TEXT, log.kind());
  }

  @Test
  void readsAThreadDumpTakenWithJcmd() throws Exception {
    String dump = Jcmd.threadDump(ProcessHandle.current().pid());
    CrashLog log = CrashLog.parse(dump);
    assertEquals(CrashLog.Kind.THREAD_DUMP, log.kind(), log.summary());
    CrashLog.DumpThread main = log.threads().stream()
        .filter(t -> t.frames().stream().anyMatch(f -> f.method().equals("readsAThreadDumpTakenWithJcmd")))
        .findFirst().orElseThrow(() -> new AssertionError("this test's thread is in the dump:\n" + dump));
    assertEquals("RUNNABLE".equals(main.state()) || "WAITING".equals(main.state()) || "TIMED_WAITING".equals(main.state()), true);
    assertTrue(log.threads().stream().anyMatch(t -> t.name().equals("Reference Handler") && t.daemon()), dump);
    assertTrue(log.thrown().isEmpty(), "a thread dump holds no exception");
  }
}
