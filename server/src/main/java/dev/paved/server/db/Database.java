package dev.paved.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paved.core.error.EnvironmentException;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The server's database: a connection pool, the schema migrated to the newest version at start
 * (Flyway, {@code db/migration/}), and Jdbi over it. H2 and PostgreSQL run the same migrations.
 */
public final class Database implements AutoCloseable {

  private final DatabaseSettings settings;
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private Database(DatabaseSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
  }

  /** Opens the pool and migrates the schema; fails with an environment error when unreachable. */
  public static Database open(DatabaseSettings settings) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config(settings));
    } catch (RuntimeException e) {
      throw unreachable(settings, e);
    }
    try {
      FluentConfiguration flyway =
          Flyway.configure()
              .dataSource(pool)
              .locations("classpath:db/migration")
              .failOnMissingLocations(true);
      settings.schema().ifPresent(s -> flyway.schemas(s).defaultSchema(s));
      flyway.load().migrate();
      return new Database(settings, pool);
    } catch (FlywayException e) {
      pool.close();
      throw new EnvironmentException(
          "cannot migrate the database " + settings.shown() + ": " + e.getMessage(),
          "check that the user may create tables; a database written by a newer Paved cannot be opened by an older one",
          false,
          e);
    }
  }

  private static HikariConfig config(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.postgres() ? 10 : 4);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(10_000);
    config.setPoolName("paved-db");
    settings.schema().ifPresent(config::setSchema);
    return config;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Runs {@code work} on a connection; a database that is away is a retryable 503. */
  public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw unavailable(e);
    }
  }

  /** Runs {@code work} in one transaction; a database that is away is a retryable 503. */
  public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw unavailable(e);
    }
  }

  public void useHandle(HandleConsumer<RuntimeException> work) {
    withHandle(
        handle -> {
          work.useHandle(handle);
          return null;
        });
  }

  public void useTransaction(HandleConsumer<RuntimeException> work) {
    inTransaction(
        handle -> {
          work.useHandle(handle);
          return null;
        });
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /** Whether a connection can be had and answers, within two seconds. */
  public boolean reachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** The error a caller reports when a database operation failed for lack of the database. */
  public static EnvironmentException unreachable(DatabaseSettings settings, Exception cause) {
    return new EnvironmentException(
        "the database " + settings.shown() + " is not available: " + rootMessage(cause),
        "check that it is running and reachable; writes are refused until it is back",
        true,
        cause);
  }

  public EnvironmentException unavailable(JdbiException cause) {
    return unreachable(settings, cause);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  @Override
  public void close() {
    pool.close();
  }
}
