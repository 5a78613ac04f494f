package dev.sealwright.cli.values;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.IoErrors;
import dev.sealwright.cli.io.AtomicFiles;
import dev.sealwright.cli.io.Inputs;
import java.io.IOException;
import java.nio.file.Path;

/** Reading a values file (bounded, UTF-8) and replacing it atomically. */
final class ValuesFiles {
  private ValuesFiles() {}

  static SealedValuesFile read(CliEnv env, String file) {
    return SealedValuesFile.parse(Inputs.readText(env, file), file);
  }

  static void replace(CliEnv env, String file, String text) {
    Path target = env.resolve(file);
    try {
      AtomicFiles.replace(target, text);
    } catch (IOException e) {
      throw IoErrors.describe(e);
    }
  }
}
