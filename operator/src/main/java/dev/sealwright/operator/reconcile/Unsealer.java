package dev.sealwright.operator.reconcile;

import dev.sealwright.api.v1.Conditions;
import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.api.v1.SealedSecretSpec;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.operator.keys.KeyUsage;
import dev.sealwright.secret.SecretBytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Opens every item of a SealedSecret, all or nothing. The binding each item must carry comes from
 * the object as it exists in the cluster (docs/cli.md), never from the envelope, so a value copied
 * to another namespace or name fails. Messages name items and key ids, never values.
 */
public final class Unsealer {
  private final IntConsumer decryptions;

  /**
   * @param decryptions told how many items were opened, for the metrics
   */
  public Unsealer(IntConsumer decryptions) {
    this.decryptions = decryptions;
  }

  public UnsealOutcome unseal(SealedSecret ss, Keyring keyring) {
    return unseal(ss, keyring, Map.of());
  }

  /**
   * @param unavailable why each held but unusable key (by key id) cannot be used now; an item
   *     sealed only to such keys fails with {@link Conditions#KEY_UNAVAILABLE} and that reason
   */
  public UnsealOutcome unseal(SealedSecret ss, Keyring keyring, Map<String, String> unavailable) {
    SealedSecretSpec spec = ss.getSpec();
    Map<String, String> items =
        spec.getEncryptedData() == null ? Map.of() : spec.getEncryptedData();
    if (spec.getScope() == null) {
      return new UnsealOutcome.Failed(
          Conditions.MALFORMED, "spec.scope must be strict, namespace or cluster");
    }
    Map<String, SecretBytes> opened = new LinkedHashMap<>();
    int count = 0;
    try {
      for (Map.Entry<String, String> item : new TreeMap<>(items).entrySet()) {
        Binding expected;
        try {
          expected = binding(ss, item.getKey());
        } catch (IllegalArgumentException e) {
          return new UnsealOutcome.Failed(
              Conditions.MALFORMED,
              "item '" + item.getKey() + "': " + e.getMessage(),
              item.getKey());
        }
        try {
          count++;
          opened.put(item.getKey(), Sealer.open(item.getValue(), expected, keyring));
        } catch (SealingException e) {
          return failure(item.getKey(), item.getValue(), e, keyring, unavailable);
        }
      }
      UnsealOutcome.Opened result = new UnsealOutcome.Opened(opened);
      opened = Map.of();
      return result;
    } finally {
      decryptions.accept(count);
      opened.values().forEach(SecretBytes::destroy);
    }
  }

  static Binding binding(SealedSecret ss, String item) {
    SealedSecretSpec spec = ss.getSpec();
    return Binding.builder()
        .scope(spec.getScope())
        .namespace(ss.getMetadata().getNamespace())
        .name(ss.getMetadata().getName())
        .item(item)
        .serviceAccount(spec.getServiceAccount())
        .build();
  }

  private static UnsealOutcome.Failed failure(
      String item,
      String envelope,
      SealingException e,
      Keyring keyring,
      Map<String, String> unavailable) {
    String prefix = "item '" + item + "': ";
    if (e instanceof NoMatchingIdentityException) {
      for (String keyId : sealedTo(envelope)) {
        String reason = unavailable.get(keyId);
        if (reason != null) {
          return new UnsealOutcome.Failed(
              Conditions.KEY_UNAVAILABLE,
              prefix
                  + "sealed to key id "
                  + keyId
                  + ", which this cluster holds but cannot unwrap now: "
                  + reason
                  + "; retrying");
        }
      }
    }
    return switch (e) {
      case MalformedException m ->
          new UnsealOutcome.Failed(Conditions.MALFORMED, prefix + m.getMessage(), item);
      case NoMatchingIdentityException n ->
          new UnsealOutcome.Failed(
              Conditions.NO_MATCHING_KEY,
              prefix
                  + "sealed to key ids "
                  + sealedTo(envelope)
                  + " but the keys this cluster opens values with are "
                  + keyring.keyIds().stream().map(KeyId::value).sorted().toList()
                  + "; re-seal with the keys from 'sealwright keys fetch'",
              item);
      case BindingMismatchException b ->
          new UnsealOutcome.Failed(Conditions.BINDING_MISMATCH, prefix + b.getMessage(), item);
      case AuthenticationFailedException a ->
          // No detail beyond the item: an authentication failure must not become an oracle.
          new UnsealOutcome.Failed(
              Conditions.AUTHENTICATION_FAILED,
              prefix + "the sealed value failed authentication (altered or damaged); re-seal it",
              item);
    };
  }

  private static List<String> sealedTo(String envelope) {
    return KeyUsage.keyIds(envelope).toList();
  }
}
