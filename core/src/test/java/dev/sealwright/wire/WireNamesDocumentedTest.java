package dev.sealwright.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The wire contract is what users and other tools see (labels they select on, names they grant
 * access to): every name in {@link WireNames} appears in the user documentation, so a rename in
 * code cannot leave the docs describing the old one.
 */
class WireNamesDocumentedTest {
  private static final Path DOCS =
      Path.of(System.getProperty("user.dir")).getParent().resolve("docs");

  @Test
  void everyWireName_appearsInTheDocs() throws Exception {
    String docs =
        Files.readString(DOCS.resolve("operator.md"), StandardCharsets.UTF_8)
            + Files.readString(DOCS.resolve("cli.md"), StandardCharsets.UTF_8)
            + Files.readString(DOCS.resolve("keys.md"), StandardCharsets.UTF_8);
    int checked = 0;
    for (Field f : WireNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String value = (String) f.get(null);
        assertThat(docs).as("WireNames." + f.getName() + " = " + value).contains(value);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10);
  }
}
