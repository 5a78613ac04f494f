package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.cli.sealing.Identities;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Scope;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code sealwright kustomize generate} outputs for one {@link GeneratorConfig}: a
 * SealedSecret (no key, no plaintext), or with {@code decrypt: true} and an identity a plain
 * Secret. Renames that would break the values' bindings fail here, before kustomize writes
 * anything.
 */
final class Generator {
  /** The environment variable naming the identity file of the decrypting generator. */
  static final String IDENTITY_VARIABLE = "SEALWRIGHT_KUSTOMIZE_IDENTITY_FILE";

  static final String NEEDS_HASH = "kustomize.config.k8s.io/needs-hash";
  static final String BEHAVIOR = "kustomize.config.k8s.io/behavior";

  private final CliEnv env;
  private final GeneratorConfig config;

  Generator(CliEnv env, GeneratorConfig config) {
    this.env = env;
    this.config = config;
  }

  /** The ResourceList kustomize reads back, given the one it wrote. */
  List<Map<String, Object>> run(ResourceList input) {
    SealedItems items = SealedItems.read(env, config);
    SealedSecret sealed = sealedSecret(items);
    if (config.decrypt()) {
      return List.of(decrypted(sealed));
    }
    if (config.behavior() == GeneratorConfig.Behavior.MERGE) {
      // Merged into an object that is already there, under the name it has by now: the
      // transformers have run, so neither the hash option nor this kustomization's renames apply.
      return SealedSecretMerge.into(input.resources(), sealed);
    }
    if (config.nameSuffixHash() && items.scope() == Scope.STRICT) {
      throw CliException.failed(
          "SealedSecret "
              + sealed.meta().displayName()
              + ": its values have scope strict, which binds the name, and kustomize's name-suffix"
              + " hash would rename it (the operator would refuse every item)",
          "set options.disableNameSuffixHash: true, or seal the values with --scope namespace");
    }
    new KustomizationRenames(env).check(sealed);
    return List.of(ManifestWriter.tree(withKustomizeAnnotations(sealed)));
  }

  private SealedSecret sealedSecret(SealedItems items) {
    SortedMap<String, String> annotations = new TreeMap<>();
    ObjectMeta meta = config.meta();
    BoundPlace.of(items.scope(), meta.namespace(), meta.name())
        .ifPresent(place -> annotations.put(BoundPlace.ANNOTATION, place));
    SealedSecret sealed =
        new SealedSecret(
            new ObjectMeta(meta.name(), meta.namespace(), new TreeMap<>(), annotations),
            items.scope(),
            items.serviceAccount(),
            items.envelopes(),
            new SealedSecret.Template(
                config.labels(), config.annotations(), config.type(), config.immutable()));
    // A missing namespace (scope strict and namespace bind it) fails with the scope's hint.
    sealed.binding(items.envelopes().firstKey());
    return sealed;
  }

  private SealedSecret withKustomizeAnnotations(SealedSecret sealed) {
    ObjectMeta meta = sealed.meta();
    return new SealedSecret(
        new ObjectMeta(meta.name(), meta.namespace(), meta.labels(), kustomize(meta.annotations())),
        sealed.scope(),
        sealed.serviceAccount(),
        sealed.encryptedData(),
        sealed.template());
  }

  private SortedMap<String, String> kustomize(SortedMap<String, String> annotations) {
    SortedMap<String, String> result = new TreeMap<>(annotations);
    if (config.nameSuffixHash()) {
      result.put(NEEDS_HASH, "true");
    }
    if (config.behavior() != GeneratorConfig.Behavior.CREATE) {
      result.put(BEHAVIOR, config.behavior().wireName());
    }
    return result;
  }

  /**
   * The render-time path (KSOPS parity): each value opened with the binding of the Secret being
   * generated, as the operator would, so a value sealed for another Secret fails here too.
   */
  private Map<String, Object> decrypted(SealedSecret sealed) {
    String identity =
        env.getenv(IDENTITY_VARIABLE)
            .orElseThrow(
                () ->
                    CliException.refused(
                        "decrypt: true needs an identity, and " + IDENTITY_VARIABLE + " is not set",
                        "set "
                            + IDENTITY_VARIABLE
                            + "=PATH (an age identity file) for kustomize; this puts plaintext in"
                            + " the render output (docs/gitops.md#kustomize)"));
    Keyring keyring = Identities.keyring(env, List.of(identity));
    SortedMap<String, SecretBytes> data = new TreeMap<>();
    try {
      for (String item : sealed.encryptedData().keySet()) {
        data.put(item, Items.open(sealed, item, keyring));
      }
      ObjectMeta meta =
          new ObjectMeta(
              sealed.meta().name(),
              sealed.meta().namespace(),
              config.labels(),
              kustomize(config.annotations()));
      return ManifestWriter.tree(new SecretManifest(meta, config.type(), config.immutable(), data));
    } finally {
      data.values().forEach(SecretBytes::destroy);
    }
  }
}
