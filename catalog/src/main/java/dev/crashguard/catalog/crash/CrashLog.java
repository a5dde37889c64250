package dev.crashguard.catalog.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a crash log holds, read once for every signature: the Java stack traces (with their {@code Caused
 * by} chains and suppressed exceptions, wherever a logging framework put them), the threads of a thread
 * dump ({@code jstack}, {@code jcmd Thread.print}, {@code kill -3}), the crash report of a JVM that died
 * ({@code hs_err_pid*.log}), and every line as written. Reading never fails: text that is none of these
 * is kept as lines, and a signature that needs more simply does not match.
 */
public final class CrashLog {

  /** What the input looked like as a whole, for the report. */
  public enum Kind {
    HS_ERR("a JVM crash report (hs_err)"),
    THREAD_DUMP("a thread dump"),
    STACK_TRACES("stack traces"),
    TEXT("text with no stack trace, thread dump or JVM crash report");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** One line of the input, numbered from 1. */
  public record Line(int number, String text) {
    @Override
    public String toString() {
      return number + ": " + text;
    }
  }

  /**
   * A frame: a class and method, with the source file and line when the trace had them ({@code line} is
   * -1 otherwise, as for a native method or an hs_err interpreted frame). {@code logLine} is where it was
   * read.
   */
  public record Frame(String className, String method, String file, int line, int logLine) {

    /** The class that encloses a nested or anonymous one: {@code a.B$C$1} gives {@code a.B}. */
    public String topLevelClass() {
      int dollar = className.indexOf('$');
      return dollar < 0 ? className : className.substring(0, dollar);
    }

    /** The package, {@code ""} for the unnamed one. */
    public String packageName() {
      int dot = className.lastIndexOf('.');
      return dot < 0 ? "" : className.substring(0, dot);
    }

    /**
     * The method the code was written in: javac names a lambda body {@code lambda$outer$0}, so the frame of
     * a lambda is placed in {@code outer}.
     */
    public String sourceMethod() {
      if (method.startsWith("lambda$")) {
        int end = method.indexOf('$', "lambda$".length());
        if (end > "lambda$".length()) {
          return method.substring("lambda$".length(), end);
        }
      }
      return method;
    }

    @Override
    public String toString() {
      return className + "." + method + "(" + (file == null ? "" : file + (line >= 0 ? ":" + line : "")) + ")";
    }
  }

  /** How a throwable was printed relative to the one before it. */
  public enum Relation {
    TOP,
    CAUSE,
    SUPPRESSED
  }

  /**
   * One throwable of a stack trace: its class name, message ({@code ""} when none), its own frames, and
   * where in the input its header was. {@code thread} is the name given by {@code Exception in thread "…"},
   * else {@code null}. {@code chain} numbers the top-level trace it belongs to.
   */
  public record Thrown(
      String type, String message, List<Frame> frames, Line header, Relation relation, int chain, String thread) {

    public String simpleType() {
      return type.substring(type.lastIndexOf('.') + 1);
    }
  }

  /** One thread of a thread dump. */
  public record DumpThread(String name, boolean daemon, String state, List<Frame> frames, Line header) {}

  /**
   * A JVM crash report: the signal ({@code SIGSEGV}, {@code SIGBUS}, … or {@code EXCEPTION_ACCESS_VIOLATION}),
   * the problematic frame as printed, and the crashing thread's frames (native first, as printed; Java
   * frames in {@code javaFrames}).
   */
  public record HsErr(
      Line signal, String signalName, Line problematicFrame, List<Line> nativeFrames, List<Frame> javaFrames) {}

  private static final Pattern HEADER =
      Pattern.compile(
          "^(?<indent>\\s*)(?:Exception in thread \"(?<thread>[^\"]*)\"\\s+|(?<caption>Caused by|Suppressed):\\s+)?"
              + "(?<type>" + typeName() + ")(?::\\s?(?<message>.*))?$");

  /**
   * The same shape after a prefix: a logging framework's before the exception, or a log shipper's (a time
   * stamp, a stream name) before every line of the trace.
   */
  private static final Pattern HEADER_IN_LINE =
      Pattern.compile("(?:^|[\\s\\[(|])(?:(?<caption>Caused by|Suppressed):\\s+)?(?<type>" + typeName()
          + ")(?::\\s?(?<message>.*))?$");

