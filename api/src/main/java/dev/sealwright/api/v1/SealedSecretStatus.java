package dev.sealwright.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator last observed; never contains plaintext. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SealedSecretStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Conditions; Ready tells whether the Secret matches this object.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "The resourceVersion of the Secret as last written or verified by the operator; a Secret at"
          + " another version was changed by someone else and is checked again.")
  private String secretResourceVersion;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getSecretResourceVersion() {
    return secretResourceVersion;
  }

  public void setSecretResourceVersion(String secretResourceVersion) {
    this.secretResourceVersion = secretResourceVersion;
  }

  /** The condition of the given type, if present. */
  public Optional<Condition> condition(String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedSecretStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(secretResourceVersion, s.secretResourceVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, secretResourceVersion);
  }
}
