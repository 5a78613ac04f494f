package dev.sealwright.cli;

/**
 * The one table of exit codes; documented in {@code docs/cli.md}. Scripts depend on these numbers,
 * so they never change meaning.
 */
public final class ExitCode {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The command failed: bad input, a wrong key, a tampered file, a failed verification. */
  public static final int FAILED = 1;

  /** The command line itself is wrong: unknown option, missing argument, conflicting flags. */
  public static final int USAGE = 2;

  /** Refused for safety: would overwrite a file or print plaintext to a terminal. */
  public static final int REFUSED = 3;

  /** A bug in Sealwright; the message asks for a report. */
  public static final int INTERNAL = 4;

  /**
   * The command ran and found what it looks for: {@code audit exposure} found values sealed to the
   * key. Distinct from {@link #FAILED}, so CI can tell "exposed" from "could not check".
   */
  public static final int FOUND = 5;

  private ExitCode() {}
}
