package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import java.nio.file.Path;
import java.util.List;

/**
 * A file holding one SealedSecret that a command changes in place. Writing keeps the file's format
 * (YAML or JSON) and replaces the file atomically, so a failed write leaves the old file whole.
 */
final class SealedSecretFile {
  private final Path path;
  private final String text;
  private final SealedSecret sealed;

  private SealedSecretFile(Path path, String text, SealedSecret sealed) {
    this.path = path;
    this.text = text;
    this.sealed = sealed;
  }

  /** Reads {@code name} (as the user typed it, for messages), which must hold one SealedSecret. */
  static SealedSecretFile read(CliEnv env, String name) {
    return of(env, name, Inputs.readText(env, name));
  }

  /** Like {@link #read}, for a caller that has already read the file's {@code text}. */
  static SealedSecretFile of(CliEnv env, String name, String text) {
    return new SealedSecretFile(env.resolve(name), text, SealedSecretReader.readOne(text, name));
  }

  Path path() {
    return path;
  }

  SealedSecret sealed() {
    return sealed;
  }

  void write(CliEnv env, SealedSecret changed) {
    SealOptions.write(
        env, path, ManifestWriter.sealedSecrets(List.of(changed), ManifestWriter.Format.of(text)));
  }
}
