package dev.sealwright.cli.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's tree of leaves, for components that convert values files leaf by leaf: paths, SOPS
 * types and bytes, in file order, for a file the real sops encrypted.
 */
class SopsReaderTest {
  @TempDir Path dir;
  SopsPeer sops;
  List<Identity> identities;

  @BeforeEach
  void setUp() throws Exception {
    sops = SopsPeer.in(dir);
    identities = AgeKeys.parseIdentities(Files.readString(sops.identity));
  }

  static String render(SopsDocument.PathLeaf leaf) {
    StringBuilder sb = new StringBuilder().append(leaf.document()).append(' ');
    for (SopsDocument.Step step : leaf.path()) {
      switch (step) {
        case SopsDocument.Step.Key k ->
            sb.append(sb.charAt(sb.length() - 1) == ' ' ? "" : ".").append(k.name());
        case SopsDocument.Step.Index i -> sb.append('[').append(i.index()).append(']');
      }
    }
    return sb.append(' ')
        .append(leaf.leaf().type())
        .append(leaf.leaf().encrypted() ? " enc " : " plain ")
        .append(new String(leaf.leaf().bytes().toByteArray(), StandardCharsets.UTF_8))
        .toString();
  }

  SopsDocument read(Path file) throws Exception {
    String name = file.getFileName().toString();
    return SopsReader.read(
            new SopsReader.Input(Files.readString(file), file, name, SopsFormat.ofFileName(name)),
            identities,
            Optional.empty())
        .orElseThrow();
  }

  @Test
  void valuesFile_leavesInFileOrderWithPathsTypesAndBytes() throws Exception {
    Path enc =
        sops.encrypt(
            "values.enc.yaml",
            """
            # comments are encrypted too, and outside the MAC
            replicas: 3
            image:
              tag: "1.2"
            db:
              password: hunter2 # inline
              port: 5432
              ratio: 0.5
              enabled: false
            hosts:
              - a.example
              - name: c
                token: t0k
                ports: [80, 443]
            empty:
            nested_unencrypted:
              keep: visible
            ---
            second: doc
            """);
    assertThat(Files.readString(enc)).doesNotContain("hunter2", "a.example", "comments are");

    SopsDocument doc = read(enc);

    assertThat(doc.viaSopsCli()).isFalse();
    assertThat(doc.documents()).hasSize(2);
    List<String> leaves = new ArrayList<>();
    doc.leaves().forEach(l -> leaves.add(render(l)));
    assertThat(leaves)
        .containsExactly(
            "0 replicas int enc 3",
            "0 image.tag str enc 1.2",
            "0 db.password str enc hunter2",
            "0 db.port int enc 5432",
            "0 db.ratio float enc 0.5",
            "0 db.enabled bool enc False",
            "0 hosts[0] str enc a.example",
            "0 hosts[1].name str enc c",
            "0 hosts[1].token str enc t0k",
            "0 hosts[1].ports[0] int enc 80",
            "0 hosts[1].ports[1] int enc 443",
            "0 nested_unencrypted.keep str plain visible",
            "1 second str enc doc");
    SopsValue.Mapping first = (SopsValue.Mapping) doc.documents().getFirst();
    assertThat(first.get("empty")).isInstanceOf(SopsValue.Null.class);
    assertThat(first.get("sops")).as("metadata is not a document value").isNull();

    doc.destroy();
    assertThat(doc.leaves()).allMatch(l -> l.leaf().bytes().isDestroyed());
  }

  @Test
  void notSopsEncrypted_isEmpty() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "a: b\n");

    assertThat(
            SopsReader.read(
                new SopsReader.Input("a: b\n", plain, "plain.yaml", SopsFormat.YAML),
                identities,
                Optional.empty()))
        .isEmpty();
  }

  /** What {@code read} says of {@code text}, a hand-edited copy of a real SOPS file. */
  String failure(String text) {
    try {
      SopsReader.read(
          new SopsReader.Input(text, null, "edited.yaml", SopsFormat.YAML),
          identities,
          Optional.empty());
      return "read";
    } catch (dev.sealwright.cli.CliException e) {
      return e.getMessage();
    }
  }

  @Test
  void handEditedFiles_failWithOneMessageThatNamesTheProblemButNoValue() throws Exception {
    String text =
        Files.readString(
            sops.encrypt(
                "db.enc.yaml",
                "stringData:\n  password: hunter2\n  port: 5432\n",
                "--encrypted-regex",
                "^stringData$"));
    String encryptedPassword =
        text.lines().filter(l -> l.contains("password:")).findFirst().orElseThrow();

    assertThat(failure(text.replaceAll("(?m)^    mac: .*$\n", "")))
        .isEqualTo("edited.yaml: its sops metadata has no mac");
    assertThat(
            failure(
                text.replace(
                    "    encrypted_regex:", "    unencrypted_regex: x\n    encrypted_regex:")))
        .isEqualTo("edited.yaml sets both unencrypted_regex and encrypted_regex");
    assertThat(failure(text.replace(encryptedPassword, "    password: hunter3")))
        .isEqualTo(
            "edited.yaml: the value at 'stringData.password' is not a SOPS ENC[AES256_GCM,...] value");
    assertThat(failure(text.replace(encryptedPassword, "    password: 5")))
        .isEqualTo(
            "edited.yaml: the value at 'stringData.password' should be encrypted but is a plain int");
    assertThat(
            failure(
                text.replaceAll(
                    "lastmodified: \"[^\"]+\"", "lastmodified: \"2020-01-01T00:00:00Z\"")))
        .as("lastmodified is the MAC's additional data")
        .isEqualTo(
            "edited.yaml: SOPS MAC check failed: its MAC cannot be opened (failed authentication);"
                + " nothing was written");
    assertThat(
            failure(
                text.replace(
                        "stringData:\n",
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!: 1\nstringData:\n")
                    .replace("encrypted_regex: ^stringData$", "encrypted_regex: ^(a+)+\\1$")))
        .as(
            "a regex that backtracks for minutes in Java (sops, on RE2, refuses backreferences) is stopped")
        .isEqualTo(
            "edited.yaml: its encrypted_regex takes too long to match key 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'");
    assertThat(failure(text.replace("sops:", "sops: 1\nx:")))
        .isEqualTo("edited.yaml: the 'sops' entry is not a mapping");
  }
}
