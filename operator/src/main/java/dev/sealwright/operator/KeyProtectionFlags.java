package dev.sealwright.operator;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Recipient;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.operator.keys.KeyStorage;
import dev.sealwright.operator.protection.AwsKmsProtector;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.operator.protection.KeyProtector;
import dev.sealwright.operator.protection.Pkcs11Protector;
import dev.sealwright.operator.protection.VaultTransitProtector;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The key-protection flags of {@link Main} (docs/keys.md): which key-encryption key wraps the
 * cluster's identities, the offline escrow recipients, and whether to migrate plain keys.
 */
final class KeyProtectionFlags {
  /** A flag value that cannot work; Main prints it with a hint and exits 2. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final String hint;

    Invalid(String message, String hint) {
      super(message, null, false, false);
      this.hint = hint;
    }
  }

  @Option(
      names = "--key-protection",
      defaultValue = "${env:SEALWRIGHT_KEY_PROTECTION:-none}",
      description =
          "none, pkcs11, aws-kms or vault-transit: what wraps the cluster keys (env SEALWRIGHT_KEY_PROTECTION, default ${DEFAULT-VALUE}).")
  String provider;

  @Option(
      names = "--escrow-recipients",
      defaultValue = "${env:SEALWRIGHT_ESCROW_RECIPIENTS}",
      description =
          "Comma-separated age recipients (offline keys) each protected key is also encrypted to (env SEALWRIGHT_ESCROW_RECIPIENTS).")
  String escrowRecipients;

  @Option(
      names = "--no-escrow",
      defaultValue = "${env:SEALWRIGHT_NO_ESCROW:-false}",
      description =
          "Protect keys without an escrow copy: losing the KEK then loses every key (env SEALWRIGHT_NO_ESCROW).")
  boolean noEscrow;

  @Option(
      names = "--migrate-plain-keys",
      defaultValue = "${env:SEALWRIGHT_MIGRATE_PLAIN_KEYS:-false}",
      description =
          "Accept plain key Secrets and protect them in place (env SEALWRIGHT_MIGRATE_PLAIN_KEYS).")
  boolean migratePlainKeys;

  @Option(
      names = "--kek-timeout",
      defaultValue = "${env:SEALWRIGHT_KEK_TIMEOUT:-PT10S}",
      description =
          "Bound on one call to the KEK holder (env SEALWRIGHT_KEK_TIMEOUT, default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--pkcs11-config",
      defaultValue = "${env:SEALWRIGHT_PKCS11_CONFIG}",
      description =
          "SunPKCS11 configuration file: library and slot (env SEALWRIGHT_PKCS11_CONFIG).")
  Path pkcs11Config;

  @Option(
      names = "--pkcs11-pin-file",
      defaultValue = "${env:SEALWRIGHT_PKCS11_PIN_FILE}",
      description = "File holding the token's user PIN (env SEALWRIGHT_PKCS11_PIN_FILE).")
  Path pkcs11PinFile;

  @Option(
      names = "--pkcs11-key-label",
      defaultValue = "${env:SEALWRIGHT_PKCS11_KEY_LABEL:-sealwright-kek}",
      description =
          "Label of the AES key on the token (env SEALWRIGHT_PKCS11_KEY_LABEL, default ${DEFAULT-VALUE}).")
  String pkcs11KeyLabel;

  @Option(
      names = "--aws-kms-key",
      defaultValue = "${env:SEALWRIGHT_AWS_KMS_KEY}",
      description = "KMS key id, ARN or alias/NAME (env SEALWRIGHT_AWS_KMS_KEY).")
  String awsKmsKey;

  @Option(
      names = "--aws-region",
      defaultValue = "${env:AWS_REGION}",
      description = "The KMS key's region (env AWS_REGION).")
  String awsRegion;

  @Option(
      names = "--aws-endpoint",
      defaultValue = "${env:SEALWRIGHT_AWS_ENDPOINT}",
      description = "Another KMS endpoint, such as a VPC endpoint (env SEALWRIGHT_AWS_ENDPOINT).")
  URI awsEndpoint;

  @Option(
      names = "--vault-address",
      defaultValue = "${env:VAULT_ADDR}",
      description = "Vault's address (env VAULT_ADDR).")
  URI vaultAddress;

  @Option(
      names = "--vault-token-file",
      defaultValue = "${env:SEALWRIGHT_VAULT_TOKEN_FILE}",
      description =
          "File holding the Vault token, re-read at every call (env SEALWRIGHT_VAULT_TOKEN_FILE).")
  Path vaultTokenFile;

  @Option(
      names = "--vault-transit-mount",
      defaultValue = "${env:SEALWRIGHT_VAULT_TRANSIT_MOUNT:-transit}",
      description =
          "Where Transit is mounted (env SEALWRIGHT_VAULT_TRANSIT_MOUNT, default ${DEFAULT-VALUE}).")
  String vaultTransitMount;

  @Option(
      names = "--vault-transit-key",
      defaultValue = "${env:SEALWRIGHT_VAULT_TRANSIT_KEY:-sealwright}",
      description =
          "The Transit key's name (env SEALWRIGHT_VAULT_TRANSIT_KEY, default ${DEFAULT-VALUE}).")
  String vaultTransitKey;

  /**
   * The storage these flags describe; opens the KEK holder's client (and, for PKCS#11, logs in).
   */
  KeyStorage storage() throws Invalid {
    if (provider == null || provider.equals("none")) {
      if (migratePlainKeys) {
        throw new Invalid(
            "--migrate-plain-keys needs --key-protection", "name the KEK the keys should move to");
      }
      return KeyStorage.PLAIN;
    }
    List<Recipient> escrow = escrow();
    KeyProtector protector = protector();
    return KeyStorage.protectedBy(protector, escrow, migratePlainKeys);
  }

