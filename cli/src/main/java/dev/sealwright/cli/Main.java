package dev.sealwright.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of the {@code sealwright} command (and of {@code kubectl sealwright}). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs one command line against this process's stdin, working directory and environment. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    CliEnv env =
        new CliEnv(
            System.in,
            out,
            err,
            Path.of(""),
            System.getenv(),
            () -> out == System.out && isTerminal(1),
            () -> isTerminal(0));
    return run(env, args);
  }

  /** Runs one command line; returns the exit code from {@link ExitCode}. */
  public static int run(CliEnv env, String... args) {
    CommandFactory factory = new CommandFactory(env);
    CommandLine cli = new CommandLine(SealwrightCommand.class, factory);
    try {
      Commands.register(cli, factory, args);
    } catch (Exception e) {
      env.err().println("sealwright: error: internal error: cannot set up the commands");
      env.err().println("sealwright: hint: this is a bug in Sealwright; please report it");
      return ExitCode.INTERNAL;
    }
    Failures failures = new Failures(env.err());
    // Examples in the help are whole command lines; 100 columns keeps them on one line each.
    cli.setUsageHelpWidth(100);
    cli.setOut(new PrintWriter(new OutputStreamWriter(env.out(), StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(env.err(), StandardCharsets.UTF_8), true));
    cli.setParameterExceptionHandler(failures::onParameterException);
    cli.setExecutionExceptionHandler(failures::onExecutionException);
    int code = cli.execute(args);
    env.out().flush();
    env.err().flush();
    return code;
  }

  /**
   * Whether file descriptor {@code fd} is a terminal. {@code System.console()} wants both stdin and
   * stdout to be one, which would let {@code sealwright unseal < file} print plaintext to a
   * terminal, so look at the descriptor itself where Linux shows it.
   */
  private static boolean isTerminal(int fd) {
    try {
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
      String t = target.toString();
      return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
    } catch (Exception e) {
      java.io.Console console = System.console();
      return console != null && console.isTerminal();
    }
  }
}
