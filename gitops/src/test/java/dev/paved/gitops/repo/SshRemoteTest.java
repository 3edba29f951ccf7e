package dev.paved.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.connection.Backoff;
import dev.paved.gitops.change.RepositorySeed;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.InstantSource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.git.GitLocationResolver;
import org.apache.sshd.git.pack.GitPackCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirroring over SSH to a real SSH server (Apache MINA SSHD serving Git repositories) with a key
 * the server accepts, and a refusal when the server's host key is not known.
 */
class SshRemoteTest {

  @TempDir Path dir;
  private SshServer server;
  private KeyPair client;

  @BeforeEach
  void startServer() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    client = generator.generateKeyPair();
    Path repos = Files.createDirectories(dir.resolve("server"));
    GitRepository.openOrCreate(repos.resolve("platform.git")).close();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host.key")));
    server.setPublickeyAuthenticator(
        (user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
    server.setCommandFactory(new GitPackCommandFactory(GitLocationResolver.constantPath(repos)));
    server.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.stop(true);
  }

  private Path privateKey() throws Exception {
    Path key = dir.resolve("ssh").resolve("id_ecdsa");
    Files.createDirectories(key.getParent());
    try (OutputStream out = Files.newOutputStream(key)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "paved", null, out);
    }
    return key;
  }

  private Path knownHosts(boolean withServerKey) throws Exception {
    Path file = dir.resolve("ssh").resolve(withServerKey ? "known_hosts" : "empty_known_hosts");
    Files.createDirectories(file.getParent());
    KeyPair host = server.getKeyPairProvider().loadKeys(null).iterator().next();
    String line =
        "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(host.getPublic()) + "\n";
    Files.writeString(file, withServerKey ? line : "");
    return file;
  }

  private RemoteMirror mirror(GitRepository local, Path knownHosts) throws Exception {
    return new RemoteMirror(
        local,
        "ssh://git@127.0.0.1:" + server.getPort() + "/platform.git",
        new RemoteCredentials.SshKey(privateKey(), knownHosts),
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)),
        InstantSource.system());
  }

  @Test
  void mainIsPushedOverSshWithAKeyTheServerAccepts() throws Exception {
    try (GitRepository local = GitRepository.openOrCreate(dir.resolve("local.git"))) {
      String main = RepositorySeed.ensure(local, "ssh://git@127.0.0.1/platform.git").name();
      RemoteMirror.State state = mirror(local, knownHosts(true)).push();
      assertThat(state).as(state.toString()).isInstanceOf(RemoteMirror.State.InSync.class);
      try (GitRepository remote = GitRepository.openOrCreate(dir.resolve("server/platform.git"))) {
        assertThat(remote.resolve(GitRepository.MAIN))
            .get()
            .extracting(o -> o.name())
            .isEqualTo(main);
      }
    }
  }

  @Test
  void aServerWhoseHostKeyIsUnknownGetsNothing() throws Exception {
    try (GitRepository local = GitRepository.openOrCreate(dir.resolve("local.git"))) {
      RepositorySeed.ensure(local, "ssh://git@127.0.0.1/platform.git");
      RemoteMirror.State state = mirror(local, knownHosts(false)).push();
      assertThat(state).isInstanceOf(RemoteMirror.State.Behind.class);
      try (GitRepository remote = GitRepository.openOrCreate(dir.resolve("server/platform.git"))) {
        assertThat(remote.resolve(GitRepository.MAIN)).isEmpty();
      }
    }
  }
}
