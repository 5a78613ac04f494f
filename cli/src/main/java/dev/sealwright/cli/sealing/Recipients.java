package dev.sealwright.cli.sealing;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Recipient;
import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.errors.SealingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses recipient strings and recipient files (one recipient a line, '#' comments). */
public final class Recipients {
  private Recipients() {}

  public static List<Recipient> parse(List<String> encoded, String origin) {
    List<Recipient> recipients = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String s : encoded) {
      if (!seen.add(s)) {
        continue;
      }
      try {
        recipients.add(AgeKeys.parseRecipient(s));
      } catch (SealingException e) {
        // A recipient is an argument (or a line of a config the user wrote): a usage error.
        throw CliException.usage(
            "recipient '" + s + "' (" + origin + "): " + e.getMessage(),
            "recipients look like age1pq1... (post-quantum) or age1...; 'sealwright keys fetch'"
                + " writes the cluster's");
      }
    }
    if (recipients.isEmpty()) {
      throw CliException.usage(origin + " names no recipient", "add an age1pq1... recipient");
    }
    Set<List<String>> labelSets = new LinkedHashSet<>();
    recipients.forEach(r -> labelSets.add(r.labels()));
    if (labelSets.size() > 1) {
      throw CliException.usage(
          "the recipients mix post-quantum (age1pq1...) and classic (age1...) keys ("
              + origin
              + ")",
          "a classic recipient would undo the post-quantum protection; use only age1pq1... recipients");
    }
    return List.copyOf(recipients);
  }

  /** The {@code -r} values followed by the recipient lines of each {@code -R} file. */
  public static List<String> fromFlags(CliEnv env, List<String> recipients, List<String> files) {
    List<String> all = new ArrayList<>(recipients);
    for (String file : files) {
      all.addAll(lines(Inputs.readText(env, file)));
    }
    return all;
  }

  /** Recipient lines of a recipients file, without blanks and comments. */
  public static List<String> lines(String text) {
    List<String> result = new ArrayList<>();
    for (String line : text.split("\n")) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        result.add(s);
      }
    }
    return result;
  }

  /** The key ids, in order, that an envelope sealed to these recipients names. */
  public static List<KeyId> keyIds(List<Recipient> recipients) {
    return recipients.stream().map(KeyId::of).toList();
  }
}
