package dev.sealwright.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates command objects, handing the {@link CliEnv} to every command whose constructor takes one,
 * so commands never reach for {@code System.in}, {@code System.out} or the environment.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final CliEnv env;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(CliEnv env) {
    this.env = env;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      Constructor<K> withEnv = cls.getDeclaredConstructor(CliEnv.class);
      return withEnv.newInstance(env);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
  }
}
