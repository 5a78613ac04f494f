package dev.sealwright.cli.migrate;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files an {@code import} command reads: files named on the command line as given, directories
 * searched recursively for the files the command takes (hidden directories such as {@code .git}
 * skipped, symbolic links not followed), in a stable order; and where each one's output goes,
 * beside it or at the same relative path under {@code --output-dir}.
 */
public final class ImportFiles {
  /** A bound on one run, far above any repository's SealedSecrets. */
  static final int MAX_FILES = 20_000;

  /**
   * @param file the file to read
   * @param shown how the report names it (relative to the working directory when it was typed so)
   * @param relative its path below the directory argument, or its file name for a file argument
   */
  public record ImportFile(Path file, String shown, Path relative) {}

  private ImportFiles() {}

  /** Manifests: {@code .yaml}, {@code .yml} and {@code .json} files in directories. */
  static List<ImportFile> find(Path workingDir, List<String> arguments) {
    return find(workingDir, arguments, ImportFiles::isManifest);
  }

  /**
   * @param takes which regular files found in directories to read (files named on the command line
   *     are read whatever their names)
   */
  public static List<ImportFile> find(
      Path workingDir, List<String> arguments, Predicate<Path> takes) {
    List<ImportFile> files = new ArrayList<>();
    for (String argument : arguments) {
      Path path = workingDir.resolve(argument).normalize();
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(
                  p ->
                      Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                          && takes.test(p)
                          && !inHiddenDirectory(path, p))
              .sorted()
              .forEach(
                  p -> {
                    Path relative = path.relativize(p);
                    files.add(
                        new ImportFile(
                            p, Path.of(argument).resolve(relative).toString(), relative));
                  });
        } catch (IOException e) {
          throw IoErrors.describe(e);
        } catch (java.io.UncheckedIOException e) {
          throw IoErrors.describe(e.getCause());
        }
      } else if (Files.isRegularFile(path)) {
        files.add(new ImportFile(path, argument, path.getFileName()));
      } else {
        throw CliException.failed(argument + ": no such file or directory", "check the path");
      }
      if (files.size() > MAX_FILES) {
        throw CliException.failed(
            "more than " + MAX_FILES + " files to import", "import one directory at a time");
      }
    }
    return files;
  }

  static boolean isManifest(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean inHiddenDirectory(Path root, Path p) {
    Path relative = root.relativize(p.getParent() == null ? p : p.getParent());
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the converted objects of {@code file} go: {@code NAME.sealwright.EXT} beside it, or the
   * same relative path under {@code outputDir}.
   */
  static Path target(ImportFile file, Path outputDir) {
    if (outputDir != null) {
      return outputDir.resolve(file.relative()).normalize();
    }
    String name = file.file().getFileName().toString();
    int dot = name.lastIndexOf('.');
    return file.file().resolveSibling(name.substring(0, dot) + ".sealwright" + name.substring(dot));
  }

  /**
   * The output named {@code name} for {@code file}: beside it, or under {@code outputDir} in the
   * folder {@code file} has below its directory argument, so that two inputs of the same name in
   * different folders never write the same output.
   */
  public static Path output(ImportFile file, Path outputDir, String name) {
    if (outputDir == null) {
      return file.file().resolveSibling(name);
    }
    Path folder = file.relative().getParent();
    return (folder == null ? outputDir : outputDir.resolve(folder)).resolve(name).normalize();
  }
}
