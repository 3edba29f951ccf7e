package dev.paved.server.http;

import static dev.paved.server.http.ChangesApiTest.deploy;
import static dev.paved.server.http.ChangesApiTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.server.TestServer;
import dev.paved.server.db.DatabaseSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write endpoint (and the reads that guard team data), called as every role of two teams:
 * platform engineer, viewer, admin and member of the team that owns the app, admin and member of
 * another team, and a user in no team. Forbidden combinations get 403; allowed ones succeed. Each
 * call works on objects of its own, prepared by someone allowed, so one call cannot spoil the next.
 */
class AuthorizationMatrixTest {

  private record Case(
      String name,
      Set<String> allowed,
      BiFunction<TestServer, String, TestServer.Answer> call,
      IntPredicate succeeded) {

    Case(String name, Set<String> allowed, BiFunction<TestServer, String, TestServer.Answer> call) {
      this(name, allowed, call, status -> status >= 200 && status < 300);
    }
  }

  /** The test server has no cluster: an allowed sync or diff gets past access to a 503. */
  private static final IntPredicate NO_CLUSTER = status -> status == 503;

  private static final Set<String> EVERYONE = TestServer.PEOPLE.keySet();
  private static final Set<String> SEARCH_WRITERS = Set.of("pat", "sam", "sue");
  private static final Set<String> SEARCH_READERS = Set.of("pat", "vic", "sam", "sue");

  private final AtomicInteger unique = new AtomicInteger();

  private String app() {
    return "app" + unique.incrementAndGet();
  }

  /** A prod change for a new search app, opened by sue (and approved by sam when asked). */
  private String prodChange(TestServer server, boolean approved) {
    String id =
        server
            .post("/api/v1/changes", "sue", deploy(spec(app(), "search", "1.0.0"), "prod"))
            .json()
            .path("id")
            .asText();
    if (approved) {
      assertThat(server.post("/api/v1/changes/" + id + "/approve", "sam", "").status())
          .isEqualTo(200);
    }
    return id;
  }

  /** A search app deployed twice to dev; returns its name and first revision. */
  private String[] deployedTwice(TestServer server) {
    String app = app();
    String first =
        server
            .post("/api/v1/changes", "sue", deploy(spec(app, "search", "1.0.0"), "dev"))
            .json()
            .path("autoMerge")
            .path("commit")
            .asText();
    server.post("/api/v1/changes", "sue", deploy(spec(app, "search", "2.0.0"), "dev"));
    return new String[] {app, first};
  }

