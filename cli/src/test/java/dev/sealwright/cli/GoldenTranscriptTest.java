package dev.sealwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole command sequences ({@code src/test/resources/golden/*.session}) run in a fresh directory
 * with the test keys; the transcript (commands, exit codes, stdout, stderr) must equal the {@code
 * .golden} file beside the session.
 *
 * <p>Envelopes are random, so the transcript replaces each envelope's base64 age file with {@code
 * <age>}, each envelope fingerprint with {@code <fingerprint>} and each value tag with a numbered
 * label; the envelope's clear part (scope, service account, key ids) and everything else stays,
 * byte for byte. Regenerate after an intended change with {@code ./mvnw -pl cli test
 * -Dtest=GoldenTranscriptTest -Dsealwright.golden.update=true} and review the diff.
 *
 * <p>Session syntax: {@code $ ARGS [< FILE] [> FILE]} runs {@code sealwright ARGS}; {@code @write
 * FILE} ... {@code @end} writes a file; {@code @copy FROM TO} copies one; {@code @env NAME=VALUE}
 * sets an environment variable; {@code ${cluster}} etc. stand for the test recipients.
 */
class GoldenTranscriptTest {
  @TempDir Path dir;
  private final java.util.Map<String, String> env = new java.util.HashMap<>();
  private final java.util.Map<String, String> tagLabels = new java.util.HashMap<>();

  static Stream<String> sessions() {
    return Stream.of("create-review-rotate", "errors", "repo-config", "edit");
  }

  @ParameterizedTest
  @MethodSource("sessions")
  void session_transcript_matchesGolden(String name) throws IOException {
    Fixtures.keys(dir);
    String transcript = run(Fixtures.resource("golden/" + name + ".session"));

    if (Boolean.getBoolean("sealwright.golden.update")) {
      Path golden =
          Path.of(
              System.getProperty("basedir", "."), "src/test/resources/golden", name + ".golden");
      Files.writeString(golden, transcript);
    }
    assertThat(transcript).isEqualTo(Fixtures.resource("golden/" + name + ".golden"));
  }

  private String run(String session) throws IOException {
    StringBuilder transcript = new StringBuilder();
    List<String> lines = session.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("@write ")) {
        StringBuilder content = new StringBuilder();
        while (!lines.get(++i).equals("@end")) {
          content.append(substitute(lines.get(i))).append('\n');
        }
        Path file = dir.resolve(line.substring(7).strip());
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
      } else if (line.startsWith("@env ")) {
        String assignment = line.substring(5);
        int eq = assignment.indexOf('=');
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      } else if (line.startsWith("@copy ")) {
        String[] parts = line.split(" +");
        Files.copy(dir.resolve(parts[1]), dir.resolve(parts[2]));
      } else if (line.startsWith("$ ")) {
        transcript.append(line).append('\n').append(command(line.substring(2)));
      } else if (line.startsWith("#") || line.isBlank()) {
        continue;
      } else {
        throw new IllegalArgumentException("bad session line: " + line);
      }
    }
    return transcript.toString();
  }

  private String command(String commandLine) throws IOException {
    List<String> args = new ArrayList<>(Arrays.asList(substitute(commandLine).split(" +")));
    String stdinFile = redirect(args, "<");
    String stdoutFile = redirect(args, ">");
    Cli cli = Cli.in(dir);
    env.forEach(cli::env);
    if (stdinFile != null) {
      cli.stdin(Files.readAllBytes(dir.resolve(stdinFile)));
    }
    Cli.Result r = cli.run(args.toArray(String[]::new));
    StringBuilder sb = new StringBuilder("[exit ").append(r.exit()).append("]\n");
    if (stdoutFile != null) {
      Files.createDirectories(dir.resolve(stdoutFile).getParent());
      Files.writeString(dir.resolve(stdoutFile), r.out(), StandardCharsets.UTF_8);
    } else {
      sb.append(normalize(r.out()));
    }
    if (!r.err().isEmpty()) {
      sb.append("[stderr]\n").append(normalize(r.err()));
    }
    return sb.toString();
  }

  private static String redirect(List<String> args, String op) {
    int at = args.indexOf(op);
    if (at < 0) {
      return null;
    }
    String file = args.get(at + 1);
    args.remove(at + 1);
    args.remove(at);
    return file;
  }

  private String substitute(String s) {
    for (String key : new String[] {"cluster", "breakglass", "other", "classic"}) {
      s = s.replace("${" + key + "}", Fixtures.recipient(key));
    }
    return s;
  }

  private String normalize(String s) {
    String t =
        s.replace(dir.toString(), "$DIR")
            .replaceAll("(sw1:[a-z]+:[^:\\s\"]*:[0-9a-f,]+:)[A-Za-z0-9+/=]+", "$1<age>")
            .replaceAll("sealed [0-9a-f]{16}", "sealed <fingerprint>");
    return valueTags(t);
  }

  /**
   * Value tags are random too, but which items share one is the point (a re-seal keeps it): each
   * distinct tag becomes {@code <tag1>}, {@code <tag2>}... in order of first appearance in the
   * session, in an envelope's sixth field, in JSON and as a {@code vt:} prefix alike.
   */
  private String valueTags(String s) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(?<=:<age>:|\"valueTag\": \")[A-Za-z0-9+/]{43}=|(?<=vt:)[0-9a-f]{8}")
            .matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String tag = m.group();
      String prefix =
          tag.length() == 8
              ? tag
              : java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(tag), 0, 4);
      String label = tagLabels.computeIfAbsent(prefix, p -> "<tag" + (tagLabels.size() + 1) + ">");
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(label));
    }
    m.appendTail(out);
    return out.toString();
  }
}
