package dev.sealwright.cli.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.SecretReader;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose data key only PGP holds: Sealwright cannot open them itself, so it runs the real
 * {@code sops decrypt} from PATH, which uses the real gpg with a key made for the test.
 */
class SopsFallbackTest {
  @TempDir Path dir;
  Cli cli;
  SopsPeer sops;
  Path gnupgHome;
  String fingerprint;
  Path bin;

  @BeforeEach
  void setUp() throws Exception {
    Fixtures.keys(dir);
    sops = SopsPeer.in(dir);
    gnupgHome = Files.createDirectory(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(
        gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Map<String, String> gpgEnv = Map.of("GNUPGHOME", gnupgHome.toString());
    SopsPeer.run(
        dir,
        gpgEnv,
        "gpg",
        "--batch",
        "--passphrase",
        "",
        "--quick-gen-key",
        "Sealwright Test <test@example.invalid>",
        "default",
        "default",
        "never");
    fingerprint =
        SopsPeer.run(dir, gpgEnv, "gpg", "--list-keys", "--with-colons")
            .lines()
            .filter(l -> l.startsWith("fpr:"))
            .findFirst()
            .orElseThrow()
            .split(":")[9];
    // "sops on PATH", as a user has it: a directory holding the real binary under its usual name.
    bin = Files.createDirectory(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("sops"), SopsPeer.binary());
    cli =
        Cli.in(dir)
            .env("GNUPGHOME", gnupgHome.toString())
            .env("HOME", dir.toString())
            .env("PATH", bin + ":" + System.getenv("PATH"));
  }

  Path encryptPgp(String name, String plain) throws Exception {
    return sops.encryptWith(
        name, plain, Map.of("GNUPGHOME", gnupgHome.toString()), List.of("--pgp", fingerprint));
  }

  @Test
  void import_pgpOnlyFile_isDecryptedBySopsOnPathAndSealed() throws Exception {
    encryptPgp(
        "db.enc.yaml",
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          namespace: prod
        stringData:
          password: "pgp-only \\u00e9"
        data:
          raw: AP/+
        """);

    var r = cli.ok("import", "sops", "db.enc.yaml", "-R", "cluster.recipient");

    assertThat(r.out())
        .startsWith(
            "converted db.enc.yaml -> db.sealed.yaml: prod/db (2 items, via sops decrypt)\n");
    var opened = cli.ok("unseal", "-f", "db.sealed.yaml", "-i", "cluster.txt");
    Map<String, SecretBytes> items = SecretReader.read(opened.out(), "out").getFirst().data();
    assertThat(items)
        .containsEntry(
            "password", SecretBytes.copyOf("pgp-only é".getBytes(StandardCharsets.UTF_8)))
        .containsEntry("raw", SecretBytes.copyOf(new byte[] {0, (byte) 0xff, (byte) 0xfe}));
  }

  @Test
  void import_pgpOnlyDotenv_viaSops() throws Exception {
    encryptPgp("app.env", "TOKEN=abc=def\n");

    cli.ok("import", "sops", "app.env", "-n", "prod", "-R", "cluster.recipient");

    var opened = cli.ok("unseal", "-f", "app.sealed.yaml", "-i", "cluster.txt");
    assertThat(SecretReader.read(opened.out(), "out").getFirst().data())
        .containsEntry("TOKEN", SecretBytes.copyOf("abc=def".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void import_pgpOnlyValuesFile_viaSops_sealsTheSameValuesAsTheAgePath() throws Exception {
    encryptPgp(
        "secrets.yaml", "db:\n  password: s3cr3t\n  enabled: true\n  mode_unencrypted: ro\n");

    var r =
        cli.run(
            "import",
            "sops",
            "secrets.yaml",
            "--name",
            "app",
            "-n",
            "prod",
            "-R",
            "cluster.recipient");

    assertThat(r.out())
        .startsWith(
            "converted secrets.yaml -> secrets.sealed.yaml: values for prod/app (2 values sealed;"
                + " open as strings: db.enabled (bool); via sops decrypt)\n");
    assertThat(ImportSopsValuesTest.unseal(cli, "secrets.sealed.yaml"))
        .isEqualTo("db:\n    password: s3cr3t\n    enabled: \"true\"\n    mode_unencrypted: ro\n");
  }

  @Test
  void import_pgpOnlyFileWithoutSops_failsNamingTheKeyServices() throws Exception {
    encryptPgp("db.enc.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n");

    var r =
        Cli.in(dir)
            .env("PATH", dir.resolve("nothing-here").toString())
            .run("import", "sops", "db.enc.yaml", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: db.enc.yaml cannot be decrypted here: no age identity was given"
                + " (encrypted to: pgp)\n");
  }

  @Test
  void import_macMismatchInAPgpFile_isRefusedBySops() throws Exception {
    Path enc =
        encryptPgp(
            "db.enc.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\nstringData:\n"
                + "  password: x\n  note_unencrypted: a\n");
    Files.writeString(
        enc, Files.readString(enc).replace("note_unencrypted: a", "note_unencrypted: b"));

    var r = cli.run("import", "sops", "db.enc.yaml", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("sealwright: error: sops decrypt db.enc.yaml failed (exit ")
        .contains("MAC mismatch");
    assertThat(Files.exists(dir.resolve("db.sealed.yaml"))).isFalse();
  }
}
