package dev.paved.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.server.TestServer;
import dev.paved.server.audit.AuditEntry;
import dev.paved.server.db.DatabaseSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The portal over plain HTTP: sign-in and sessions, CSRF, the pages each role sees, the deploy form
 * and its errors, on H2 and PostgreSQL. The browser test covers what needs JavaScript.
 */
class PortalPagesTest {

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void signingInSetsAnHttpOnlySessionCookieAndSigningOutEndsTheSession(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      HttpResponse<String> signIn = BrowserlessSession.signIn(server, "sue").get("/apps");
      assertThat(signIn.statusCode()).isEqualTo(200);
      assertThat(signIn.body()).contains("Sue Search").contains("Sign out");

      BrowserlessSession session = BrowserlessSession.signIn(server, "sue");
      HttpResponse<String> raw = session.postSignIn(server.token("sue"), Map.of());
      assertThat(raw.headers().firstValue("Set-Cookie").orElseThrow())
          .startsWith("paved_session=pvd_")
          .containsIgnoringCase("HttpOnly")
          .containsIgnoringCase("SameSite=Lax");
      assertThat(raw.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
      HttpResponse<String> behindTls =
          session.postSignIn(server.token("sue"), Map.of("X-Forwarded-Proto", "https"));
      assertThat(behindTls.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
      assertThat(server.services().tokens().list("sue"))
          .anyMatch(t -> t.name().startsWith("portal session "));

      HttpResponse<String> out = session.submit("/logout", Map.of());
      assertThat(out.statusCode()).isEqualTo(303);
      HttpResponse<String> after = session.get("/apps");
      assertThat(after.statusCode()).isEqualTo(303);
      assertThat(after.headers().firstValue("Location").orElseThrow()).startsWith("/login");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aWrongTokenShowsTheSignInPageWithTheReasonAndNoCookie(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      HttpResponse<String> answer =
          BrowserlessSession.signIn(server, "sue")
              .postSignIn("pvd_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", Map.of());

      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.body()).contains("Sign in").contains("the token is not valid");
      assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void guessingTokensAtTheSignInPageIsStoppedAfterTenTries(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession session = BrowserlessSession.signIn(server, "sue");
      HttpResponse<String> last = null;
      for (int i = 0; i < 11; i++) {
        last =
            session.postSignIn("pvd_AAAAAAAAAAAA_" + "B".repeat(31) + (char) ('a' + i), Map.of());
      }

      assertThat(last.statusCode()).isEqualTo(429);
      assertThat(last.headers().firstValue("Retry-After")).isPresent();
      assertThat(last.body()).contains("Too many failed sign-ins").contains("<form");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void theSignedOutAreSentToSignInAndOnlyBackToPagesOfThisServer(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      HttpResponse<String> page =
          BrowserlessSession.signIn(server, "sue")
              .send(HttpRequest.newBuilder(server.uri("/changes?x=1")).GET());
      assertThat(page.statusCode()).isEqualTo(303);
      assertThat(page.headers().firstValue("Location").orElseThrow())
          .isEqualTo("/login?next=%2Fchanges%3Fx%3D1");

      assertThat(LoginPage.local("/changes?x=1")).isEqualTo("/changes?x=1");
      assertThat(LoginPage.local("//evil.example/x")).isEqualTo("/apps");
      assertThat(LoginPage.local("https://evil.example/")).isEqualTo("/apps");
      assertThat(LoginPage.local("/\\evil.example")).isEqualTo("/apps");
      assertThat(LoginPage.local("/\t/evil.example")).isEqualTo("/apps"); // browsers drop tabs
      assertThat(LoginPage.local("/\n/evil.example")).isEqualTo("/apps");
      assertThat(LoginPage.local("/ /evil.example")).isEqualTo("/apps");
      assertThat(LoginPage.local("/apps?team=search&env=dev"))
          .isEqualTo("/apps?team=search&env=dev");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aSignInFormPostedFromAnotherSiteOpensNoSession(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession any = BrowserlessSession.signIn(server, "sue");
      for (Map.Entry<String, String> header :
          Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site").entrySet()) {
        HttpResponse<String> answer =
            any.postSignIn(server.token("sam"), Map.of(header.getKey(), header.getValue()));

        assertThat(answer.statusCode()).as(header.getKey()).isEqualTo(403);
        assertThat(answer.body()).contains("from another site");
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  @Reliability(
      area = Area.SECURITY,
      value = "CSRF: every portal form posted without or with a wrong token")
  void aFormWithoutTheSessionsCsrfTokenIsRefusedAndAudited(DatabaseSettings settings, Tally tally) {
    tally.counting("forged form posts");
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");
      TestServer.Answer opened =
          server.post(
              "/api/v1/changes",
              "sue",
              "{\"intents\": [{\"type\": \"put-app\", \"envs\": [\"prod\"], \"spec\":"
                  + " \"apiVersion: paved.dev/v1alpha1\\nkind: App\\napp: csrf\\nteam: search\\n"
                  + "path: web-service\\nwith: {image: 'ghcr.io/example/csrf:1.0.0'}\\n\"}]}");
      assertThat(opened.status()).as(opened.body()).isEqualTo(201);
      String change = opened.json().path("id").asText();
      int changesBefore = server.backend().changes().list().size();
      List<String> forms =
          List.of(
              "/apps/search/csrf/fix",
              "/apps/search/csrf/rollback",
              "/changes/" + change + "/approve",
              "/changes/" + change + "/merge",
              "/changes/" + change + "/close",
              "/paths/web-service/preview",
              "/paths/web-service/paved.yaml",
              "/paths/web-service",
              "/logout");
      for (String form : forms) {
        for (Map<String, String> fields :
            List.of(
                form("forged", "search"),
                with(form("forged", "search"), "_csrf", "0".repeat(40)))) {
          HttpResponse<String> answer = sue.submitWithoutToken(form, fields);
          assertThat(answer.statusCode()).as(form + " " + answer.body()).isEqualTo(403);
          tally.add();
        }
      }
      assertThat(server.backend().changes().list()).hasSize(changesBefore);
      assertThat(server.backend().changes().require(change).state().name()).isEqualTo("OPEN");
      assertThat(sue.get("/apps").statusCode())
          .as("still signed in: /logout was refused too")
          .isEqualTo(200);
      tally.held(
          forms.size()
              + " forms × (no token, a wrong token): every post 403; nothing changed, the session"
              + " stayed");

      HttpResponse<String> forged =
          sue.submitWithoutToken("/paths/web-service", form("forged", "search"));
      HttpResponse<String> wrong =
          sue.submitWithoutToken(
              "/paths/web-service", with(form("forged", "search"), "_csrf", "0".repeat(40)));

      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("security token").doesNotContain("Exception");
      assertThat(wrong.statusCode()).isEqualTo(403);
      assertThat(server.backend().changes().list()).noneMatch(c -> c.title().contains("forged"));
      assertThat(server.services().audit().recent(20))
          .extracting(AuditEntry::action)
          .contains("csrf.failed");
      HttpResponse<String> apiWrite =
          sue.send(
              HttpRequest.newBuilder(server.uri("/api/v1/changes/none/close"))
                  .header("Cookie", sue.cookieHeader())
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(apiWrite.statusCode()).isEqualTo(403);
      assertThat(sue.get("/api/v1/apps").statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void theDeployFormOpensAChangeAndShowsItsCostAndSpec(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");

      HttpResponse<String> submitted = sue.submit("/paths/web-service", form("shop", "search"));

      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(303);
      String location = submitted.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith("/changes/");
      HttpResponse<String> change = sue.get(location);
      assertThat(change.statusCode()).isEqualTo(200);
      assertThat(change.body())
          .contains("Deploy search/shop to [dev]")
          .contains("apps/search/shop/paved.yaml")
          .contains("image:")
          .containsPattern("id=\"cost-delta\">\\+\\$[0-9,.]+")
          .contains("Rendered for dev");
      assertThat(sue.get(location + "?view=split").body()).contains("class=\"add\"");
      assertThat(sue.get("/apps").body()).contains("/apps/search/shop");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aFormWithMistakesComesBackWithEachErrorBesideItsField(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");
      Map<String, String> fields = form("", "search");
      fields.put("with.image", "not an image!");
      fields.put("with.replicas.min", "many");

      HttpResponse<String> answer = sue.submit("/paths/web-service", fields);

      assertThat(answer.statusCode()).isEqualTo(422);
      assertThat(answer.body())
          .containsPattern("id=\"err-app\" role=\"alert\">required")
          .containsPattern("id=\"err-with-replicas-min\" role=\"alert\">must be a integer number")
          .contains("value=\"not an image!\"")
          .doesNotContain("Exception");
      assertThat(server.backend().changes().list()).noneMatch(c -> c.title().startsWith("Deploy"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void anUntouchedFormShowsWhatToFillInNotErrors(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");
      Map<String, String> untouched = new java.util.LinkedHashMap<>();
      untouched.put("team", "search");
      untouched.put("envs", "dev");

      HttpResponse<String> preview = sue.submit("/paths/llm-inference/preview", untouched);
      HttpResponse<String> form = sue.get("/paths/llm-inference");

      assertThat(preview.statusCode()).isEqualTo(200);
      assertThat(preview.body()).contains("Fill in the name").doesNotContain("class=\"error\"");
      assertThat(form.body())
          .contains("placeholder=\"e.g. 500m or 2\"") // cpu
          .contains("placeholder=\"e.g. 16Gi\"") // memory
          .doesNotContain("e.g. 16Gi, 500m");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void descriptionsShowTheirCodeSpansAsCode(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");

      assertThat(sue.get("/paths").body())
          .contains("<code>completions</code>")
          .doesNotContain("`completions`");
      assertThat(sue.get("/paths/batch-inference").body()).contains("<code>parallelism</code>");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void thePreviewShowsCostPolicyAndTheSpecOfEachChosenEnvironment(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");
      Map<String, String> fields = form("shop", "search");
      fields.put("envs", "prod");

      HttpResponse<String> preview = sue.submit("/paths/web-service/preview", fields);
      HttpResponse<String> file = sue.submit("/paths/web-service/paved.yaml", fields);

      assertThat(preview.statusCode()).isEqualTo(200);
      assertThat(preview.body())
          .contains("<h3>prod</h3>")
          .contains("on sandbox")
          .containsPattern("\\$[0-9,.]+.*/mo")
          .contains("Rendered manifests")
          .contains("app: shop");
      assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
          .contains("paved.yaml");
      assertThat(file.body())
          .startsWith("apiVersion: paved.dev/v1alpha1")
          .contains("path: web-service")
          .contains("image: ghcr.io/example/shop:1.0.0")
          .doesNotContain("replicas"); // defaults stay out of the file
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void eachUserSeesOnlyTheAppsAndPagesTheirRoleAllows(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession.signIn(server, "sue").submit("/paths/web-service", form("shop", "search"));
      BrowserlessSession.signIn(server, "vin").submit("/paths/web-service", form("eye", "vision"));
      BrowserlessSession vin = BrowserlessSession.signIn(server, "vin");
      BrowserlessSession pat = BrowserlessSession.signIn(server, "pat");

      assertThat(vin.get("/apps").body())
          .contains("/apps/vision/eye")
          .doesNotContain("/apps/search/shop");
      assertThat(vin.get("/apps/search/shop").statusCode()).isEqualTo(403);
      assertThat(vin.get("/teams/search").statusCode()).isEqualTo(403);
      HttpResponse<String> platform = vin.get("/platform");
      assertThat(platform.statusCode()).isEqualTo(403);
      assertThat(platform.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/html");
      assertThat(platform.body()).contains("Not allowed").contains("platform role");

      assertThat(pat.get("/apps").body())
          .contains("/apps/vision/eye")
          .contains("/apps/search/shop");
      assertThat(pat.get("/apps?team=search").body()).doesNotContain("/apps/vision/eye");
      assertThat(pat.get("/apps?q=ey").body())
          .contains("/apps/vision/eye")
          .doesNotContain("/apps/search/shop");
      assertThat(pat.get("/apps?health=healthy").body()).contains("0 apps");
      HttpResponse<String> platformPage = pat.get("/platform");
      assertThat(platformPage.statusCode()).isEqualTo(200);
      assertThat(platformPage.body())
          .contains("sandbox")
          .contains("web-service")
          .contains("search/shop");
      HttpResponse<String> team = pat.get("/teams/search");
      assertThat(team.body())
          .contains("sam")
          .contains("sue")
          .contains("$5,000.00")
          .contains("shop");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aPageThatDoesNotExistIsAPageSayingSoWhileTheApiKeepsProblems(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");

      HttpResponse<String> page = sue.get("/no/such/page");
      HttpResponse<String> app = sue.get("/apps/search/nothing");
      HttpResponse<String> api = sue.get("/api/v1/nothing");

      assertThat(page.statusCode()).isEqualTo(404);
      assertThat(page.body()).contains("Not found").contains("no page at /no/such/page");
      assertThat(app.statusCode()).isEqualTo(404);
      assertThat(app.body()).contains("no app search/nothing");
      assertThat(api.statusCode()).isEqualTo(404);
      assertThat(api.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void theScriptsAndStylesThePagesUseAreServedFromTheJar(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      BrowserlessSession sue = BrowserlessSession.signIn(server, "sue");
      String page = sue.get("/teams/search").body() + sue.get("/apps").body();
      java.util.regex.Matcher assets =
          java.util.regex.Pattern.compile("(?:src|href)=\"(/(?:webjars|assets)/[^\"]+)\"")
              .matcher(page);
      int found = 0;
      while (assets.find()) {
        found++;
        assertThat(sue.get(assets.group(1)).statusCode()).as(assets.group(1)).isEqualTo(200);
      }
      assertThat(found).isGreaterThanOrEqualTo(4);
    }
  }

  private static Map<String, String> form(String app, String team) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("app", app);
    fields.put("team", team);
    fields.put("envs", "dev");
    fields.put("with.image", "ghcr.io/example/" + (app.isEmpty() ? "x" : app) + ":1.0.0");
    return fields;
  }

  private static Map<String, String> with(Map<String, String> fields, String key, String value) {
    fields.put(key, value);
    return fields;
  }
}
