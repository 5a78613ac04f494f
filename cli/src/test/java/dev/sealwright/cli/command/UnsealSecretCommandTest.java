package dev.sealwright.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsealSecretCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
    cli.write(
        "db.yaml",
        cli.stdin(Fixtures.SECRET_YAML)
            .ok("seal", "-R", "cluster.recipient", "-R", "breakglass.recipient")
            .out());
  }

  @Test
  void unseal_toPipe_printsTheSecretWithBase64Data() {
    var r = cli.ok("unseal", "-f", "db.yaml", "-i", "breakglass.txt");

    assertThat(r.out())
        .isEqualTo(
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: prod
              labels:
                app: db
              annotations:
                owner: payments
            type: Opaque
            data:
              password: aHVudGVyMg==
              port: NTQzMg==
              username: YXBw
            """);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void unseal_toTerminal_isRefusedWithExit3BeforeDecrypting() {
    var r = Cli.in(dir).tty().run("unseal", "-f", "db.yaml", "-i", "cluster.txt");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: refusing to print plaintext Secrets to a terminal\n"
                + "sealwright: hint: redirect to a file or a pipe (sealwright unseal ... > secret.yaml), or pass --force\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unseal_toTerminalWithForce_prints() {
    var r = Cli.in(dir).tty().run("unseal", "--force", "-f", "db.yaml", "-i", "cluster.txt");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("password: aHVudGVyMg==");
  }

  @Test
  void unseal_fromStdinAsJson_printsJson() {
    var r = Cli.in(dir).stdin(cli.read("db.yaml")).ok("unseal", "-i", "cluster.txt", "-o", "json");

    assertThat(r.out())
        .startsWith("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Secret\",")
        .contains("\"password\": \"aHVudGVyMg==\"");
  }

  @Test
  void unseal_envelopeMovedToAnotherNamespace_failsTheBinding() {
    cli.write("moved.yaml", cli.read("db.yaml").replace("namespace: prod", "namespace: staging"));

    var r = cli.run("unseal", "-f", "moved.yaml", "-i", "cluster.txt");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: item 'password' of staging/db is bound elsewhere: ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unseal_withoutIdentity_isUsageError() {
    var r = cli.run("unseal", "-f", "db.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("sealwright: error: Missing required option: '--identity=FILE'\n");
  }
}
