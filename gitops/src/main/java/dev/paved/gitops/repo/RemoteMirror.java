package dev.paved.gitops.repo;

import dev.paved.cluster.connection.Backoff;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Mirrors the local repository to a remote (GitHub, GitLab, Gitea, another bare repository): main,
 * the change branches and the change records. The local repository stays the one Paved writes; a
 * remote that cannot be reached changes nothing locally, and the push is tried again after a
 * backoff. An HTTPS token or an SSH key comes from configuration (never from the repository); SSH
 * host keys must be in the given known_hosts.
 */
public final class RemoteMirror {

  private static final List<RefSpec> REFS =
      List.of(
          new RefSpec("refs/heads/main:refs/heads/main"),
          new RefSpec("+refs/heads/changes/*:refs/heads/changes/*"),
          new RefSpec("refs/paved/records/*:refs/paved/records/*"));

  private final GitRepository repo;
  private final String url;
  private final RemoteCredentials credentials;
  private final Backoff backoff;
  private final InstantSource clock;
  private volatile State state;

  /** Where the mirror stands. */
  public sealed interface State {
    /** The remote holds main at {@code commit}. */
    record InSync(String commit, Instant at) implements State {}

    /** The last push failed; the next one is not tried before {@code nextTry}. */
    record Behind(String reason, int failures, Instant nextTry) implements State {}
  }

  public RemoteMirror(
      GitRepository repo,
      String url,
      RemoteCredentials credentials,
      Backoff backoff,
      InstantSource clock) {
    this.repo = repo;
    this.url = url;
    this.credentials = credentials;
    this.backoff = backoff;
    this.clock = clock;
    this.state = new State.Behind("not pushed yet", 0, Instant.MIN);
  }

  public State state() {
    return state;
  }

  /** Pushes unless the backoff after a failure has not elapsed. Never throws. */
  public synchronized State push() {
    Instant now = clock.instant();
    if (state instanceof State.Behind b && now.isBefore(b.nextTry())) {
      return b;
    }
    Optional<ObjectId> main = repo.resolve(GitRepository.MAIN);
    try (Git git = Git.wrap(repo.jgit())) {
      var command =
          git.push().setRemote(new URIish(url).toString()).setRefSpecs(REFS).setAtomic(false);
      authenticate(command);
      for (PushResult result : command.call()) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          if (update.getStatus() != RemoteRefUpdate.Status.OK
              && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            return failed(
                now,
                update.getRemoteName()
                    + " was refused: "
                    + update.getStatus()
                    + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
          }
        }
      }
      state = new State.InSync(main.map(ObjectId::name).orElse(""), now);
    } catch (GitAPIException | URISyntaxException | RuntimeException e) {
      return failed(now, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return state;
  }

  private void authenticate(org.eclipse.jgit.api.PushCommand command) {
    switch (credentials) {
      case RemoteCredentials.None none -> {}
      case RemoteCredentials.Token token ->
          command.setCredentialsProvider(
              new UsernamePasswordCredentialsProvider("paved", token.token()));
      case RemoteCredentials.SshKey key -> {
        SshdSessionFactory ssh =
            new SshdSessionFactoryBuilder()
                .setHomeDirectory(key.privateKey().toAbsolutePath().getParent().toFile())
                .setSshDirectory(key.privateKey().toAbsolutePath().getParent().toFile())
                .setDefaultIdentities(dir -> List.of(key.privateKey()))
                .setDefaultKnownHostsFiles(dir -> List.of(key.knownHosts()))
                .setPreferredAuthentications("publickey")
                .build(new JGitKeyCache());
        command.setTransportConfigCallback(
            transport -> {
              if (transport instanceof SshTransport sshTransport) {
                sshTransport.setSshSessionFactory(ssh);
              }
            });
      }
    }
  }

  private State failed(Instant now, String reason) {
    int failures = state instanceof State.Behind b ? b.failures() + 1 : 1;
    state = new State.Behind(reason, failures, now.plus(backoff.after(failures)));
    return state;
  }
}
