package dev.sealwright.cli.command;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.EnvelopeInfo;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one item's envelope says in clear, plus every problem visible without a key.
 *
 * @param info null when the envelope does not parse
 * @param problems empty when the item is consistent with its SealedSecret
 */
record ItemInfo(
    String item, String envelope, EnvelopeInfo info, Long valueBytes, List<String> problems) {

  static List<ItemInfo> of(SealedSecret sealed) {
    List<ItemInfo> result = new ArrayList<>();
    sealed.encryptedData().forEach((item, envelope) -> result.add(of(sealed, item, envelope)));
    return result;
  }

  static ItemInfo of(SealedSecret sealed, String item, String envelope) {
    List<String> problems = new ArrayList<>();
    EnvelopeInfo info = null;
    try {
      info = Sealer.inspect(envelope);
    } catch (SealingException e) {
      problems.add("malformed envelope: " + e.getMessage());
    }
    Long valueBytes = null;
    try {
      Binding binding = sealed.binding(item);
      if (info != null) {
        valueBytes = info.valueLength(binding);
      }
    } catch (CliException e) {
      problems.add(e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
    if (info != null) {
      if (info.scope() != sealed.scope()) {
        problems.add(
            "the envelope is sealed for scope "
                + info.scope().wireName()
                + " but spec.scope is "
                + sealed.scope().wireName());
      }
      if (!Objects.equals(info.serviceAccount().orElse(null), sealed.serviceAccount())) {
        problems.add(
            "the envelope's service account ("
                + info.serviceAccount().orElse("none")
                + ") differs from spec.serviceAccount ("
                + Objects.requireNonNullElse(sealed.serviceAccount(), "none")
                + ")");
      }
    }
    return new ItemInfo(item, envelope, info, valueBytes, List.copyOf(problems));
  }

  String keyIds() {
    return info == null
        ? "?"
        : info.keyIds().stream().map(KeyId::value).collect(Collectors.joining(","));
  }

  String recipientTypes() {
    if (info == null) {
      return "?";
    }
    String types = String.join(",", info.stanzaTypes().stream().distinct().toList());
    return types + (info.postQuantum() ? " (post-quantum)" : " (NOT post-quantum)");
  }

  /** {@code value vt:1a2b3c4d} (the tag's short form), or a note that the envelope has none. */
  String valueTag() {
    if (info == null) {
      return "value ?";
    }
    return info.valueTag().map(t -> "value " + t).orElse("no value tag");
  }

  /** A short fingerprint of the envelope, so that a re-sealed item shows as a changed line. */
  String fingerprint() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(envelope.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String bindingDescription(SealedSecret s) {
    String sa = s.serviceAccountName().map(n -> ", service account " + n).orElse("");
    return switch (s.scope()) {
      case STRICT ->
          "namespace " + s.meta().namespace() + ", name " + s.meta().name() + ", item" + sa;
      case NAMESPACE -> "namespace " + s.meta().namespace() + ", item" + sa;
      case CLUSTER -> "item only" + sa;
    };
  }
}
