package dev.sealwright.cli.history;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated history the command tests share: four keys, a value change, a move, a rotation
 * (re-seals to a new key), a branch that seals to the old key again and is merged, a deleted file,
 * a removed item, a file moved and re-sealed in one commit, and a classic (X25519) file.
 *
 * @param commits each commit's id by the step name used below
 */
record Scenario(HistoryRepo repo, Map<String, String> commits) {
  static final String DB = "clusters/prod/db.sealed.yaml";
  static final String API = "clusters/prod/api.sealed.yaml";
  static final String CACHE = "clusters/prod/cache.sealed.yaml";

  static Scenario build(Path dir) {
    HistoryRepo r = HistoryRepo.init(dir);
    Map<String, String> c = new LinkedHashMap<>();
    r.seal(
        "apps/db.sealed.yaml",
        "prod",
        "db",
        List.of("password", "username"),
        "cluster",
        "breakglass");
    c.put("add-db", r.commit("Alice", "Add the db secret"));
    r.seal("apps/api.sealed.yaml", "prod", "api", List.of("token"), "cluster");
    c.put("add-api", r.commit("Alice", "Add the api token"));
    r.set("apps/db.sealed.yaml", "password", "cluster", "breakglass");
    c.put("new-password", r.commit("Bob", "New db password"));
    r.move("apps/db.sealed.yaml", DB);
    c.put("move-db", r.commit("Bob", "Move db under clusters/prod"));
    r.reseal(DB, "password", "other", "breakglass")
        .reseal(DB, "username", "other", "breakglass")
        .reseal("apps/api.sealed.yaml", "token", "other");
    c.put("rotate", r.commit("Carol", "Rotate to the new cluster key"));
    r.branch("feature");
    r.seal(CACHE, "prod", "cache", List.of("url"), "other");
    c.put("add-cache", r.commit("Dave", "Add the cache"));
    r.checkout("main");
    r.seal("legacy/old.sealed.yaml", "prod", "legacy", List.of("key"), "cluster");
    c.put("add-legacy", r.commit("Alice", "Add a legacy key, sealed to the old cluster key"));
    r.checkout("feature");
    r.set(CACHE, "url", "cluster");
    c.put("cache-old-key", r.commit("Dave", "Point the cache elsewhere (old key by mistake)"));
    r.checkout("main");
    c.put("merge", r.merge("feature", "Erin", "Merge branch 'feature'"));
    r.delete("legacy/old.sealed.yaml");
    c.put("drop-legacy", r.commit("Bob", "Drop the legacy key"));
    r.unset(DB, "username");
    c.put("drop-username", r.commit("Carol", "The db needs no username"));
    r.move("apps/api.sealed.yaml", API).reseal(API, "token", "cluster", "other");
    c.put("move-api", r.commit("Alice", "Move the api token and seal it to both keys"));
    r.seal("clusters/prod/metrics.sealed.yaml", "prod", "metrics", List.of("password"), "classic");
    c.put("add-metrics", r.commit("Frank", "Add metrics, X25519 only"));
    return new Scenario(r, c);
  }

  String id(String step) {
    return commits.get(step);
  }

  int index(String step) {
    return repo.commit(id(step)).index();
  }
}
