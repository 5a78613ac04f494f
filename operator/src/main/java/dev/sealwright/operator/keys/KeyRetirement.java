package dev.sealwright.operator.keys;

import dev.sealwright.api.v1.SealedSecret;
import dev.sealwright.errors.Bounded;
import dev.sealwright.operator.reconcile.EventReasons;
import dev.sealwright.operator.reconcile.EventRecorder;
import dev.sealwright.wire.WireNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers retirement requests (leader only): refuses while any SealedSecret has an item sealed to
 * the key, or while the key is active, with a Warning event and a {@link RetirementRefusal} on the
 * key Secret; otherwise destroys the key: zeros the identity held in memory, deletes the Secret (at
 * the version judged, so a key relabelled meanwhile is not deleted), and appends a {@link
 * RetiredKey} record. docs/keys.md describes the whole routine.
 */
public final class KeyRetirement {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRetirement.class);

  private final KubernetesClient client;
  private final ClusterKeys keys;
  private final RetiredKeys retired;
  private final Supplier<Stream<SealedSecret>> objects;
  private final EventRecorder events;
  private final Clock clock;
  private final String instance;
  // Requests this process answered, by Secret name: the cache may not show the answer yet when
  // the next check runs, and a request is answered once.
  private final Map<String, String> answered = new java.util.HashMap<>();

  /**
   * @param objects every SealedSecret of the watched namespaces, read fresh at each call
   * @param instance this operator instance, for the record
   */
  public KeyRetirement(
      KubernetesClient client,
      ClusterKeys keys,
      RetiredKeys retired,
      Supplier<Stream<SealedSecret>> objects,
      EventRecorder events,
      Clock clock,
      String instance) {
    this.client = client;
    this.keys = keys;
    this.retired = retired;
    this.objects = objects;
    this.events = events;
    this.clock = clock;
    this.instance = instance;
  }

  /** Answers every request not answered yet. */
  public synchronized void check() {
    for (ObjectMeta meta : keys.secretMetadata()) {
      Optional<RetirementRequest> request = RetirementRequest.of(meta);
      if (request.isPresent()
          && !request.get().requestedAt().equals(answered.get(meta.getName()))
          && !request.get().answeredOn(meta)) {
        answered.put(meta.getName(), request.get().requestedAt());
        answer(request.get(), meta);
      }
    }
  }

  /**
   * Why the key may not be retired yet, if it may not (pure: the decision, without the API).
   *
   * @param key the key as the operator reads it, empty if its Secret is not a usable key
   * @param state the state on the Secret version the decision is about
   * @param usage computed only if the key may otherwise be retired
   */
  static Optional<RetirementRefusal> refusal(
      RetirementRequest request,
      Optional<ClusterKey> key,
      KeyState state,
      Supplier<KeyUsage> usage,
      Instant now) {
    if (key.isEmpty()) {
      return Optional.of(
          RetirementRefusal.of(
              request,
              now,
              RetirementRefusal.UNREADABLE,
              "key Secret "
                  + request.secretName()
                  + " is not a key this operator uses (malformed, or its key id was retired"
                  + " before); the operator's log says why"));
    }
    String keyId = key.get().keyId().value();
    if (!state.retirable()) {
      return Optional.of(
          RetirementRefusal.of(
              request,
              now,
              RetirementRefusal.ACTIVE,
              "key "
                  + keyId
                  + " is active (new values may be sealed to it); make it decrypt-only first:"
                  + " kubectl label secret "
                  + request.secretName()
                  + " "
                  + WireNames.KEY_STATE_LABEL
                  + "="
                  + WireNames.KEY_STATE_DECRYPT_ONLY
                  + " --overwrite"));
    }
    try {
      Instant.parse(request.requestedAt());
    } catch (DateTimeParseException e) {
      return Optional.of(
          RetirementRefusal.of(
              request,
              now,
              RetirementRefusal.FAILED,
              WireNames.RETIRE_REQUESTED_AT_ANNOTATION + " is not an ISO-8601 time"));
    }
    KeyUsage u = usage.get();
    return u.inUse()
        ? Optional.of(RetirementRefusal.inUse(request, now, keyId, u))
        : Optional.empty();
  }

  private void answer(RetirementRequest request, ObjectMeta meta) {
    Optional<ClusterKey> key =
        keys.snapshot().keys().stream()
            .filter(k -> k.secretName().equals(request.secretName()))
            .findFirst();
    KeyState state = KeyState.fromLabel(label(meta, WireNames.KEY_STATE_LABEL));
    Optional<RetirementRefusal> refusal;
    try {
      refusal =
          refusal(
              request,
              key,
              state,
              () -> KeyUsage.of(objects.get(), key.orElseThrow().keyId()),
              clock.instant());
    } catch (KubernetesClientException e) {
      // Never "no object uses it" for want of a list: refuse, and say why.
      refusal =
          Optional.of(
              RetirementRefusal.of(
                  request,
                  clock.instant(),
                  RetirementRefusal.FAILED,
                  "could not list the SealedSecrets that might use the key: HTTP " + e.getCode()));
    }
    if (refusal.isPresent()) {
      refuse(meta, refusal.get());
    } else {
      retire(key.orElseThrow(), state, request, meta);
    }
  }

  private void refuse(ObjectMeta meta, RetirementRefusal refusal) {
    String patch;
    try {
      patch =
          KeysJson.MAPPER.writeValueAsString(
              Map.of(
                  "metadata",
                  Map.of(
                      "annotations", Map.of(WireNames.RETIRE_REFUSED_ANNOTATION, refusal.json()))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a map of strings cannot fail to serialize", e);
    }
    client
        .secrets()
        .inNamespace(keys.namespace())
        .withName(meta.getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    events.warning(keySecret(meta), EventReasons.RETIREMENT_REFUSED, refusal.message());
    LOG.warn("refused to retire key Secret {}: {}", meta.getName(), refusal.message());
  }

  private void retire(ClusterKey key, KeyState state, RetirementRequest request, ObjectMeta meta) {
    // Zeroed first: from here on this process opens nothing with it, even if the delete fails.
    if (key.identity() instanceof Destroyable d) {
      try {
        d.destroy();
      } catch (DestroyFailedException e) {
        LOG.warn("could not zero the identity of key {} in memory", key.keyId());
      }
    }
    try {
      client
          .secrets()
          .inNamespace(keys.namespace())
          .withName(meta.getName())
          .lockResourceVersion(meta.getResourceVersion())
          .delete();
    } catch (KubernetesClientException e) {
      // 409: changed since it was judged; the change brings it back to check() with a fresh look.
      answered.remove(meta.getName());
      LOG.warn("retiring key {}: delete refused with HTTP {}", key.keyId(), e.getCode());
      return;
    }
    RetiredKey record =
        new RetiredKey(
            key.keyId(),
            key.createdAt(),
            state,
            since(meta),
            Instant.parse(request.requestedAt()),
            request.requestedBy(),
            clock.instant(),
            instance);
    try {
      retired.append(record);
    } catch (RuntimeException e) {
      // The key is gone either way; the log keeps what the ConfigMap could not.
      LOG.error(
          "retired key {} (Secret deleted) but could not record it: {}; the record was {}",
          key.keyId(),
          e.getMessage(),
          record);
      return;
    }
    events.normal(
        keySecret(meta),
        EventReasons.KEY_RETIRED,
        Bounded.message(
            "key "
                + key.keyId()
                + " retired as asked by "
                + request.requestedBy()
                + "; its Secret is deleted and ConfigMap "
                + WireNames.RETIRED_KEYS_CONFIGMAP
                + " records it"));
    LOG.info(
        "retired key {} ({}, asked by {}): Secret {} deleted, recorded in {}",
        key.keyId(),
        state.label(),
        request.requestedBy(),
        meta.getName(),
        WireNames.RETIRED_KEYS_CONFIGMAP);
  }

  private static Instant since(ObjectMeta meta) {
    String since = annotation(meta, WireNames.KEY_STATE_SINCE_ANNOTATION);
    try {
      return since == null ? null : Instant.parse(since);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String label(ObjectMeta meta, String key) {
    Map<String, String> m = meta.getLabels();
    return m == null ? null : m.get(key);
  }

  private static String annotation(ObjectMeta meta, String key) {
    Map<String, String> m = meta.getAnnotations();
    return m == null ? null : m.get(key);
  }

  /** A stand-in carrying only what an event's involvedObject needs: never the key material. */
  private Secret keySecret(ObjectMeta meta) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(meta.getName())
        .withNamespace(keys.namespace())
        .withUid(meta.getUid())
        .withResourceVersion(meta.getResourceVersion())
        .endMetadata()
        .build();
  }
}
