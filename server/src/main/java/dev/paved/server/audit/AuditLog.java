package dev.paved.server.audit;

import dev.paved.server.auth.TokenStore;
import dev.paved.server.db.Database;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The audit log: append-only. Token values are masked in every field before they are stored, as a
 * second line of defence behind callers that never pass them.
 */
public final class AuditLog {

  private final Database database;
  private final Clock clock;

  public AuditLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public AuditEntry record(
      String actor, String action, String target, String outcome, String remote, String detail) {
    AuditEntry entry =
        new AuditEntry(
            clock.instant(),
            mask(actor, 64),
            mask(action, 64),
            mask(target, 300),
            outcome,
            mask(remote, 100),
            mask(detail, 2000));
    database.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO audit_log (at, actor, action, target, outcome, remote, detail)"
                        + " VALUES (:at, :actor, :action, :target, :outcome, :remote, :detail)")
                .bind("at", OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC))
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("outcome", entry.outcome())
                .bind("remote", entry.remote())
                .bind("detail", entry.detail())
                .execute());
    return entry;
  }

  /** The newest entries first. */
  public List<AuditEntry> recent(int limit) {
    return database.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT at, actor, action, target, outcome, remote, detail FROM audit_log ORDER BY id DESC LIMIT :limit")
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map(
                    (rs, ctx) ->
                        new AuditEntry(
                            rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor"),
                            rs.getString("action"),
                            rs.getString("target"),
                            rs.getString("outcome"),
                            rs.getString("remote"),
                            rs.getString("detail")))
                .list());
  }

  static String mask(String text, int max) {
    String masked = TokenStore.SHAPE.matcher(text).replaceAll("pvd_…");
    return masked.length() <= max ? masked : masked.substring(0, max - 1) + "…";
  }
}
