package dev.paved.server.auth;

import java.net.URI;
import java.util.Optional;

/**
 * Sign-in through an OpenID Connect provider (authorization code flow with PKCE).
 *
 * @param issuer the provider's issuer URL; its discovery document is at {@code
 *     issuer/.well-known/openid-configuration}
 * @param clientId this server's client id at the provider
 * @param clientSecret its secret (confidential client)
 * @param userClaim the ID token claim that names the user as team files name them
 * @param platformGroup members of this group (the {@code groups} claim) get the platform role
 * @param viewerGroup members of this group see everything and change nothing
 * @param publicUrl this server's URL as browsers reach it, for the redirect URI; the request's own
 *     address when empty
 */
public record OidcSettings(
    URI issuer,
    String clientId,
    String clientSecret,
    String userClaim,
    Optional<String> platformGroup,
    Optional<String> viewerGroup,
    Optional<URI> publicUrl) {

  /** The provider's name as the sign-in button shows it: its host. */
  public String displayName() {
    return Optional.ofNullable(issuer.getHost()).orElse(issuer.toString());
  }
}
