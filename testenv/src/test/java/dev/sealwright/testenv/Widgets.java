package dev.sealwright.testenv;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The ITs' own test CRD {@code widgets.testenv.sealwright.dev}, installed on first use. */
final class Widgets {
  static final String API_VERSION = "testenv.sealwright.dev/v1";

  private Widgets() {}

  static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      install(KubernetesClient admin) {
    try (InputStream yaml = Widgets.class.getResourceAsStream("/widget-crd.yaml")) {
      CustomResourceDefinition crd =
          admin.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
      admin.resource(crd).fieldManager("testenv-it").forceConflicts().serverSideApply();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("widgets.testenv.sealwright.dev")
        .waitUntilCondition(Widgets::established, 30, TimeUnit.SECONDS);
    return admin.genericKubernetesResources(API_VERSION, "Widget");
  }

  static GenericKubernetesResource widget(String namespace, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind("Widget")
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
