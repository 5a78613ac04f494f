package dev.sealwright.operator.it;

import dev.sealwright.operator.keys.KeyStorage;
import dev.sealwright.operator.protection.VaultTransitProtector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Key protection by Vault's Transit engine, against a real Vault dev server. The operator reads a
 * token from a file, as it would from a projected volume or an agent sidecar.
 */
class VaultTransitProtectionIT extends RemoteKekContract {
  private static final String ROOT_TOKEN = UUID.randomUUID().toString();
  private static KekServer vault;

  /** A second Vault with a Transit key of the same name: the wrong KEK under the right name. */
  private static KekServer otherVault;

  private static Path tokenFile;

  @BeforeAll
  static void startVault() throws Exception {
    vault = KekServer.vault(ROOT_TOKEN);
    otherVault = KekServer.vault(ROOT_TOKEN);
    tokenFile = Files.createTempFile("sw-vault-token", "");
    Files.writeString(tokenFile, ROOT_TOKEN + "\n");
    for (KekServer server : List.of(vault, otherVault)) {
      post(server, "/v1/sys/mounts/transit", "{\"type\":\"transit\"}");
      post(server, "/v1/transit/keys/sealwright", "{\"type\":\"aes256-gcm96\"}");
    }
  }

  @AfterAll
  static void stopVault() {
    vault.close();
    otherVault.close();
  }

  private static void post(KekServer server, String path, String json)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(server.address.resolve(path))
                  .header("X-Vault-Token", ROOT_TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
      }
    }
  }

  private static KeyStorage storage(KekServer server, boolean migrate) {
    return KeyStorage.protectedBy(
        VaultTransitProtector.create(
            URI.create(server.address.toString()), "transit", "sealwright", tokenFile, KEK_TIMEOUT),
        List.of(ESCROW.publicRecipient()),
        migrate);
  }

  @Override
  KeyStorage storage(boolean migrate) {
    return storage(vault, migrate);
  }

  @Override
  KeyStorage wrongKekStorage() {
    return storage(otherVault, false);
  }

  @Override
  String wrongKekMessage() {
    return "vault-transit:transit/sealwright: Vault decrypt answered HTTP 400";
  }

  @Override
  KekServer server() {
    return vault;
  }

  @Override
  String unreachableMessage() {
    return "vault-transit:transit/sealwright: Vault decrypt failed";
  }
}
