package dev.paved.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small OpenID Connect provider for tests: discovery, an authorize endpoint that signs in a
 * chosen user at once, a token endpoint that checks the client, the code and its PKCE verifier, and
 * the keys. It can be told to misbehave: sign with a key it does not publish, name another
 * audience, or send another nonce.
 */
public final class FakeIdentityProvider implements AutoCloseable {

  /** What the next ID token gets wrong, if anything. */
  public enum Flaw {
    NONE,
    FOREIGN_KEY,
    OTHER_AUDIENCE,
    OTHER_NONCE
  }

  public static final String CLIENT_ID = "paved";
  public static final String CLIENT_SECRET = "s3cret-for-tests";

  private record Grant(String nonce, String challenge, String redirect) {}

  private final Javalin app;
  private final RSAKey key;
  private final RSAKey foreign;
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private volatile String user = "dana";
  private volatile String subject = "sub-dana";
  private volatile List<String> groups = List.of();
  private volatile Flaw flaw = Flaw.NONE;

  private FakeIdentityProvider() throws JOSEException {
    this.key = new RSAKeyGenerator(2048).keyID("published").generate();
    this.foreign = new RSAKeyGenerator(2048).keyID("published").generate();
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.get("/.well-known/openid-configuration", this::discovery);
              config.routes.get("/authorize", this::authorize);
              config.routes.post("/token", this::token);
              config.routes.get(
                  "/jwks", ctx -> ctx.json(new JWKSet(key.toPublicJWK()).toJSONObject()));
            });
    app.start("127.0.0.1", 0);
  }

  public static FakeIdentityProvider start() throws JOSEException {
    return new FakeIdentityProvider();
  }

  public URI issuer() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  /** Settings for a Paved server that signs in here. */
  public OidcSettings settings(Optional<String> platformGroup) {
    return new OidcSettings(
        issuer(),
        CLIENT_ID,
        CLIENT_SECRET,
        "preferred_username",
        platformGroup,
        Optional.empty(),
        Optional.empty());
  }

  public FakeIdentityProvider signingIn(String who, List<String> memberOf) {
    return signingIn(who, "sub-" + who, memberOf);
  }

  /** The next sign-in is this account (subject) with this user name. */
  public FakeIdentityProvider signingIn(String who, String account, List<String> memberOf) {
    this.user = who;
    this.subject = account;
    this.groups = List.copyOf(memberOf);
    return this;
  }

  public FakeIdentityProvider withFlaw(Flaw next) {
    this.flaw = next;
    return this;
  }

  private void discovery(Context ctx) {
    String base = issuer().toString();
    ctx.json(
        Map.of(
            "issuer", base,
            "authorization_endpoint", base + "/authorize",
            "token_endpoint", base + "/token",
            "jwks_uri", base + "/jwks"));
  }

  private void authorize(Context ctx) {
    if (!CLIENT_ID.equals(ctx.queryParam("client_id"))
        || !"S256".equals(ctx.queryParam("code_challenge_method"))) {
      ctx.status(400).result("bad authorization request");
      return;
    }
    String code = "code-" + grants.size() + "-" + System.nanoTime();
    grants.put(
        code,
        new Grant(
            ctx.queryParam("nonce"),
            ctx.queryParam("code_challenge"),
            ctx.queryParam("redirect_uri")));
    ctx.redirect(
        ctx.queryParam("redirect_uri")
            + "?code="
            + code
            + "&state="
            + URLEncoder.encode(ctx.queryParam("state"), StandardCharsets.UTF_8));
  }

  private void token(Context ctx) throws JOSEException {
    Grant grant = grants.remove(String.valueOf(ctx.formParam("code")));
    if (grant == null
        || !CLIENT_ID.equals(ctx.formParam("client_id"))
        || !CLIENT_SECRET.equals(ctx.formParam("client_secret"))
        || !grant.redirect().equals(ctx.formParam("redirect_uri"))
        || !grant
            .challenge()
            .equals(OidcClient.challenge(String.valueOf(ctx.formParam("code_verifier"))))) {
      ctx.status(400).json(Map.of("error", "invalid_grant"));
      return;
    }
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer().toString())
            .subject(subject)
            .audience(flaw == Flaw.OTHER_AUDIENCE ? "someone-else" : CLIENT_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("nonce", flaw == Flaw.OTHER_NONCE ? "not-the-nonce" : grant.nonce())
            .claim("preferred_username", user)
            .claim("name", "Dana From The Provider")
            .claim("groups", groups)
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("published").build(), claims);
    jwt.sign(new RSASSASigner(flaw == Flaw.FOREIGN_KEY ? foreign : key));
    ctx.json(Map.of("id_token", jwt.serialize(), "token_type", "Bearer", "access_token", "unused"));
  }

  @Override
  public void close() {
    app.stop();
  }
}
