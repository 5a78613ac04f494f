package dev.sealwright.cli.manifest;

import dev.sealwright.cli.CliException;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Scope;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A SealedSecret manifest (shape in {@code docs/cli.md}). Immutable; edits return a copy.
 *
 * @param serviceAccount null when the values are not bound to a service account
 * @param encryptedData item key to envelope, sorted
 */
public record SealedSecret(
    ObjectMeta meta,
    Scope scope,
    String serviceAccount,
    SortedMap<String, String> encryptedData,
    Template template) {

  public static final String API_VERSION = "sealwright.dev/v1";
  public static final String KIND = "SealedSecret";

  public SealedSecret {
    encryptedData = Collections.unmodifiableSortedMap(new TreeMap<>(encryptedData));
  }

  /**
   * What the generated Secret looks like besides its data.
   *
   * @param type null when not set (the operator then uses {@code Opaque})
   * @param immutable null when not set
   */
  public record Template(
      SortedMap<String, String> labels,
      SortedMap<String, String> annotations,
      String type,
      Boolean immutable) {
    public Template {
      labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
      annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    public boolean isEmpty() {
      return labels.isEmpty() && annotations.isEmpty() && type == null && immutable == null;
    }

    /** The Secret type the operator will create: {@code type}, or Kubernetes' default. */
    public String effectiveType() {
      return type == null ? "Opaque" : type;
    }
  }

  public Optional<String> serviceAccountName() {
    return Optional.ofNullable(serviceAccount);
  }

  public SealedSecret withEncryptedData(SortedMap<String, String> data) {
    return new SealedSecret(meta, scope, serviceAccount, data, template);
  }

  /** This SealedSecret with {@code item} set to {@code envelope} (added or replaced). */
  public SealedSecret withItem(String item, String envelope) {
    SortedMap<String, String> data = new TreeMap<>(encryptedData);
    data.put(item, envelope);
    return withEncryptedData(data);
  }

  public SealedSecret withoutItem(String item) {
    SortedMap<String, String> data = new TreeMap<>(encryptedData);
    data.remove(item);
    return withEncryptedData(data);
  }

  /**
   * The binding the operator will expect for {@code item}, from this manifest's name and namespace.
   *
   * @throws CliException naming the missing or invalid field
   */
  public Binding binding(String item) {
    try {
      return Binding.builder()
          .scope(scope)
          .namespace(meta.namespace())
          .name(meta.name())
          .item(item)
          .serviceAccount(serviceAccount)
          .build();
    } catch (IllegalArgumentException e) {
      throw CliException.failed(
          "SealedSecret " + meta.displayName() + ", item '" + item + "': " + e.getMessage(),
          hintFor(e.getMessage()));
    }
  }

  static String hintFor(String problem) {
    if (problem.startsWith("namespace")) {
      return "scope strict and namespace bind the namespace: set metadata.namespace (or -n), or use --scope cluster";
    }
    if (problem.startsWith("item")) {
      return "item keys use letters, digits, '-', '_' and '.' (at most 253 characters)";
    }
    if (problem.startsWith("name")) {
      return "scope strict binds the name: set metadata.name, or use --scope namespace";
    }
    return "use Kubernetes names: lower-case letters, digits, '-' and '.'";
  }
}
