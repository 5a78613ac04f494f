package dev.sealwright.operator.it;

import dev.sealwright.operator.keys.KeyStorage;
import dev.sealwright.operator.protection.AwsKmsProtector;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Key protection by AWS KMS through the SDK, against moto in server mode. The operator's client
 * takes its credentials from the SDK's default chain, here the {@code aws.accessKeyId} system
 * properties.
 */
class AwsKmsProtectionIT extends RemoteKekContract {
  static final String REGION = "eu-west-1";

  /** The same alias in another region names another key: the wrong KEK under the right name. */
  static final String OTHER_REGION = "us-west-2";

  static final String ALIAS = "alias/sealwright";

  private static KekServer moto;

  @BeforeAll
  static void startMoto() {
    moto = KekServer.moto();
    System.setProperty("aws.accessKeyId", "sealwright-test");
    System.setProperty("aws.secretAccessKey", "sealwright-test-secret");
    for (String region : List.of(REGION, OTHER_REGION)) {
      try (KmsClient kms =
          KmsClient.builder()
              .region(Region.of(region))
              .endpointOverride(moto.address)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create("sealwright-test", "sealwright-test-secret")))
              .build()) {
        String keyId = kms.createKey(b -> b.description("sealwright KEK")).keyMetadata().keyId();
        kms.createAlias(b -> b.aliasName(ALIAS).targetKeyId(keyId));
      }
    }
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  private static KeyStorage storage(String region, boolean migrate) {
    return KeyStorage.protectedBy(
        AwsKmsProtector.create(ALIAS, region, Optional.of(moto.address), KEK_TIMEOUT),
        List.of(ESCROW.publicRecipient()),
        migrate);
  }

  @Override
  KeyStorage storage(boolean migrate) {
    return storage(REGION, migrate);
  }

  @Override
  KeyStorage wrongKekStorage() {
    return storage(OTHER_REGION, false);
  }

  @Override
  String wrongKekMessage() {
    return "aws-kms:alias/sealwright: KMS Decrypt answered HTTP 4";
  }

  @Override
  KekServer server() {
    return moto;
  }

  @Override
  String unreachableMessage() {
    return "aws-kms:alias/sealwright: KMS Decrypt failed";
  }
}
