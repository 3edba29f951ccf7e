package dev.paved.server.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.SyncHistory;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import dev.paved.server.db.Database;
import dev.paved.server.json.JsonMapping;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sync history in the server's database, so runs and the last synced revision per environment
 * survive a restart. Keeps the newest {@link #KEEP} runs per app and environment.
 */
public final class DatabaseSyncHistory implements SyncHistory {

  static final int KEEP = 200;
  private static final TypeReference<List<SyncRun.ObjectResult>> OBJECTS = new TypeReference<>() {};

  private final Database database;

  public DatabaseSyncHistory(Database database) {
    this.database = database;
  }

  public Database database() {
    return database;
  }

  @Override
  public void record(SyncRun run) {
    Deployment d = run.deployment();
    database.useTransaction(
        handle -> {
          handle
              .createUpdate(
                  "INSERT INTO sync_runs (env, team, app, revision, trigger, started_at, took_ms, status, objects, message)"
                      + " VALUES (:env, :team, :app, :revision, :trigger, :started, :took, :status, :objects, :message)")
              .bind("env", d.env())
              .bind("team", d.app().team())
              .bind("app", d.app().app())
              .bind("revision", run.revision())
              .bind("trigger", run.trigger().name())
              .bind("started", OffsetDateTime.ofInstant(run.started(), ZoneOffset.UTC))
              .bind("took", run.took().toMillis())
              .bind("status", run.status().name())
              .bind("objects", json(run.objects()))
              .bind(
                  "message",
                  run.message().length() > 4000
                      ? run.message().substring(0, 3999) + "…"
                      : run.message())
              .execute();
          handle
              .createUpdate(
                  "DELETE FROM sync_runs WHERE env = :env AND team = :team AND app = :app AND id NOT IN"
                      + " (SELECT id FROM (SELECT id FROM sync_runs WHERE env = :env AND team = :team AND app = :app"
                      + " ORDER BY id DESC LIMIT :keep) AS kept)")
              .bind("env", d.env())
              .bind("team", d.app().team())
              .bind("app", d.app().app())
              .bind("keep", KEEP)
              .execute();
        });
  }

  @Override
  public List<SyncRun> runs(Deployment deployment) {
    return database.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT env, team, app, revision, trigger, started_at, took_ms, status, objects, message"
                        + " FROM sync_runs WHERE env = :env AND team = :team AND app = :app ORDER BY id DESC")
                .bind("env", deployment.env())
                .bind("team", deployment.app().team())
                .bind("app", deployment.app().app())
                .map((rs, ctx) -> run(rs))
                .list());
  }

  @Override
  public Optional<SyncRun> last(Deployment deployment) {
    return database.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT env, team, app, revision, trigger, started_at, took_ms, status, objects, message"
                        + " FROM sync_runs WHERE env = :env AND team = :team AND app = :app"
                        + " ORDER BY id DESC LIMIT 1")
                .bind("env", deployment.env())
                .bind("team", deployment.app().team())
                .bind("app", deployment.app().app())
                .map((rs, ctx) -> run(rs))
                .findOne());
  }

  /** One query for every deployment's newest run (the catalog needs them all at once). */
  @Override
  public Map<Deployment, SyncRun> latest() {
    return database.withHandle(
        handle -> {
          Map<Deployment, SyncRun> runs = new HashMap<>();
          handle
              .createQuery(
                  "SELECT env, team, app, revision, trigger, started_at, took_ms, status, objects, message"
                      + " FROM sync_runs WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY env, team, app)")
              .map((rs, ctx) -> run(rs))
              .forEach(run -> runs.put(run.deployment(), run));
          return runs;
        });
  }

  private static SyncRun run(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SyncRun(
        new Deployment(rs.getString("env"), new AppKey(rs.getString("team"), rs.getString("app"))),
        rs.getString("revision"),
        Trigger.valueOf(rs.getString("trigger")),
        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
        Duration.ofMillis(rs.getLong("took_ms")),
        SyncRun.Status.valueOf(rs.getString("status")),
        objects(rs.getString("objects")),
        rs.getString("message"));
  }

  @Override
  public Optional<String> lastSynced(String env) {
    return database.withHandle(
        handle ->
            handle
                .createQuery("SELECT revision FROM synced_revisions WHERE env = :env")
                .bind("env", env)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public void markSynced(String env, String revision) {
    database.useTransaction(
        handle -> {
          int updated =
              handle
                  .createUpdate("UPDATE synced_revisions SET revision = :revision WHERE env = :env")
                  .bind("env", env)
                  .bind("revision", revision)
                  .execute();
          if (updated == 0) {
            handle
                .createUpdate(
                    "INSERT INTO synced_revisions (env, revision) VALUES (:env, :revision)")
                .bind("env", env)
                .bind("revision", revision)
                .execute();
          }
        });
  }

  /** Every deployment that has runs, for listings. */
  public List<Deployment> deployments() {
    return database.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT DISTINCT env, team, app FROM sync_runs ORDER BY team, app, env")
                .map(
                    (rs, ctx) ->
                        new Deployment(
                            rs.getString("env"),
                            new AppKey(rs.getString("team"), rs.getString("app"))))
                .list());
  }

  private static String json(List<SyncRun.ObjectResult> objects) {
    try {
      return JsonMapping.MAPPER.writeValueAsString(objects);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("object results are plain data", e);
    }
  }

  private static List<SyncRun.ObjectResult> objects(String json) {
    try {
      return JsonMapping.MAPPER.readValue(json, OBJECTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sync_runs.objects holds JSON written by this class", e);
    }
  }
}
