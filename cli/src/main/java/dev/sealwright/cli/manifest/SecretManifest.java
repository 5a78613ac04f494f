package dev.sealwright.cli.manifest;

import dev.sealwright.secret.SecretBytes;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Kubernetes Secret as read from a manifest or built from {@code create} flags: its values stay
 * in {@link SecretBytes}.
 *
 * @param type null when the manifest names none (Kubernetes then uses {@code Opaque})
 * @param immutable null when the manifest does not say
 * @param data item key to value; {@code stringData} already merged over {@code data}
 */
public record SecretManifest(
    ObjectMeta meta, String type, Boolean immutable, SortedMap<String, SecretBytes> data) {

  public SecretManifest {
    data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
  }

  /** Overwrites every value held by this manifest. */
  public void destroy() {
    data.values().forEach(SecretBytes::destroy);
  }
}
