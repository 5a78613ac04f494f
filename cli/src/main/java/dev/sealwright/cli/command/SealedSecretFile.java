package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.envelope.EnvelopeInfo;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
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

  /**
   * Refuses to add items when an existing envelope names another scope or service account than
   * {@code spec}: the spec is plain text anyone can edit, and a write-only command cannot check it
   * against the sealed values otherwise, so an edited {@code scope: cluster} would silently make
   * new items cluster-wide. Reads only the envelopes' clear fields; the file is not touched.
   */
  void requireConsistentBindings() {
    for (var item : sealed.encryptedData().entrySet()) {
      EnvelopeInfo info;
      try {
        info = Sealer.inspect(item.getValue());
      } catch (SealingException e) {
        throw SealingErrors.describe(e, Items.where(sealed, item.getKey()));
      }
      String problem = null;
      if (info.scope() != sealed.scope()) {
        problem = "is sealed with scope " + info.scope().wireName();
      } else if (!info.serviceAccount().equals(sealed.serviceAccountName())) {
        problem =
            "is bound to "
                + info.serviceAccount()
                    .map(sa -> "service account " + sa)
                    .orElse("no service account");
      }
      if (problem != null) {
        throw CliException.refused(
            Items.where(sealed, item.getKey())
                + " "
                + problem
                + ", but the spec of "
                + path.getFileName()
                + " says scope "
                + sealed.scope().wireName()
                + sealed.serviceAccountName().map(sa -> ", service account " + sa).orElse("")
                + "; new items would get a binding the others do not have",
            "restore spec.scope and spec.serviceAccount from Git; to change them on purpose, seal"
                + " the whole Secret again ('sealwright seal')");
      }
    }
  }

  void write(CliEnv env, SealedSecret changed) {
    SealOptions.write(
        env, path, ManifestWriter.sealedSecrets(List.of(changed), ManifestWriter.Format.of(text)));
  }
}
