package dev.sealwright.cli.values;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.envelope.Keyring;
import java.util.List;
import picocli.CommandLine.Option;

/** The identities that open a values file's envelopes ({@code edit}, {@code unseal}). */
public final class ValuesIdentities {
  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      required = true,
      description = "An identity that opens the values; repeatable.")
  List<String> files;

  Keyring keyring(CliEnv env) {
    return Identities.keyring(env, files);
  }
}
