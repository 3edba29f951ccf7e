package dev.paved.server.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the server's database is: a JDBC URL of H2 or PostgreSQL, credentials, and optionally a
 * schema of its own (tests give each run a fresh schema on a shared PostgreSQL).
 */
public record DatabaseSettings(String url, String user, String password, Optional<String> schema) {

  /** The embedded default: an H2 file database under the data directory, in PostgreSQL mode. */
  public static DatabaseSettings embedded(Path dataDir) {
    return new DatabaseSettings(
        "jdbc:h2:file:" + dataDir.resolve("paved").toAbsolutePath() + h2Options(),
        "paved",
        "",
        Optional.empty());
  }

  /** A private in-memory H2 database, gone when the last connection closes. */
  public static DatabaseSettings inMemory(String name) {
    return new DatabaseSettings("jdbc:h2:mem:" + name + h2Options(), "paved", "", Optional.empty());
  }

  static String h2Options() {
    return ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=0";
  }

  public boolean postgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The URL without credentials, for messages. */
  public String shown() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
