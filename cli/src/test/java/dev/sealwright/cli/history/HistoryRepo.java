package dev.sealwright.cli.history;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Recipient;
import dev.sealwright.cli.Fixtures;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.secret.SecretBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds a real Git repository commit by commit with JGit (objects only, no files checked out),
 * sealing real values with the test keys, and keeps a record of what it did: which value each
 * envelope holds, in which file, in which commit. The history tests derive what the commands must
 * say from that record, never from the commands' output.
 *
 * <p>Keys are named as in {@code src/test/resources/keys}: {@code cluster}, {@code other}, {@code
 * breakglass} (post-quantum) and {@code classic} (X25519). Files hold one SealedSecret each, scope
 * strict; an object lives in one file at a time.
 */
public final class HistoryRepo implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

  /** One envelope the builder wrote: its value (same number, same value) and key names. */
  record Sealed(String envelope, int value, Set<String> keys) {}

  /** A file holding one SealedSecret; {@code file} numbers the file across moves. */
  record SealedFileState(int file, String namespace, String name, SortedMap<String, Sealed> items) {
    String object() {
      return namespace + "/" + name;
    }
  }

  /** Where an item's envelope is in one commit. */
  record Location(String path, int file, Sealed sealed) {}

  /** A commit as written, with every sealed item it holds. */
  record Commit(
      String id, int index, List<Integer> parents, String author, Map<ItemKey, Location> items) {
    Location at(ItemKey key) {
      return items.get(key);
    }
  }

  private final Repository repo;
  private final List<Commit> commits = new ArrayList<>();
  private final Map<String, Integer> heads = new HashMap<>();
  private final Map<String, Map<String, Object>> forkState = new HashMap<>();
  private final Map<String, Map<String, Object>> branchState = new HashMap<>();
  private Map<String, Object> state = new TreeMap<>();
  private String branch = "main";
  private int values;
  private int files;

  private HistoryRepo(Repository repo) {
    this.repo = repo;
  }

  public static HistoryRepo init(Path dir) {
    try {
      Repository repo =
          new FileRepositoryBuilder()
              .setWorkTree(dir.toFile())
              .setGitDir(dir.resolve(".git").toFile())
              .build();
      repo.create();
      RefUpdate head = repo.updateRef(Constants.HEAD);
      head.link("refs/heads/main");
      return new HistoryRepo(repo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static KeyId keyId(String keyName) {
    return KeyId.of(recipient(keyName));
  }

  // ---- edits of the working state (committed by commit()) ----

  /** A new file with one SealedSecret: each item gets a new value. */
  public HistoryRepo seal(
      String path, String namespace, String name, List<String> items, String... keys) {
    SortedMap<String, Sealed> sealed = new TreeMap<>();
    for (String item : items) {
      sealed.put(item, seal(namespace, name, item, ++values, keys));
    }
    state.put(path, new SealedFileState(++files, namespace, name, sealed));
    return this;
  }

  /** A new value for {@code item}. */
  public HistoryRepo set(String path, String item, String... keys) {
    SealedFileState f = file(path);
    return put(path, f, item, seal(f.namespace(), f.name(), item, ++values, keys));
  }

  /** The same value sealed again, to {@code keys}. */
  HistoryRepo reseal(String path, String item, String... keys) {
    SealedFileState f = file(path);
    Sealed old = f.items().get(item);
    return put(path, f, item, reseal(f.namespace(), f.name(), item, old, keys));
  }

  /** Opens {@code old} with the test identities and seals it again keeping its value tag. */
  private static Sealed reseal(String ns, String name, String item, Sealed old, String... keys) {
    List<Recipient> recipients = new ArrayList<>();
    for (String k : keys) {
      recipients.add(recipient(k));
    }
    Binding binding =
        Binding.builder().scope(Scope.STRICT).namespace(ns).name(name).item(item).build();
    try {
      List<dev.sealwright.age.Identity> identities = new ArrayList<>();
      for (String k : old.keys()) {
        identities.addAll(AgeKeys.parseIdentities(Fixtures.resource("keys/" + k + ".txt")));
      }
      dev.sealwright.envelope.OpenedValue opened =
          Sealer.openForReseal(
              old.envelope(), binding, dev.sealwright.envelope.Keyring.of(identities));
      try {
        return new Sealed(Sealer.reseal(opened, recipients), old.value(), Set.of(keys));
      } finally {
        opened.destroy();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  HistoryRepo unset(String path, String item) {
    SealedFileState f = file(path);
    SortedMap<String, Sealed> items = new TreeMap<>(f.items());
    items.remove(item);
    state.put(path, new SealedFileState(f.file(), f.namespace(), f.name(), items));
    return this;
  }

  HistoryRepo move(String from, String to) {
    state.put(to, Objects.requireNonNull(state.remove(from), from));
    return this;
  }

  HistoryRepo delete(String path) {
    Objects.requireNonNull(state.remove(path), path);
    return this;
  }

  /** A file that is not the builder's SealedSecret (hostile, or another kind). */
  HistoryRepo raw(String path, byte[] content) {
    state.put(path, content.clone());
    return this;
  }

  HistoryRepo raw(String path, String content) {
    return raw(path, content.getBytes(StandardCharsets.UTF_8));
  }

  // ---- commits and branches ----

  public String commit(String author, String message) {
    List<Integer> parents = heads.containsKey(branch) ? List.of(heads.get(branch)) : List.of();
    return write(author, message, parents);
  }

  /** Starts {@code name} at the current commit and switches to it. */
  HistoryRepo branch(String name) {
    heads.put(name, heads.get(branch));
    forkState.put(name, new TreeMap<>(state));
    return checkout(name);
  }

  HistoryRepo checkout(String name) {
    branchState.put(branch, state);
    branch = name;
    state = branchState.containsKey(name) ? branchState.get(name) : new TreeMap<>(state);
    return this;
  }

  /** Merges {@code other} into the current branch: its changes since the fork win. */
  String merge(String other, String author, String message) {
    Map<String, Object> theirs = branchState.get(other);
    Map<String, Object> base = forkState.get(other);
    Set<String> paths = new TreeSet<>(theirs.keySet());
    paths.addAll(base.keySet());
    for (String p : paths) {
      if (!Objects.equals(theirs.get(p), base.get(p))) {
        if (theirs.containsKey(p)) {
          state.put(p, theirs.get(p));
        } else {
          state.remove(p);
        }
      }
    }
    return write(author, message, List.of(heads.get(branch), heads.get(other)));
  }

  List<Commit> commits() {
    return List.copyOf(commits);
  }

  /** The last commit of {@code main}, which HEAD names. */
  Commit head() {
    return commits.get(heads.get("main"));
  }

  Commit commit(String id) {
    return commits.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  static Instant time(int index) {
    return START.plus(Duration.ofHours(index));
  }

  /** Packs the objects, as every real repository has them (pack files, not loose objects). */
  public void pack() {
    try {
      Git.wrap(repo).gc().call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }

  // ---- internals ----

  private HistoryRepo put(String path, SealedFileState f, String item, Sealed sealed) {
    SortedMap<String, Sealed> items = new TreeMap<>(f.items());
    items.put(item, sealed);
    state.put(path, new SealedFileState(f.file(), f.namespace(), f.name(), items));
    return this;
  }

  private SealedFileState file(String path) {
    return (SealedFileState) Objects.requireNonNull(state.get(path), path);
  }

  private static Sealed seal(String ns, String name, String item, int value, String... keys) {
    List<Recipient> recipients = new ArrayList<>();
    for (String k : keys) {
      recipients.add(recipient(k));
    }
    Binding binding =
        Binding.builder().scope(Scope.STRICT).namespace(ns).name(name).item(item).build();
    // Values are numbered; the plaintext stands for the number, so a re-seal seals the same bytes.
    byte[] plaintext = ("value-" + value).getBytes(StandardCharsets.UTF_8);
    try {
      return new Sealed(
          Sealer.seal(SecretBytes.copyOf(plaintext), binding, recipients), value, Set.of(keys));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Recipient recipient(String keyName) {
    try {
      return AgeKeys.parseRecipient(Fixtures.recipient(keyName));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String write(String author, String message, List<Integer> parents) {
    int index = commits.size();
    try (ObjectInserter ins = repo.newObjectInserter()) {
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      Map<ItemKey, Location> items = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : state.entrySet()) {
        byte[] bytes;
        if (e.getValue() instanceof SealedFileState f) {
          bytes = manifest(f).getBytes(StandardCharsets.UTF_8);
          f.items()
              .forEach(
                  (item, s) ->
                      items.put(
                          new ItemKey(f.object(), item), new Location(e.getKey(), f.file(), s)));
        } else {
          bytes = (byte[]) e.getValue();
        }
        DirCacheEntry entry = new DirCacheEntry(e.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(ins.insert(Constants.OBJ_BLOB, bytes));
        b.add(entry);
      }
      b.finish();
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(dc.writeTree(ins));
      cb.setParentIds(parents.stream().map(p -> ObjectId.fromString(commits.get(p).id())).toList());
      PersonIdent who =
          new PersonIdent(
              author,
              author.toLowerCase(Locale.ROOT) + "@example.org",
              time(index),
              ZoneOffset.UTC);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(message + "\n\nMade by the history test builder.\n");
      ObjectId id = ins.insert(cb);
      ins.flush();
      RefUpdate ru = repo.updateRef("refs/heads/" + branch);
      ru.setNewObjectId(id);
      ru.forceUpdate();
      commits.add(new Commit(id.name(), index, parents, author, Map.copyOf(items)));
      heads.put(branch, index);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String manifest(SealedFileState f) {
    SortedMap<String, String> data = new TreeMap<>();
    f.items().forEach((item, s) -> data.put(item, s.envelope()));
    SealedSecret s =
        new SealedSecret(
            ObjectMeta.named(f.name(), f.namespace()),
            Scope.STRICT,
            null,
            data,
            new SealedSecret.Template(new TreeMap<>(), new TreeMap<>(), null, null));
    return ManifestWriter.sealedSecrets(List.of(s), ManifestWriter.Format.YAML);
  }
}
