package dev.sealwright.operator.keys;

import dev.sealwright.api.v1.SealedSecret;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every SealedSecret of the watched namespaces, listed from the API server page by page when asked.
 * A retirement reads a fresh list rather than the controller's cache: right after a leader change
 * that cache may not hold every object yet, and "no object uses the key" must never come from an
 * incomplete view. The operator's own namespace is left out: objects there are never unsealed.
 */
public final class SealedSecretListing {
  /** Small pages: objects may be over a megabyte each, and only their key ids are wanted. */
  static final long PAGE = 100;

  private SealedSecretListing() {}

  /**
   * @param watched the watched namespaces; empty means all
   */
  public static Stream<SealedSecret> list(
      KubernetesClient client, Set<String> watched, String operatorNamespace) {
    List<Function<String, KubernetesResourceList<SealedSecret>>> sources =
        watched.isEmpty()
            ? List.of(
                token -> client.resources(SealedSecret.class).inAnyNamespace().list(page(token)))
            : watched.stream()
                .sorted()
                .<Function<String, KubernetesResourceList<SealedSecret>>>map(
                    ns ->
                        token ->
                            client.resources(SealedSecret.class).inNamespace(ns).list(page(token)))
                .toList();
    return sources.stream()
        .flatMap(SealedSecretListing::pages)
        .filter(ss -> !operatorNamespace.equals(ss.getMetadata().getNamespace()));
  }

  private static Stream<SealedSecret> pages(
      Function<String, KubernetesResourceList<SealedSecret>> source) {
    return Stream.iterate(
            source.apply(null),
            list -> list != null,
            list -> {
              String next = list.getMetadata().getContinue();
              return next == null || next.isEmpty() ? null : source.apply(next);
            })
        .flatMap(list -> list.getItems().stream());
  }

  private static io.fabric8.kubernetes.api.model.ListOptions page(String token) {
    return new ListOptionsBuilder().withLimit(PAGE).withContinue(token).build();
  }
}
