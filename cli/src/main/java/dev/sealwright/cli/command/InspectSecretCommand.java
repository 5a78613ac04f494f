package dev.sealwright.cli.command;

import dev.sealwright.cli.CliEnv;
import dev.sealwright.cli.CliException;
import dev.sealwright.cli.ExitCode;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import dev.sealwright.cli.manifest.TreeWriter;
import dev.sealwright.envelope.KeyId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show items, scope, key ids and sizes without any key.",
      "Shows what a SealedSecret file says in clear: items, scope and binding, key ids, recipient types (post-quantum or not), sizes and value tags (vt:..., kept when a value is only re-sealed). Exits 1 if an item is inconsistent with its SealedSecret."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sealwright inspect db.sealed.yaml",
      "  sealwright inspect -o json db.sealed.yaml | jq ."
    })
public final class InspectSecretCommand implements Callable<Integer> {
  private final CliEnv env;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The SealedSecret file ('-' for stdin).")
  String file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  String output = "text";

  public InspectSecretCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw CliException.usage("unknown output format '" + output + "'", "use -o text or -o json");
    }
    String source = Inputs.displayName(file);
    List<SealedSecret> all = SealedSecretReader.read(Inputs.readText(env, file), source);
    boolean problems = false;
    List<Object> json = new ArrayList<>();
    for (SealedSecret sealed : all) {
      List<ItemInfo> items = ItemInfo.of(sealed);
      problems |= items.stream().anyMatch(i -> !i.problems().isEmpty());
      if (output.equals("json")) {
        json.add(json(sealed, items));
      } else {
        text(env.out(), sealed, items);
      }
    }
    if (output.equals("json")) {
      env.out().print(TreeWriter.json(json));
    }
    return problems ? ExitCode.FAILED : ExitCode.OK;
  }

  private static void text(PrintStream out, SealedSecret s, List<ItemInfo> items) {
    out.println("SealedSecret " + s.meta().displayName());
    out.println(
        "  scope:    "
            + s.scope().wireName()
            + " (bound to "
            + ItemInfo.bindingDescription(s)
            + ")");
    out.println("  type:     " + s.template().effectiveType());
    out.println("  items:    " + items.size());
    int width = items.stream().mapToInt(i -> i.item().length()).max().orElse(0);
    for (ItemInfo i : items) {
      String pad = " ".repeat(width - i.item().length());
      if (i.info() == null) {
        out.println("    " + i.item() + pad + "  MALFORMED");
      } else {
        out.println(
            "    "
                + i.item()
                + pad
                + "  "
                + (i.valueBytes() == null ? "?" : i.valueBytes())
                + " bytes, keys "
                + i.keyIds()
                + ", "
                + i.recipientTypes()
                + ", envelope "
                + i.envelope().length()
                + " chars, "
                + i.valueTag());
      }
      for (String problem : i.problems()) {
        out.println("    " + " ".repeat(width) + "  ! " + problem);
      }
    }
  }

  private static Map<String, Object> json(SealedSecret s, List<ItemInfo> items) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", s.meta().name());
    if (s.meta().namespace() != null) {
      doc.put("namespace", s.meta().namespace());
    }
    doc.put("scope", s.scope().wireName());
    if (s.serviceAccount() != null) {
      doc.put("serviceAccount", s.serviceAccount());
    }
    doc.put("type", s.template().effectiveType());
    List<Object> list = new ArrayList<>();
    for (ItemInfo i : items) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("item", i.item());
      if (i.info() != null) {
        if (i.valueBytes() != null) {
          item.put("valueBytes", i.valueBytes());
        }
        item.put("keyIds", i.info().keyIds().stream().map(KeyId::value).toList());
        item.put("recipientTypes", i.info().stanzaTypes());
        item.put("postQuantum", i.info().postQuantum());
        item.put("envelopeChars", i.envelope().length());
        i.info().valueTag().ifPresent(t -> item.put("valueTag", t.encoded()));
      }
      item.put("problems", i.problems());
      list.add(item);
    }
    doc.put("items", list);
    return doc;
  }
}
