package dev.paved.server.config;

import dev.paved.core.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code git.*} settings: the remote the server mirrors main to, and its credentials. */
final class GitRemoteSection {

  private GitRemoteSection() {}

  /**
   * The Git remote to mirror to. Credentials are read from files (a mounted Secret), never from the
   * settings themselves: a token file for HTTPS, a key and known_hosts file for SSH.
   */
  static Optional<ServerSettings.GitRemote> parse(Map<String, String> values) {
    List<String> credentialKeys =
        List.of("git.token-file", "git.ssh-key-file", "git.known-hosts-file");
    if (!values.containsKey("git.remote")) {
      List<String> stray = credentialKeys.stream().filter(values::containsKey).toList();
      if (!stray.isEmpty()) {
        throw new UsageException(
            stray + " set without git.remote", "set git.remote too, or remove them");
      }
      return Optional.empty();
    }
    String url = values.get("git.remote");
    boolean ssh = url.startsWith("ssh://") || url.matches("^[^/:]+@[^/:]+:.*");
    if (ssh) {
      if (!values.containsKey("git.ssh-key-file") || !values.containsKey("git.known-hosts-file")) {
        throw new UsageException(
            "git.remote "
                + url
                + " is SSH, but git.ssh-key-file or git.known-hosts-file is not set",
            "set both: the private key, and the known_hosts holding the server's host key");
      }
      return Optional.of(
          new ServerSettings.GitRemote(
              url,
              new dev.paved.gitops.repo.RemoteCredentials.SshKey(
                  readable(values.get("git.ssh-key-file"), "git.ssh-key-file"),
                  readable(values.get("git.known-hosts-file"), "git.known-hosts-file"))));
    }
    if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("file:")) {
      throw new UsageException(
          "git.remote " + url + " is not a Git URL Paved can push to",
          "use https://…, ssh://…, git@host:path or file:///…");
    }
    if (values.containsKey("git.token-file")) {
      Path file = readable(values.get("git.token-file"), "git.token-file");
      try {
        String token = Files.readString(file).strip();
        if (token.isEmpty()) {
          throw new UsageException(
              "git.token-file " + file + " is empty", "write the HTTPS token into it");
        }
        return Optional.of(
            new ServerSettings.GitRemote(
                url, new dev.paved.gitops.repo.RemoteCredentials.Token(token)));
      } catch (IOException e) {
        throw new UsageException(
            "cannot read git.token-file " + file + ": " + e.getMessage(), "check the mount");
      }
    }
    return Optional.of(
        new ServerSettings.GitRemote(url, new dev.paved.gitops.repo.RemoteCredentials.None()));
  }

  private static Path readable(String value, String key) {
    Path file = Path.of(value);
    if (!Files.isReadable(file)) {
      throw new UsageException(
          key + " " + file + " cannot be read", "mount the Secret there, or fix the path");
    }
    return file;
  }
}
