package dev.crashguard.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What a scan is doing, on standard error. On a terminal, one status line rewritten in place ("maven:
 * module 2/5 app, compiling", "errorprone: module 3/5 web") between the lines that stay. In a CI log (the
 * {@code CI} variable set, or output that is not a terminal) only the lines that stay: no status lines, no
 * carriage returns.
 */
final class Progress {
  private static final int WIDTH = 100;

  private final PrintStream err;
  private final boolean live;
  private boolean showing;

  Progress(PrintStream err, boolean live) {
    this.err = err;
    this.live = live;
  }

  /** Live on a terminal, unless {@code CI} is set. */
  static Progress forTerminal(PrintStream err, Map<String, String> env) {
    return new Progress(err, isInteractive(env));
  }

  static boolean isInteractive(Map<String, String> env) {
    String ci = env.get("CI");
    if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
      return false;
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // JDK 22+ gives a Console even when redirected; isTerminal() tells (it does not exist on 21).
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  boolean live() {
    return live;
  }

  /** A status that the next one replaces; nothing in a CI log. */
  synchronized void status(String text) {
    if (!live) {
      return;
    }
    String shown = text.length() > WIDTH ? text.substring(0, WIDTH - 1) + "…" : text;
    err.print("\r\033[2K" + shown);
    err.flush();
    showing = true;
  }

  /** A line that stays. */
  synchronized void line(String text) {
    clear();
    err.println(text);
  }

  /** Removes the status line, if one is showing. */
  synchronized void clear() {
    if (showing) {
      err.print("\r\033[2K");
      err.flush();
      showing = false;
    }
  }
}
