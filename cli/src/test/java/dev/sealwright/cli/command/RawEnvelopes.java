package dev.sealwright.cli.command;

import dev.sealwright.cli.Cli;

/** Puts an envelope from {@code seal --raw} into a SealedSecret, as a template author would. */
public final class RawEnvelopes {
  private RawEnvelopes() {}

  /**
   * Writes a SealedSecret made by {@code create} for {@code namespace}/{@code name} and scope,
   * whose {@code item} holds {@code envelope}, and returns its file name.
   */
  public static String placed(
      Cli cli, String envelope, String scope, String namespace, String name, String item) {
    String made =
        cli.ok(
                "create",
                name,
                "-n",
                namespace,
                "--scope",
                scope,
                "--from-literal",
                item + "=placeholder",
                "-R",
                "cluster.recipient",
                "-q")
            .out();
    String file = name + "-" + namespace + "-" + item + ".yaml";
    String placed =
        made.replaceAll("(?m)^(    " + item.replace(".", "\\.") + ": ).*$", "$1" + envelope);
    if (placed.equals(made)) {
      throw new AssertionError("no item " + item + " in\n" + made);
    }
    cli.write(file, placed);
    return file;
  }
}
