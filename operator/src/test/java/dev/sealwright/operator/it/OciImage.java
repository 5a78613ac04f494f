package dev.sealwright.operator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealwright.testenv.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image archive as Jib writes it (oci-layout, index.json, blobs), unpacked with the system's
 * tar: its manifest, its config and its root file system, as a container runtime would see them.
 */
public final class OciImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final JsonNode index;
  private final JsonNode manifest;
  private final JsonNode config;

  private OciImage(Path dir) throws IOException {
    this.dir = dir;
    this.index = JSON.readTree(dir.resolve("index.json").toFile());
    this.manifest = blob(index.path("manifests").path(0).path("digest").asText());
    this.config = blob(manifest.path("config").path("digest").asText());
  }

  /** Unpacks {@code archive} into {@code dir} (which must be empty). */
  public static OciImage unpack(Path archive, Path dir) throws IOException {
    tar("-xf", archive.toString(), "-C", dir.toString());
    return new OciImage(dir);
  }

  private JsonNode blob(String digest) throws IOException {
    return JSON.readTree(blobPath(digest).toFile());
  }

  private Path blobPath(String digest) {
    return dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  /** The name the archive gives the image ({@code org.opencontainers.image.ref.name}). */
  public String refName() {
    return index
        .path("manifests")
        .path(0)
        .path("annotations")
        .path("org.opencontainers.image.ref.name")
        .asText();
  }

  public JsonNode config() {
    return config.path("config");
  }

  /** The compressed size of every layer, as pulled from a registry. */
  public long layersSize() {
    long total = 0;
    for (JsonNode layer : manifest.path("layers")) {
      total += layer.path("size").asLong();
    }
    return total;
  }

  /** Every path in every layer, as tar lists them (relative, no leading slash). */
  public List<String> paths() throws IOException {
    List<String> paths = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      String listing =
          tar(
              "-tzf",
              blobPath(layer.path("digest").asText()).toString(),
              "--warning=no-unknown-keyword");
      listing.lines().forEach(paths::add);
    }
    return paths;
  }

  /** Extracts every layer, in order, into {@code root}. */
  public void extractTo(Path root) throws IOException {
    Files.createDirectories(root);
    for (JsonNode layer : manifest.path("layers")) {
      tar(
          "-xzf",
          blobPath(layer.path("digest").asText()).toString(),
          "--warning=no-unknown-keyword",
          "-C",
          root.toString());
    }
  }

  private static String tar(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("tar"));
    command.addAll(List.of(args));
    ChildProcesses.Result r =
        ChildProcesses.run(
            new ProcessBuilder(command).redirectErrorStream(true), null, Duration.ofMinutes(2));
    if (r.exitCode() != 0) {
      throw new IOException(r.command() + " failed: " + r.stdout());
    }
    return r.stdout();
  }
}
