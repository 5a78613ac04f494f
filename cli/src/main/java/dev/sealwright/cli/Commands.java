package dev.sealwright.cli;

import dev.sealwright.cli.command.AotTrainingCommand;
import dev.sealwright.cli.command.CompletionCommand;
import dev.sealwright.cli.command.CreateSecretCommand;
import dev.sealwright.cli.command.DiffSecretsCommand;
import dev.sealwright.cli.command.EditSecretCommand;
import dev.sealwright.cli.command.GenerateKeyCommand;
import dev.sealwright.cli.command.InspectSecretCommand;
import dev.sealwright.cli.command.ResealSecretCommand;
import dev.sealwright.cli.command.SealSecretCommand;
import dev.sealwright.cli.command.SetItemCommand;
import dev.sealwright.cli.command.UnsealSecretCommand;
import dev.sealwright.cli.command.UnsetItemCommand;
import dev.sealwright.cli.command.VerifySecretCommand;
import dev.sealwright.cli.history.AuditCommand;
import dev.sealwright.cli.history.LogItemsCommand;
import dev.sealwright.cli.keys.KeysCommand;
import dev.sealwright.cli.kustomize.KustomizeCommand;
import dev.sealwright.cli.migrate.ImportCommand;
import dev.sealwright.cli.values.ValuesCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The subcommands, in help order. Only the one being run is registered with picocli: building the
 * model of all of them costs more start-up time than most commands take to run (picocli's classes
 * are Java 5 bytecode, which the JDK's AOT cache cannot hold).
 */
final class Commands {
  static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("keygen", GenerateKeyCommand.class);
    ALL.put("seal", SealSecretCommand.class);
    ALL.put("create", CreateSecretCommand.class);
    ALL.put("set", SetItemCommand.class);
    ALL.put("unset", UnsetItemCommand.class);
    ALL.put("edit", EditSecretCommand.class);
    ALL.put("unseal", UnsealSecretCommand.class);
    ALL.put("inspect", InspectSecretCommand.class);
    ALL.put("diff", DiffSecretsCommand.class);
    ALL.put("verify", VerifySecretCommand.class);
    ALL.put("reseal", ResealSecretCommand.class);
    ALL.put("log", LogItemsCommand.class);
    ALL.put("audit", AuditCommand.class);
    ALL.put("values", ValuesCommand.class);
    ALL.put("keys", KeysCommand.class);
    ALL.put("kustomize", KustomizeCommand.class);
    ALL.put("import", ImportCommand.class);
    ALL.put("completion", CompletionCommand.class);
    ALL.put("aot-training", AotTrainingCommand.class);
  }

  private Commands() {}

  /** Registers the subcommand named by {@code args}, or all of them for help and completion. */
  static void register(CommandLine root, CommandLine.IFactory factory, String[] args)
      throws Exception {
    String name = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        name = arg;
        break;
      }
    }
    if (name == null && (List.of(args).contains("-V") || List.of(args).contains("--version"))) {
      return;
    }
    Class<?> only = "completion".equals(name) ? null : ALL.get(name);
    for (Map.Entry<String, Class<?>> e : ALL.entrySet()) {
      if (only == null || only == e.getValue()) {
        root.addSubcommand(e.getKey(), new CommandLine(factory.create(e.getValue()), factory));
      }
    }
  }
}
