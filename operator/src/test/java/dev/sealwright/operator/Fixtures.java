package dev.sealwright.operator;

import dev.sealwright.age.Identity;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretSpec;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds SealedSecrets sealed with the real core, as the CLI would. */
public final class Fixtures {
  private Fixtures() {}

  public static SealedSecret sealedSecret(
      String namespace, String name, Map<String, String> items) {
    SealedSecret ss = new SealedSecret();
    ss.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid("uid-" + name)
            .withGeneration(1L)
            .build());
    SealedSecretSpec spec = new SealedSecretSpec();
    spec.setScope(Scope.STRICT);
    spec.setEncryptedData(new LinkedHashMap<>(items));
    ss.setSpec(spec);
    return ss;
  }

  /** A SealedSecret to create through the API (no uid or generation set). */
  public static SealedSecret sealedSecretForApply(
      String namespace, String name, Map<String, String> items) {
    SealedSecret ss = sealedSecret(namespace, name, items);
    ss.getMetadata().setUid(null);
    ss.getMetadata().setGeneration(null);
    return ss;
  }

  /** Seals {@code values} for namespace/name under strict scope to {@code key}. */
  public static Map<String, String> seal(
      Identity key, String namespace, String name, Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (item, value) -> {
          Binding b =
              Binding.builder()
                  .scope(Scope.STRICT)
                  .namespace(namespace)
                  .name(name)
                  .item(item)
                  .build();
          try {
            out.put(
                item,
                Sealer.seal(
                    SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8)),
                    b,
                    List.of(key.recipient().orElseThrow())));
          } catch (SealingException e) {
            throw new AssertionError(e);
          }
        });
    return out;
  }
}
