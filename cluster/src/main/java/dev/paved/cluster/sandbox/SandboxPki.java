package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates, once per data directory, the sandbox's CA, the kube-apiserver serving certificate (for
 * 127.0.0.1 and localhost), the service-account key pair and the static token. Certificates are
 * made with {@code openssl} run as a process: the JDK has no public API to issue X.509
 * certificates, and openssl is on every machine this runs on. The token comes from {@link
 * SecureRandom}. Files already present are kept, so a restarted sandbox keeps its identity.
 */
final class SandboxPki {

  static final String USER = "paved-admin";
  private static final int DAYS = 3650;

  private final Path dir;

  SandboxPki(Path dir) {
    this.dir = dir;
  }

  Path caCert() {
    return dir.resolve("ca.crt");
  }

  Path apiserverCert() {
    return dir.resolve("apiserver.crt");
  }

  Path apiserverKey() {
    return dir.resolve("apiserver.key");
  }

  Path serviceAccountKey() {
    return dir.resolve("sa.key");
  }

  Path serviceAccountPub() {
    return dir.resolve("sa.pub");
  }

  Path tokenFile() {
    return dir.resolve("tokens.csv");
  }

  /** Makes whatever is missing and returns the credentials; idempotent. */
  SandboxCredentials ensure() {
    try {
      Files.createDirectories(dir);
      if (!Files.exists(apiserverCert()) || !Files.exists(caCert())) {
        createCertificates();
      }
      if (!Files.exists(serviceAccountPub())) {
        openssl("genrsa", "-out", "sa.key", "2048");
        openssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
      }
      if (!Files.exists(tokenFile())) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Files.writeString(tokenFile(), token + "," + USER + "," + USER + ",system:masters\n");
      }
      return new SandboxCredentials(caCert(), readToken());
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot write the sandbox certificates to " + dir + ": " + e.getMessage(), "", false, e);
    }
  }

  /** The credentials, when {@link #ensure} made them before; creates nothing. */
  java.util.Optional<SandboxCredentials> read() {
    if (!Files.exists(caCert()) || !Files.exists(tokenFile())) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new SandboxCredentials(caCert(), readToken()));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private String readToken() throws IOException {
    String line = Files.readString(tokenFile(), StandardCharsets.UTF_8).strip();
    return line.substring(0, line.indexOf(','));
  }

  private void createCertificates() throws IOException {
    String days = String.valueOf(DAYS);
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        days,
        "-subj",
        "/CN=paved-sandbox-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=kube-apiserver",
        "-keyout",
        "apiserver.key",
        "-out",
        "apiserver.csr");
    Files.writeString(
        dir.resolve("san.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc\n");
    openssl(
        "x509",
        "-req",
        "-in",
        "apiserver.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        days,
        "-extfile",
        "san.ext",
        "-out",
        "apiserver.crt");
  }

  private void openssl(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot run openssl to create the sandbox certificates: " + e.getMessage(),
          "install openssl (apt-get install openssl)",
          false,
          e);
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new EnvironmentException(
            "openssl " + args[0] + " failed while creating the sandbox certificates",
            "see " + log,
            false,
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new EnvironmentException("interrupted while running openssl", "", true, e);
    }
  }
}
