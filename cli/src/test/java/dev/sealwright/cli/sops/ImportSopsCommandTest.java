package dev.sealwright.cli.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.cli.Cli;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.cli.manifest.SecretManifest;
import dev.sealwright.cli.manifest.SecretReader;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sealwright import sops} on files the real sops encrypted to an age-keygen identity. */
class ImportSopsCommandTest {
  /** Bytes no text round trip keeps: invalid UTF-8, NUL, CR LF. */
  static final byte[] BINARY = {0, (byte) 0xff, (byte) 0xfe, 'a', '\r', '\n', (byte) 0x80};

  static final String SECRET =
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
          kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"x"}}'
      type: kubernetes.io/basic-auth
      data:
        blob: %s
      stringData:
        password: "hunter2 \\u00e9\\u00fc ✓"
        certificate: |
          -----BEGIN CERTIFICATE-----
          MIIB
          -----END CERTIFICATE-----
        empty: ""
      """
          .formatted(Base64.getEncoder().encodeToString(BINARY));

  @TempDir Path dir;
  Cli cli;
  SopsPeer sops;

  @BeforeEach
  void setUp() throws Exception {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
    sops = SopsPeer.in(dir);
  }

  /** {@code sealwright import sops ARGS -i sops-age.txt -R cluster.recipient}. */
  Cli.Result importSops(String... args) {
    return cli.run(withKeys(args));
  }

  Cli.Result importOk(String... args) {
    return cli.ok(withKeys(args));
  }

  /** {@code import sops ARGS} with the keys of {@link #setUp}. */
  static String[] withKeys(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("import", "sops"));
    all.addAll(List.of(args));
    all.addAll(List.of("-i", "sops-age.txt", "-R", "cluster.recipient"));
    return all.toArray(String[]::new);
  }

  /** The items of the SealedSecret in {@code file}, opened by {@code sealwright unseal}. */
  Map<String, SecretBytes> unseal(String file) {
    var r = cli.ok("unseal", "-f", file, "-i", "cluster.txt");
    List<SecretManifest> secrets = SecretReader.read(r.out(), file);
    assertThat(secrets).hasSize(1);
    return secrets.getFirst().data();
  }

  static SecretBytes utf8(String s) {
    return SecretBytes.copyOf(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void import_manifestWithEncryptedRegex_unsealsToTheSameBytes() throws Exception {
    sops.encrypt("secrets/db.enc.yaml", SECRET, "--encrypted-regex", "^(data|stringData)$");

    var r = importOk("secrets/db.enc.yaml");

    assertThat(r.out())
        .isEqualTo(
            "converted secrets/db.enc.yaml -> secrets/db.sealed.yaml: prod/db (4 items)\n"
                + "sealwright import sops: 1 converted, 0 skipped\n");
    Map<String, SecretBytes> items = unseal("secrets/db.sealed.yaml");
    assertThat(items)
        .containsOnlyKeys("blob", "password", "certificate", "empty")
        .containsEntry("blob", SecretBytes.copyOf(BINARY))
        .containsEntry("password", utf8("hunter2 éü ✓"))
        .containsEntry(
            "certificate", utf8("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
        .containsEntry("empty", utf8(""));
    SealedSecret sealed =
        SealedSecretReader.readOne(cli.read("secrets/db.sealed.yaml"), "db.sealed.yaml");
    assertThat(sealed.meta().displayName()).isEqualTo("prod/db");
    assertThat(sealed.template().type()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(sealed.template().labels()).isEqualTo(Map.of("app", "db"));
    assertThat(sealed.template().annotations())
        .as("the last-applied annotation holds plaintext and is dropped, as by seal")
        .isEqualTo(Map.of("owner", "payments"));
    assertThat(cli.read("secrets/db.sealed.yaml")).doesNotContain("sops", "hunter2", "ENC[");
  }

  @Test
  void import_fullyEncryptedManifest_readsEvenItsEncryptedKindAndName() throws Exception {
    Path enc = sops.encrypt("db.enc.yaml", SECRET);
    assertThat(Files.readString(enc))
        .as("sops encrypted apiVersion and the name too")
        .doesNotContain("name: db");

    importOk("db.enc.yaml");

    assertThat(unseal("db.sealed.yaml"))
        .containsEntry("blob", SecretBytes.copyOf(BINARY))
        .containsEntry("password", utf8("hunter2 éü ✓"));
    assertThat(SealedSecretReader.readOne(cli.read("db.sealed.yaml"), "x").meta().displayName())
        .isEqualTo("prod/db");
  }

  @Test
  void import_unencryptedSuffixWithTypedPlainValues_checksTheMacOverThemAsSopsDoes()
      throws Exception {
    // Unencrypted ints, floats and booleans enter the MAC in Go's spelling (True, not true):
    // a reader that hashed the text as written would reject this genuine file.
    String secret =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: app
          namespace: prod
          labels:
            replicas_unencrypted: 0x10
            ratio_unencrypted: 1.50
            enabled_unencrypted: True
            tier_unencrypted: backend
        immutable: true
        stringData:
          token: s3cr3t
          port: "5432"
        """;
    Path enc = sops.encrypt("app.enc.yaml", secret);
    assertThat(Files.readString(enc))
        .contains(
            "tier_unencrypted: backend",
            "enabled_unencrypted: true",
            "ratio_unencrypted: 1.5",
            "replicas_unencrypted: 16");

    importOk("app.enc.yaml");

    assertThat(unseal("app.sealed.yaml"))
        .containsOnlyKeys("token", "port")
        .containsEntry("token", utf8("s3cr3t"))
        .containsEntry("port", utf8("5432"));
    SealedSecret sealed = SealedSecretReader.readOne(cli.read("app.sealed.yaml"), "x");
    assertThat(sealed.template().immutable()).as("an encrypted bool").isTrue();
    assertThat(sealed.template().labels()).containsEntry("tier_unencrypted", "backend");
  }

  @Test
  void import_macOnlyEncryptedAndJson_convert() throws Exception {
    String json =
        """
        {"apiVersion": "v1", "kind": "Secret",
         "metadata": {"name": "api", "namespace": "prod", "labels": {"n_unencrypted": 8080}},
         "stringData": {"key": "v1 \\" quoted"}}
        """;
    // mac_only_encrypted is a creation rule of .sops.yaml; the MAC then starts from a fixed seed.
    cli.write(
        ".sops.yaml",
        "creation_rules:\n  - age: " + sops.recipient + "\n    mac_only_encrypted: true\n");
    Path enc = sops.encryptWith("api.enc.json", json, Map.of(), List.of());
    assertThat(Files.readString(enc)).contains("\"mac_only_encrypted\": true");

    var r = importOk("api.enc.json");

    assertThat(r.out())
        .startsWith("converted api.enc.json -> api.sealed.yaml: prod/api (1 item)\n");
    assertThat(unseal("api.sealed.yaml")).containsEntry("key", utf8("v1 \" quoted"));
  }

  @Test
  void import_dotenv_becomesOneSecretNamedByTheFlags() throws Exception {
    String env =
        "DB_PASSWORD=p@ss=word\nGREETING=hello world\n# a comment\nMULTI=line1\\nline2\nUNICODE=żółw\n";
    sops.encrypt("app.env", env);
    assertThat(sops.decrypt(dir.resolve("app.env"))).isEqualTo(env);

    var r = importOk("app.env", "--name", "app-env", "-n", "prod");

    assertThat(r.out())
        .startsWith("converted app.env -> app.sealed.yaml: prod/app-env (4 items)\n");
    assertThat(unseal("app.sealed.yaml"))
        .containsOnlyKeys("DB_PASSWORD", "GREETING", "MULTI", "UNICODE")
        .containsEntry("DB_PASSWORD", utf8("p@ss=word"))
        .containsEntry("GREETING", utf8("hello world"))
        .containsEntry("MULTI", utf8("line1\nline2"))
        .containsEntry("UNICODE", utf8("żółw"));
  }

  @Test
  void import_identityFromSopsAgeKeyFile_likeSops() throws Exception {
    sops.encrypt("db.enc.yaml", SECRET);

    cli.env("SOPS_AGE_KEY_FILE", "sops-age.txt")
        .ok("import", "sops", "db.enc.yaml", "-R", "cluster.recipient");

    assertThat(unseal("db.sealed.yaml")).containsEntry("password", utf8("hunter2 éü ✓"));
  }

  @Test
  void import_tamperedValue_isRefusedNamingTheFileAndWritesNothing() throws Exception {
    sops.encrypt("good.enc.yaml", SECRET, "--encrypted-regex", "^(data|stringData)$");
    Path bad = sops.encrypt("bad.enc.yaml", SECRET, "--encrypted-regex", "^(data|stringData)$");
    Files.writeString(
        bad, flipFirstDataChar(Files.readString(bad), "password: ENC[AES256_GCM,data:"));

    var r = importSops("bad.enc.yaml", "good.enc.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: bad.enc.yaml: the value at 'stringData.password' failed authentication\n")
        .doesNotContain("hunter2");
    assertThat(sealedFiles()).as("not even the good file's output").isEmpty();
  }

  @Test
  void import_valueMovedToAnotherKey_failsAuthentication() throws Exception {
    // The path is the value's additional data: swapping two ciphertexts is caught per value.
    Path enc = sops.encrypt("db.enc.yaml", SECRET, "--encrypted-regex", "^(data|stringData)$");
    String text = Files.readString(enc);
    String password = line(text, "password: ");
    String empty = line(text, "certificate: ");
    Files.writeString(
        enc,
        text.replace(password, "@@")
            .replace(empty, password.replace("password", "certificate"))
            .replace("@@", empty.replace("certificate", "password")));

    var r = importSops("db.enc.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("failed authentication");
    assertThat(sealedFiles()).isEmpty();
  }

  @Test
  void import_changedUnencryptedValue_failsTheMacAndWritesNothing() throws Exception {
    String secret =
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\nstringData:\n"
            + "  password: hunter2\n  mode_unencrypted: read-only\n";
    Path enc = sops.encrypt("db.enc.yaml", secret);
    Files.writeString(
        enc,
        Files.readString(enc)
            .replace("mode_unencrypted: read-only", "mode_unencrypted: read-write"));

    var r = importSops("db.enc.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: db.enc.yaml: SOPS MAC check failed: its MAC does not match its values;"
                + " nothing was written\n");
    assertThat(sealedFiles()).isEmpty();
    assertThat(catchSops(enc)).as("real sops refuses the same file").contains("MAC mismatch");
  }

  @Test
  void import_tamperedMac_isRefusedAndWritesNothing() throws Exception {
    Path enc = sops.encrypt("app.env", "TOKEN=abc\n");
    Files.writeString(
        enc, flipFirstDataChar(Files.readString(enc), "sops_mac=ENC[AES256_GCM,data:"));

    var r = importSops("app.env", "-n", "prod");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: app.env: SOPS MAC check failed: its MAC cannot be opened (failed"
                + " authentication); nothing was written\n");
    assertThat(sealedFiles()).isEmpty();
  }

  @Test
  void import_existingOutput_isRefusedWithoutOverwrite() throws Exception {
    sops.encrypt("db.enc.yaml", SECRET);
    cli.write("db.sealed.yaml", "keep me\n");

    var r = importSops("db.enc.yaml");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("sealwright: error: db.sealed.yaml already exists; nothing was written\n");
    assertThat(cli.read("db.sealed.yaml")).isEqualTo("keep me\n");

    importOk("db.enc.yaml", "--overwrite");
    assertThat(unseal("db.sealed.yaml")).containsEntry("password", utf8("hunter2 éü ✓"));
  }

  @Test
  void import_twoInputsForOneOutputFile_isAUsageErrorAndWritesNothing() throws Exception {
    sops.encrypt("a/db.enc.yaml", SECRET);
    sops.encrypt("b/db.enc.yaml", SECRET);

    var r = importSops("a", "b", "-d", "out");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "sealwright: error: b/db.enc.yaml and a/db.enc.yaml would both be written to"
                + " out/db.sealed.yaml\n");
    assertThat(sealedFiles()).isEmpty();
  }

  @Test
  void import_directory_reportsWhatItSkippedAndWhy() throws Exception {
    sops.encrypt("repo/prod/db.enc.yaml", SECRET);
    sops.encrypt("repo/prod/values.enc.yaml", "replicas: 3\npassword: x\n");
    sops.encrypt(
        "repo/prod/mixed.enc.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n" + SECRET);
    cli.write("repo/plain.yaml", "a: b\n");

    var r = importOk("repo", "-d", "out", "--name", "app", "-n", "prod");

    assertThat(r.out())
        .isEqualTo(
            "converted repo/prod/db.enc.yaml -> out/prod/db.sealed.yaml: prod/db (4 items)\n"
                + "converted repo/prod/mixed.enc.yaml -> out/prod/mixed.sealed.yaml: prod/db (4"
                + " items)\n"
                + "converted repo/prod/values.enc.yaml -> out/prod/values.sealed.yaml: values for"
                + " prod/app (2 values sealed; open as strings: replicas (int))\n"
                + "skipped repo/plain.yaml: not SOPS-encrypted (no sops metadata)\n"
                + "skipped repo/prod/mixed.enc.yaml, document 1: a ConfigMap, not a Secret (apiVersion: v1)\n"
                + "sealwright import sops: 3 converted, 2 skipped\n");
    assertThat(unseal("out/prod/mixed.sealed.yaml"))
        .containsEntry("blob", SecretBytes.copyOf(BINARY));
  }

  /** Two clusters' folders with the same file names: each output keeps its folder. */
  @Test
  void import_sameFileNameInTwoFolders_eachOutputUnderItsFolder() throws Exception {
    sops.encrypt("repo/a/db.enc.yaml", SECRET);
    sops.encrypt("repo/b/db.enc.yaml", SECRET);

    var r = importOk("repo", "-d", "out");

    assertThat(r.out())
        .contains("converted repo/a/db.enc.yaml -> out/a/db.sealed.yaml")
        .contains("converted repo/b/db.enc.yaml -> out/b/db.sealed.yaml");
    assertThat(unseal("out/a/db.sealed.yaml")).containsEntry("blob", SecretBytes.copyOf(BINARY));
    assertThat(unseal("out/b/db.sealed.yaml")).containsEntry("blob", SecretBytes.copyOf(BINARY));
  }

  @Test
  void import_withoutMatchingIdentityOrSops_saysWhatTheFileIsEncryptedTo() throws Exception {
    sops.encrypt("db.enc.yaml", SECRET);

    var r =
        cli.env("PATH", dir.resolve("empty").toString())
            .run("import", "sops", "db.enc.yaml", "-i", "other.txt", "-R", "cluster.recipient");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: db.enc.yaml cannot be decrypted here: no age identity given matches"
                + " its age recipients (encrypted to: age "
                + sops.recipient
                + ")\nsealwright: hint: pass the matching age identity with -i FILE (or"
                + " SOPS_AGE_KEY_FILE), or put sops on PATH so that 'sops decrypt' can use the other"
                + " key services\n");
  }

  private List<Path> sealedFiles() throws Exception {
    return sealedFiles(dir);
  }

  /** Every file under {@code dir} that import sops may have written. */
  static List<Path> sealedFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().contains(".sealed.")).toList();
    }
  }

  /** Changes the first base64 character after {@code marker} to another valid one. */
  static String flipFirstDataChar(String text, String marker) {
    int i = text.indexOf(marker);
    assertThat(i).as(marker).isNotNegative();
    int at = i + marker.length();
    char c = text.charAt(at);
    return text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1);
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow();
  }

  private String catchSops(Path enc) {
    try {
      sops.decrypt(enc);
      return "decrypted";
    } catch (Exception | AssertionError e) {
      return e.getMessage();
    }
  }
}
