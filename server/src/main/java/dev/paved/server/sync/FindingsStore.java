package dev.paved.server.sync;

import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.db.Database;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** The doctor's latest findings per app and environment, in the database. */
public final class FindingsStore {

  private final Database database;

  public FindingsStore(Database database) {
    this.database = database;
  }

  public void put(Deployment deployment, Diagnosis diagnosis) {
    Map<String, Object> row =
        Map.of(
            "team", deployment.app().team(),
            "app", deployment.app().app(),
            "env", deployment.env(),
            "at", OffsetDateTime.ofInstant(diagnosis.at(), ZoneOffset.UTC),
            "json", diagnosis.toJson());
    database.useTransaction(
        handle -> {
          int updated =
              handle
                  .createUpdate(
                      "UPDATE app_findings SET updated_at = :at, diagnosis = :json"
                          + " WHERE team = :team AND app = :app AND env = :env")
                  .bindMap(row)
                  .execute();
          if (updated == 0) {
            handle
                .createUpdate(
                    "INSERT INTO app_findings (team, app, env, updated_at, diagnosis)"
                        + " VALUES (:team, :app, :env, :at, :json)")
                .bindMap(row)
                .execute();
          }
        });
  }

  public Optional<Diagnosis> get(Deployment deployment) {
    return database.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT diagnosis FROM app_findings WHERE team = :team AND app = :app AND env = :env")
                .bind("team", deployment.app().team())
                .bind("app", deployment.app().app())
                .bind("env", deployment.env())
                .mapTo(String.class)
                .findOne()
                .map(Diagnosis::fromJson));
  }
}
