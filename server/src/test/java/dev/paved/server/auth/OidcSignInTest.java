package dev.paved.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.server.TestServer;
import dev.paved.server.audit.AuditEntry;
import dev.paved.server.db.DatabaseSettings;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Portal sign-in through an OpenID Connect provider (a real one in miniature, on loopback), on H2
 * and PostgreSQL: the whole code flow with PKCE, and each way a sign-in must fail.
 */
class OidcSignInTest {

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aUserSignsInAtTheProviderAndLandsWhereTheyWereGoing(DatabaseSettings settings)
      throws Exception {
    try (FakeIdentityProvider idp = FakeIdentityProvider.start();
        TestServer server = TestServer.on(settings, idp.settings(Optional.of("platform-team")))) {
      idp.signingIn("dana", List.of("platform-team"));
      Browser browser = new Browser();

      assertThat(browser.get(server.uri("/login")).body())
          .contains("Sign in with 127.0.0.1")
          .contains("/login/oidc");
      HttpResponse<String> landed = browser.signInThroughProvider(server, "/changes");

      assertThat(landed.statusCode()).isEqualTo(303);
      assertThat(landed.headers().firstValue("Location")).contains("/changes");
      HttpResponse<String> page = browser.get(server.uri("/changes"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Dana From The Provider").contains("Platform");
      Principal dana = server.services().users().find("dana").orElseThrow();
      assertThat(dana.platformRole()).isEqualTo(PlatformRole.PLATFORM);
      assertThat(server.services().tokens().list("dana"))
          .anyMatch(t -> t.name().contains("sign-in with 127.0.0.1"));
      assertThat(server.services().audit().recent(10))
          .anyMatch(e -> e.action().equals("auth.oidc") && e.outcome().equals("ok"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aCallbackThatAnotherBrowserStartedIsRefused(DatabaseSettings settings) throws Exception {
    try (FakeIdentityProvider idp = FakeIdentityProvider.start();
        TestServer server = TestServer.on(settings, idp.settings(Optional.empty()))) {
      Browser victim = new Browser();
      URI callback = victim.throughProvider(server, "/apps");

      HttpResponse<String> attacker = new Browser().get(callback);

      assertThat(attacker.statusCode()).isEqualTo(400);
      assertThat(attacker.body()).contains("not started here");
      assertThat(attacker.headers().allValues("Set-Cookie"))
          .noneMatch(c -> c.startsWith("paved_session=pvd_"));
      assertThat(server.services().users().find("dana")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void idTokensThatFailTheirChecksOpenNoSession(DatabaseSettings settings) throws Exception {
    try (FakeIdentityProvider idp = FakeIdentityProvider.start();
        TestServer server = TestServer.on(settings, idp.settings(Optional.empty()))) {
      for (FakeIdentityProvider.Flaw flaw :
          List.of(
              FakeIdentityProvider.Flaw.FOREIGN_KEY,
              FakeIdentityProvider.Flaw.OTHER_AUDIENCE,
              FakeIdentityProvider.Flaw.OTHER_NONCE)) {
        idp.withFlaw(flaw);

        HttpResponse<String> answer = new Browser().signInThroughProvider(server, "/apps");

        assertThat(answer.statusCode()).as(flaw.name()).isEqualTo(401);
        assertThat(answer.body()).as(flaw.name()).contains("ID token failed its check");
        assertThat(answer.headers().allValues("Set-Cookie"))
            .noneMatch(c -> c.startsWith("paved_session=pvd_"));
      }
      assertThat(server.services().users().find("dana")).isEmpty();
      assertThat(server.services().audit().recent(10))
          .extracting(AuditEntry::outcome)
          .contains("denied");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void anotherAccountOfTheSameNameCannotTakeAUserOver(DatabaseSettings settings) throws Exception {
    try (FakeIdentityProvider idp = FakeIdentityProvider.start();
        TestServer server = TestServer.on(settings, idp.settings(Optional.of("platform-team")))) {
      idp.signingIn("pat", List.of("platform-team")); // pat is a local user, made with tokens
      HttpResponse<String> local = new Browser().signInThroughProvider(server, "/apps");
      idp.signingIn("dana", "sub-dana", List.of());
      assertThat(new Browser().signInThroughProvider(server, "/apps").statusCode()).isEqualTo(303);
      idp.signingIn("dana", "sub-mallory", List.of("platform-team"));
      HttpResponse<String> other = new Browser().signInThroughProvider(server, "/apps");

      assertThat(local.statusCode()).isEqualTo(403);
      assertThat(local.body()).contains("a local user named pat exists");
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(other.body()).contains("belongs to another account");
      assertThat(server.services().users().find("dana").orElseThrow().platformRole())
          .isEqualTo(PlatformRole.NONE);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aRefusalAtTheProviderIsShownOnTheSignInPage(DatabaseSettings settings) throws Exception {
    try (FakeIdentityProvider idp = FakeIdentityProvider.start();
        TestServer server = TestServer.on(settings, idp.settings(Optional.empty()))) {
      HttpResponse<String> answer =
          new Browser()
              .get(
                  server.uri(
                      "/login/oidc/callback?error=access_denied&error_description=no+thanks"));
      Browser started = new Browser();
      URI callback = started.throughProvider(server, "/apps");
      String state = callback.getQuery().replaceAll(".*state=([^&]+).*", "$1");
      HttpResponse<String> refused =
          started.get(
              server.uri(
                  "/login/oidc/callback?error=access_denied&error_description=Call+0800&state="
                      + state));

      // without a sign-in this browser started, the provider's words are not shown at all
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.body()).doesNotContain("no thanks");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body())
          .contains("(access_denied)")
          .doesNotContain("0800")
          .contains("<form");
    }
  }

  /** A browser: keeps cookies, follows nothing on its own. */
  private static final class Browser {

    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(URI uri) throws Exception {
      return http.send(
          HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Goes to the provider and back; returns the callback address the provider sent it to. */
    URI throughProvider(TestServer server, String next) throws Exception {
      HttpResponse<String> toProvider = get(server.uri("/login/oidc?next=" + next));
      assertThat(toProvider.statusCode()).isEqualTo(302);
      HttpResponse<String> back =
          get(URI.create(toProvider.headers().firstValue("Location").orElseThrow()));
      assertThat(back.statusCode()).isEqualTo(302);
      return URI.create(back.headers().firstValue("Location").orElseThrow());
    }

    HttpResponse<String> signInThroughProvider(TestServer server, String next) throws Exception {
      return get(throughProvider(server, next));
    }
  }
}
