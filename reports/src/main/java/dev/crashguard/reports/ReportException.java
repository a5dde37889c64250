package dev.crashguard.reports;

import java.nio.file.Path;

/**
 * A report that cannot be read or written: missing, not XML, not the engine's format. The message is one
 * line that names the file and says what is wrong, fit to print to a user as it is.
 */
public final class ReportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReportException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public ReportException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
