package dev.paved.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The databases every server test runs on: H2 (a file database in a temp folder, as {@code paved
 * up} uses) and a real PostgreSQL server, each test on a fresh one. PostgreSQL comes from {@code
 * PAVED_TEST_POSTGRES_URL}, which {@code ./test} sets after starting {@code scripts/postgres.sh};
 * without it the PostgreSQL cases fail and say so: {@code ./test} never skips them. Only the fast
 * lane, {@code ./test --unit}, asks for H2 alone ({@code -Dpaved.test.databases=h2}).
 */
public final class TestDatabases {

  public static final String POSTGRES_URL = "PAVED_TEST_POSTGRES_URL";

  private TestDatabases() {}

  /** For {@code @MethodSource}: one fresh H2 and one fresh PostgreSQL schema. */
  public static Stream<Named<DatabaseSettings>> both() {
    if ("h2".equals(System.getProperty("paved.test.databases"))) {
      return Stream.of(Named.of("H2", h2()));
    }
    return Stream.of(Named.of("H2", h2()), Named.of("PostgreSQL", postgres()));
  }

  public static DatabaseSettings h2() {
    try {
      Path dir = Files.createTempDirectory("paved-h2-");
      dir.toFile().deleteOnExit();
      return DatabaseSettings.embedded(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh schema on the test PostgreSQL server. */
  public static DatabaseSettings postgres() {
    String url =
        Optional.ofNullable(System.getenv(POSTGRES_URL))
            .or(() -> Optional.ofNullable(System.getProperty("paved.test.postgres.url")))
            .filter(u -> !u.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the PostgreSQL cases need "
                            + POSTGRES_URL
                            + "; run ./test, or: export "
                            + POSTGRES_URL
                            + "=$(scripts/postgres.sh start)"));
    String schema =
        "t_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    return new DatabaseSettings(url, "paved", "", Optional.of(schema));
  }
}