  /**
   * A frame; after a prefix too, when what follows "at" is unmistakably a frame (a source file and line, a
   * native method, an unknown source), so that "at" in a sentence is not one.
   */
  private static final Pattern FRAME =
      Pattern.compile(
          "(?:^\\s*|\\s)at\\s+(?:[\\w.@+-]*/){0,2}(?<class>[\\w$]+(?:\\.[\\w$]+)*(?:/0x\\p{XDigit}+)?)\\.(?<method>[\\w$<>]+)"
              + "\\((?:[\\w.@+-]+/)?(?<source>[\\w$.-]+\\.(?:java|kt|scala|groovy|clj):\\d+|Native Method|Unknown Source|[\\w$.-]+\\.java)\\)");

  private static final Pattern ELIDED = Pattern.compile("(?:^|\\s)\\.\\.\\. \\d+ (?:more|common frames omitted)\\s*$");

  private static final Pattern THREAD_HEADER =
      Pattern.compile("^\"(?<name>(?:[^\"\\\\]|\\\\.)*)\"\\s(?<rest>.*)$");

  private static final Pattern THREAD_STATE = Pattern.compile("^\\s+java\\.lang\\.Thread\\.State:\\s+(?<state>\\w+)");

  private static final Pattern HS_ERR_START =
      Pattern.compile("^#\\s+A fatal error has been detected by the Java Runtime Environment");

  private static final Pattern HS_ERR_SIGNAL =
      Pattern.compile("^#\\s+(?<signal>SIG[A-Z]+|EXCEPTION_[A-Z_]+|Internal Error)\\b.*");

  private static final Pattern HS_ERR_JAVA_FRAME =
      Pattern.compile(
          "^[jJ]\\s+(?:\\d+%?\\s+)?(?:(?:c[12]|C[12]|jvmci)\\s+)?(?<class>[\\w$]+(?:\\.[\\w$]+)*)\\.(?<method>[\\w$<>]+)\\(");

  /** A Java class name as a stack trace prints it: a package, and a simple name that says it is a throwable. */
  private static String typeName() {
    return "(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z_$][\\w$]*(?:Exception|Error|Throwable|Failure|Fault|Death)[\\w$]*";
  }

  private final List<Line> lines;
  private final List<Thrown> thrown;
  private final List<DumpThread> threads;
  private final HsErr hsErr;
  /** Where each frame of a trace was read, when that is not a line of the input as is (a JSON log line). */
  private final Map<Frame, Line> frameLines;

  private CrashLog(
      List<Line> lines, List<Thrown> thrown, List<DumpThread> threads, HsErr hsErr, Map<Frame, Line> frameLines) {
    this.lines = Collections.unmodifiableList(lines);
    this.thrown = Collections.unmodifiableList(thrown);
    this.threads = Collections.unmodifiableList(threads);
    this.hsErr = hsErr;
    this.frameLines = frameLines;
  }

