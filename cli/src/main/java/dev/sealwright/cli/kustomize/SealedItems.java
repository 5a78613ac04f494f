package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.SealingErrors;
import dev.sealwright.cli.io.EnvFile;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.envelope.EnvelopeInfo;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The envelopes a generator lists (env files and sealed files), read from the kustomization's
 * folder, with the scope and service account they all name in clear. Nothing here can decrypt.
 *
 * @param envelopes item key to envelope
 * @param serviceAccount null when the values are not bound to one
 */
public record SealedItems(SortedMap<String, String> envelopes, Scope scope, String serviceAccount) {
  private static final Pattern ITEM = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

  public SealedItems {
    envelopes = Collections.unmodifiableSortedMap(new TreeMap<>(envelopes));
  }

  /** Reads {@code config}'s envs and files relative to the working directory, kustomize's root. */
  public static SealedItems read(CliEnv env, GeneratorConfig config) {
    Reader reader = new Reader(env);
    for (String path : config.envs()) {
      String text = Inputs.readText(env, reader.checkedPath(path));
      for (EnvFile.Entry entry : EnvFile.parse(text, path)) {
        reader.add(entry.key(), entry.value().strip(), path + ", line " + entry.line());
      }
    }
    for (String spec : config.files()) {
      int eq = spec.indexOf('=');
      String path = eq < 0 ? spec : spec.substring(eq + 1);
      String key = eq < 0 ? Path.of(path).getFileName().toString() : spec.substring(0, eq);
      reader.add(key, Inputs.readText(env, reader.checkedPath(path)).strip(), path);
    }
    return new SealedItems(reader.envelopes, reader.scope, reader.serviceAccount);
  }

  private static final class Reader {
    private final CliEnv env;
    private final SortedMap<String, String> envelopes = new TreeMap<>();
    private Scope scope;
    private String serviceAccount;
    private String first;

    Reader(CliEnv env) {
      this.env = env;
    }

    /**
     * As kustomize's default load restrictions: a relative path inside the kustomization's folder,
     * symbolic links resolved, so an overlay cannot read files from elsewhere on the machine.
     */
    String checkedPath(String path) {
      Path root = env.workingDir();
      Path resolved = env.resolve(path);
      boolean inside = !Path.of(path).isAbsolute() && resolved.startsWith(root);
      try {
        if (inside && Files.exists(resolved)) {
          inside = resolved.toRealPath().startsWith(root.toRealPath());
        }
      } catch (IOException e) {
        throw dev.sealwright.cli.IoErrors.describe(e);
      }
      if (!inside) {
        throw CliException.refused(
            path + " is outside the kustomization's folder " + root,
            "list files by paths relative to the kustomization, inside its folder");
      }
      return path;
    }

    void add(String key, String envelope, String where) {
      if (!ITEM.matcher(key).matches()) {
        throw CliException.failed(
            where + ": '" + key + "' is not a Secret item key",
            "item keys use letters, digits, '-', '_' and '.' (at most 253 characters)");
      }
      if (!envelope.startsWith("sw1:")) {
        throw CliException.failed(
            where + ": the value of '" + key + "' is not a Sealwright envelope (sw1:...)",
            "list sealed values only; seal them with 'sealwright create' (docs/gitops.md#kustomize)");
      }
      EnvelopeInfo info;
      try {
        info = Sealer.inspect(envelope);
      } catch (SealingException e) {
        throw SealingErrors.describe(e, where + ", item '" + key + "'");
      }
      String sa = info.serviceAccount().orElse(null);
      if (scope == null) {
        scope = info.scope();
        serviceAccount = sa;
        first = key;
      } else if (scope != info.scope() || !Objects.equals(serviceAccount, sa)) {
        throw CliException.failed(
            where
                + ": item '"
                + key
                + "' is sealed with scope "
                + describe(info.scope(), sa)
                + " but item '"
                + first
                + "' with "
                + describe(scope, serviceAccount),
            "a SealedSecret has one scope and service account; seal every item alike");
      }
      if (envelopes.putIfAbsent(key, envelope) != null) {
        throw CliException.failed(
            where + ": item '" + key + "' is given twice", "give every item once");
      }
    }

    private static String describe(Scope scope, String serviceAccount) {
      return scope.wireName()
          + (serviceAccount == null ? "" : " (service account " + serviceAccount + ")");
    }
  }
}
