package dev.sealwright.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void help_listsEveryFlagWithItsEnvironmentVariable() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out, true));

    assertThat(cl.execute("--help")).isZero();
    for (String env :
        new String[] {
          "SEALWRIGHT_NAMESPACE",
          "SEALWRIGHT_WATCH_NAMESPACES",
          "SEALWRIGHT_WORKERS",
          "SEALWRIGHT_ROTATION_PERIOD",
          "SEALWRIGHT_KEY_CHECK_INTERVAL",
          "SEALWRIGHT_HTTP_PORT",
          "SEALWRIGHT_LEADER_ELECTION",
          "SEALWRIGHT_LEASE_NAME",
          "POD_NAME",
          "SEALWRIGHT_KEY_PROTECTION",
          "SEALWRIGHT_ESCROW_RECIPIENTS",
          "SEALWRIGHT_MIGRATE_PLAIN_KEYS",
          "SEALWRIGHT_AWS_KMS_KEY",
          "SEALWRIGHT_PKCS11_CONFIG",
          "SEALWRIGHT_VAULT_TOKEN_FILE"
        }) {
      assertThat(out.toString().replaceAll("\\s+", " ")).contains(env);
    }
  }

  @Test
  void noNamespace_usageErrorWithHint() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("SEALWRIGHT_NAMESPACE") == null, "SEALWRIGHT_NAMESPACE is set here");
    StringWriter err = new StringWriter();

    assertThat(run(err, "--http-port=-1")).isEqualTo(2);
    assertThat(err.toString())
        .contains("sealwright-operator: error: no operator namespace")
        .contains("sealwright-operator: hint: pass --namespace NAME");
  }

  @Test
  void unknownFlag_isUsageError() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "--namespace", "x", "--no-such-flag")).isEqualTo(2);
    assertThat(err.toString()).contains("--no-such-flag");
  }

  @Test
  void keyProtection_withoutEscrow_refusedWithHint() {
    StringWriter err = new StringWriter();

    assertThat(
            run(
                err,
                "--namespace=x",
                "--key-protection=aws-kms",
                "--aws-kms-key=alias/k",
                "--aws-region=eu-west-1"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("sealwright-operator: error: key protection without escrow recipients")
        .contains("hint: pass --escrow-recipients age1pq1...")
        .contains("--no-escrow");
  }

  @Test
  void keyProtection_missingProviderFlag_namesIt() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "--namespace=x", "--key-protection=vault-transit", "--no-escrow"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("error: --key-protection vault-transit needs --vault-address")
        .contains("docs/keys.md");
  }

  @Test
  void keyProtection_unknownProvider_listsTheKnownOnes() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "--namespace=x", "--key-protection=gcp-kms", "--no-escrow")).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: unknown --key-protection gcp-kms")
        .contains("none, pkcs11, aws-kms or vault-transit");
  }

  @Test
  void migratePlainKeys_withoutProtection_refused() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "--namespace=x", "--migrate-plain-keys")).isEqualTo(2);
    assertThat(err.toString()).contains("error: --migrate-plain-keys needs --key-protection");
  }

  @Test
  void settings_nonPositiveRotationOrWorkers_refused() {
    assertThatThrownBy(() -> OperatorSettings.builder("ns").rotationPeriod(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rotation period");
    assertThatThrownBy(() -> OperatorSettings.builder("ns").workers(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers");
  }
}
