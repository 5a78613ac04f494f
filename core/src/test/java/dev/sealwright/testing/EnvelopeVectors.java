package dev.sealwright.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The project's envelope vectors (docs/format.md §8), read from the classpath so that other
 * modules' tests get them through core's test-jar instead of a copy.
 */
public final class EnvelopeVectors {
  private EnvelopeVectors() {}

  /**
   * One vector file's fields ({@code expect}, {@code identity}, {@code binding}, {@code envelope},
   * and for successes {@code value}).
   */
  public record Vector(String name, Map<String, String> fields) {
    public String get(String field) {
      return fields.get(field);
    }
  }

  public static List<Vector> all() {
    URL url = EnvelopeVectors.class.getResource("/vectors");
    if (url == null) {
      throw new IllegalStateException("no vectors on the classpath (core's test resources)");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          return read(fs.getPath("/vectors"));
        }
      }
      return read(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Vector> read(Path dir) throws IOException {
    List<Vector> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.sorted().toList()) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          int colon = line.indexOf(": ");
          fields.put(line.substring(0, colon), line.substring(colon + 2));
        }
        out.add(new Vector(f.getFileName().toString(), Map.copyOf(fields)));
      }
    }
    return out;
  }
}
