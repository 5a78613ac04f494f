package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API server really signs and verifies service-account tokens (TokenRequest + TokenReview). */
@ExtendWith(KubeTestEnvironment.class)
final class TokenIT {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  @Test
  void tokenReview_tokenFromTokenRequest_authenticatedAsServiceAccount(
      KubernetesClient admin, TestNamespace ns) {
    String token = requestToken(admin, ns.name(), "reader");

    TokenReview review = review(admin, token);

    assertThat(review.getStatus().getAuthenticated()).isTrue();
    assertThat(review.getStatus().getUser().getUsername())
        .isEqualTo("system:serviceaccount:" + ns.name() + ":reader");
  }

  @Test
  void tokenReview_sameClaimsSignedByOtherKey_notAuthenticated(
      KubernetesClient admin, TestNamespace ns) throws GeneralSecurityException {
    String[] parts = requestToken(admin, ns.name(), "reader").split("\\.");
    String signedPart = parts[0] + "." + parts[1];
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(generator.generateKeyPair().getPrivate());
    rs256.update(signedPart.getBytes(StandardCharsets.US_ASCII));
    String forged = signedPart + "." + URL.encodeToString(rs256.sign());

    TokenReview review = review(admin, forged);

    assertRejectedForItsSignature(review);
  }

  @Test
  void tokenReview_claimsEditedKeepingSignature_notAuthenticated(
      KubernetesClient admin, TestNamespace ns) {
    String[] parts = requestToken(admin, ns.name(), "reader").split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String edited = claims.replace(":reader\"", ":admin\"");
    assertThat(edited).isNotEqualTo(claims);
    String tampered =
        parts[0]
            + "."
            + URL.encodeToString(edited.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    TokenReview review = review(admin, tampered);

    assertRejectedForItsSignature(review);
  }

  /**
   * Not authenticated (the API server writes false by leaving the field out), no user, and the
   * reason is the signature check, not an expiry or an unknown issuer.
   */
  private static void assertRejectedForItsSignature(TokenReview review) {
    assertThat(review.getStatus().getAuthenticated()).isNull();
    assertThat(review.getStatus().getUser().getUsername()).isNull();
    assertThat(review.getStatus().getUser().getGroups()).isEmpty();
    assertThat(review.getStatus().getError())
        .isEqualTo("[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]");
  }

  private static String requestToken(KubernetesClient admin, String namespace, String account) {
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName(account).endMetadata().build())
        .create();
    return admin
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(account)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  private static TokenReview review(KubernetesClient admin, String token) {
    return admin
        .authentication()
        .v1()
        .tokenReviews()
        .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
  }
}