  private List<Recipient> escrow() throws Invalid {
    if (escrowRecipients == null || escrowRecipients.isBlank()) {
      if (!noEscrow) {
        throw new Invalid(
            "key protection without escrow recipients",
            "pass --escrow-recipients age1pq1... (an offline key: the way back if the KEK is"
                + " lost), or --no-escrow to accept that losing the KEK loses every key");
      }
      return List.of();
    }
    try {
      return AgeKeys.parseRecipients(String.join("\n", escrowRecipients.split(",")));
    } catch (MalformedException e) {
      throw new Invalid(
          "--escrow-recipients: " + e.getMessage(), "give age recipients, comma-separated");
    }
  }

  private KeyProtector protector() throws Invalid {
    try {
      return switch (provider) {
        case "pkcs11" -> {
          require(pkcs11Config, "--pkcs11-config");
          require(pkcs11PinFile, "--pkcs11-pin-file");
          char[] pin = secretFile(pkcs11PinFile);
          try {
            yield Pkcs11Protector.open(pkcs11Config, pin, pkcs11KeyLabel);
          } finally {
            Arrays.fill(pin, '\0');
          }
        }
        case "aws-kms" -> {
          require(awsKmsKey, "--aws-kms-key");
          require(awsRegion, "--aws-region");
          yield AwsKmsProtector.create(
              awsKmsKey, awsRegion, Optional.ofNullable(awsEndpoint), timeout);
        }
        case "vault-transit" -> {
          require(vaultAddress, "--vault-address");
          require(vaultTokenFile, "--vault-token-file");
          yield VaultTransitProtector.create(
              vaultAddress, vaultTransitMount, vaultTransitKey, vaultTokenFile, timeout);
        }
        default ->
            throw new Invalid(
                "unknown --key-protection " + provider,
                "use none, pkcs11, aws-kms or vault-transit");
      };
    } catch (KeyProtectionException e) {
      throw new Invalid(e.getMessage(), "see docs/keys.md, \"Key protection\"");
    } catch (IllegalArgumentException e) {
      throw new Invalid(provider + ": " + e.getMessage(), "see docs/keys.md, \"Key protection\"");
    }
  }

  private void require(Object value, String flag) throws Invalid {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new Invalid(
          "--key-protection " + provider + " needs " + flag,
          "see docs/keys.md, \"Key protection\"");
    }
  }

  private static char[] secretFile(Path file) throws Invalid {
    try {
      if (Files.size(file) > 4096) {
        throw new Invalid(file + " is too large for a PIN", "the file holds the PIN only");
      }
      byte[] bytes = Files.readAllBytes(file);
      try {
        return new String(bytes, StandardCharsets.UTF_8).strip().toCharArray();
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    } catch (IOException e) {
      throw new Invalid("cannot read " + file, "mount the PIN Secret there");
    }
  }
}
