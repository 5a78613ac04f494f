package dev.sealwright.envelope;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where one sealed value may be used: scope, namespace, object name, item key and optionally a
 * service account. The item is bound in every scope; namespace only from {@link Scope#NAMESPACE}
 * up, name only in {@link Scope#STRICT}. Fields the scope does not bind are dropped, so two
 * bindings are equal exactly when they authorize the same uses.
 *
 * <p>Build with {@link #builder()}. Every field is validated against Kubernetes naming rules, which
 * is also what makes the canonical encoding unambiguous.
 */
public final class Binding {
  /** DNS-1123 subdomain: namespaces, object names, service account names. */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** A Secret data key. */
  private static final Pattern ITEM_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private final Scope scope;
  private final @Nullable String namespace;
  private final @Nullable String name;
  private final String item;
  private final @Nullable String serviceAccount;

  private Binding(Builder b) {
    this.scope = Objects.requireNonNull(b.scope, "scope");
    this.item = check("item", b.item, ITEM_KEY, 253);
    this.namespace =
        scope == Scope.CLUSTER ? null : check("namespace", b.namespace, DNS_SUBDOMAIN, 63);
    this.name = scope == Scope.STRICT ? check("name", b.name, DNS_SUBDOMAIN, 253) : null;
    this.serviceAccount =
        b.serviceAccount == null
            ? null
            : check("service account", b.serviceAccount, DNS_SUBDOMAIN, 253);
    if (serviceAccount != null && scope == Scope.CLUSTER) {
      throw new IllegalArgumentException(
          "a service account binding needs a namespace: use scope strict or namespace");
    }
  }

  private static String check(String what, @Nullable String value, Pattern pattern, int maxLength) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " is required for this scope");
    }
    if (value.length() > maxLength || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not a valid Kubernetes name (at most "
              + maxLength
              + " characters)");
    }
    return value;
  }

  /** Whether {@code value} is a DNS-1123 subdomain of at most {@code maxLength} characters. */
  static boolean isDnsSubdomain(String value, int maxLength) {
    return value.length() <= maxLength && DNS_SUBDOMAIN.matcher(value).matches();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this binding, for deriving a binding of another item. */
  public Builder toBuilder() {
    return new Builder()
        .scope(scope)
        .namespace(namespace)
        .name(name)
        .item(item)
        .serviceAccount(serviceAccount);
  }

  public Scope scope() {
    return scope;
  }

  /** Empty under {@link Scope#CLUSTER}. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Present only under {@link Scope#STRICT}. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public String item() {
    return item;
  }

  public Optional<String> serviceAccount() {
    return Optional.ofNullable(serviceAccount);
  }

  /**
   * The canonical one-line encoding authenticated inside every envelope, without the line feed, for
   * example {@code sealwright.dev/v1 scope=strict namespace=prod name=db item=password}.
   */
  public String canonical() {
    StringBuilder sb =
        new StringBuilder(BindingCodec.PREFIX).append(" scope=").append(scope.wireName());
    if (namespace != null) {
      sb.append(" namespace=").append(namespace);
    }
    if (name != null) {
      sb.append(" name=").append(name);
    }
    sb.append(" item=").append(item);
    if (serviceAccount != null) {
      sb.append(" serviceaccount=").append(serviceAccount);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Binding b && canonical().equals(b.canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }

  @Override
  public String toString() {
    return canonical();
  }

  /** Builds a {@link Binding}; fields the scope does not bind may be set and are ignored. */
  public static final class Builder {
    private Scope scope = Scope.STRICT;
    private @Nullable String namespace;
    private @Nullable String name;
    private @Nullable String item;
    private @Nullable String serviceAccount;

    private Builder() {}

    public Builder scope(Scope scope) {
      this.scope = scope;
      return this;
    }

    public Builder namespace(@Nullable String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder item(@Nullable String item) {
      this.item = item;
      return this;
    }

    public Builder serviceAccount(@Nullable String serviceAccount) {
      this.serviceAccount = serviceAccount;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public Binding build() {
      return new Binding(this);
    }
  }
}
