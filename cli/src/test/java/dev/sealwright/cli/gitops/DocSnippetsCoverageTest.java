package dev.sealwright.cli.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealwright.testing.DocSnippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/gitops.md and docs/migration.md promise that their marked commands are the ones the tests
 * run: every snippet name appears as a string in some test of the cli or operator module (which
 * reads it through {@link DocSnippets}), so a snippet nobody runs cannot be added.
 */
class DocSnippetsCoverageTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sealwright.root", "..")).toAbsolutePath().normalize();

  @ParameterizedTest
  @ValueSource(strings = {"gitops.md", "migration.md"})
  void everySnippet_isReadByATest(String page) throws IOException {
    DocSnippets snippets = DocSnippets.page(page);
    String tests = testSources();

    List<String> unread = new ArrayList<>();
    for (String name : snippets.names()) {
      if (!tests.contains("\"" + name + "\"")) {
        unread.add(name);
      }
    }

    assertThat(snippets.names()).isNotEmpty();
    assertThat(unread).as("snippets of docs/%s no test reads", page).isEmpty();
  }

  private static String testSources() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String module : List.of("cli", "operator")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/test/java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          all.append(Files.readString(f)).append('\n');
        }
      }
    }
    return all.toString();
  }
}
