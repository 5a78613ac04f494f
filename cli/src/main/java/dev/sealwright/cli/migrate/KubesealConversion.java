package dev.sealwright.cli.migrate;

import dev.sealwright.age.Recipient;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.sealing.Items;
import dev.sealwright.errors.SealingException;
import dev.sealwright.kubeseal.KubesealLabel;
import dev.sealwright.kubeseal.KubesealOpener;
import dev.sealwright.secret.SecretBytes;
import dev.sealwright.wire.WireNames;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Converts one Bitnami SealedSecret: opens every item with the controller's keys and the label of
 * its scope, seals it again for the same place to Sealwright recipients, and carries names, scope,
 * template and the Bitnami behaviours over. Each value lives only in a {@link SecretBytes} that is
 * destroyed as soon as it is sealed; nothing is returned until every item opened.
 */
final class KubesealConversion {
  /** An item that did not open; names the item, never its value. */
  static final class ItemFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ItemFailure(String message) {
      super(message);
    }
  }

  private final KubesealOpener opener;
  private final List<Recipient> recipients;

  KubesealConversion(KubesealOpener opener, List<Recipient> recipients) {
    this.opener = opener;
    this.recipients = recipients;
  }

  SealedSecret convert(BitnamiSealedSecret bitnami) throws ItemFailure {
    SealedSecret target =
        new SealedSecret(
            new ObjectMeta(
                bitnami.meta().name(),
                bitnami.meta().namespace(),
                sealwrightLabels(bitnami),
                sealwrightAnnotations(bitnami)),
            bitnami.scope(),
            null,
            new TreeMap<>(),
            bitnami.template());
    KubesealLabel label =
        KubesealLabel.of(bitnami.scope(), bitnami.meta().namespace(), bitnami.meta().name());
    SortedMap<String, String> sealed = new TreeMap<>();
    for (Map.Entry<String, String> item : bitnami.encryptedData().entrySet()) {
      // Checks the item key and the names before anything is opened.
      target.binding(item.getKey());
      SecretBytes value;
      try {
        value = opener.openBase64(item.getValue(), label);
      } catch (SealingException e) {
        throw new ItemFailure(
            "item '" + item.getKey() + "' does not open with the given keys: " + e.getMessage());
      }
      try {
        sealed.put(item.getKey(), Items.seal(target, item.getKey(), value, recipients));
      } finally {
        value.destroy();
      }
    }
    return target.withEncryptedData(sealed);
  }

  /** Patch mode is a label, so that the operator's patch-cleanup controller watches only these. */
  private static SortedMap<String, String> sealwrightLabels(BitnamiSealedSecret bitnami) {
    SortedMap<String, String> labels = new TreeMap<>(bitnami.meta().labels());
    if (bitnami.patch()) {
      labels.put(WireNames.PATCH_ANNOTATION, "true");
    }
    return labels;
  }

  /** The metadata annotations of the converted object: the Bitnami ones' Sealwright equivalents. */
  private static SortedMap<String, String> sealwrightAnnotations(BitnamiSealedSecret bitnami) {
    SortedMap<String, String> annotations = new TreeMap<>(bitnami.meta().annotations());
    annotations.put(WireNames.ADOPT_BITNAMI_ANNOTATION, "true");
    if (bitnami.keepSecret()) {
      annotations.put(WireNames.KEEP_SECRET_ANNOTATION, "true");
    }
    return annotations;
  }
}
