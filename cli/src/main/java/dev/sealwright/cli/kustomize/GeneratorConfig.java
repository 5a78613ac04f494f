package dev.sealwright.cli.kustomize;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.manifest.Fields;
import dev.sealwright.cli.manifest.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The functionConfig of {@code sealwright kustomize generate}: a {@code SealedSecretGenerator}
 * object whose fields follow kustomize's {@code secretGenerator} (docs/gitops.md#kustomize).
 *
 * @param meta the name and namespace the values were sealed for; the generated object's
 * @param envs sealed env files ({@code KEY=sw1:...} lines)
 * @param files sealed files, {@code [KEY=]PATH}, one envelope each
 * @param type the Secret type, or null for Opaque
 * @param labels labels of the generated Secret ({@code options.labels})
 * @param annotations annotations of the generated Secret ({@code options.annotations})
 * @param immutable {@code options.immutable}, or null
 * @param nameSuffixHash whether kustomize appends its content hash to the name (its default)
 * @param decrypt whether to generate a plain Secret with the opened values (render-time path)
 */
public record GeneratorConfig(
    ObjectMeta meta,
    List<String> envs,
    List<String> files,
    String type,
    Behavior behavior,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations,
    Boolean immutable,
    boolean nameSuffixHash,
    boolean decrypt) {

  public static final String KIND = "SealedSecretGenerator";

  private static final Set<String> FIELDS =
      Set.of(
          "apiVersion",
          "kind",
          "metadata",
          "envs",
          "files",
          "type",
          "behavior",
          "options",
          "decrypt");
  private static final Set<String> OPTIONS =
      Set.of("disableNameSuffixHash", "labels", "annotations", "immutable");

  /** kustomize's generator behaviors. */
  public enum Behavior {
    CREATE,
    MERGE,
    REPLACE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public GeneratorConfig {
    envs = List.copyOf(envs);
    files = List.copyOf(files);
  }

  public static GeneratorConfig parse(Map<String, Object> config) {
    Fields fields = new Fields("the functionConfig");
    unknownFields(config, FIELDS, "");
    Map<String, Object> metadata = fields.map(config, "metadata", "metadata");
    String name = fields.string(metadata, "name", "metadata.name");
    if (name == null) {
      throw CliException.failed(
          "the " + KIND + " has no metadata.name",
          "metadata.name is the name of the generated SealedSecret");
    }
    Map<String, Object> options = fields.map(config, "options", "options");
    unknownFields(options, OPTIONS, "options.");
    Boolean noHash = fields.bool(options, "disableNameSuffixHash", "options.disableNameSuffixHash");
    Boolean decrypt = fields.bool(config, "decrypt", "decrypt");
    GeneratorConfig parsed =
        new GeneratorConfig(
            ObjectMeta.named(name, fields.string(metadata, "namespace", "metadata.namespace")),
            strings(fields, config, "envs"),
            strings(fields, config, "files"),
            fields.string(config, "type", "type"),
            behavior(fields.string(config, "behavior", "behavior")),
            fields.stringMap(options, "labels", "options.labels"),
            fields.stringMap(options, "annotations", "options.annotations"),
            fields.bool(options, "immutable", "options.immutable"),
            !Boolean.TRUE.equals(noHash),
            Boolean.TRUE.equals(decrypt));
    if (parsed.envs.isEmpty() && parsed.files.isEmpty()) {
      throw CliException.failed(
          "the " + KIND + " " + parsed.meta.displayName() + " lists no envs and no files",
          "add envs: [FILE.env] (KEY=sw1:... lines) or files: [[KEY=]FILE] (one envelope each)");
    }
    return parsed;
  }

  private static Behavior behavior(String value) {
    if (value == null) {
      return Behavior.CREATE;
    }
    for (Behavior b : Behavior.values()) {
      if (b.wireName().equals(value)) {
        return b;
      }
    }
    throw CliException.failed(
        "the functionConfig's behavior '" + value + "' is unknown",
        "use behavior: create (the default), merge or replace");
  }

  private static List<String> strings(Fields fields, Map<String, Object> config, String key) {
    List<String> result = new ArrayList<>();
    List<?> list = fields.list(config.get(key), key);
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s) || s.isBlank()) {
        throw fields.invalid(key + "[" + i + "]", "must be a file path");
      }
      result.add(s);
    }
    return result;
  }

  private static void unknownFields(Map<String, Object> map, Set<String> known, String prefix) {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw CliException.failed(
            "the functionConfig has an unknown field '" + prefix + key + "'",
            "the fields are: " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }
}
