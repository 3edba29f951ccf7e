package dev.paved.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.NotAuthenticatedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Talks to an OpenID Connect provider: reads its discovery document and keys, builds the
 * authorization URL (with PKCE), and exchanges a code for an ID token whose signature, issuer,
 * audience, expiry and nonce are all checked. Thread-safe.
 */
public final class OidcClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Who signed in, as the provider vouches for it. */
  public record Identity(String user, String subject, String name, List<String> groups) {}

  private record Endpoints(URI authorization, URI token, URI jwks) {}

  private final OidcSettings settings;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private volatile Optional<Endpoints> endpoints = Optional.empty();
  private volatile Optional<JWKSet> keys = Optional.empty();

  public OidcClient(OidcSettings settings) {
    this.settings = settings;
  }

  public OidcSettings settings() {
    return settings;
  }

  /** Where to send the browser to sign in. */
  public URI authorizationUrl(String state, String nonce, String verifier, URI redirect) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", redirect.toString());
    query.put("scope", "openid profile email");
    query.put("state", state);
    query.put("nonce", nonce);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    URI base = endpoints().authorization();
    return URI.create(base + (base.getQuery() == null ? "?" : "&") + form(query));
  }

  /**
   * Exchanges the code for an ID token and returns who it names.
   *
   * @throws NotAuthenticatedException when the provider refuses the code or the token fails a check
   * @throws EnvironmentException when the provider cannot be reached
   */
  public Identity exchange(String code, String verifier, String nonce, URI redirect) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", redirect.toString());
    body.put("client_id", settings.clientId());
    body.put("client_secret", settings.clientSecret());
    body.put("code_verifier", verifier);
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(endpoints().token())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))));
    JsonNode json = parse(answer.body(), "token response");
    if (answer.statusCode() != 200 || !json.hasNonNull("id_token")) {
      throw new NotAuthenticatedException(
          "the identity provider refused the sign-in: "
              + json.path("error").asText("HTTP " + answer.statusCode()),
          "sign in again; if it repeats, check oidc.client-id and oidc.client-secret");
    }
    JWTClaimsSet claims = verify(json.get("id_token").asText(), nonce);
    return identity(claims);
  }

  private JWTClaimsSet verify(String idToken, String nonce) {
    try {
      String kid =
          Optional.ofNullable(com.nimbusds.jwt.SignedJWT.parse(idToken).getHeader().getKeyID())
              .orElse("");
      JWKSet known = keys(false);
      if (!kid.isEmpty() && known.getKeyByKeyId(kid) == null) {
        // a key not seen yet: the provider rotated its keys; read them again (at most once a
        // minute)
        known = keys(true);
      }
      return processor(known, nonce).process(idToken, null);
    } catch (BadJOSEException | JOSEException e) {
      throw new NotAuthenticatedException(
          "the identity provider's ID token failed its check: " + e.getMessage(),
          "sign in again; if it repeats, check oidc.issuer and oidc.client-id");
    } catch (ParseException e) {
      throw malformed(e);
    }
  }

  private DefaultJWTProcessor<SecurityContext> processor(JWKSet jwks, String nonce) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256),
            new ImmutableJWKSet<>(jwks)));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            settings.clientId(),
            new JWTClaimsSet.Builder()
                .issuer(settings.issuer().toString())
                .claim("nonce", nonce)
                .build(),
            Set.of("sub", "exp", "iat")));
    return processor;
  }

  private Identity identity(JWTClaimsSet claims) {
    Object user = claims.getClaim(settings.userClaim());
    if (!(user instanceof String name) || name.isBlank()) {
      throw new NotAuthenticatedException(
          "the ID token has no '" + settings.userClaim() + "' claim",
          "set oidc.user-claim to a claim the provider sends (e.g. preferred_username or email)");
    }
    if ("email".equals(settings.userClaim())
        && !Boolean.TRUE.equals(claims.getClaim("email_verified"))) {
      throw new NotAuthenticatedException(
          "the identity provider has not verified the email address " + name,
          "verify it at the provider, or set oidc.user-claim to another claim");
    }
    String display = Optional.ofNullable(claims.getClaim("name")).map(String::valueOf).orElse(name);
    List<String> groups =
        claims.getClaim("groups") instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of();
    return new Identity(name, claims.getIssuer() + " " + claims.getSubject(), display, groups);
  }

  private Endpoints endpoints() {
    Optional<Endpoints> known = endpoints;
    if (known.isPresent()) {
      return known.get();
    }
    URI discovery =
        URI.create(
            settings.issuer().toString().replaceAll("/$", "")
                + "/.well-known/openid-configuration");
    HttpResponse<String> answer = send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET());
    JsonNode json = parse(answer.body(), "discovery document");
    if (answer.statusCode() != 200
        || !settings.issuer().toString().equals(json.path("issuer").asText())) {
      throw new EnvironmentException(
          "the identity provider's discovery document at "
              + discovery
              + " is missing or names another issuer ("
              + json.path("issuer").asText("none")
              + ")",
          "check oidc.issuer: it must be exactly the provider's issuer URL",
          true,
          null);
    }
    Endpoints found =
        new Endpoints(
            URI.create(json.path("authorization_endpoint").asText()),
            URI.create(json.path("token_endpoint").asText()),
            URI.create(json.path("jwks_uri").asText()));
    endpoints = Optional.of(found);
    return found;
  }

  private volatile java.time.Instant keysRead = java.time.Instant.EPOCH;

  private JWKSet keys(boolean again) {
    Optional<JWKSet> known = keys;
    boolean recently = keysRead.plus(Duration.ofMinutes(1)).isAfter(java.time.Instant.now());
    if (known.isPresent() && (!again || recently)) {
      return known.get();
    }
    keysRead = java.time.Instant.now();
    HttpResponse<String> answer =
        send(HttpRequest.newBuilder(endpoints().jwks()).timeout(TIMEOUT).GET());
    try {
      JWKSet set = JWKSet.parse(answer.body());
      keys = Optional.of(set);
      return set;
    } catch (ParseException e) {
      throw new EnvironmentException(
          "the identity provider's keys at " + endpoints().jwks() + " do not parse",
          "check the provider",
          true,
          e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot reach the identity provider " + settings.issuer() + ": " + e.getMessage(),
          "check oidc.issuer and the network; sign in with a token meanwhile",
          true,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("interrupted while signing in", "try again", true, e);
    }
  }

  private static JsonNode parse(String body, String what) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new EnvironmentException(
          "the identity provider's " + what + " is not JSON", "check the provider", true, e);
    }
  }

  private static NotAuthenticatedException malformed(ParseException e) {
    return new NotAuthenticatedException(
        "the identity provider's ID token is not a signed JWT: " + e.getMessage(), "sign in again");
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
