package dev.sealwright.cli.migrate;

import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Scope;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Bitnami SealedSecret ({@code bitnami.com/v1alpha1}) as far as a conversion needs it.
 *
 * @param meta its name and namespace, and the labels and annotations that carry over to the
 *     Sealwright SealedSecret (Bitnami's own annotations removed)
 * @param scope read from its {@code sealedsecrets.bitnami.com/*-wide} annotations, as the
 *     controller does
 * @param encryptedData item key to kubeseal value (base64)
 * @param template the Secret template without Bitnami's annotations
 * @param patch the template asked for {@code sealedsecrets.bitnami.com/patch}
 * @param keepSecret the template asked for {@code
 *     sealedsecrets.bitnami.com/skip-set-owner-references}
 * @param dropped Bitnami annotations that have no meaning for Sealwright, for the report
 */
record BitnamiSealedSecret(
    ObjectMeta meta,
    Scope scope,
    SortedMap<String, String> encryptedData,
    SealedSecret.Template template,
    boolean patch,
    boolean keepSecret,
    List<String> dropped) {

  static final String API_VERSION = "bitnami.com/v1alpha1";
  static final String ANNOTATION_PREFIX = "sealedsecrets.bitnami.com/";
  static final String CLUSTER_WIDE = ANNOTATION_PREFIX + "cluster-wide";
  static final String NAMESPACE_WIDE = ANNOTATION_PREFIX + "namespace-wide";
  static final String PATCH = ANNOTATION_PREFIX + "patch";
  static final String SKIP_SET_OWNER_REFERENCES = ANNOTATION_PREFIX + "skip-set-owner-references";

  BitnamiSealedSecret {
    encryptedData = Collections.unmodifiableSortedMap(new TreeMap<>(encryptedData));
    dropped = List.copyOf(dropped);
  }
}
