package dev.sealwright.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class NamespaceNameTest {

  @Test
  void namespaceName_camelCaseNames_lowercaseDashedWithSuffix() {
    assertThat(KubeTestEnvironment.namespaceName("SecretSemanticsIT", "create_dryRun", "abcde"))
        .isEqualTo("t-secretsemanticsit-create-dryrun-abcde");
  }

  @Test
  void namespaceName_veryLongMethod_validDnsLabel() {
    String name =
        KubeTestEnvironment.namespaceName(
            "SomeVeryLongIntegrationTestClassNameIT",
            "deleteOwner_ownedSecret_garbageCollectedWhileUnownedSecretStays",
            "abcde");

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(name).startsWith("t-someverylongintegrationtestclassnameit-").endsWith("-abcde");
  }
}
