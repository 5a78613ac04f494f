package dev.sealwright.cli.gitops;

import dev.sealwright.cli.manifest.YamlDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands of an Argo CD config-management plugin in deploy/argocd, as its cmp-server runs
 * them: {@code spec.init} and {@code spec.generate}, each {@code command} followed by its {@code
 * args}, in the application's folder.
 */
public final class ArgoCdPlugins {
  private static final Path ROOT =
      Path.of(System.getProperty("sealwright.root", "..")).toAbsolutePath().normalize();

  private ArgoCdPlugins() {}

  /** The generate command line of {@code deploy/argocd/<file>}. */
  public static List<String> generate(String file) {
    return commandOf(file, "generate");
  }

  /** The init command line of {@code deploy/argocd/<file>}. */
  public static List<String> init(String file) {
    return commandOf(file, "init");
  }

  @SuppressWarnings("unchecked")
  private static List<String> commandOf(String file, String step) {
    Path path = ROOT.resolve("deploy/argocd").resolve(file);
    Map<String, Object> plugin;
    try {
      plugin = (Map<String, Object>) YamlDocuments.load(Files.readString(path), file).getFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!"ConfigManagementPlugin".equals(plugin.get("kind"))) {
      throw new IllegalStateException(path + " is not a ConfigManagementPlugin");
    }
    Map<String, Object> command =
        (Map<String, Object>) ((Map<String, Object>) plugin.get("spec")).get(step);
    if (command == null) {
      throw new IllegalStateException(path + " has no spec." + step);
    }
    List<String> line = new ArrayList<>((List<String>) command.get("command"));
    if (command.get("args") != null) {
      line.addAll((List<String>) command.get("args"));
    }
    return line;
  }
}
