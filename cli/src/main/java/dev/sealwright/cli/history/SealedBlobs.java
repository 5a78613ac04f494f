package dev.sealwright.cli.history;

import dev.sealwright.cli.CliException;
import dev.sealwright.cli.io.Inputs;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.cli.manifest.SealedSecretReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads file versions from Git as {@link SealedFile}s, treating every blob as hostile: its size is
 * bounded like any input file, only blobs that mention {@code SealedSecret} are parsed, objects of
 * other kinds are skipped quietly, and anything malformed becomes a warning. Parsed blobs are
 * cached by object id, so a file that stays the same across commits is parsed once.
 */
final class SealedBlobs {
  /**
   * Blobs kept parsed. An entry holds facts, not envelopes (about 100 bytes an item), so this many
   * file versions is a few tens of MiB, and a file version is parsed once when it is both a
   * commit's new version and, thousands of commits later, another commit's old one.
   */
  static final int CACHED = 1 << 16;

  private static final byte[] MARKER = SealedSecret.KIND.getBytes(StandardCharsets.US_ASCII);

  private final ObjectReader reader;
  private final Warnings warnings;
  private final Map<ObjectId, SealedFile> cache =
      new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, SealedFile> eldest) {
          return size() > CACHED;
        }
      };

  SealedBlobs(ObjectReader reader, Warnings warnings) {
    this.reader = reader;
    this.warnings = warnings;
  }

  /**
   * The file {@code blob} holds; {@code where} names it in warnings (path and commit).
   *
   * @param blob null for a file that does not exist on that side
   */
  SealedFile read(AnyObjectId blob, String where) {
    if (blob == null || ObjectId.zeroId().equals(blob)) {
      return SealedFile.EMPTY;
    }
    SealedFile cached = cache.get(blob);
    if (cached == null) {
      cached = parse(blob, where);
      cache.put(blob.copy(), cached);
    }
    return cached;
  }

  private SealedFile parse(AnyObjectId blob, String where) {
    byte[] bytes;
    try {
      ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
      if (loader.getSize() > Inputs.MAX_INPUT_BYTES) {
        warnings.add(
            where + " is larger than " + (Inputs.MAX_INPUT_BYTES >> 20) + " MiB; not checked");
        return SealedFile.UNREADABLE;
      }
      bytes = loader.getCachedBytes(Inputs.MAX_INPUT_BYTES);
    } catch (IOException e) {
      warnings.add(where + " cannot be read from Git (" + e.getMessage() + "); not checked");
      return SealedFile.UNREADABLE;
    }
    if (!contains(bytes, MARKER)) {
      return SealedFile.EMPTY;
    }
    try {
      return items(SealedSecretReader.readSealedSecrets(Inputs.utf8(bytes, where), where), where);
    } catch (CliException e) {
      warnings.add(e.getMessage() + "; not checked");
    } catch (RuntimeException e) {
      // A parser bug on some input must not end the audit of everything else.
      warnings.add(where + " cannot be parsed (" + e.getClass().getSimpleName() + "); not checked");
    }
    return SealedFile.UNREADABLE;
  }

  private SealedFile items(Iterable<SealedSecret> sealedSecrets, String where) {
    SortedMap<ItemKey, ItemChange.Facts> items = new TreeMap<>();
    for (SealedSecret s : sealedSecrets) {
      s.encryptedData()
          .forEach(
              (item, envelope) -> {
                ItemKey key = new ItemKey(s.meta().displayName(), item);
                ItemChange.Facts facts = ItemChange.Facts.of(envelope);
                if (facts.malformed()) {
                  warnings.add(
                      where
                          + ": SealedSecret "
                          + key.object()
                          + ", item '"
                          + item
                          + "' has a malformed envelope");
                }
                items.put(key, facts);
              });
    }
    return new SealedFile(true, items);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
