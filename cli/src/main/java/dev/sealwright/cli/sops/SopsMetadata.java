package dev.sealwright.cli.sops;

import dev.sealwright.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code sops} metadata of a file (SOPS' {@code stores/stores.go}), as far as opening it needs.
 *
 * @param ageKeys the age stanzas that may hold the data key, in file order
 * @param otherKeyServices the other key services the data key is also encrypted to ({@code pgp},
 *     {@code kms}, ...), which only the real {@code sops} can use
 * @param keyGroups how many key groups: more than one means the data key is split (Shamir)
 * @param rule which values are encrypted; never null (SOPS' default is {@code _unencrypted})
 * @param lastModified the {@code lastmodified} text, as SOPS re-formats it (Go's RFC 3339)
 */
record SopsMetadata(
    List<AgeKey> ageKeys,
    List<String> otherKeyServices,
    int keyGroups,
    EncryptionRule rule,
    boolean macOnlyEncrypted,
    String lastModified,
    String mac) {
  private static final int MAX_AGE_KEYS = 64;
  private static final int MAX_ENC_CHARS = 16 * 1024;
  private static final List<String> OTHER_SERVICES =
      List.of("pgp", "kms", "gcp_kms", "hckms", "azure_kv", "hc_vault");
  // Go's time.RFC3339 layout as time.Format writes it: whole seconds, Z or an offset.
  private static final Pattern GO_RFC3339 =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");

  /** An age recipient and the armored age file holding the data key for it. */
  record AgeKey(String recipient, String enc) {}

  /**
   * Which values SOPS encrypted: at most one of the six rules, else {@code unencrypted_suffix:
   * _unencrypted}.
   *
   * @param kind the metadata key of the rule
   * @param regex the compiled value of a regex rule; null for the suffix rules
   */
  record EncryptionRule(String kind, String value, Pattern regex) {
    /** Whether SOPS encrypts a value at {@code path} (its mapping keys), as shouldBeEncrypted. */
    boolean encrypts(List<String> path, String source) {
      return switch (kind) {
        case "unencrypted_suffix" -> path.stream().noneMatch(k -> k.endsWith(value));
        case "encrypted_suffix" -> path.stream().anyMatch(k -> k.endsWith(value));
        case "unencrypted_regex" -> path.stream().noneMatch(k -> found(k, source));
        case "encrypted_regex" -> path.stream().anyMatch(k -> found(k, source));
        default -> throw new IllegalStateException("comment rules are not read here: " + kind);
      };
    }

    /**
     * Go's regexp.Match: a match anywhere, like Matcher.find. Go's engine is linear; Java's
     * backtracks, so a hostile regex could take forever: the key is read through {@link
     * BoundedChars}, which stops the match after a fixed number of steps.
     */
    private boolean found(String key, String source) {
      try {
        return regex.matcher(new BoundedChars(key)).find();
      } catch (BoundedChars.TooCostly e) {
        throw CliException.failed(
            source + ": its " + kind + " takes too long to match key '" + key + "'",
            "simplify the regular expression, or decrypt the file with 'sops decrypt'");
      }
    }

    boolean onComments() {
      return kind.endsWith("comment_regex");
    }
  }

  static SopsMetadata read(SourceNode.Mapping sops, String source) {
    List<AgeKey> age = new ArrayList<>(ageKeys(sops.get("age"), source));
    List<String> others = new ArrayList<>();
    for (String service : OTHER_SERVICES) {
      if (nonEmpty(sops.get(service))) {
        others.add(service);
      }
    }
    int groups = 0;
    if (sops.get("key_groups") instanceof SourceNode.Sequence g) {
      groups = g.items().size();
      for (SourceNode group : g.items()) {
        if (group instanceof SourceNode.Mapping m) {
          age.addAll(ageKeys(m.get("age"), source));
          for (String service : OTHER_SERVICES) {
            if (nonEmpty(m.get(service)) && !others.contains(service)) {
              others.add(service);
            }
          }
        }
      }
    }
    if (age.size() > MAX_AGE_KEYS) {
      throw CliException.failed(
          source
              + " names "
              + age.size()
              + " age recipients; at most "
              + MAX_AGE_KEYS
              + " are read",
          "is this the right file?");
    }
    return new SopsMetadata(
        age,
        others,
        groups,
        rule(sops, source),
        "true".equalsIgnoreCase(text(sops.get("mac_only_encrypted"))),
        lastModified(required(sops, "lastmodified", source), source),
        required(sops, "mac", source));
  }

  private static EncryptionRule rule(SourceNode.Mapping sops, String source) {
    EncryptionRule found = null;
    for (String kind :
        List.of(
            "unencrypted_suffix",
            "encrypted_suffix",
            "unencrypted_regex",
            "encrypted_regex",
            "unencrypted_comment_regex",
            "encrypted_comment_regex")) {
      String value = text(sops.get(kind));
      if (value == null || value.isEmpty()) {
        continue;
      }
      if (found != null) {
        throw CliException.failed(
            source + " sets both " + found.kind() + " and " + kind,
            "SOPS allows one of them per file; restore the file from Git");
      }
      Pattern regex = null;
      if (kind.endsWith("regex")) {
        try {
          regex = Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          throw CliException.failed(
              source + ": its " + kind + " is not a regular expression Java reads",
              "decrypt it with 'sops decrypt' instead");
        }
      }
      found = new EncryptionRule(kind, value, regex);
    }
    return found != null ? found : new EncryptionRule("unencrypted_suffix", "_unencrypted", null);
  }

  private static List<AgeKey> ageKeys(SourceNode node, String source) {
    List<AgeKey> keys = new ArrayList<>();
    if (node instanceof SourceNode.Sequence s) {
      for (SourceNode item : s.items()) {
        if (item instanceof SourceNode.Mapping m) {
          String enc = text(m.get("enc"));
          String recipient = text(m.get("recipient"));
          if (enc == null || enc.length() > MAX_ENC_CHARS) {
            throw CliException.failed(
                source + ": an age entry of its sops metadata has no (or an oversized) enc",
                "restore the file from Git");
          }
          keys.add(new AgeKey(recipient == null ? "" : recipient, enc));
        }
      }
    }
    return keys;
  }

  private static boolean nonEmpty(SourceNode node) {
    return node instanceof SourceNode.Sequence s && !s.items().isEmpty();
  }

  private static String required(SourceNode.Mapping sops, String key, String source) {
    String value = text(sops.get(key));
    if (value == null) {
      throw CliException.failed(
          source + ": its sops metadata has no " + key,
          "restore the file from Git; every file SOPS writes has one");
    }
    return value;
  }

  private static String text(SourceNode node) {
    return node instanceof SourceNode.Scalar s ? s.text() : null;
  }

  /** SOPS parses lastmodified and formats it again with Go's RFC 3339 layout for the MAC's AAD. */
  private static String lastModified(String text, String source) {
    if (GO_RFC3339.matcher(text).matches()) {
      return text;
    }
    try {
      var t = java.time.OffsetDateTime.parse(text).withNano(0);
      String s = t.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return s.endsWith("+00:00") ? s.substring(0, s.length() - 6) + "Z" : s;
    } catch (java.time.format.DateTimeParseException e) {
      throw CliException.failed(
          source + ": its sops lastmodified is not an RFC 3339 time", "restore the file from Git");
    }
  }
}
