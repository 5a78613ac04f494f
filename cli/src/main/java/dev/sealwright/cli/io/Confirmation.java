package dev.sealwright.cli.io;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Asks the person at the terminal before a command writes something hard to undo. Without a
 * terminal on standard input there is no one to ask: the command refuses and names the flag that
 * confirms.
 */
public final class Confirmation {
  private static final int MAX_ANSWER = 64;

  private Confirmation() {}

  /**
   * Returns when the user answers yes to {@code action}; otherwise throws a refusal (exit 3).
   *
   * @param action what will happen, as a verb phrase ("create 2 key Secret(s) in namespace x")
   */
  public static void require(CliEnv env, String action) {
    if (!env.stdinIsTerminal().getAsBoolean()) {
      throw CliException.refused(
          "not confirmed: " + action + " needs a yes, and standard input is not a terminal",
          "review the plan above, then run again with --yes");
    }
    env.err().print("sealwright: " + action + "? [y/N] ");
    env.err().flush();
    String answer = readLine(env).strip().toLowerCase(Locale.ROOT);
    if (!answer.equals("y") && !answer.equals("yes")) {
      throw CliException.refused("not confirmed; nothing was written", "answer y to go ahead");
    }
  }

  private static String readLine(CliEnv env) {
    byte[] line = new byte[MAX_ANSWER];
    int n = 0;
    try {
      for (int c = env.in().read(); c != -1 && c != '\n' && n < MAX_ANSWER; c = env.in().read()) {
        line[n++] = (byte) c;
      }
    } catch (IOException e) {
      return "";
    }
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }
}
