package dev.sealwright.cli.command;

import static dev.sealwright.cli.command.SealSecretCommandTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateSecretCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
  }

  @Test
  void create_literalsFilesAndEnvFile_sealsEveryItemWithKubectlSyntax() throws Exception {
    cli.write("cert.pem", "-----BEGIN CERTIFICATE-----\nabc\n");
    cli.write("app.env", "# comment\nLOG_LEVEL=debug\n\nAPI_URL=https://x/?a=b\n");

    var r =
        cli.ok(
            "create",
            "app",
            "-n",
            "prod",
            "--from-literal",
            "password=s3=cr3t",
            "--from-file",
            "cert.pem",
            "--from-file",
            "tls.key=cert.pem",
            "--from-env-file",
            "app.env",
            "--type",
            "kubernetes.io/tls",
            "-R",
            "cluster.recipient");

    SealedSecret s = SealedSecretReader.readOne(r.out(), "out");
    assertThat(s.encryptedData())
        .containsOnlyKeys("API_URL", "LOG_LEVEL", "cert.pem", "password", "tls.key");
    assertThat(s.template().type()).isEqualTo("kubernetes.io/tls");
    Path key = dir.resolve("cluster.txt");
    assertThat(open(s, "password", key)).isEqualTo("s3=cr3t");
    assertThat(open(s, "cert.pem", key)).isEqualTo("-----BEGIN CERTIFICATE-----\nabc\n");
    assertThat(open(s, "API_URL", key)).isEqualTo("https://x/?a=b");
    assertThat(r.out()).doesNotContain("s3=cr3t", "debug");
  }

  @Test
  void create_sameKeyTwice_isUsageError() {
    var r =
        cli.run(
            "create",
            "db",
            "-n",
            "prod",
            "--from-literal",
            "a=1",
            "--from-literal",
            "a=2",
            "-R",
            "cluster.recipient");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("sealwright: error: item 'a' is given twice (--from-literal)\n");
  }

  @Test
  void create_noItems_isUsageError() {
    var r = cli.run("create", "db", "-n", "prod", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("sealwright: error: no items given\n");
  }

  @Test
  void create_invalidItemKey_namesTheKey() {
    var r =
        cli.run("create", "db", "-n", "prod", "--from-literal", "a b=1", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: SealedSecret prod/db, item 'a b': item 'a b' is not a valid");
  }

  @Test
  void create_serviceAccount_bindsIt() {
    var r =
        cli.ok(
            "create",
            "db",
            "-n",
            "prod",
            "--from-literal",
            "a=1",
            "--service-account",
            "reader",
            "-R",
            "cluster.recipient");

    assertThat(r.out()).contains("  serviceAccount: reader\n", "a: sw1:strict:reader:");
  }

  @Test
  void create_mergeInto_addsItemAndKeepsTheOthers() throws Exception {
    cli.write(
        "db.yaml",
        cli.ok("create", "db", "-n", "prod", "--from-literal", "a=1", "-R", "cluster.recipient")
            .out());
    String before = cli.read("db.yaml");

    var r =
        cli.ok(
            "create",
            "db",
            "-n",
            "prod",
            "--from-literal",
            "b=2",
            "-R",
            "cluster.recipient",
            "--merge-into",
            "db.yaml");

    assertThat(r.out()).isEmpty();
    String after = cli.read("db.yaml");
    String aLine = before.lines().filter(l -> l.startsWith("    a: ")).findFirst().orElseThrow();
    assertThat(after).contains(aLine + "\n    b: sw1:");
    assertThat(Files.readString(dir.resolve("db.yaml"))).isEqualTo(after);
  }
}
