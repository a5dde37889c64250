package dev.crashguard.cli;

/**
 * Bad usage or bad input: the scan cannot start or cannot be trusted. The message is the one line the user
 * sees after {@code crashguard: }; the exit status is {@link Crashguard#EXIT_USAGE}.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
