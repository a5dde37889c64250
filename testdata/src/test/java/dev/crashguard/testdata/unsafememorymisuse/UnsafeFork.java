package dev.crashguard.testdata.unsafememorymisuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JVM of its own for one {@link UnsafeCases} case: the same {@code java} binary as the test JVM (the JDK
 * that the toolchain picked for surefire's fork), the test JVM's class path, and an {@code -XX:ErrorFile}
 * in a directory of its own, so that an hs_err file can only come from this case. Core dumps are off
 * ({@code -XX:-CreateCoredumpOnCrash}) so that a crash costs no disk and no time; the exit status of a JVM
 * that reported a fatal error is then 1 (HotSpot's {@code os::abort} exits instead of calling {@code
 * abort()}), while a glibc abort, which HotSpot does not handle, is the signal itself: 128 + SIGABRT = 134.
 */
final class UnsafeFork {

  /** How long one forked JVM may take to start, run its case and die (or end); far above what they take. */
  static final long BOUND_MILLIS = 20_000;

  private static final Pattern FRAME = Pattern.compile("# Problematic frame:\\R#\\s*(.+)");
  private static final Pattern SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\) at pc=");
  private static final Pattern SI_ADDR = Pattern.compile("si_addr: (0x[0-9a-f]+)");

  final String name;
  final Path dir;
  private final Process process;
  private final long started = System.nanoTime();

  private UnsafeFork(String name, Path dir, Process process) {
    this.name = name;
    this.dir = dir;
    this.process = process;
  }

  /** The running java binary (the toolchain's JDK), falling back to java.home. */
  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Starts {@code UnsafeCases <args>} with the given JVM flags; name is also the directory under root. */
  static UnsafeFork start(Path root, String name, List<String> jvmFlags, String... args) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    List<String> command = new ArrayList<>(List.of(javaBinary(),
        "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
        "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log")));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), UnsafeCases.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile())
        .start();
    return new UnsafeFork(name, dir, p);
  }

  /** Waits at most the bound; a JVM still running then is killed and reported as timed out. */
  Outcome await() throws Exception {
    long left = TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS) - (System.nanoTime() - started);
    boolean ended = process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
    if (!ended) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String hsErr = null;
    try (Stream<Path> files = Files.list(dir)) {
      Optional<Path> file = files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).findFirst();
      if (file.isPresent()) {
        hsErr = Files.readString(file.get());
      }
    }
    return new Outcome(name, !ended, ended ? process.exitValue() : -1, millis,
        Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")), hsErr);
  }

  /** What a forked JVM left behind. */
  record Outcome(String name, boolean timedOut, int exit, long millis, String out, String err, String hsErr) {

    boolean hasHsErr() {
      return hsErr != null;
    }

    /** The hs_err file's "Problematic frame" line, e.g. {@code V  [libjvm.so+0x1233f9d]  Unsafe_GetLong+0xad}. */
    String problematicFrame() {
      return find(FRAME, hsErr);
    }

    /** The signal in the hs_err header, e.g. {@code SIGSEGV}. */
    String signal() {
      return find(SIGNAL, hsErr);
    }

    /** The faulting address of the siginfo line. */
    String siAddr() {
      return find(SI_ADDR, hsErr);
    }

    /** The "Java frames" section of the hs_err file (the frames of the crashing thread). */
    String javaFrames() {
      if (hsErr == null) {
        return "";
      }
      int start = hsErr.indexOf("Java frames:");
      if (start < 0) {
        return "";
      }
      int end = hsErr.indexOf("\n\n", start);
      return hsErr.substring(start, end < 0 ? hsErr.length() : end);
    }

    /** The value printed by the case as {@code key=value}, or null. */
    String value(String key) {
      for (String line : out.split("\\R")) {
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1);
        }
      }
      return null;
    }

    boolean survived() {
      return out.contains(UnsafeCases.CASE_RETURNED);
    }

    /** The stderr lines that are not JDK 25's Unsafe deprecation warnings or flag deprecation notes. */
    String errLines() {
      return String.join(" | ", err.lines()
          .filter(l -> !l.startsWith("WARNING: ") && !l.contains("deprecated"))
          .toList());
    }

    private static String find(Pattern pattern, String text) {
      if (text == null) {
        return null;
      }
      Matcher m = pattern.matcher(text);
      return m.find() ? m.group(1).trim() : null;
    }

    /** One line for the test log. */
    String summary() {
      String s = name + ": exit " + exit + (timedOut ? " (killed after " + BOUND_MILLIS + " ms)" : "")
          + " after " + millis + " ms";
      if (survived()) {
        s += ", the case returned first";
      }
      if (hasHsErr()) {
        s += ", hs_err " + signal() + " si_addr " + siAddr() + ", problematic frame [" + problematicFrame() + "]";
      } else {
        s += ", no hs_err file";
      }
      String errs = errLines();
      if (!errs.isEmpty()) {
        s += ", stderr: " + errs;
      }
      return s;
    }

    /** Everything, for an assertion message. */
    String dump() {
      return summary() + "\n--- stdout\n" + out + "\n--- stderr\n" + err
          + (hasHsErr() ? "\n--- hs_err (head)\n" + hsErr.substring(0, Math.min(hsErr.length(), 4000)) : "");
    }
  }
}
