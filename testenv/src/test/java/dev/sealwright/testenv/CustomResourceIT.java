package dev.sealwright.testenv;

import static dev.sealwright.testenv.Widgets.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Custom-resource semantics that fabric8's mock server gets wrong (404/415 on apply, no schema).
 */
@ExtendWith(KubeTestEnvironment.class)
final class CustomResourceIT {

  @Test
  void serverSideApply_newThenChangedWidget_createsThenUpdatesAndDropsUnappliedFields(
      KubernetesClient admin, TestNamespace ns) {
    var widgets = Widgets.install(admin).inNamespace(ns.name());

    GenericKubernetesResource created =
        widgets
            .resource(widget(ns.name(), "w", Map.of("size", 2, "colour", "red")))
            .fieldManager("sealwright-it")
            .serverSideApply();
    GenericKubernetesResource updated =
        widgets
            .resource(widget(ns.name(), "w", Map.of("size", 3)))
            .fieldManager("sealwright-it")
            .serverSideApply();

    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(updated.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    // Apply semantics: a field this manager owned and no longer applies is removed.
    assertThat(spec(widgets.withName("w").get())).isEqualTo(Map.of("size", 3));
    assertThat(updated.getMetadata().getManagedFields())
        .anySatisfy(
            f -> {
              assertThat(f.getManager()).isEqualTo("sealwright-it");
              assertThat(f.getOperation()).isEqualTo("Apply");
            });
  }

  @Test
  void updateStatus_staleResourceVersion_rejectedWith409(KubernetesClient admin, TestNamespace ns) {
    var widgets = Widgets.install(admin).inNamespace(ns.name());
    GenericKubernetesResource stale =
        widgets.resource(widget(ns.name(), "w", Map.of("size", 1))).create();
    GenericKubernetesResource current = widgets.withName("w").get();
    current.setAdditionalProperty("status", Map.of("phase", "First"));
    widgets.resource(current).updateStatus();

    stale.setAdditionalProperty("status", Map.of("phase", "Stale"));

    assertThatThrownBy(() -> widgets.resource(stale).updateStatus())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(widgets.withName("w").get().getAdditionalProperties().get("status"))
        .isEqualTo(Map.of("phase", "First"));
  }

  @Test
  void create_sizeBelowSchemaMinimum_rejectedWith422(KubernetesClient admin, TestNamespace ns) {
    var widgets = Widgets.install(admin).inNamespace(ns.name());

    assertThatThrownBy(() -> widgets.resource(widget(ns.name(), "w", Map.of("size", 0))).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains("spec.size");
            });
    assertThat(widgets.withName("w").get()).isNull();
  }

  @Test
  void create_colourOutsideSchemaEnum_rejectedWith422(KubernetesClient admin, TestNamespace ns) {
    var widgets = Widgets.install(admin).inNamespace(ns.name());
    var purple = widget(ns.name(), "w", Map.of("size", 1, "colour", "purple"));

    assertThatThrownBy(() -> widgets.resource(purple).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains("spec.colour");
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }
}
