package dev.sealwright.operator.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealwright.secret.SecretBytes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A KEK in HashiCorp Vault's Transit engine: Vault encrypts each identity with a named key that
 * never leaves it ({@code POST <mount>/encrypt/<key>}, {@code .../decrypt/<key>}), the context as
 * AEAD associated data ({@code associated_data}, Vault 1.13 and later, key types aes*-gcm96 and
 * chacha20-poly1305). The token is read from a file at every call, so a token that a sidecar or a
 * projected volume renews is picked up without a restart.
 */
public final class VaultTransitProtector implements KeyProtector {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[-_.a-zA-Z0-9]+(/[-_.a-zA-Z0-9]+)*");

  /** A Vault response for one small value is under a kilobyte; anything far larger is refused. */
  private static final int MAX_RESPONSE = 64 * 1024;

  private static final int MAX_TOKEN = 16 * 1024;

  private final HttpClient http;
  private final URI address;
  private final String mount;
  private final String key;
  private final Path tokenFile;
  private final Duration timeout;

  private VaultTransitProtector(
      HttpClient http, URI address, String mount, String key, Path tokenFile, Duration timeout) {
    this.http = http;
    this.address = address;
    this.mount = mount;
    this.key = key;
    this.tokenFile = tokenFile;
    this.timeout = timeout;
  }

  /**
   * @param address Vault's address, such as {@code https://vault.example:8200}
   * @param mount where Transit is mounted, usually {@code transit}
   * @param key the Transit key's name
   */
  public static VaultTransitProtector create(
      URI address, String mount, String key, Path tokenFile, Duration timeout) {
    if (!NAME.matcher(mount).matches() || !NAME.matcher(key).matches() || key.contains("/")) {
      throw new IllegalArgumentException(
          "Vault Transit mount and key names are letters, digits, '-', '_' and '.' (mounts may"
              + " have '/')");
    }
    String scheme = address.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("the Vault address must be an http(s) URL");
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new VaultTransitProtector(http, address, mount, key, tokenFile, timeout);
  }

  @Override
  public String kekName() {
    return "vault-transit:" + mount + "/" + key;
  }

  @Override
  public byte[] wrap(SecretBytes identity, String context) throws KeyProtectionException {
    byte[] plain = identity.toByteArray();
    ObjectNode body = JSON.createObjectNode();
    try {
      body.put("plaintext", Base64.getEncoder().encodeToString(plain));
      body.put("associated_data", base64(context));
      JsonNode data = call("encrypt", body);
      JsonNode ciphertext = data.path("ciphertext");
      if (!ciphertext.isTextual() || !ciphertext.asText().startsWith("vault:v")) {
        throw KeyProtectionException.refused(
            kekName() + ": Vault's encrypt answer has no ciphertext");
      }
      return ciphertext.asText().getBytes(StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(plain, (byte) 0);
      body.removeAll();
    }
  }

  @Override
  public SecretBytes unwrap(byte[] wrapped, String context) throws KeyProtectionException {
    String ciphertext = new String(wrapped, StandardCharsets.US_ASCII);
    if (!ciphertext.startsWith("vault:v")) {
      throw KeyProtectionException.refused(kekName() + ": not a Vault Transit ciphertext");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("ciphertext", ciphertext);
    body.put("associated_data", base64(context));
    JsonNode data = call("decrypt", body);
    JsonNode plaintext = data.path("plaintext");
    if (!plaintext.isTextual()) {
      throw KeyProtectionException.refused(kekName() + ": Vault's decrypt answer has no plaintext");
    }
    try {
      return SecretBytes.adopt(Base64.getDecoder().decode(plaintext.asText()));
    } catch (IllegalArgumentException e) {
      throw KeyProtectionException.refused(kekName() + ": Vault's plaintext is not base64");
    }
  }

  private JsonNode call(String operation, ObjectNode body) throws KeyProtectionException {
    String what = kekName() + ": Vault " + operation + " ";
    HttpRequest request =
        HttpRequest.newBuilder(address.resolve("/v1/" + mount + "/" + operation + "/" + key))
            .timeout(timeout)
            .header("X-Vault-Token", token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw KeyProtectionException.unavailable(what + "failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KeyProtectionException.unavailable(what + "was interrupted");
    }
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      // 503 also means a sealed or standby Vault: it may answer later.
      throw KeyProtectionException.unavailable(what + "answered HTTP " + status);
    }
    if (status != 200) {
      // 400 on decrypt is "message authentication failed" (another key, altered, other context);
      // 403 a token without the policy. Vault's error text names no key material.
      throw KeyProtectionException.refused(what + "answered HTTP " + status + errors(response));
    }
    if (response.body().length > MAX_RESPONSE) {
      throw KeyProtectionException.refused(what + "answered with an oversized body");
    }
    try {
      return JSON.readTree(response.body()).path("data");
    } catch (IOException e) {
      throw KeyProtectionException.refused(what + "answered with no JSON");
    } finally {
      Arrays.fill(response.body(), (byte) 0);
    }
  }

  private String token() throws KeyProtectionException {
    try {
      if (Files.size(tokenFile) > MAX_TOKEN) {
        throw KeyProtectionException.refused(
            kekName() + ": the token file " + tokenFile + " is too large");
      }
      String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
      if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw KeyProtectionException.refused(
            kekName() + ": the token file " + tokenFile + " does not hold a token");
      }
      return token;
    } catch (IOException e) {
      throw KeyProtectionException.unavailable(
          kekName() + ": cannot read the token file " + tokenFile);
    }
  }

  private static String errors(HttpResponse<byte[]> response) {
    if (response.body().length > MAX_RESPONSE) {
      return "";
    }
    try {
      JsonNode errors = JSON.readTree(response.body()).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        String first = errors.get(0).asText();
        return ": " + (first.length() > 200 ? first.substring(0, 200) : first);
      }
    } catch (IOException e) {
      // No JSON body: the status code says enough.
    }
    return "";
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    http.close();
  }
}
