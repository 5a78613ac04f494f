package dev.sealwright.cli.command;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Recipient;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.IoErrors;
import dev.sealwright.cli.io.AtomicFiles;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generate an age identity (post-quantum unless --classic).",
      "Post-quantum hybrid ML-KEM-768 + X25519 by default, X25519 with --classic. With -o, writes FILE readable by its owner only (never over an existing file) and prints the recipient; without -o, prints the identity file."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright keygen -o break-glass.txt     # prints age1pq1..., the recipient to seal to",
      "  sealwright keygen --classic -o old.txt   # X25519 only, for age tools without ML-KEM"
    })
public final class GenerateKeyCommand implements Callable<Integer> {
  private final CliEnv env;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the identity to FILE (mode 0600); refuses to overwrite.")
  String output;

  @Option(names = "--classic", description = "Generate an X25519 identity (not post-quantum).")
  boolean classic;

  public GenerateKeyCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (output != null && java.nio.file.Files.exists(env.resolve(output))) {
      throw refuseOverwrite();
    }
    SecretBytes secret;
    Recipient recipient;
    if (classic) {
      var identity = AgeKeys.generateX25519();
      secret = identity.encoded();
      recipient = identity.publicRecipient();
    } else {
      var identity = AgeKeys.generateHybrid();
      secret = identity.encoded();
      recipient = identity.publicRecipient();
    }
    byte[] file = identityFile(secret, recipient);
    try {
      if (output == null) {
        env.out().write(file, 0, file.length);
        env.out().flush();
        return 0;
      }
      AtomicFiles.createPrivate(env.resolve(output), file);
      env.out().println(recipient.encoded());
      env.err()
          .println(
              "sealwright: wrote identity " + output + " (key id " + KeyId.of(recipient) + ")");
      return 0;
    } catch (FileAlreadyExistsException e) {
      throw refuseOverwrite();
    } catch (IOException e) {
      throw IoErrors.describe(e);
    } finally {
      Arrays.fill(file, (byte) 0);
      secret.destroy();
    }
  }

  private CliException refuseOverwrite() {
    return CliException.refused(
        output + " already exists; refusing to overwrite an identity",
        "choose another file name, or remove the old file yourself if it is really unused");
  }

  private static byte[] identityFile(SecretBytes secret, Recipient recipient) {
    String header =
        "# created: "
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\n"
            + "# public key: "
            + recipient.encoded()
            + "\n"
            + "# key id: "
            + KeyId.of(recipient)
            + "\n";
    // One exact-size array that the caller wipes: a growing buffer would leave copies of the key.
    byte[] head = header.getBytes(StandardCharsets.US_ASCII);
    byte[] key = secret.toByteArray();
    byte[] file = Arrays.copyOf(head, head.length + key.length + 1);
    System.arraycopy(key, 0, file, head.length, key.length);
    file[file.length - 1] = '\n';
    Arrays.fill(key, (byte) 0);
    return file;
  }
}
