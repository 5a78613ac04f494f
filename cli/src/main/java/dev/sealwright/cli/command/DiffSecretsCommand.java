package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.envelope.ValueChange;
import dev.sealwright.errors.MalformedException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Show added, removed, changed, re-sealed and unchanged items of two files.",
      "Compares without decrypting: value tags tell a re-seal of the same value from a changed value (envelopes sealed before value tags show as 'value may have changed'). With --textconv FILE, prints a line-per-item text form for Git's textconv, so 'git diff' and 'git log -p' name the items that changed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright diff old.sealed.yaml db.sealed.yaml",
      "  git show HEAD~1:db.sealed.yaml | sealwright diff - db.sealed.yaml",
      "  # .gitattributes:  *.sealed.yaml diff=sealwright",
      "  git config diff.sealwright.textconv 'sealwright diff --textconv'"
    })
public final class DiffSecretsCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..2",
      description = "OLD NEW, or one FILE with --textconv.")
  java.util.List<String> files;

  @Option(names = "--textconv", description = "Print FILE as text for Git's textconv.")
  boolean textconv;

  @Option(names = "--exit-code", description = "Exit 1 if the files differ (like git diff).")
  boolean exitCode;

  public DiffSecretsCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (textconv) {
      if (files.size() != 1) {
        throw CliException.usage(
            "--textconv takes one FILE", "git runs: sealwright diff --textconv FILE");
      }
      return textconv(files.getFirst());
    }
    if (files.size() != 2) {
      throw CliException.usage(
          "diff takes two files, OLD and NEW", "for example: sealwright diff old.yaml new.yaml");
    }
    Map<String, SealedSecret> before = byName(files.get(0));
    Map<String, SealedSecret> after = byName(files.get(1));
    PrintStream out = env.out();
    boolean changed = false;
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      SealedSecret a = before.get(name);
      SealedSecret b = after.get(name);
      if (a == null || b == null) {
        SealedSecret s = a == null ? b : a;
        out.println(
            (a == null ? "+ " : "- ")
                + "SealedSecret "
                + name
                + " ("
                + (a == null ? "added" : "removed")
                + ", "
                + s.encryptedData().size()
                + " items)");
        changed = true;
        continue;
      }
      out.println("SealedSecret " + name);
      changed |= diffOne(out, a, b);
    }
    return exitCode && changed ? ExitCode.FAILED : ExitCode.OK;
  }

  private static boolean diffOne(PrintStream out, SealedSecret a, SealedSecret b) {
    boolean changed = false;
    if (a.scope() != b.scope() || !Objects.equals(a.serviceAccount(), b.serviceAccount())) {
      out.println(
          "  ! binding: "
              + ItemInfo.bindingDescription(a)
              + " -> "
              + ItemInfo.bindingDescription(b));
      changed = true;
    }
    if (!a.template().equals(b.template()) || !a.meta().equals(b.meta())) {
      out.println("  ! metadata or template changed");
      changed = true;
    }
    TreeSet<String> items = new TreeSet<>(a.encryptedData().keySet());
    items.addAll(b.encryptedData().keySet());
    for (String item : items) {
      String ea = a.encryptedData().get(item);
      String eb = b.encryptedData().get(item);
      String line;
      if (ea == null) {
        line = "  + " + item + " (added)";
      } else if (eb == null) {
        line = "  - " + item + " (removed)";
      } else {
        line =
            switch (change(ea, eb)) {
              case UNCHANGED -> "  = " + item + " (unchanged)";
              case RESEALED -> "  ~ " + item + " (re-sealed, same value)";
              case CHANGED -> "  ~ " + item + " (value changed)";
              case UNKNOWN -> "  ~ " + item + " (re-sealed: value may have changed, no value tag)";
              case null -> "  ~ " + item + " (envelope changed; malformed, value unknown)";
            };
      }
      changed |= !line.startsWith("  =");
      out.println(line);
    }
    return changed;
  }

  /** What the value tags say, or null when an envelope's clear fields do not parse. */
  private static ValueChange change(String before, String after) {
    try {
      return ValueChange.between(before, after);
    } catch (MalformedException e) {
      return null;
    }
  }

  private Map<String, SealedSecret> byName(String file) {
    String source = Inputs.displayName(file);
    Map<String, SealedSecret> result = new LinkedHashMap<>();
    for (SealedSecret s : SealedSecretReader.read(Inputs.readText(env, file), source)) {
      result.put(s.meta().displayName(), s);
    }
    return result;
  }

  /** Git shows this instead of the file: one stable line per item, so diffs name items. */
  private int textconv(String file) {
    byte[] bytes = Inputs.readBytes(env, file);
    java.util.List<SealedSecret> all;
    try {
      all = SealedSecretReader.read(Inputs.utf8(bytes, file), file);
    } catch (CliException e) {
      // Git runs textconv on every file the attribute matches; show anything else unchanged.
      env.out().write(bytes, 0, bytes.length);
      return ExitCode.OK;
    }
    for (SealedSecret s : all) {
      env.out().println("SealedSecret " + s.meta().displayName());
      env.out()
          .println(
              "  binding: " + s.scope().wireName() + " (" + ItemInfo.bindingDescription(s) + ")");
      SealedSecret.Template t = s.template();
      env.out()
          .println(
              "  type: "
                  + t.effectiveType()
                  + (Boolean.TRUE.equals(t.immutable()) ? ", immutable" : ""));
      t.labels().forEach((k, v) -> env.out().println("  template label " + k + "=" + v));
      t.annotations().forEach((k, v) -> env.out().println("  template annotation " + k + "=" + v));
      for (ItemInfo i : ItemInfo.of(s)) {
        env.out()
            .println(
                "  item "
                    + i.item()
                    + ": "
                    + (i.valueBytes() == null ? "?" : i.valueBytes())
                    + " bytes, keys "
                    + i.keyIds()
                    + ", sealed "
                    + i.fingerprint()
                    + ", "
                    + i.valueTag());
      }
    }
    return ExitCode.OK;
  }
}
