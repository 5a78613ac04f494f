package dev.sealwright.cli;

import dev.sealwright.errors.SealingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns every failure into the one error format ({@code sealwright: error:} then {@code sealwright:
 * hint:} lines) and an exit code from {@link ExitCode}. Stack traces only with {@code --verbose}.
 */
final class Failures {
  private final PrintStream err;

  Failures(PrintStream err) {
    this.err = err;
  }

  int onParameterException(CommandLine.ParameterException ex, String[] args) {
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    String message =
        ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
    if (ex instanceof CommandLine.UnmatchedArgumentException u
        && !ex.getCommandLine().getSubcommands().isEmpty()
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().getFirst().startsWith("-")) {
      message = "unknown command '" + u.getUnmatched().getFirst() + "'";
    }
    print(message, java.util.List.of("see '" + command + " --help'"));
    if (verbose(ex.getCommandLine().getParseResult())) {
      ex.printStackTrace(err);
    }
    return ExitCode.USAGE;
  }

  int onExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    CliException failure = toCliException(ex);
    print(failure.getMessage(), failure.hints());
    if (verbose(parseResult)) {
      ex.printStackTrace(err);
    }
    return failure.exitCode();
  }

  static CliException toCliException(Throwable ex) {
    if (ex instanceof CliException c) {
      return c;
    }
    if (ex instanceof SealingException s) {
      return SealingErrors.describe(s, "input");
    }
    if (ex instanceof UncheckedIOException u) {
      ex = u.getCause();
    }
    if (ex instanceof IOException io) {
      return IoErrors.describe(io);
    }
    return new CliException(
        ExitCode.INTERNAL,
        "internal error: " + ex.getClass().getSimpleName(),
        ex,
        "this is a bug in Sealwright; re-run with --verbose and report the stack trace");
  }

  private void print(String message, java.util.List<String> hints) {
    err.println("sealwright: error: " + message);
    for (String hint : hints) {
      err.println("sealwright: hint: " + hint);
    }
    err.flush();
  }

  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      if (pr.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
