package dev.paved.gitops.repo;

import java.nio.file.Path;

/** How Paved authenticates to a remote; from configuration, never from the repository. */
public sealed interface RemoteCredentials {

  /** None: a {@code file://} remote, or one that needs none. */
  record None() implements RemoteCredentials {}

  /** An HTTPS token (GitHub, GitLab, Gitea personal or app token). */
  record Token(String token) implements RemoteCredentials {
    @Override
    public String toString() {
      return "Token[***]";
    }
  }

  /**
   * An SSH key for {@code ssh://} or {@code git@host:path} remotes.
   *
   * @param privateKey the private key file (OpenSSH format, without passphrase)
   * @param knownHosts the known_hosts file holding the server's host key; unknown or changed host
   *     keys are refused
   */
  record SshKey(Path privateKey, Path knownHosts) implements RemoteCredentials {}
}
