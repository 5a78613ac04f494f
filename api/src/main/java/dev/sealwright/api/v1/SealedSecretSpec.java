package dev.sealwright.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.sealwright.envelope.Scope;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What to unseal and how the resulting Secret should look. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SealedSecretSpec {

  @JsonPropertyDescription(
      "Where the values may be used: strict (this namespace and name), namespace (any name in this"
          + " namespace) or cluster (anywhere). Must match the scope the values were sealed with.")
  @Default("strict")
  @Pattern(Scope.WIRE_PATTERN)
  @JsonProperty("scope")
  private String scope = Scope.STRICT.wireName();

  @JsonPropertyDescription(
      "Optional service account the values are bound to; must match the one they were sealed with.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String serviceAccount;

  @JsonPropertyDescription(
      "Secret data keys mapped to sealed envelopes (sw1:...), one envelope per item, made by"
          + " 'sealwright seal'.")
  @Required
  private Map<String, String> encryptedData = new LinkedHashMap<>();

  @JsonPropertyDescription("Labels, annotations, type and immutability of the Secret to create.")
  private SecretTemplate template;

  /**
   * The scope as core's {@link Scope}, so the CRD and the envelope share one definition (the field
   * holds its wire name; core has no Jackson). Unset means strict; a name that is not a scope
   * (possible only past the CRD's validation) gives null.
   */
  @JsonIgnore
  public Scope getScope() {
    return scope == null ? Scope.STRICT : Scope.fromWireName(scope);
  }

  @JsonIgnore
  public void setScope(Scope scope) {
    this.scope = scope.wireName();
  }

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  public Map<String, String> getEncryptedData() {
    return encryptedData;
  }

  public void setEncryptedData(Map<String, String> encryptedData) {
    this.encryptedData = encryptedData;
  }

  public SecretTemplate getTemplate() {
    return template;
  }

  public void setTemplate(SecretTemplate template) {
    this.template = template;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedSecretSpec s
        && Objects.equals(scope, s.scope)
        && Objects.equals(serviceAccount, s.serviceAccount)
        && Objects.equals(encryptedData, s.encryptedData)
        && Objects.equals(template, s.template);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, serviceAccount, encryptedData, template);
  }
}