  /** Reads any text; never throws. */
  public static CrashLog parse(String text) {
    List<Line> lines = new ArrayList<>();
    int n = 0;
    for (String raw : text.split("\r\n|\r|\n", -1)) {
      lines.add(new Line(++n, raw));
    }
    if (!lines.isEmpty() && lines.get(lines.size() - 1).text().isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    HsErr hsErr = readHsErr(lines);
    // An hs_err file also lists the last exceptions thrown and every thread by address, in its own
    // shapes: read it as a crash report only.
    List<DumpThread> threads = hsErr == null ? readThreads(lines) : List.of();
    Map<Frame, Line> frameLines = new IdentityHashMap<>();
    List<Thrown> thrown = hsErr == null ? readThrown(readable(lines), frameLines) : List.of();
    return new CrashLog(lines, thrown, threads, hsErr, frameLines);
  }

  /**
   * The line a frame was read from: the input's line, or for a trace inside a JSON log line, the line of the
   * trace (numbered as the JSON line it came from).
   */
  public Line lineOf(Frame frame) {
    Line l = frameLines.get(frame);
    if (l != null) {
      return l;
    }
    int i = frame.logLine() - 1;
    return i >= 0 && i < lines.size() ? lines.get(i) : new Line(frame.logLine(), frame.toString());
  }

  /**
   * Structured logging writes one JSON object per line, the stack trace as one escaped string (logstash's
   * {@code stack_trace}, ECS's {@code error.stack_trace}, others' {@code stackTrace} or {@code exception}):
   * such a line is read as the trace it holds, each of its lines numbered as the JSON line.
   */
  private static List<Line> readable(List<Line> lines) {
    List<Line> out = new ArrayList<>(lines.size());
    for (Line line : lines) {
      String t = line.text().strip();
      String trace = t.startsWith("{") && t.endsWith("}") ? jsonTrace(t) : null;
      if (trace == null) {
        out.add(line);
      } else {
        for (String part : trace.split("\r\n|\r|\n")) {
          out.add(new Line(line.number(), part));
        }
      }
    }
    return out;
  }

  private static final Pattern JSON_TRACE_KEY =
      Pattern.compile("\"(?:stack_trace|stackTrace|stacktrace|error\\.stack_trace|exception|full_message)\"\\s*:\\s*\"");

  /** The first JSON string value under a trace key that holds a frame, unescaped; null when none. */
  private static String jsonTrace(String json) {
    Matcher key = JSON_TRACE_KEY.matcher(json);
    while (key.find()) {
      StringBuilder value = new StringBuilder();
      int i = key.end();
      boolean closed = false;
      while (i < json.length()) {
        char c = json.charAt(i++);
        if (c == '"') {
          closed = true;
          break;
        }
        if (c != '\\' || i >= json.length()) {
          value.append(c);
          continue;
        }
        char e = json.charAt(i++);
        switch (e) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'u' -> {
            if (i + 4 <= json.length()) {
              try {
                value.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
              } catch (NumberFormatException bad) {
                value.append('?');
              }
              i += 4;
            }
          }
          default -> value.append(e);
        }
      }
      if (closed && FRAME.matcher(value).find()) {
        return value.toString();
      }
    }
    return null;
  }

  public List<Line> lines() {
    return lines;
  }

  /** Every throwable read, in the order printed: each top-level one, then its causes and suppressed ones. */
  public List<Thrown> thrown() {
    return thrown;
  }

  /** The throwables of one printed trace ({@link Thrown#chain()}), in the order printed. */
  public List<Thrown> chain(int chain) {
    return thrown.stream().filter(t -> t.chain() == chain).toList();
  }

  public List<DumpThread> threads() {
    return threads;
  }

  public Optional<HsErr> hsErr() {
    return Optional.ofNullable(hsErr);
  }

  public Kind kind() {
    if (hsErr != null) {
      return Kind.HS_ERR;
    }
    if (threads.size() >= 2) {
      return Kind.THREAD_DUMP;
    }
    return thrown.isEmpty() ? Kind.TEXT : Kind.STACK_TRACES;
  }

  /** One line of what was read, for "shows what it read". */
  public String summary() {
    return switch (kind()) {
      case HS_ERR -> Kind.HS_ERR.description() + ": " + hsErr.signalName()
          + (hsErr.problematicFrame() == null ? "" : ", problematic frame " + hsErr.problematicFrame().text().replaceFirst("^#\\s*", "").strip());
      case THREAD_DUMP -> Kind.THREAD_DUMP.description() + " of " + threads.size() + " threads";
      case STACK_TRACES -> {
        long traces = thrown.stream().filter(t -> t.relation() == Relation.TOP).count();
        yield traces + (traces == 1 ? " stack trace" : " stack traces") + " ("
            + thrown.stream().map(Thrown::simpleType).distinct().limit(6).reduce((a, b) -> a + ", " + b).orElse("")
            + ")";
      }
      case TEXT -> Kind.TEXT.description();
    } + " in " + lines.size() + (lines.size() == 1 ? " line" : " lines");
  }

