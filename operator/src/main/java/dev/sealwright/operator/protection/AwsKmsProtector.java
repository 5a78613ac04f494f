package dev.sealwright.operator.protection;

import dev.sealwright.secret.SecretBytes;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;

/**
 * A KEK in AWS KMS: each identity is encrypted by KMS itself ({@code Encrypt}/{@code Decrypt},
 * symmetric key), with the context as the encryption context, which KMS authenticates and writes to
 * CloudTrail. Credentials come from the SDK's default chain: environment, web identity (EKS IRSA),
 * the instance or pod identity.
 */
public final class AwsKmsProtector implements KeyProtector {
  /** The encryption-context key; its value is the context given to wrap and unwrap. */
  static final String CONTEXT_KEY = "sealwright.dev/context";

  private final KmsClient kms;
  private final String keyId;

  AwsKmsProtector(KmsClient kms, String keyId) {
    this.kms = kms;
    this.keyId = keyId;
  }

  /**
   * @param keyId a key id, key ARN, alias name ({@code alias/...}) or alias ARN
   * @param region the key's region
   * @param endpoint another endpoint than AWS's own, such as a VPC endpoint (or moto in tests)
   * @param timeout the bound on one call, retries included
   */
  public static AwsKmsProtector create(
      String keyId, String region, Optional<URI> endpoint, Duration timeout) {
    KmsClientBuilder builder =
        KmsClient.builder()
            .region(Region.of(region))
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(timeout)
                    .socketTimeout(timeout)
                    .build())
            .overrideConfiguration(c -> c.apiCallTimeout(timeout));
    endpoint.ifPresent(builder::endpointOverride);
    return new AwsKmsProtector(builder.build(), keyId);
  }

  @Override
  public String kekName() {
    return "aws-kms:" + keyId;
  }

  @Override
  public byte[] wrap(SecretBytes key, String context) throws KeyProtectionException {
    byte[] plain = key.toByteArray();
    try {
      EncryptResponse r =
          kms.encrypt(
              b ->
                  b.keyId(keyId)
                      .plaintext(SdkBytes.fromByteArray(plain))
                      .encryptionContext(Map.of(CONTEXT_KEY, context)));
      return r.ciphertextBlob().asByteArray();
    } catch (SdkException e) {
      throw failure("Encrypt", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public SecretBytes unwrap(byte[] wrapped, String context) throws KeyProtectionException {
    try {
      DecryptResponse r =
          kms.decrypt(
              b ->
                  b.keyId(keyId)
                      .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                      .encryptionContext(Map.of(CONTEXT_KEY, context)));
      return SecretBytes.adopt(r.plaintext().asByteArray());
    } catch (SdkException e) {
      throw failure("Decrypt", e);
    }
  }

  private KeyProtectionException failure(String call, SdkException e) {
    String prefix = kekName() + ": KMS " + call + " ";
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? "?" : s.awsErrorDetails().errorCode();
      String what = prefix + "answered HTTP " + s.statusCode() + " " + code;
      // 5xx and throttling pass; everything else (a wrong key, an altered wrapping, a denied
      // caller, a disabled key) is an answer that retrying will not change.
      return s.statusCode() >= 500 || s.isThrottlingException()
          ? KeyProtectionException.unavailable(what)
          : KeyProtectionException.refused(what);
    }
    if (e instanceof SdkClientException) {
      return KeyProtectionException.unavailable(prefix + "failed: " + firstLine(e.getMessage()));
    }
    return KeyProtectionException.unavailable(prefix + "failed: " + e.getClass().getSimpleName());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() {
    kms.close();
  }
}