  private List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "create own token",
            EVERYONE,
            (s, u) -> s.post("/api/v1/tokens", u, "{\"name\": \"matrix\"}")));
    cases.add(
        new Case(
            "revoke own token",
            EVERYONE,
            (s, u) ->
                s.delete(
                    "/api/v1/tokens/"
                        + s.post("/api/v1/tokens", u, "{\"name\": \"gone\"}")
                            .json()
                            .path("id")
                            .asText(),
                    u)));
    cases.add(
        new Case(
            "deploy a search app",
            SEARCH_WRITERS,
            (s, u) -> s.post("/api/v1/changes", u, deploy(spec(app(), "search", "1.0.0"), "dev"))));
    cases.add(
        new Case(
            "change a platform file",
            Set.of("pat"),
            (s, u) ->
                s.post(
                    "/api/v1/changes",
                    u,
                    "{\"intents\": [{\"type\": \"put-platform-file\", \"path\": \"platform/teams/t"
                        + unique.incrementAndGet()
                        + ".yaml\", \"text\": \"apiVersion: paved.dev/v1alpha1\\nkind: Team\\nmetadata: {name: t"
                        + unique.get()
                        + "}\\nspec: {members: [x]}\\n\"}]}")));
    cases.add(
        new Case(
            "approve sue's change",
            Set.of("pat", "sam"),
            (s, u) -> s.post("/api/v1/changes/" + prodChange(s, false) + "/approve", u, "")));
    cases.add(
        new Case(
            "close sue's change",
            Set.of("pat", "sue"),
            (s, u) -> s.post("/api/v1/changes/" + prodChange(s, false) + "/close", u, "")));
    cases.add(
        new Case(
            "merge an approved change",
            SEARCH_WRITERS,
            (s, u) -> s.post("/api/v1/changes/" + prodChange(s, true) + "/merge", u, "")));
    cases.add(
        new Case(
            "recheck a change",
            SEARCH_WRITERS,
            (s, u) -> s.post("/api/v1/changes/" + prodChange(s, false) + "/recheck", u, "")));
    cases.add(
        new Case(
            "roll back a search app",
            SEARCH_WRITERS,
            (s, u) -> {
              String[] deployed = deployedTwice(s);
              return s.post(
                  "/api/v1/apps/search/" + deployed[0] + "/rollback",
                  u,
                  "{\"env\": \"dev\", \"revision\": \"" + deployed[1] + "\"}");
            }));
    cases.add(
        new Case(
            "read a search app",
            SEARCH_READERS,
            (s, u) -> s.get("/api/v1/apps/search/" + deployedTwice(s)[0], u)));
    cases.add(
        new Case(
            "read a search change",
            SEARCH_READERS,
            (s, u) -> s.get("/api/v1/changes/" + prodChange(s, false), u)));
    cases.add(
        new Case(
            "read a search app's sync history",
            SEARCH_READERS,
            (s, u) -> s.get("/api/v1/apps/search/" + deployedTwice(s)[0] + "/history", u)));
    cases.add(
        new Case(
            "read a search app's findings",
            SEARCH_READERS,
            (s, u) -> s.get("/api/v1/apps/search/" + deployedTwice(s)[0] + "/findings", u)));
    cases.add(
        new Case(
            "sync a search app by hand",
            SEARCH_WRITERS,
            (s, u) ->
                s.post(
                    "/api/v1/apps/search/" + deployedTwice(s)[0] + "/sync",
                    u,
                    "{\"env\": \"dev\"}"),
            NO_CLUSTER));
    cases.add(
        new Case(
            "read a search app's live diff",
            SEARCH_READERS,
            (s, u) -> s.get("/api/v1/apps/search/" + deployedTwice(s)[0] + "/diff?env=dev", u),
            NO_CLUSTER));
    cases.add(new Case("say who I am", EVERYONE, (s, u) -> s.get("/api/v1/me", u)));
    cases.add(new Case("list the apps I may see", EVERYONE, (s, u) -> s.get("/api/v1/apps", u)));
    cases.add(
        new Case("list the changes I may see", EVERYONE, (s, u) -> s.get("/api/v1/changes", u)));
    return cases;
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  @dev.paved.reliability.Reliability(
      area = dev.paved.reliability.Area.SECURITY,
      value = "authorization matrix: every API action as every role")
  void everyRoleGetsExactlyWhatItIsAllowed(
      DatabaseSettings settings, dev.paved.reliability.Tally tally) {
    tally.counting("role × action calls");
    List<String> wrong = new ArrayList<>();
    try (TestServer server = TestServer.on(settings)) {
      for (Case c : cases()) {
        for (String user : EVERYONE) {
          tally.add();
          TestServer.Answer answer = c.call().apply(server, user);
          boolean allowed = c.allowed().contains(user);
          boolean ok = allowed ? c.succeeded().test(answer.status()) : answer.status() == 403;
          if (!ok) {
            wrong.add(
                c.name()
                    + " as "
                    + user
                    + ": expected "
                    + (allowed ? "success" : "403")
                    + ", got "
                    + answer.status()
                    + " "
                    + answer.body());
          }
        }
      }
      assertThat(server.services().audit().recent(1000))
          .filteredOn(e -> e.outcome().equals("denied"))
          .isNotEmpty();
    }
    assertThat(wrong).isEmpty();
    tally.held(
        cases().size()
            + " actions × "
            + EVERYONE.size()
            + " people (platform, viewer, team admins and members, no team): every allowed call"
            + " 2xx, every other 403, denials audited");
  }
}
