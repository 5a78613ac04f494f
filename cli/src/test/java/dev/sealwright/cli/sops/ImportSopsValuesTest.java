package dev.sealwright.cli.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sealwright import sops} on values files (helm-secrets' {@code secrets.yaml}) that the real
 * sops encrypted, opened again with {@code sealwright values unseal}.
 */
class ImportSopsValuesTest {
  static final String VALUES =
      """
      # Chart secrets
      replicaCount: 2 # two of them

      db:
        # the database password
        password: hunter2 éü ✓  # rotate yearly
        user_unencrypted: admin
        port: 5432
        enabled: true
        cert: |
          -----BEGIN CERTIFICATE-----
          MIIB
        empty: ""
        nothing:
      hosts_unencrypted:
        - a.example
        - b.example
      """;

  @TempDir Path dir;
  Cli cli;
  SopsPeer sops;

  @BeforeEach
  void setUp() throws Exception {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
    sops = SopsPeer.in(dir);
  }

  Cli.Result importSops(String... args) {
    return cli.run(ImportSopsCommandTest.withKeys(args));
  }

  /** What the Helm plugin hands Helm: the file with its envelopes opened for prod/app. */
  String unseal(String file) {
    return unseal(cli, file);
  }

  static String unseal(Cli cli, String file, String... binding) {
    List<String> args =
        new java.util.ArrayList<>(List.of("values", "unseal", file, "-i", "cluster.txt"));
    args.addAll(binding.length > 0 ? List.of(binding) : List.of("-n", "prod", "--name", "app"));
    return cli.ok(args.toArray(String[]::new)).out();
  }

  static String masked(String text) {
    return text.replaceAll("sw1:[^\\s\",}]+", "SW");
  }

  @Test
  void import_valuesFile_sealsEveryEncryptedValueInPlace_andUnsealsToTheSameValues()
      throws Exception {
    Path enc = sops.encrypt("secrets.enc.yaml", VALUES);
    assertThat(Files.readString(enc))
        .as("sops encrypted the comments too")
        .doesNotContain("rotate yearly")
        .contains("type:comment]");

    var r = importSops("secrets.enc.yaml", "--name", "app", "-n", "prod");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "converted secrets.enc.yaml -> secrets.sealed.yaml: values for prod/app (6 values"
                + " sealed, 4 encrypted comments dropped; open as strings: replicaCount (int),"
                + " db.port (int), db.enabled (bool))\n"
                + "sealwright import sops: 1 converted, 0 skipped\n");
    String sealed = cli.read("secrets.sealed.yaml");
    assertThat(masked(sealed))
        .as("sops' layout, values in place, the clear values as sops wrote them, no sops block")
        .isEqualTo(
            """
            replicaCount: SW
            db:
                password: SW
                user_unencrypted: admin
                port: SW
                enabled: SW
                cert: SW
                empty: SW
                nothing: null
            hosts_unencrypted:
                - a.example
                - b.example
            """);
    assertThat(sealed)
        .doesNotContain("hunter2", "BEGIN", "database", "rotate", "ENC[", "sops", "lastmodified");
    assertThat(unseal("secrets.sealed.yaml"))
        .isEqualTo(
            """
            replicaCount: "2"
            db:
                password: "hunter2 éü ✓"
                user_unencrypted: admin
                port: "5432"
                enabled: "true"
                cert: "-----BEGIN CERTIFICATE-----\\nMIIB\\n"
                empty: ""
                nothing: null
            hosts_unencrypted:
                - a.example
                - b.example
            """);
  }

  @Test
  void import_encryptedRegex_keepsWhatSopsLeftInTheClear_commentsAndListsIncluded()
      throws Exception {
    sops.encrypt("values.yaml", VALUES, "--encrypted-regex", "^(db|replicaCount)$");

    var r = importSops("values.yaml", "--name", "app", "-n", "prod");

    assertThat(r.out())
        .startsWith(
            "converted values.yaml -> values.sealed.yaml: values for prod/app (7 values sealed,"
                + " 2 encrypted comments dropped; open as strings: replicaCount (int), db.port"
                + " (int), db.enabled (bool))\n");
    assertThat(masked(cli.read("values.sealed.yaml")))
        .isEqualTo(
            """
            # Chart secrets
            replicaCount: SW # two of them
            db:
                password: SW
                user_unencrypted: SW
                port: SW
                enabled: SW
                cert: SW
                empty: SW
                nothing: null
            hosts_unencrypted:
                - a.example
                - b.example
            """);
    assertThat(unseal("values.sealed.yaml"))
        .contains("    password: \"hunter2 éü ✓\"\n", "    user_unencrypted: admin\n");
  }

  @Test
  void import_jsonValuesFile_staysJson() throws Exception {
    sops.encrypt(
        "app.enc.json",
        """
        {"db": {"password": "p\\"w\\n", "mode_unencrypted": "ro"}, "port": 8080}
        """);

    var r = importSops("app.enc.json", "--name", "app", "-n", "prod");

    assertThat(r.out())
        .startsWith(
            "converted app.enc.json -> app.sealed.json: values for prod/app (2 values sealed;"
                + " open as strings: port (float))\n");
    assertThat(masked(cli.read("app.sealed.json")))
        .isEqualTo(
            """
            {
            	"db": {
            		"password": "SW",
            		"mode_unencrypted": "ro"
            	},
            	"port": "SW"
            }
            """);
    assertThat(unseal("app.sealed.json"))
        .isEqualTo(
            """
            {
            	"db": {
            		"password": "p\\"w\\n",
            		"mode_unencrypted": "ro"
            	},
            	"port": "8080"
            }
            """);
  }

  @Test
  void import_valuesFileWithTamperedMac_isRefusedAndWritesNothing() throws Exception {
    Path enc = sops.encrypt("secrets.yaml", VALUES);
    Files.writeString(
        enc,
        ImportSopsCommandTest.flipFirstDataChar(
            Files.readString(enc), "mac: ENC[AES256_GCM,data:"));

    var r = importSops("secrets.yaml", "--name", "app", "-n", "prod");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: secrets.yaml: SOPS MAC check failed: its MAC cannot be opened"
                + " (failed authentication); nothing was written\n")
        .doesNotContain("hunter2");
    assertThat(sealedFiles()).isEmpty();
  }

  @Test
  void import_valuesFileWithoutNameOrNamespace_isAUsageErrorNamingTheFlag() throws Exception {
    sops.encrypt("secrets.yaml", VALUES);

    var noName = importSops("secrets.yaml", "-n", "prod");
    var noNamespace = importSops("secrets.yaml", "--name", "app");

    assertThat(noName.exit()).isEqualTo(2);
    assertThat(noName.err())
        .isEqualTo(
            "sealwright: error: values file secrets.yaml with scope strict needs --name\n"
                + "sealwright: hint: pass --name NAME, or use --scope namespace\n");
    assertThat(noNamespace.exit()).isEqualTo(2);
    assertThat(noNamespace.err())
        .startsWith(
            "sealwright: error: values file secrets.yaml with scope strict needs -n NAMESPACE\n");
    assertThat(sealedFiles()).isEmpty();

    importSops("secrets.yaml", "-n", "prod", "--scope", "namespace");
    assertThat(unseal(cli, "secrets.sealed.yaml", "-n", "prod", "--scope", "namespace"))
        .contains("    password: \"hunter2 éü ✓\"\n");
  }

  @Test
  void import_encryptedValueInAList_skipsTheFileSayingWhy() throws Exception {
    sops.encrypt("lists.yaml", "tokens:\n  - abc\n  - def\n");
    sops.encrypt("ok.yaml", "token: abc\n");

    var r = importSops("lists.yaml", "ok.yaml", "--name", "app", "-n", "prod");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "converted ok.yaml -> ok.sealed.yaml: values for prod/app (1 value sealed)\n"
                + "skipped lists.yaml: 'tokens.0' is an encrypted value inside a list, which has no"
                + " key to bind an envelope to; move it into a map and encrypt the file again, or"
                + " import it with sops -d | sealwright values seal; nothing was written for it\n"
                + "sealwright import sops: 1 converted, 1 skipped\n");
    assertThat(dir.resolve("lists.sealed.yaml")).doesNotExist();
  }

  @Test
  void import_nameWithoutDotenvOrValuesFile_isAUsageError() throws Exception {
    sops.encrypt(
        "db.enc.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\n"
            + "stringData:\n  password: x\n");

    var r = importSops("db.enc.yaml", "--name", "other");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "sealwright: error: --name names the Secret of a dotenv file or the SealedSecret of"
                + " values files, but none was converted; nothing was written\n");
    assertThat(sealedFiles()).isEmpty();
  }

  private List<Path> sealedFiles() throws Exception {
    return ImportSopsCommandTest.sealedFiles(dir);
  }
}
