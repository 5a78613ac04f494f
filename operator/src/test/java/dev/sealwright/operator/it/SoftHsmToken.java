package dev.sealwright.operator.it;

import dev.sealwright.testenv.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SoftHSM2 token for the PKCS#11 ITs: initialised with softhsm2-util, its AES keys made with
 * the JDK's own keytool through SunPKCS11, as docs/keys.md tells an operator to do on a real HSM.
 * SoftHSM2 reads its configuration from {@code SOFTHSM2_CONF} (set by the build for the test JVM);
 * this writes that file before anything loads the library, and makes every token once per JVM.
 */
final class SoftHsmToken {
  static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  static final String PIN = "8264-1937";

  /** The KEK the operator is configured with. */
  static final String KEK = "sealwright-kek";

  private static SoftHsmToken token;

  /** The token the operator is configured with. */
  final Path sunPkcs11Config;

  /** A second token with an AES key of the same label: the wrong KEK under the right name. */
  final Path otherTokenConfig;

  final Path pinFile;

  private SoftHsmToken(Path sunPkcs11Config, Path otherTokenConfig, Path pinFile) {
    this.sunPkcs11Config = sunPkcs11Config;
    this.otherTokenConfig = otherTokenConfig;
    this.pinFile = pinFile;
  }

  static synchronized SoftHsmToken get() {
    if (token == null) {
      token = create();
    }
    return token;
  }

  private static SoftHsmToken create() {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new IllegalStateException("SOFTHSM2_CONF is not set; run the ITs through Maven");
    }
    try {
      Path confFile = Path.of(conf);
      Path dir = confFile.getParent();
      Path tokens = dir.resolve("tokens");
      if (Files.exists(tokens)) {
        try (var old = Files.walk(tokens)) {
          old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(tokens);
      Files.writeString(
          confFile,
          "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
      Path pin = dir.resolve("pin");
      Files.writeString(pin, PIN + "\n");
      Path cfg = token(dir, "sealwright");
      Path other = token(dir, "other");
      return new SoftHsmToken(cfg, other, pin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Initialises a token, writes its SunPKCS11 configuration and makes its KEK with keytool. */
  private static Path token(Path dir, String label) throws IOException {
    String init =
        ChildProcesses.run(
                Duration.ofSeconds(60),
                List.of(
                    "softhsm2-util",
                    "--init-token",
                    "--free",
                    "--label",
                    label,
                    "--pin",
                    PIN,
                    "--so-pin",
                    "5555-0000"))
            .requireSuccess()
            .stdout();
    Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init);
    if (!slot.find()) {
      throw new IllegalStateException("softhsm2-util named no slot: " + init);
    }
    Path cfg = dir.resolve(label + ".cfg");
    // Keys the token generates are token objects that never leave it in clear.
    Files.writeString(
        cfg,
        "name = SoftHSM-"
            + label
            + "\nlibrary = "
            + LIBRARY
            + "\nslot = "
            + slot.group(1)
            + "\nattributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
            + "  CKA_TOKEN = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n");
    ChildProcesses.run(
            Duration.ofSeconds(120),
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genseckey",
                "-alias",
                KEK,
                "-keyalg",
                "AES",
                "-keysize",
                "256",
                "-keystore",
                "NONE",
                "-storetype",
                "PKCS11",
                "-addprovider",
                "SunPKCS11",
                "-providerArg",
                cfg.toString(),
                "-storepass",
                PIN))
        .requireSuccess();
    return cfg;
  }
}
