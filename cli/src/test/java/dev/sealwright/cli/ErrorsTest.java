package dev.sealwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.testing.Leaks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure prints one {@code sealwright: error:} line and {@code sealwright: hint:} lines,
 * exits with the documented code, prints no stack trace and leaves files as they were.
 */
class ErrorsTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    Fixtures.keys(dir);
    cli = Cli.in(dir);
  }

  /** Standard error is exactly the error line and then these hint lines, nothing else. */
  private static void assertOneErrorWithHint(
      Cli.Result r, int exit, String error, String hint, String... moreHints) {
    assertThat(r.exit()).isEqualTo(exit);
    StringBuilder expected = new StringBuilder("sealwright: error: " + error + "\n");
    expected.append("sealwright: hint: ").append(hint).append('\n');
    for (String h : moreHints) {
      expected.append("sealwright: hint: ").append(h).append('\n');
    }
    assertThat(r.err()).isEqualTo(expected.toString());
  }

  private void chmod(String file, String mode) {
    try {
      Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString(mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void seal_allZeroClassicRecipient_isUsageErrorNotInternal() {
    // Bech32 of 32 zero bytes under 'age': a point of small order that no one can decrypt for.
    String zero = "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq5cu47z";

    var r = cli.stdin(Fixtures.SECRET_YAML).run("seal", "-r", zero);

    assertOneErrorWithHint(
        r,
        ExitCode.USAGE,
        "recipient '"
            + zero
            + "' (command line): invalid X25519 recipient: the public key is a point of small"
            + " order (such as all zeros); no one could decrypt for it",
        "recipients look like age1pq1... (post-quantum) or age1...; 'sealwright keys fetch'"
            + " writes the cluster's");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unseal_identityFileReadableByOthers_warnsAndStillWorks() {
    sealedDb();
    chmod("cluster.txt", "rw-r--r--");

    var r = cli.run("unseal", "-f", "db.yaml", "-i", "cluster.txt", "--force");

    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .isEqualTo(
            "sealwright: warning: identity file cluster.txt is readable by group or others;"
                + " run: chmod 600 cluster.txt\n");
  }

  private String sealedDb() {
    String sealed = cli.stdin(Fixtures.SECRET_YAML).ok("seal", "-R", "cluster.recipient").out();
    cli.write("db.yaml", sealed);
    return sealed;
  }

  @Test
  void seal_malformedYaml_namesLineAndColumnButNotTheContent() {
    var r =
        cli.stdin("apiVersion: v1\nkind: Secret\nstringData:\n  password: [hunter2\n")
            .run("seal", "-r", Fixtures.recipient("cluster"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("sealwright: error: standard input is not valid YAML or JSON: ");
    assertThat(r.err()).contains(" at line ").doesNotContain("hunter2");
    assertOneErrorWithHint(
        r,
        1,
        "standard input is not valid YAML or JSON: expected ',' or ']', but got <stream end> at"
            + " line 5, column 1",
        "fix the file and try again");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void seal_manifestThatIsNotASecret_saysWhatItIs() {
    var r =
        cli.stdin("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n")
            .run("seal", "-r", Fixtures.recipient("cluster"));

    assertOneErrorWithHint(
        r,
        1,
        "standard input is a ConfigMap, not a Secret (apiVersion: v1, kind: Secret)",
        "seal reads Secret manifests, for example from 'kubectl create secret generic NAME"
            + " --dry-run=client -o yaml'");
  }

  @Test
  void seal_badBase64InData_namesTheItem() {
    var r =
        cli.stdin(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\n"
                    + "data:\n  password: not*base64\n")
            .run("seal", "-r", Fixtures.recipient("cluster"));

    assertOneErrorWithHint(
        r,
        1,
        "standard input: data.password is not valid base64",
        "values under data are base64-encoded; put plain text under stringData instead");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void seal_missingNamespaceUnderStrictScope_suggestsNamespaceOrCluster() {
    var r =
        cli.stdin("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  a: b\n")
            .run("seal", "-r", Fixtures.recipient("cluster"));

    assertOneErrorWithHint(
        r,
        1,
        "SealedSecret db, item 'a': namespace is required for this scope",
        "scope strict and namespace bind the namespace: set metadata.namespace (or -n), or use"
            + " --scope cluster");
  }

  @Test
  void seal_missingName_asksForMetadataName() {
    var r =
        cli.stdin(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  namespace: prod\nstringData:\n  a: b\n")
            .run("seal", "-r", Fixtures.recipient("cluster"));

    assertOneErrorWithHint(
        r,
        1,
        "a Secret has no metadata.name",
        "every Kubernetes object needs a name; add metadata.name");
  }

  @Test
  void seal_missingNamespaceUnderClusterScope_isFine() {
    var r =
        cli.stdin("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  a: b\n")
            .run("seal", "-r", Fixtures.recipient("cluster"), "--scope", "cluster");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("scope: cluster", "a: sw1:cluster::");
  }

  @Test
  void seal_noRecipientsAndNoConfig_isUsageErrorNamingBothWays() {
    var r = cli.stdin(Fixtures.SECRET_YAML).run("seal");

    assertOneErrorWithHint(
        r,
        2,
        "no recipients: pass --recipient or --recipients-file",
        "inside a GitOps repository, name them once in a .sealwright.yaml (see docs/cli.md)");
  }

  @Test
  void seal_badRecipient_saysWhatRecipientsLookLike() {
    var r = cli.stdin(Fixtures.SECRET_YAML).run("seal", "-r", "age1notarecipient");

    assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .startsWith("sealwright: error: recipient 'age1notarecipient' (command line): ");
    assertThat(r.err()).contains("sealwright: hint: recipients look like age1pq1...");
  }

  @Test
  void unset_unknownItem_listsTheItemsAndLeavesFileUnchanged() {
    String before = sealedDb();

    var r = cli.run("unset", "db.yaml", "pasword");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: db.yaml has no item 'pasword'\n"
                + "sealwright: hint: its items are: password, port, username\n");
    assertThat(cli.read("db.yaml")).isEqualTo(before);
  }

  @Test
  void unseal_wrongIdentity_saysNoIdentityMatches() {
    sealedDb();

    var r = cli.run("unseal", "-f", "db.yaml", "-i", "other.txt");

    assertOneErrorWithHint(
        r,
        1,
        "item 'password' of prod/db: no identity given matches the keys it is sealed to",
        "run 'sealwright inspect FILE' to see the key ids, and pass the matching --identity");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unseal_identityFileWithoutIdentity_namesTheFile() {
    sealedDb();
    cli.write("empty.txt", "# created: 2026-11-28\n");
    chmod("empty.txt", "rw-------");

    var r = cli.run("unseal", "-f", "db.yaml", "-i", "empty.txt");

    assertOneErrorWithHint(
        r,
        1,
        "identity file empty.txt: the identity file holds no identity",
        "recipients look like age1pq1... or age1...; identities like AGE-SECRET-KEY-PQ-1...");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unseal_tamperedEnvelope_failsAuthentication() {
    String sealed = sealedDb();
    String line =
        sealed.lines().filter(l -> l.startsWith("    password: ")).findFirst().orElseThrow();
    int at = line.length() - 20; // inside the encrypted payload
    char flipped = line.charAt(at) == 'A' ? 'B' : 'A';
    cli.write(
        "db.yaml", sealed.replace(line, line.substring(0, at) + flipped + line.substring(at + 1)));

    var r = cli.run("unseal", "-f", "db.yaml", "-i", "cluster.txt");

    assertOneErrorWithHint(
        r,
        1,
        "item 'password' of prod/db failed authentication: it was altered, or the key is wrong",
        "restore the file from Git, or seal the item again");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void set_fileThatIsNotASealedSecret_saysSoAndLeavesItUnchanged() {
    cli.write("secret.yaml", Fixtures.SECRET_YAML);

    var r = cli.run("set", "secret.yaml", "a", "--from-literal", "b", "-R", "cluster.recipient");

    assertOneErrorWithHint(
        r,
        1,
        "secret.yaml is a Secret, not a SealedSecret (apiVersion: sealwright.dev/v1)",
        "Secret manifests are sealed with 'sealwright seal'");
    assertThat(cli.read("secret.yaml")).isEqualTo(Fixtures.SECRET_YAML);
  }

  @Test
  void inspect_missingFile_saysNoSuchFile() {
    var r = cli.run("inspect", "nope.yaml");

    assertOneErrorWithHint(r, 1, "nope.yaml: no such file", "check the path and try again");
  }

  @Test
  void unknownOption_isUsageErrorWithHelpHint() {
    var r = cli.run("inspect", "--frobnicate", "x.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "sealwright: error: Unknown option: '--frobnicate'\n"
                + "sealwright: hint: see 'sealwright inspect --help'\n");
  }

  @Test
  void verbose_failure_printsTheStackTraceAfterTheError() {
    var r = cli.run("--verbose", "inspect", "nope.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("sealwright: error: ").contains("\tat ");
  }

  @Test
  void verboseAfterSubcommand_alsoPrintsTheStackTrace() {
    var r = cli.run("inspect", "nope.yaml", "--verbose");

    assertThat(r.err()).contains("\tat ");
  }

  /**
   * With --verbose the stack trace follows the error, causes and suppressed exceptions included: it
   * names code, never a value, in no encoding, even when the failing input holds plaintext.
   */
  private static void assertStackTraceWithoutPlaintext(Cli.Result r) {
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("sealwright: error: ").contains("\tat dev.sealwright.");
    assertThat(r.out()).isEmpty();
    Leaks.assertNone(r.err(), "hunter2");
  }

  @Test
  void verbose_malformedYamlNextToAValue_stackTraceShowsNoValue() {
    var r =
        cli.stdin("apiVersion: v1\nkind: Secret\nstringData:\n  password: [hunter2\n")
            .run("--verbose", "seal", "-r", Fixtures.recipient("cluster"));

    assertStackTraceWithoutPlaintext(r);
  }

  @Test
  void verbose_badBase64BesidePlaintextItems_stackTraceShowsNoValue() {
    var r =
        cli.stdin(Fixtures.SECRET_YAML.replace("username: YXBw", "username: not*base64"))
            .run("--verbose", "seal", "-r", Fixtures.recipient("cluster"));

    assertStackTraceWithoutPlaintext(r);
  }

  @Test
  void verbose_tamperedItemAfterAnOpenedOne_stackTraceShowsNoValue() {
    String sealed = sealedDb();
    String line = sealed.lines().filter(l -> l.startsWith("    port: ")).findFirst().orElseThrow();
    int at = line.length() - 20;
    char flipped = line.charAt(at) == 'A' ? 'B' : 'A';
    cli.write(
        "db.yaml", sealed.replace(line, line.substring(0, at) + flipped + line.substring(at + 1)));

    var r = cli.run("--verbose", "unseal", "-f", "db.yaml", "-i", "cluster.txt");

    assertStackTraceWithoutPlaintext(r);
    assertThat(r.err())
        .startsWith("sealwright: error: item 'port' of prod/db failed authentication");
  }

  @Test
  void verbose_editedBufferMalformedNextToAValue_stackTraceShowsNoValue() throws Exception {
    sealedDb();
    Path editor = dir.resolve("ed.sh");
    Files.writeString(
        editor, "#!/bin/sh\nsed -i 's/password: hunter2/password: [hunter2/' \"$1\"\n");
    chmod("ed.sh", "rwx------");

    var r =
        Cli.in(dir)
            .env("EDITOR", editor.toString())
            .run("--verbose", "edit", "db.yaml", "-i", "cluster.txt");

    assertStackTraceWithoutPlaintext(r);
  }
}
