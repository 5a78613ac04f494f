package dev.sealwright.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.cli.Cli;
import dev.sealwright.envelope.KeyId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateKeyCommandTest {
  @TempDir Path dir;

  @Test
  void keygen_output_writesOwnerOnlyFileAndPrintsItsRecipient() throws Exception {
    var r = Cli.in(dir).ok("keygen", "-o", "key.txt");

    Path key = dir.resolve("key.txt");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String recipient = r.out().strip();
    assertThat(recipient).startsWith("age1pq1");
    assertThat(AgeKeys.parseIdentities(Files.readString(key)))
        .singleElement()
        .satisfies(i -> assertThat(i.recipient().orElseThrow().encoded()).isEqualTo(recipient));
    assertThat(r.err())
        .isEqualTo(
            "sealwright: wrote identity key.txt (key id "
                + KeyId.ofRecipientString(recipient)
                + ")\n");
  }

  @Test
  void keygen_classic_generatesX25519Identity() throws Exception {
    var r = Cli.in(dir).ok("keygen", "--classic", "-o", "key.txt");

    String recipient = r.out().strip();
    assertThat(recipient).startsWith("age1").doesNotStartWith("age1pq1");
    String file = Files.readString(dir.resolve("key.txt"));
    assertThat(file).contains("\nAGE-SECRET-KEY-1");
    assertThat(AgeKeys.parseIdentities(file))
        .singleElement()
        .satisfies(i -> assertThat(i.recipient().orElseThrow().encoded()).isEqualTo(recipient));
  }

  @Test
  void keygen_existingFile_isRefusedWithExit3AndFileUntouched() throws Exception {
    Files.writeString(dir.resolve("key.txt"), "precious");

    var r = Cli.in(dir).run("keygen", "-o", "key.txt");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .startsWith(
            "sealwright: error: key.txt already exists; refusing to overwrite an identity\n");
    assertThat(Files.readString(dir.resolve("key.txt"))).isEqualTo("precious");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void keygen_noOutput_printsAParseableIdentityFile() throws Exception {
    var r = Cli.in(dir).ok("keygen");

    assertThat(r.out()).contains("# public key: age1pq1", "\nAGE-SECRET-KEY-PQ-1");
    String recipient =
        r.out()
            .lines()
            .filter(l -> l.startsWith("# public key: "))
            .findFirst()
            .orElseThrow()
            .substring("# public key: ".length());
    assertThat(AgeKeys.parseIdentities(r.out()))
        .singleElement()
        .satisfies(i -> assertThat(i.recipient().orElseThrow().encoded()).isEqualTo(recipient));
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