  private static List<Thrown> readThrown(List<Line> lines, Map<Frame, Line> frameLines) {
    List<Thrown> out = new ArrayList<>();
    // The throwables still open for frames and for causes, innermost last; each with the indent its
    // header had, which is how Throwable.printStackTrace nests suppressed exceptions.
    List<Open> open = new ArrayList<>();
    int chain = -1;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String text = line.text();
      Matcher frame = FRAME.matcher(text);
      if (frame.find()) {
        if (!open.isEmpty()) {
          Frame f = frame(frame, line.number());
          frameLines.put(f, line);
          open.get(open.size() - 1).frames.add(f);
        }
        continue;
      }
      if (ELIDED.matcher(text).find() || text.isBlank()) {
        continue;
      }
      Matcher header = HEADER.matcher(text);
      boolean strict = header.matches();
      String type;
      String message;
      String caption = null;
      String thread = null;
      int indent;
      if (strict) {
        type = header.group("type");
        message = header.group("message");
        caption = header.group("caption");
        thread = header.group("thread");
        indent = header.group("indent").length();
      } else {
        // A logger's prefix ("2026-01-01 03:00:00 ERROR [main] c.e.App - failed: java.io.IOException: x"):
        // taken only when frames follow, so that a type named in a sentence is not a trace.
        Matcher inLine = HEADER_IN_LINE.matcher(text);
        boolean found = inLine.find();
        boolean captioned = found && inLine.group("caption") != null && !open.isEmpty();
        if (!found || !(captioned || nextIsFrame(lines, i))) {
          closeUnlessIndented(open, text);
          continue;
        }
        type = inLine.group("type");
        message = inLine.group("message");
        caption = inLine.group("caption");
        indent = caption == null ? 0 : inLine.start("caption");
      }
      // A message continues on the lines up to the first frame (Jackson's "at [Source: …]", JSON bodies).
      StringBuilder fullMessage = new StringBuilder(message == null ? "" : message);
      int j = i + 1;
      while (j < lines.size() && j - i <= 20 && !endsMessage(lines.get(j).text())
          && nextFrameWithin(lines, j, 20 - (j - i))) {
        fullMessage.append('\n').append(lines.get(j).text());
        j++;
      }
      if (j > i + 1) {
        i = j - 1;
      }
      Relation relation;
      if ("Caused by".equals(caption)) {
        relation = Relation.CAUSE;
        while (!open.isEmpty() && open.get(open.size() - 1).indent > indent) {
          open.remove(open.size() - 1);
        }
        if (!open.isEmpty()) {
          open.remove(open.size() - 1);
        }
      } else if ("Suppressed".equals(caption)) {
        relation = Relation.SUPPRESSED;
        while (!open.isEmpty() && open.get(open.size() - 1).indent >= indent) {
          open.remove(open.size() - 1);
        }
      } else {
        relation = Relation.TOP;
        open.clear();
      }
      if (relation == Relation.TOP || chain < 0) {
        chain++;
      }
      if (relation != Relation.TOP && open.isEmpty() && out.isEmpty()) {
        relation = Relation.TOP;
      }
      Open o = new Open(indent, new ArrayList<>());
      open.add(o);
      String threadName = thread != null ? thread
          : relation == Relation.TOP ? null : out.isEmpty() ? null : out.get(out.size() - 1).thread();
      out.add(new Thrown(type, fullMessage.toString(), o.frames, line, relation, chain, threadName));
    }
    return out;
  }

