package dev.sealwright.cli;

import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.BindingMismatchException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;

/** Describes failures of the core API for one place ("item 'password' of prod/db"). */
public final class SealingErrors {
  private SealingErrors() {}

  public static CliException describe(SealingException e, String where) {
    return switch (e) {
      case MalformedException m when m.part() == MalformedException.Part.SIZE ->
          CliException.failed(
              where + ": " + m.getMessage(), "a Kubernetes Secret holds at most 1 MiB");
      case MalformedException m when m.part() == MalformedException.Part.KEY ->
          CliException.failed(
              where + ": " + m.getMessage(),
              "recipients look like age1pq1... or age1...; identities like AGE-SECRET-KEY-PQ-1...");
      case MalformedException m ->
          CliException.failed(
              where + " is malformed: " + m.getMessage(),
              "the envelope was damaged or hand-edited; restore it from Git or seal the item again");
      case NoMatchingIdentityException n ->
          CliException.failed(
              where + ": no identity given matches the keys it is sealed to",
              "run 'sealwright inspect FILE' to see the key ids, and pass the matching --identity");
      case AuthenticationFailedException a ->
          CliException.failed(
              where + " failed authentication: it was altered, or the key is wrong",
              "restore the file from Git, or seal the item again");
      case BindingMismatchException b ->
          CliException.failed(
              where + " is bound elsewhere: " + b.getMessage(),
              "an envelope opens only for the namespace, name and item it was sealed for;"
                  + " seal the value again for this place");
    };
  }
}
