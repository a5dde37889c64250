package dev.crashguard.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code crashguard}: the command line: {@code scan} and {@code explain}. Exit status 0 (no finding at or above
 * {@code --fail-on}), 1 (findings), 2 (usage or input error: one line on stderr, never a stack trace).
 */
@Command(
    name = "crashguard",
    mixinStandardHelpOptions = true,
    versionProvider = Crashguard.Version.class,
    description = "Finds Java code that crashes, hangs or corrupts memory, with Error Prone, PMD and SpotBugs.",
    subcommands = {ScanCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class})
public final class Crashguard implements java.util.concurrent.Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FINDINGS = 1;
  public static final int EXIT_USAGE = 2;

  private final PrintStream out;
  private final PrintStream err;

  Crashguard(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line in this JVM; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Crashguard root = new Crashguard(out, err);
    CommandLine cli = new CommandLine(root, new Factory(root));
    // --maven-args "-o -Pci": a value may look like an option.
    cli.setAllowOptionsAsOptionParameters(true);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("crashguard: " + ex.getMessage().lines().findFirst().orElse("bad usage")
              + " (see crashguard " + (ex.getCommandLine().getCommandName().equals("crashguard") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help)");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          err.println("crashguard: internal error: " + ex);
          if (Boolean.getBoolean("crashguard.stacktrace")) {
            ex.printStackTrace(err);
          }
          return EXIT_USAGE;
        });
    return cli.execute(args);
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  @Override
  public Integer call() {
    err.println("crashguard: give a command: crashguard scan [DIR], or crashguard explain LOG (see crashguard --help)");
    return EXIT_USAGE;
  }

  /** Gives subcommands the streams of this run (tests run many in one JVM). */
  private static final class Factory implements CommandLine.IFactory {
    private final Crashguard root;

    Factory(Crashguard root) {
      this.root = root;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == ScanCommand.class) {
        return cls.cast(new ScanCommand(root.out, root.err));
      }
      if (cls == ExplainCommand.class) {
        return cls.cast(new ExplainCommand(root.out, root.err, System.getenv()));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"crashguard " + dev.crashguard.reports.Reports.VERSION};
    }
  }
}
