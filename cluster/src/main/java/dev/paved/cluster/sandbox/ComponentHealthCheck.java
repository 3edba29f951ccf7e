package dev.paved.cluster.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Probes each component's own health endpoint: etcd {@code /health}, kube-apiserver {@code /readyz}
 * (verified against the sandbox CA, with the admin token), the controllers' {@code /healthz} on
 * their self-signed loopback ports, and kwok's {@code /healthz}.
 */
final class ComponentHealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final SandboxPorts ports;
  private final SandboxCredentials credentials;
  private final HttpClient plain;
  private final HttpClient trustingCa;
  private final HttpClient trustingLoopback;

  ComponentHealthCheck(SandboxPorts ports, SandboxCredentials credentials) {
    this.ports = ports;
    this.credentials = credentials;
    this.plain = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    this.trustingCa =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(caContext()).build();
    this.trustingLoopback =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .sslContext(LoopbackTrust.sslContext())
            .build();
  }

  ProbeResult probe(SandboxComponent component) {
    int port = ports.healthPort(component);
    return switch (component) {
      case ETCD -> get(plain, "http://127.0.0.1:" + port + "/health", false, "\"health\":\"true\"");
      case KUBE_APISERVER -> get(trustingCa, "https://127.0.0.1:" + port + "/readyz", true, "ok");
      case KUBE_CONTROLLER_MANAGER, KUBE_SCHEDULER ->
          get(trustingLoopback, "https://127.0.0.1:" + port + "/healthz", false, "ok");
      case KWOK -> get(plain, "http://127.0.0.1:" + port + "/healthz", false, "ok");
    };
  }

  private ProbeResult get(HttpClient client, String url, boolean withToken, String expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
    if (withToken) {
      request.header("Authorization", "Bearer " + credentials.token());
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 && response.body().contains(expected)) {
        return new ProbeResult.Healthy();
      }
      return new ProbeResult.Unhealthy(
          "HTTP " + response.statusCode() + " from " + url + ": " + firstLine(response.body()));
    } catch (IOException e) {
      return new ProbeResult.Unhealthy(url + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeResult.Unhealthy("interrupted");
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String firstLine(String body) {
    String line = body.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private SSLContext caContext() {
    try (InputStream in = Files.newInputStream(credentials.caCert())) {
      X509Certificate ca =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("paved-sandbox-ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the sandbox CA " + credentials.caCert(), e);
    }
  }
}
