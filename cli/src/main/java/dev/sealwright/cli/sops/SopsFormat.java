package dev.sealwright.cli.sops;

import java.util.Locale;

/** The SOPS stores Sealwright reads; chosen from the file name, as {@code sops} does. */
public enum SopsFormat {
  YAML("yaml"),
  JSON("json"),
  DOTENV("dotenv");

  private final String sopsName;

  SopsFormat(String sopsName) {
    this.sopsName = sopsName;
  }

  /** The name of {@code sops --input-type}. */
  public String sopsName() {
    return sopsName;
  }

  /** {@code .env} is dotenv and {@code .json} JSON; everything else is read as YAML, like sops. */
  public static SopsFormat ofFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".env") || name.equals(".env")) {
      return DOTENV;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    return YAML;
  }
}