  private static void closeUnlessIndented(List<Open> open, String text) {
    // A plain log line ends the trace before it; a line of a multi-line message does not start at column 0.
    if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0))) {
      open.clear();
    }
  }

  private static boolean nextIsFrame(List<Line> lines, int i) {
    return i + 1 < lines.size()
        && (FRAME.matcher(lines.get(i + 1).text()).find() || ELIDED.matcher(lines.get(i + 1).text()).find());
  }

  private static boolean nextFrameWithin(List<Line> lines, int from, int budget) {
    for (int k = from; k < lines.size() && k - from <= budget; k++) {
      String text = lines.get(k).text();
      if (FRAME.matcher(text).find()) {
        return true;
      }
      if (endsMessage(text)) {
        return false;
      }
    }
    return false;
  }

  /** A line that cannot continue an exception's message: a frame, "... n more", another header, a blank. */
  private static boolean endsMessage(String text) {
    if (text.isBlank() || FRAME.matcher(text).find() || ELIDED.matcher(text).find() || HEADER.matcher(text).matches()) {
      return true;
    }
    Matcher inLine = HEADER_IN_LINE.matcher(text);
    return inLine.find() && inLine.group("caption") != null;
  }

  private record Open(int indent, List<Frame> frames) {}

  private static Frame frame(Matcher m, int logLine) {
    String source = m.group("source");
    String file = null;
    int line = -1;
    if (!source.isEmpty() && !source.equals("Native Method") && !source.equals("Unknown Source")) {
      int colon = source.lastIndexOf(':');
      if (colon > 0) {
        file = source.substring(0, colon);
        try {
          line = Integer.parseInt(source.substring(colon + 1));
        } catch (NumberFormatException e) {
          line = -1;
        }
      } else {
        file = source;
      }
    }
    return new Frame(m.group("class"), m.group("method"), file, line, logLine);
  }

  private static List<DumpThread> readThreads(List<Line> lines) {
    List<DumpThread> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher header = THREAD_HEADER.matcher(lines.get(i).text());
      if (!header.matches()) {
        continue;
      }
      String rest = header.group("rest");
      // jstack: "name" #12 [4711] daemon prio=5 os_prio=0 cpu=… tid=0x… nid=… waiting on condition [0x…]
      if (!rest.contains("tid=") && !rest.contains("prio=") && !rest.contains("nid=")) {
        continue;
      }
      boolean daemon = (" " + rest + " ").contains(" daemon ");
      String state = "";
      List<Frame> frames = new ArrayList<>();
      int j = i + 1;
      for (; j < lines.size(); j++) {
        String text = lines.get(j).text();
        if (text.isBlank() || THREAD_HEADER.matcher(text).matches()) {
          break;
        }
        Matcher s = THREAD_STATE.matcher(text);
        if (s.find()) {
          state = s.group("state");
          continue;
        }
        Matcher f = FRAME.matcher(text);
        if (f.find()) {
          frames.add(frame(f, lines.get(j).number()));
        }
      }
      out.add(new DumpThread(header.group("name"), daemon, state, Collections.unmodifiableList(frames), lines.get(i)));
      i = j - 1;
    }
    return out;
  }

  private static HsErr readHsErr(List<Line> lines) {
    int start = -1;
    for (int i = 0; i < lines.size() && i < 50; i++) {
      if (HS_ERR_START.matcher(lines.get(i).text()).find()) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return null;
    }
    Line signal = null;
    String signalName = "unknown signal";
    Line problematic = null;
    List<Line> nativeFrames = new ArrayList<>();
    List<Frame> javaFrames = new ArrayList<>();
    List<Frame> javaSection = new ArrayList<>();
    boolean inNative = false;
    boolean inJava = false;
    for (int i = start; i < lines.size(); i++) {
      Line line = lines.get(i);
      String text = line.text();
      if (signal == null) {
        Matcher m = HS_ERR_SIGNAL.matcher(text);
        if (m.matches()) {
          signal = line;
          signalName = m.group("signal");
          continue;
        }
      }
      if (problematic == null && text.startsWith("# Problematic frame:") && i + 1 < lines.size()) {
        problematic = lines.get(i + 1);
        continue;
      }
      if (text.startsWith("Native frames:")) {
        inNative = true;
        inJava = false;
        continue;
      }
      if (text.startsWith("Java frames:")) {
        inJava = true;
        inNative = false;
        continue;
      }
      if (text.isBlank() || text.startsWith("---------------")) {
        if (inNative || inJava) {
          inNative = false;
          inJava = false;
          if (!nativeFrames.isEmpty() || !javaFrames.isEmpty()) {
            // The crashing thread's stack is the first one printed; others are about other threads.
            if (text.startsWith("---------------")) {
              break;
            }
          }
        }
        continue;
      }
      if (inNative || inJava) {
        if (inNative) {
          nativeFrames.add(line);
        }
        Matcher m = HS_ERR_JAVA_FRAME.matcher(text);
        if (m.find()) {
          (inJava ? javaSection : javaFrames).add(new Frame(m.group("class"), m.group("method"), null, -1, line.number()));
        }
      }
    }
    // "Java frames:" is the whole Java stack when printed; the native section's j/J lines otherwise.
    return new HsErr(signal, signalName, problematic, Collections.unmodifiableList(nativeFrames),
        Collections.unmodifiableList(javaSection.isEmpty() ? javaFrames : javaSection));
  }
}
