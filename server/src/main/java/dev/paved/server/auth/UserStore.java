package dev.paved.server.auth;

import dev.paved.server.db.Database;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Users and their team memberships. */
public final class UserStore {

  private final Database database;
  private final Clock clock;

  public UserStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Creates the user or updates their name, platform role and memberships to these. */
  public Principal put(Principal user) {
    database.useTransaction(
        handle -> {
          boolean exists =
              handle
                      .createQuery("SELECT COUNT(*) FROM users WHERE id = :id")
                      .bind("id", user.user())
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (exists) {
            handle
                .createUpdate(
                    "UPDATE users SET display_name = :name, platform_role = :role WHERE id = :id")
                .bind("id", user.user())
                .bind("name", user.displayName())
                .bind("role", user.platformRole().id())
                .execute();
          } else {
            insert(handle, user);
          }
          handle
              .createUpdate("DELETE FROM memberships WHERE user_id = :id")
              .bind("id", user.user())
              .execute();
          user.teams().forEach((team, role) -> addMembership(handle, user.user(), team, role));
        });
    return user;
  }

  /**
   * Creates the user unless one of that name exists, even one another replica is creating at this
   * moment (the database's key decides); true when it was created here.
   */
  public boolean create(Principal user) {
    try {
      database.useTransaction(
          handle -> {
            insert(handle, user);
            user.teams().forEach((team, role) -> addMembership(handle, user.user(), team, role));
          });
      return true;
    } catch (RuntimeException e) {
      if (find(user.user()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  private void insert(Handle handle, Principal user) {
    handle
        .createUpdate(
            "INSERT INTO users (id, display_name, platform_role, created_at) VALUES (:id, :name, :role, :at)")
        .bind("id", user.user())
        .bind("name", user.displayName())
        .bind("role", user.platformRole().id())
        .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .execute();
  }

  private static void addMembership(Handle handle, String user, String team, TeamRole role) {
    handle
        .createUpdate("INSERT INTO memberships (user_id, team, role) VALUES (:user, :team, :role)")
        .bind("user", user)
        .bind("team", team)
        .bind("role", role.id())
        .execute();
  }

  /** What a user signing in through an identity provider may become. */
  public sealed interface Claim {
    /** The user exists and belongs to this subject (or is new and now does). */
    record Granted(Optional<Principal> before) implements Claim {}

    /** A user of that name exists and is not this subject's. */
    record Taken(String reason) implements Claim {}
  }

  /**
   * Ties the user to the identity provider's subject ({@code iss} and {@code sub}) the first time
   * they sign in through it, creating them; refuses when the name belongs to a local user (made
   * with tokens) or to another subject, so an account of the same name elsewhere cannot take theirs
   * over.
   */
  public Claim claim(String id, String subject, String displayName) {
    return database.inTransaction(
        handle -> {
          Optional<String> owner =
              handle
                  .createQuery("SELECT COALESCE(oidc_subject, '') FROM users WHERE id = :id")
                  .bind("id", id)
                  .mapTo(String.class)
                  .findOne();
          if (owner.isEmpty()) {
            handle
                .createUpdate(
                    "INSERT INTO users (id, display_name, platform_role, created_at, oidc_subject)"
                        + " VALUES (:id, :name, :role, :at, :subject)")
                .bind("id", id)
                .bind("name", displayName)
                .bind("role", PlatformRole.NONE.id())
                .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .bind("subject", subject)
                .execute();
            return new Claim.Granted(Optional.empty());
          }
          if (owner.get().isEmpty()) {
            return new Claim.Taken(
                "a local user named " + id + " exists; it signs in with a token");
          }
          if (!owner.get().equals(subject)) {
            return new Claim.Taken(
                "the user " + id + " belongs to another account of the identity provider");
          }
          return new Claim.Granted(find(handle, id));
        });
  }

  public Optional<Principal> find(String id) {
    return database.withHandle(handle -> find(handle, id));
  }

  static Optional<Principal> find(Handle handle, String id) {
    Optional<Map<String, Object>> row =
        handle
            .createQuery("SELECT display_name, platform_role FROM users WHERE id = :id")
            .bind("id", id)
            .mapToMap()
            .findOne();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Map<String, TeamRole> teams = new LinkedHashMap<>();
    handle
        .createQuery("SELECT team, role FROM memberships WHERE user_id = :id ORDER BY team")
        .bind("id", id)
        .mapToMap()
        .forEach(
            m ->
                teams.put(
                    String.valueOf(m.get("team")), TeamRole.of(String.valueOf(m.get("role")))));
    return Optional.of(
        new Principal(
            id,
            String.valueOf(row.get().get("display_name")),
            PlatformRole.of(String.valueOf(row.get().get("platform_role"))),
            teams));
  }

  public List<Principal> members(String team) {
    return database.withHandle(
        handle ->
            handle
                .createQuery("SELECT user_id FROM memberships WHERE team = :team ORDER BY user_id")
                .bind("team", team)
                .mapTo(String.class)
                .list()
                .stream()
                .flatMap(id -> find(handle, id).stream())
                .toList());
  }
}
