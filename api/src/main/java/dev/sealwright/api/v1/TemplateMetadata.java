package dev.sealwright.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.Objects;

/** Labels and annotations for the generated Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class TemplateMetadata {

  @JsonPropertyDescription("Labels to put on the Secret.")
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations to put on the Secret.")
  private Map<String, String> annotations;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TemplateMetadata m
        && Objects.equals(labels, m.labels)
        && Objects.equals(annotations, m.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, annotations);
  }
}
