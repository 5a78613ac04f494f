package dev.sealwright.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The parts of the generated Secret that are not its data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SecretTemplate {

  @JsonPropertyDescription("Labels and annotations copied onto the Secret.")
  private TemplateMetadata metadata;

  @JsonPropertyDescription("The Secret type; Opaque when unset. Changing it recreates the Secret.")
  private String type;

  @JsonPropertyDescription("Whether the Secret is immutable. Changing data then recreates it.")
  private Boolean immutable;

  public TemplateMetadata getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMetadata metadata) {
    this.metadata = metadata;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Boolean getImmutable() {
    return immutable;
  }

  public void setImmutable(Boolean immutable) {
    this.immutable = immutable;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretTemplate t
        && Objects.equals(metadata, t.metadata)
        && Objects.equals(type, t.type)
        && Objects.equals(immutable, t.immutable);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metadata, type, immutable);
  }
}
