package dev.sealwright.cli.io;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads files and standard input with a size limit, so a wrong path cannot exhaust memory. */
public final class Inputs {
  /** Far above any Secret (1 MiB of data, base64 in YAML); below anything that hurts. */
  public static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;

  private Inputs() {}

  /** The bytes of {@code path}, or of standard input when {@code path} is null or "-". */
  public static byte[] readBytes(CliEnv env, String path) {
    try {
      if (path == null || path.equals("-")) {
        return readLimited(env.in(), "standard input");
      }
      Path file = env.resolve(path);
      if (Files.isDirectory(file)) {
        throw CliException.failed(path + " is a directory, not a file");
      }
      try (InputStream in = Files.newInputStream(file)) {
        return readLimited(in, path);
      } catch (java.nio.file.NoSuchFileException e) {
        // Name the file as the user wrote it, not as resolved.
        throw CliException.failed(path + ": no such file", "check the path and try again");
      }
    } catch (IOException e) {
      throw IoErrors.describe(e);
    }
  }

  /** Like {@link #readBytes} but decoded as UTF-8, failing on invalid UTF-8. */
  public static String readText(CliEnv env, String path) {
    return utf8(readBytes(env, path), displayName(path));
  }

  /** How messages name {@code path}: as typed, or "standard input" for null or "-". */
  public static String displayName(String path) {
    return path == null || path.equals("-") ? "standard input" : path;
  }

  public static String utf8(byte[] bytes, String source) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw CliException.failed(source + " is not UTF-8 text", "manifests are YAML or JSON text");
    }
  }

  private static byte[] readLimited(InputStream in, String source) throws IOException {
    byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    if (bytes.length > MAX_INPUT_BYTES) {
      throw CliException.failed(
          source + " is larger than " + (MAX_INPUT_BYTES >> 20) + " MiB",
          "is this the right file?");
    }
    return bytes;
  }
}
