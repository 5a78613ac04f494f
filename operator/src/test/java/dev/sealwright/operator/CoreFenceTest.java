package dev.sealwright.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The fence around the crypto core: outside core, code may use only its API packages (envelope,
 * secret, errors, wire, kubeseal and the age types a caller needs). The primitives (crypto), HPKE
 * and age's format internals stay inside, so no caller can pick a nonce or parse a header itself.
 * Checked here because this module sees every other one (core, api, cli, operator, testenv).
 */
class CoreFenceTest {
  private static final String[] CORE = {
    "dev.sealwright.age..",
    "dev.sealwright.crypto..",
    "dev.sealwright.hpke..",
    "dev.sealwright.envelope..",
    "dev.sealwright.errors..",
    "dev.sealwright.secret..",
    "dev.sealwright.kubeseal..",
    "dev.sealwright.wire.."
  };

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.sealwright");

  @Test
  void imported_everyModule_soTheRulesAreNotVacuous() {
    assertThat(CLASSES.contain("dev.sealwright.cli.Main")).isTrue();
    assertThat(CLASSES.contain("dev.sealwright.operator.Main")).isTrue();
    assertThat(CLASSES.contain("dev.sealwright.api.v1.SealedSecret")).isTrue();
    assertThat(CLASSES.contain("dev.sealwright.testenv.ControlPlane")).isTrue();
    assertThat(CLASSES.contain("dev.sealwright.crypto.InsecureNonceChaCha20Poly1305")).isTrue();
  }

  @Test
  void outsideCore_primitivesAndHpke_neverUsed() {
    noClasses()
        .that()
        .resideOutsideOfPackages(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.sealwright.crypto..", "dev.sealwright.hpke..")
        .check(CLASSES);
  }

  @Test
  void outsideCore_ageFormatInternals_neverUsed() {
    noClasses()
        .that()
        .resideOutsideOfPackages(CORE)
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.sealwright.age.Armor")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.sealwright.age.Scrypt")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.sealwright.age.NativeIdentity")
        .check(CLASSES);
  }

  @Test
  void core_neverDependsOnTheRest() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sealwright.api..",
            "dev.sealwright.cli..",
            "dev.sealwright.operator..",
            "dev.sealwright.testenv..",
            "io.fabric8..",
            "io.javaoperatorsdk..",
            "picocli..")
        .check(CLASSES);
  }
}
