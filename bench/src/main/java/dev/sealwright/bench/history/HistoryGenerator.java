package dev.sealwright.bench.history;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Recipient;
import dev.sealwright.cli.history.NoGitProcess;
import dev.sealwright.cli.manifest.ManifestWriter;
import dev.sealwright.cli.manifest.ObjectMeta;
import dev.sealwright.cli.manifest.SealedSecret;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.KeyId;
import dev.sealwright.envelope.Scope;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Writes the benchmark's repository: {@value #COMMITS} commits over {@value #FILES} sealed files of
 * {@value #ITEMS} items each, post-quantum envelopes (the default recipient), with the history a
 * GitOps repository has: files added, values changed, files re-sealed, items added and removed,
 * files moved and deleted, short branches merged, and a rotation from one cluster key to another
 * halfway through (50 commits of 100 re-sealed files each). Seeded, so every run writes the same
 * shape (the envelopes themselves are random).
 */
final class HistoryGenerator {
  static final int COMMITS = 10_000;
  static final int FILES = 5_000;
  static final int ITEMS = 3;
  static final int ROTATION_START = 6_000;
  static final int ROTATION_COMMITS = 50;

  /** Changed every 20 commits and never moved: the file {@code log} is timed on. */
  static final String HOT_FILE = "clusters/c0/ns00/app00000.sealed.yaml";

  private static final String[] AUTHORS = {
    "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy"
  };
  private static final Instant START = Instant.parse("2024-01-01T08:00:00Z");

  private record SealedFile(String namespace, String name, SortedMap<String, String> items) {}

  private final Random random = new Random(11);
  private final List<Recipient> newKeys;
  private final Repository repo;
  private final ObjectInserter ins;
  private final GitTrees trees = new GitTrees();
  private final Map<String, SealedFile> files = new TreeMap<>();
  private final List<String> paths = new ArrayList<>();
  private List<Recipient> current;
  private ObjectId head;
  private int commits;
  private int nextFile;

  private HistoryGenerator(Repository repo, List<Recipient> oldKeys, List<Recipient> newKeys) {
    this.repo = repo;
    this.ins = repo.newObjectInserter();
    this.newKeys = newKeys;
    this.current = oldKeys;
  }

  /** Writes the repository into {@code dir} (which must not exist) and returns its facts. */
  static Generated generate(Path dir) throws IOException, SealingException, GitAPIException {
    NoGitProcess.install();
    Recipient oldCluster = AgeKeys.generateHybrid().recipient().orElseThrow();
    Recipient newCluster = AgeKeys.generateHybrid().recipient().orElseThrow();
    Recipient breakGlass = AgeKeys.generateHybrid().recipient().orElseThrow();
    long start = System.nanoTime();
    try (Repository repo =
        new FileRepositoryBuilder()
            .setGitDir(dir.resolve(".git").toFile())
            .setWorkTree(dir.toFile())
            .build()) {
      repo.create();
      HistoryGenerator g =
          new HistoryGenerator(
              repo, List.of(oldCluster, breakGlass), List.of(newCluster, breakGlass));
      g.run();
      long written = System.nanoTime();
      Git.wrap(repo).gc().call();
      return new Generated(
          dir,
          KeyId.of(oldCluster).value(),
          KeyId.of(newCluster).value(),
          KeyId.of(breakGlass).value(),
          g.commits,
          g.files.size(),
          Duration.ofNanos(written - start).toSeconds(),
          Duration.ofNanos(System.nanoTime() - written).toSeconds());
    }
  }

  private void run() throws IOException, SealingException {
    // Phase 1: the files arrive, two per commit.
    while (nextFile < FILES) {
      add();
      add();
      commit();
    }
    while (commits < COMMITS) {
      if (commits >= ROTATION_START && commits < ROTATION_START + ROTATION_COMMITS) {
        rotate(commits - ROTATION_START);
        commit();
      } else if (commits % 100 == 50 && commits + 3 <= COMMITS) {
        mergedBranch();
      } else {
        change(commits % 20 == 0 ? HOT_FILE : randomPath(true));
        commit();
      }
    }
    RefUpdate ref = repo.updateRef(Constants.HEAD);
    ref.setNewObjectId(head);
    ref.forceUpdate();
    ins.close();
  }

  /** One ordinary commit's change to {@code path}: mostly value changes, sometimes other edits. */
  private void change(String path) throws IOException, SealingException {
    int roll = random.nextInt(100);
    SealedFile f = files.get(path);
    if (path.equals(HOT_FILE) || roll < 60) {
      List<String> items = new ArrayList<>(f.items().keySet());
      String item = items.get(random.nextInt(items.size()));
      put(path, with(f, item, seal(f, item)));
    } else if (roll < 80) {
      SortedMap<String, String> items = new TreeMap<>();
      for (String item : f.items().keySet()) {
        items.put(item, seal(f, item));
      }
      put(path, new SealedFile(f.namespace(), f.name(), items));
    } else if (roll < 90) {
      String item = "extra" + random.nextInt(1000);
      put(path, with(f, item, seal(f, item)));
    } else if (roll < 95 && f.items().size() > 1) {
      SortedMap<String, String> items = new TreeMap<>(f.items());
      items.remove(items.lastKey());
      put(path, new SealedFile(f.namespace(), f.name(), items));
    } else if (roll < 98) {
      String to = path(random.nextInt(5), random.nextInt(10), nextFile++);
      remove(path);
      put(to, f);
    } else {
      remove(path);
      add();
    }
  }

  private void rotate(int step) throws IOException, SealingException {
    current = newKeys;
    List<String> all = new ArrayList<>(files.keySet());
    int chunk = (all.size() + ROTATION_COMMITS - 1) / ROTATION_COMMITS;
    for (String path :
        all.subList(Math.min(all.size(), step * chunk), Math.min(all.size(), (step + 1) * chunk))) {
      SealedFile f = files.get(path);
      SortedMap<String, String> items = new TreeMap<>();
      for (String item : f.items().keySet()) {
        items.put(item, seal(f, item));
      }
      put(path, new SealedFile(f.namespace(), f.name(), items));
    }
  }

  /** A side branch of one commit, a commit on the main line, then the merge of both. */
  private void mergedBranch() throws IOException, SealingException {
    ObjectId fork = head;
    String sidePath = randomPath(false);
    SealedFile before = files.get(sidePath);
    change(sidePath);
    SealedFile sideState = files.get(sidePath);
    if (sideState == null) {
      commit();
      return;
    }
    ObjectId side = commit(List.of(fork));
    put(sidePath, before);
    String other = randomPath(false);
    while (other.equals(sidePath)) {
      other = randomPath(false);
    }
    change(other);
    ObjectId main = commit(List.of(fork));
    if (files.containsKey(sidePath)) {
      put(sidePath, sideState);
    }
    head = commit(List.of(main, side), "Merge branch 'change-" + commits + "'");
  }

  private void add() throws IOException, SealingException {
    int n = nextFile++;
    String path = n == 0 ? HOT_FILE : path(n % 5, (n / 5) % 10, n);
    String namespace = "ns" + ((n / 5) % 10);
    String name = "app" + n;
    SealedFile f = new SealedFile(namespace, name, new TreeMap<>());
    SortedMap<String, String> items = new TreeMap<>();
    for (int i = 0; i < ITEMS; i++) {
      items.put("item" + i, seal(f, "item" + i));
    }
    put(path, new SealedFile(namespace, name, items));
  }

  private String randomPath(boolean anyFile) {
    while (true) {
      String p = paths.get(random.nextInt(paths.size()));
      if (files.containsKey(p) && (anyFile || !p.equals(HOT_FILE))) {
        return p;
      }
    }
  }

  private static String path(int cluster, int namespace, int n) {
    return String.format("clusters/c%d/ns%02d/app%05d.sealed.yaml", cluster, namespace, n);
  }

  private static SealedFile with(SealedFile f, String item, String envelope) {
    SortedMap<String, String> items = new TreeMap<>(f.items());
    items.put(item, envelope);
    return new SealedFile(f.namespace(), f.name(), items);
  }

  private String seal(SealedFile f, String item) throws SealingException {
    byte[] value = new byte[24];
    random.nextBytes(value);
    Binding binding =
        Binding.builder()
            .scope(Scope.STRICT)
            .namespace(f.namespace())
            .name(f.name())
            .item(item)
            .build();
    return Sealer.seal(SecretBytes.copyOf(Base64.getEncoder().encode(value)), binding, current);
  }

  private void put(String path, SealedFile f) throws IOException {
    if (!files.containsKey(path)) {
      paths.add(path);
    }
    files.put(path, f);
    SealedSecret s =
        new SealedSecret(
            ObjectMeta.named(f.name(), f.namespace()),
            Scope.STRICT,
            null,
            f.items(),
            new SealedSecret.Template(new TreeMap<>(), new TreeMap<>(), null, null));
    String yaml = ManifestWriter.sealedSecrets(List.of(s), ManifestWriter.Format.YAML);
    trees.put(path, ins.insert(Constants.OBJ_BLOB, yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private void remove(String path) {
    files.remove(path);
    trees.remove(path);
  }

  private void commit() throws IOException {
    head = commit(head == null ? List.of() : List.of(head));
  }

  private ObjectId commit(List<ObjectId> parents) throws IOException {
    return commit(parents, "Change " + commits);
  }

  private ObjectId commit(List<ObjectId> parents, String message) throws IOException {
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(trees.write(ins));
    c.setParentIds(parents);
    String author = AUTHORS[random.nextInt(AUTHORS.length)];
    PersonIdent who =
        new PersonIdent(
            author,
            author.toLowerCase(Locale.ROOT) + "@example.org",
            START.plus(Duration.ofMinutes(commits)),
            ZoneOffset.UTC);
    c.setAuthor(who);
    c.setCommitter(who);
    c.setMessage(message + "\n");
    ObjectId id = ins.insert(c);
    commits++;
    if (commits % 1000 == 0) {
      ins.flush();
      System.err.println("generated " + commits + " commits");
    }
    return id;
  }

  /** What the benchmark needs to know about a generated repository; kept beside it. */
  record Generated(
      Path dir,
      String oldKeyId,
      String newKeyId,
      String breakGlassKeyId,
      int commits,
      int filesAtHead,
      long writeSeconds,
      long packSeconds) {

    static final String FILE = "generated.properties";

    void save() throws IOException {
      Files.writeString(
          dir.resolve(FILE),
          String.join(
              "\n",
              "oldKeyId=" + oldKeyId,
              "newKeyId=" + newKeyId,
              "breakGlassKeyId=" + breakGlassKeyId,
              "commits=" + commits,
              "filesAtHead=" + filesAtHead,
              "writeSeconds=" + writeSeconds,
              "packSeconds=" + packSeconds,
              ""));
    }

    static Generated load(Path dir) throws IOException {
      java.util.Properties p = new java.util.Properties();
      try (var in = Files.newInputStream(dir.resolve(FILE))) {
        p.load(in);
      }
      return new Generated(
          dir,
          p.getProperty("oldKeyId"),
          p.getProperty("newKeyId"),
          p.getProperty("breakGlassKeyId"),
          Integer.parseInt(p.getProperty("commits")),
          Integer.parseInt(p.getProperty("filesAtHead")),
          Long.parseLong(p.getProperty("writeSeconds")),
          Long.parseLong(p.getProperty("packSeconds")));
    }
  }
}
