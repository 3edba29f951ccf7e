package dev.paved.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.EnvironmentException;
import dev.paved.server.audit.AuditEntry;
import dev.paved.server.audit.AuditLog;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Users, tokens and the audit log, on H2 and on PostgreSQL. */
class StoresTest {

  private static final Principal ADA =
      new Principal(
          "ada",
          "Ada",
          PlatformRole.NONE,
          Map.of("search", TeamRole.ADMIN, "vision", TeamRole.MEMBER));

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aTokenAuthenticatesItsUserAndOnlyItsHashIsStored(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      new UserStore(database, Clock.systemUTC()).put(ADA);
      TokenStore tokens = new TokenStore(database, Clock.systemUTC());

      TokenStore.Issued issued = tokens.issue("ada", "laptop");

      assertThat(issued.token()).matches(TokenStore.SHAPE);
      assertThat(tokens.authenticate(issued.token())).contains(ADA);
      List<Map<String, Object>> rows =
          database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM tokens").mapToMap().list());
      assertThat(rows).hasSize(1);
      assertThat(rows.getFirst().values())
          .noneMatch(v -> String.valueOf(v).contains(issued.token().substring(4)));
      assertThat(tokens.list("ada"))
          .singleElement()
          .satisfies(
              info -> {
                assertThat(info.name()).isEqualTo("laptop");
                assertThat(info.lastUsedAt()).isPresent();
                assertThat(info.revokedAt()).isEmpty();
              });
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aTokenWithALifetimeStopsWorkingWhenItEnds(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      new UserStore(database, Clock.systemUTC()).put(ADA);
      java.time.Instant start = java.time.Instant.parse("2026-11-27T10:00:00Z");
      java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
          new java.util.concurrent.atomic.AtomicReference<>(start);
      Clock clock =
          new Clock() {
            @Override
            public java.time.ZoneId getZone() {
              return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public java.time.Instant instant() {
              return now.get();
            }
          };
      TokenStore tokens = new TokenStore(database, clock);
      TokenStore.Issued session =
          tokens.issue(
              "ada", "portal session", java.util.Optional.of(java.time.Duration.ofDays(7)));
      TokenStore.Issued forever = tokens.issue("ada", "ci");

      now.set(start.plus(java.time.Duration.ofDays(6)));
      assertThat(tokens.authenticate(session.token())).isPresent();
      now.set(start.plus(java.time.Duration.ofDays(8)));
      assertThat(tokens.authenticate(session.token())).isEmpty();
      assertThat(tokens.authenticate(forever.token())).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aRevokedTokenNoLongerAuthenticatesAndOnlyItsOwnerMayRevokeIt(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      UserStore users = new UserStore(database, Clock.systemUTC());
      users.put(ADA);
      users.put(new Principal("bob", "Bob", PlatformRole.NONE, Map.of()));
      TokenStore tokens = new TokenStore(database, Clock.systemUTC());
      TokenStore.Issued issued = tokens.issue("ada", "ci");

      assertThat(tokens.revoke("bob", issued.id())).isFalse();
      assertThat(tokens.authenticate(issued.token())).isPresent();
      assertThat(tokens.revoke("ada", issued.id())).isTrue();
      assertThat(tokens.revoke("ada", issued.id())).isFalse();

      assertThat(tokens.authenticate(issued.token())).isEmpty();
      assertThat(tokens.list("ada").getFirst().revokedAt()).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void malformedAndUnknownTokensAuthenticateNobody(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      TokenStore tokens = new TokenStore(database, Clock.systemUTC());

      assertThat(tokens.authenticate("")).isEmpty();
      assertThat(tokens.authenticate("pvd_x' OR '1'='1")).isEmpty();
      assertThat(tokens.authenticate("pvd_AAAAAAAAAAAA_" + "B".repeat(32))).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void usersTokensAndTheAuditLogSurviveARestart(DatabaseSettings settings) {
    TokenStore.Issued issued;
    try (Database database = Database.open(settings)) {
      new UserStore(database, Clock.systemUTC()).put(ADA);
      issued = new TokenStore(database, Clock.systemUTC()).issue("ada", "laptop");
      new AuditLog(database, Clock.systemUTC())
          .record("ada", "token.create", "token/" + issued.id(), "ok", "127.0.0.1", "laptop");
    }
    try (Database reopened = Database.open(settings)) {
      assertThat(new TokenStore(reopened, Clock.systemUTC()).authenticate(issued.token()))
          .contains(ADA);
      assertThat(new UserStore(reopened, Clock.systemUTC()).members("search"))
          .extracting(Principal::user)
          .containsExactly("ada");
      assertThat(new AuditLog(reopened, Clock.systemUTC()).recent(10))
          .extracting(AuditEntry::action)
          .containsExactly("token.create");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void theAuditLogListsNewestFirstAndNeverKeepsATokenValue(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      AuditLog audit = new AuditLog(database, Clock.systemUTC());
      String leaked = "pvd_AAAAAAAAAAAA_" + "C".repeat(32);

      audit.record("ada", "change.open", "change/1", "ok", "10.0.0.1", "opened");
      audit.record(
          "ada", "token.create", "token/x", "ok", "10.0.0.1", "careless caller passed " + leaked);

      List<AuditEntry> entries = audit.recent(10);
      assertThat(entries)
          .extracting(AuditEntry::action)
          .containsExactly("token.create", "change.open");
      assertThat(entries.getFirst().detail()).doesNotContain(leaked).contains("pvd_…");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aUsersMembershipsAreReplacedAsAWhole(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      UserStore users = new UserStore(database, Clock.systemUTC());
      users.put(ADA);

      users.put(
          new Principal("ada", "Ada L.", PlatformRole.PLATFORM, Map.of("vision", TeamRole.ADMIN)));

      Principal ada = users.find("ada").orElseThrow();
      assertThat(ada.displayName()).isEqualTo("Ada L.");
      assertThat(ada.platform()).isTrue();
      assertThat(ada.teams()).containsExactly(Map.entry("vision", TeamRole.ADMIN));
      assertThat(users.find("nobody")).isEmpty();
    }
  }

  @Test
  void anUnreachableDatabaseIsARetryableEnvironmentError() {
    DatabaseSettings nowhere =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:1/paved?connectTimeout=2", "paved", "", Optional.empty());

    assertThatThrownBy(() -> Database.open(nowhere))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("127.0.0.1:1")
        .satisfies(e -> assertThat(((EnvironmentException) e).retryable()).isTrue());
  }
}
