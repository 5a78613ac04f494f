package dev.sealwright.cli.config;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.YamlDocuments;
import dev.sealwright.envelope.Scope;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A repository's {@code .sealwright.yaml}: rules that map file paths to recipients and a scope, so
 * that {@code seal}, {@code create} and {@code set} need no flags inside a GitOps repository.
 * Format in {@code docs/cli.md}.
 *
 * @param dir the directory holding the file; rule paths are relative to it
 */
public record RepoConfig(Path file, Path dir, Scope defaultScope, List<Rule> rules) {
  public static final String FILE_NAME = ".sealwright.yaml";

  /**
   * One rule; the first whose {@code path} regex is found in the target's path wins.
   *
   * @param path null matches every path
   * @param scope null means the file's default scope
   */
  public record Rule(Pattern path, Scope scope, List<String> recipients) {}

  /** The settings for one target file (or directory, when writing to standard output). */
  public record Match(RepoConfig config, Rule rule, Scope scope) {
    /** Names the rule for the line sealing commands print: "rule 2 of FILE (path ^prod/)". */
    public String describe() {
      int index = config.rules().indexOf(rule) + 1;
      String path = rule.path() == null ? "any path" : "path " + rule.path().pattern();
      return "rule " + index + " of " + config.file() + " (" + path + ")";
    }
  }

  /**
   * Finds the nearest {@code .sealwright.yaml} from the working directory up, stopping at the
   * repository root (the folder holding {@code .git}, a directory or a worktree's file) or the
   * user's home, whichever comes first: a file in a shared parent folder must not redirect sealing.
   */
  public static Optional<RepoConfig> find(CliEnv env) {
    Path home = env.getenv("HOME").map(h -> Path.of(h).toAbsolutePath().normalize()).orElse(null);
    for (Path dir = env.workingDir(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(FILE_NAME);
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(file)) {
        ConfigFileCheck.requireTrusted(file);
        return Optional.of(load(env, file));
      }
      if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS) || dir.equals(home)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static RepoConfig load(CliEnv env, Path file) {
    String source = file.toString();
    List<Object> docs = YamlDocuments.load(Inputs.readText(env, file.toString()), source);
    if (docs.size() > 1 || (!docs.isEmpty() && !(docs.getFirst() instanceof Map<?, ?>))) {
      throw bad(source, "must be one YAML mapping with 'scope' and 'rules'");
    }
    Map<?, ?> root = docs.isEmpty() ? Map.of() : (Map<?, ?>) docs.getFirst();
    Scope defaultScope = scope(root.get("scope"), source, "scope");
    if (defaultScope == null) {
      defaultScope = Scope.STRICT;
    }
    List<Rule> rules = new ArrayList<>();
    Object rawRules = root.get("rules");
    if (rawRules != null && !(rawRules instanceof List<?>)) {
      throw bad(source, "'rules' must be a list");
    }
    List<?> list = rawRules == null ? List.of() : (List<?>) rawRules;
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(list.get(i), source, "rules[" + i + "]"));
    }
    return new RepoConfig(file, file.getParent(), defaultScope, List.copyOf(rules));
  }

  private static Rule rule(Object raw, String source, String where) {
    if (!(raw instanceof Map<?, ?> m)) {
      throw bad(source, where + " must be a mapping with 'path', 'recipients' and 'scope'");
    }
    Pattern path = null;
    if (m.get("path") instanceof String p) {
      try {
        path = Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        throw bad(source, where + ".path is not a valid regular expression: " + e.getDescription());
      }
    } else if (m.get("path") != null) {
      throw bad(source, where + ".path must be a string");
    }
    List<String> recipients = new ArrayList<>();
    if (!(m.get("recipients") instanceof List<?> rs) || rs.isEmpty()) {
      throw bad(source, where + ".recipients must be a non-empty list of age recipients");
    } else {
      for (Object r : rs) {
        if (!(r instanceof String s)) {
          throw bad(source, where + ".recipients must hold strings (age1pq1... or age1...)");
        }
        recipients.add(s.strip());
      }
    }
    return new Rule(path, scope(m.get("scope"), source, where + ".scope"), List.copyOf(recipients));
  }

  private static Scope scope(Object raw, String source, String where) {
    if (raw == null) {
      return null;
    }
    Scope scope = raw instanceof String s ? Scope.fromWireName(s) : null;
    if (scope == null) {
      throw bad(source, where + " must be strict, namespace or cluster");
    }
    return scope;
  }

  private static CliException bad(String source, String problem) {
    return CliException.usage(
        source + ": " + problem, "see 'Repository configuration' in docs/cli.md");
  }

  /**
   * The first rule matching {@code target}, a file or directory path; matched as a path relative to
   * this file's directory with '/' separators.
   */
  public Optional<Match> match(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    String relative =
        absolute.startsWith(dir)
            ? dir.relativize(absolute).toString().replace('\\', '/')
            : absolute.toString();
    if (!relative.isEmpty() && Files.isDirectory(absolute)) {
      // A working directory matches rules written for the files in it, such as ^clusters/prod/.
      relative += "/";
    }
    for (Rule rule : rules) {
      if (rule.path() == null || rule.path().matcher(relative).find()) {
        return Optional.of(
            new Match(this, rule, rule.scope() != null ? rule.scope() : defaultScope));
      }
    }
    return Optional.empty();
  }
}
