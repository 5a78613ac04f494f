package dev.sealwright.envelope;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Where a sealed value may be used; decides which fields of a {@link Binding} are checked. */
public enum Scope {
  /** Bound to one namespace and one object name (the default). */
  STRICT,
  /** Bound to one namespace; the object may be renamed. */
  NAMESPACE,
  /** Usable in any namespace under any name. */
  CLUSTER;

  /** The wire names as a regular expression, for schemas that validate them. */
  public static final String WIRE_PATTERN = "^(strict|namespace|cluster)$";

  /** The lower-case wire name: {@code strict}, {@code namespace} or {@code cluster}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; returns null for anything else. */
  public static @Nullable Scope fromWireName(@Nullable String s) {
    for (Scope scope : values()) {
      if (scope.wireName().equals(s)) {
        return scope;
      }
    }
    return null;
  }
}
