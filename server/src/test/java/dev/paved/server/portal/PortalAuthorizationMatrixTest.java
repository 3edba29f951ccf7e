package dev.paved.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.doctor.Code;
import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.Finding;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.TestServer;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.sync.FindingsStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every portal form (and the pages that guard team data), submitted as every role of two teams with
 * a valid session and CSRF token: forbidden combinations get a 403 page, allowed ones go on (303 to
 * the next page, or 200 for pages). The same people as the API's matrix.
 */
class PortalAuthorizationMatrixTest {

  private record Case(
      String name,
      Set<String> allowed,
      BiFunction<TestServer, BrowserlessSession, HttpResponse<String>> call,
      IntPredicate succeeded) {

    Case(
        String name,
        Set<String> allowed,
        BiFunction<TestServer, BrowserlessSession, HttpResponse<String>> call) {
      this(name, allowed, call, status -> status == 200 || status == 303);
    }
  }

  private static final Set<String> EVERYONE = TestServer.PEOPLE.keySet();
  private static final Set<String> SEARCH_WRITERS = Set.of("pat", "sam", "sue");
  private static final Set<String> SEARCH_READERS = Set.of("pat", "vic", "sam", "sue");

  private final AtomicInteger unique = new AtomicInteger();
  private final Map<String, BrowserlessSession> sessions = new LinkedHashMap<>();

  private BrowserlessSession as(TestServer server, String user) {
    return sessions.computeIfAbsent(user, u -> BrowserlessSession.signIn(server, u));
  }

  private Map<String, String> form(String app, String env) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("app", app);
    fields.put("team", "search");
    fields.put("envs", env);
    fields.put("with.image", "ghcr.io/example/" + app + ":1.0.0");
    return fields;
  }

  /** A new search app deployed by sue; returns its name. */
  private String deployed(TestServer server) {
    String app = "app" + unique.incrementAndGet();
    assertThat(as(server, "sue").submit("/paths/web-service", form(app, "dev")).statusCode())
        .isEqualTo(303);
    return app;
  }

  /** A prod change opened by sue, approved by sam when asked; returns its id. */
  private String prodChange(TestServer server, boolean approved) {
    String app = "app" + unique.incrementAndGet();
    HttpResponse<String> opened = as(server, "sue").submit("/paths/web-service", form(app, "prod"));
    String id = opened.headers().firstValue("Location").orElseThrow().replace("/changes/", "");
    if (approved) {
      assertThat(as(server, "sam").submit("/changes/" + id + "/approve", Map.of()).statusCode())
          .isEqualTo(303);
    }
    return id;
  }

  private List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "deploy a search app through the form",
            SEARCH_WRITERS,
            (s, b) ->
                b.submit("/paths/web-service", form("app" + unique.incrementAndGet(), "dev"))));
    cases.add(
        new Case(
            "approve sue's change",
            Set.of("pat", "sam"),
            (s, b) -> b.submit("/changes/" + prodChange(s, false) + "/approve", Map.of())));
    cases.add(
        new Case(
            "close sue's change",
            Set.of("pat", "sue"),
            (s, b) -> b.submit("/changes/" + prodChange(s, false) + "/close", Map.of())));
    cases.add(
        new Case(
            "merge an approved change",
            SEARCH_WRITERS,
            (s, b) -> b.submit("/changes/" + prodChange(s, true) + "/merge", Map.of())));
    cases.add(
        new Case(
            "roll back a search app",
            SEARCH_WRITERS,
            (s, b) -> {
              String app = deployed(s);
              // without a cluster there are no sync runs: the revision is the deploy's commit
              String first = s.backend().repo().log("refs/heads/main", 1).getFirst().id();
              Map<String, String> again = form(app, "dev");
              again.put("with.port", "9090");
              as(s, "sue").submit("/paths/web-service", again);
              return b.submit(
                  "/apps/search/" + app + "/rollback", Map.of("env", "dev", "revision", first));
            }));
    cases.add(
        new Case(
            "apply the doctor's fix to a search app",
            SEARCH_WRITERS,
            (s, b) -> {
              String app = deployed(s);
              new FindingsStore(s.services().database())
                  .put(
                      new Deployment("dev", new AppKey("search", app)),
                      new Diagnosis(
                          List.of(
                              Finding.of(
                                      Code.INSUFFICIENT_MEMORY,
                                      "Deployment/search-dev/" + app,
                                      "too much memory",
                                      "ask for less")
                                  .withPatch(Map.of("with", Map.of("memory", "1Gi")))),
                          Instant.now()));
              return b.submit(
                  "/apps/search/" + app + "/fix",
                  Map.of(
                      "env", "dev",
                      "code", "INSUFFICIENT_MEMORY",
                      "object", "Deployment/search-dev/" + app));
            }));
    cases.add(
        new Case(
            "sync a search app by hand (no cluster here: past access to a 503 page)",
            SEARCH_WRITERS,
            (s, b) -> b.submit("/apps/search/" + deployed(s) + "/sync", Map.of("env", "dev")),
            status -> status == 503));
    cases.add(
        new Case(
            "read a search app", SEARCH_READERS, (s, b) -> b.get("/apps/search/" + deployed(s))));
    cases.add(
        new Case(
            "read a search change",
            SEARCH_READERS,
            (s, b) -> b.get("/changes/" + prodChange(s, false))));
    cases.add(new Case("read the search team", SEARCH_READERS, (s, b) -> b.get("/teams/search")));
    cases.add(new Case("read the platform page", Set.of("pat"), (s, b) -> b.get("/platform")));
    return cases;
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void everyRoleGetsExactlyWhatItIsAllowedInThePortal(DatabaseSettings settings) {
    List<String> wrong = new ArrayList<>();
    try (TestServer server = TestServer.on(settings)) {
      for (Case c : cases()) {
        for (String user : EVERYONE) {
          HttpResponse<String> answer = c.call().apply(server, as(server, user));
          boolean allowed = c.allowed().contains(user);
          int status = answer.statusCode();
          boolean ok = allowed ? c.succeeded().test(status) : status == 403;
          if (!ok) {
            wrong.add(
                c.name()
                    + " as "
                    + user
                    + ": expected "
                    + (allowed ? "success" : "403")
                    + ", got "
                    + status
                    + " "
                    + answer
                        .body()
                        .replaceAll("\\s+", " ")
                        .substring(0, Math.min(300, answer.body().length())));
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }
}
