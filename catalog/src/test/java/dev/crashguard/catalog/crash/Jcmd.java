package dev.crashguard.catalog.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Takes a thread dump the way an operator does: {@code jcmd PID Thread.print}, jcmd of the running JDK. */
final class Jcmd {

  private Jcmd() {}

  static String threadDump(long pid) throws IOException, InterruptedException {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path jcmd = java.resolveSibling("jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(jcmd)) {
      throw new IOException("jcmd failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
