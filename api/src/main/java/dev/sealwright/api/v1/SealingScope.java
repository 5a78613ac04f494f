package dev.sealwright.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The scope named in {@code spec.scope}; the wire names are lower case. */
public enum SealingScope {
  @JsonProperty("strict")
  STRICT,
  @JsonProperty("namespace")
  NAMESPACE,
  @JsonProperty("cluster")
  CLUSTER
}
