package dev.sealwright.api.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Secret whose values are sealed: safe to keep in git, opened only by the operator of the cluster
 * whose key it was sealed to, and only for the namespace, name and item it is bound to. The
 * operator creates a Secret of the same name and namespace from it.
 */
@Group(SealedSecret.GROUP)
@Version(SealedSecret.VERSION)
@Kind("SealedSecret")
@Plural("sealedsecrets")
@Singular("sealedsecret")
@ShortNames("sws")
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    getDescription = "Whether the Secret matches this SealedSecret")
@AdditionalPrinterColumn(
    name = "Reason",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    getDescription = "Why the Secret is or is not ready")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public final class SealedSecret extends CustomResource<SealedSecretSpec, SealedSecretStatus>
    implements Namespaced {
  public static final String GROUP = "sealwright.dev";
  public static final String VERSION = "v1";

  /** The CRD's name, {@code sealedsecrets.sealwright.dev}. */
  public static final String CRD_NAME = "sealedsecrets." + GROUP;

  /** Where the build puts the generated CRD YAML on the classpath (inside this module's jar). */
  public static final String CRD_RESOURCE =
      "/META-INF/fabric8/" + CRD_NAME + "-" + VERSION + ".yml";
}
