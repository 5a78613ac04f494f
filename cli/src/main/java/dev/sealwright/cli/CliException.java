package dev.sealwright.cli;

import java.util.List;

/**
 * A failure the user can act on: printed as one {@code sealwright: error:} line and {@code
 * sealwright: hint:} lines, never with a stack trace unless {@code --verbose}. Messages name files,
 * items and keys but never values.
 */
public final class CliException extends RuntimeException {
  private final int exitCode;
  private final List<String> hints;

  public CliException(int exitCode, String message, String... hints) {
    this(exitCode, message, null, hints);
  }

  public CliException(int exitCode, String message, Throwable cause, String... hints) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hints = List.of(hints);
  }

  public static CliException failed(String message, String... hints) {
    return new CliException(ExitCode.FAILED, message, hints);
  }

  public static CliException usage(String message, String... hints) {
    return new CliException(ExitCode.USAGE, message, hints);
  }

  public static CliException refused(String message, String... hints) {
    return new CliException(ExitCode.REFUSED, message, hints);
  }

  public int exitCode() {
    return exitCode;
  }

  public List<String> hints() {
    return hints;
  }
}
