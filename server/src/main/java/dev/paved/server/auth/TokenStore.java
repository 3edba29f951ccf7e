package dev.paved.server.auth;

import dev.paved.server.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Personal API tokens. A token is {@code pvd_<id>_<secret>} with 190 random bits; only its SHA-256
 * is stored, so a database dump holds no usable token. A random token needs no slow hash: there is
 * nothing to guess that a fast hash would make easier.
 */
public final class TokenStore {

  /** A token just issued: the only moment its value exists outside the caller's hands. */
  public record Issued(String id, String name, String token, Instant createdAt) {}

  /** A token as listed: never its value. */
  public record Info(
      String id,
      String name,
      Instant createdAt,
      Optional<Instant> lastUsedAt,
      Optional<Instant> revokedAt) {}

  public static final Pattern SHAPE = Pattern.compile("pvd_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** Tokens seen lately, so reads go on while the database is briefly away. */
  private final java.util.Map<String, Seen> seen = new java.util.concurrent.ConcurrentHashMap<>();

  private record Seen(Principal principal, Instant at) {}

  /** How long a token seen before keeps working while the database is unreachable. */
  static final java.time.Duration DEGRADED = java.time.Duration.ofMinutes(10);

  public TokenStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public Issued issue(String user, String name) {
    return issue(user, name, Optional.empty());
  }

  /** Issues a token that stops working after {@code lifetime} (portal sessions), or never. */
  public Issued issue(String user, String name, Optional<java.time.Duration> lifetime) {
    String id = randomText(12);
    String token = "pvd_" + id + "_" + randomText(32);
    OffsetDateTime now = now();
    database.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO tokens (id, user_id, name, hash, created_at, expires_at)"
                        + " VALUES (:id, :user, :name, :hash, :at, :expires)")
                .bind("id", id)
                .bind("user", user)
                .bind("name", name)
                .bind("hash", hash(token))
                .bind("at", now)
                .bind("expires", lifetime.map(now::plus).orElse(null))
                .execute());
    return new Issued(id, name, token, now.toInstant());
  }

  /** The user of a valid, unrevoked token; records its use. */
  public Optional<Principal> authenticate(String token) {
    if (!SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    String hash = hash(token);
    try {
      Optional<Principal> principal = lookup(hash);
      principal.ifPresentOrElse(
          p -> seen.put(hash, new Seen(p, clock.instant())), () -> seen.remove(hash));
      return principal;
    } catch (dev.paved.core.error.EnvironmentException e) {
      Seen before = seen.get(hash);
      if (before != null && before.at().plus(DEGRADED).isAfter(clock.instant())) {
        return Optional.of(before.principal());
      }
      throw e;
    }
  }

  private Optional<Principal> lookup(String hash) {
    return database.inTransaction(
        handle -> {
          Optional<String> user =
              handle
                  .createQuery(
                      "SELECT user_id FROM tokens WHERE hash = :hash AND revoked_at IS NULL"
                          + " AND (expires_at IS NULL OR expires_at > :now)")
                  .bind("hash", hash)
                  .bind("now", now())
                  .mapTo(String.class)
                  .findOne();
          user.ifPresent(
              u ->
                  handle
                      .createUpdate("UPDATE tokens SET last_used_at = :at WHERE hash = :hash")
                      .bind("at", now())
                      .bind("hash", hash)
                      .execute());
          return user.flatMap(u -> UserStore.find(handle, u));
        });
  }

  public List<Info> list(String user) {
    return database.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT id, name, created_at, last_used_at, revoked_at FROM tokens WHERE user_id = :user ORDER BY created_at, id")
                .bind("user", user)
                .map(
                    (rs, ctx) ->
                        new Info(
                            rs.getString("id"),
                            rs.getString("name"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rs.getObject("last_used_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant),
                            Optional.ofNullable(rs.getObject("revoked_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)))
                .list());
  }

  /** Revokes one of the user's tokens; false when the user has no such active token. */
  public boolean revoke(String user, String id) {
    seen.values().removeIf(s -> s.principal().user().equals(user));
    return database.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE tokens SET revoked_at = :at WHERE id = :id AND user_id = :user AND revoked_at IS NULL")
                    .bind("at", now())
                    .bind("id", id)
                    .bind("user", user)
                    .execute())
        == 1;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
