package dev.paved.cluster.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader against an HTTP server that answers as a Kubernetes API server does when a node cannot
 * serve a log (a 500 with a Status), or serves one: the client is fabric8's own, only the server is
 * a stand-in, so the retries and the messages are the real client's.
 */
class LogReaderTest {

  private static final String STATUS_500 =
      """
      {"kind":"Status","apiVersion":"v1","status":"Failure","code":500,\
      "message":"Get \\"https://10.0.0.7:10250/containerLogs/ns/crasher/app\\": dial tcp 10.0.0.7:10250: connect: connection refused"}
      """;

  private HttpServer server;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private KubernetesClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .withNamespace("ns")
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String pod = exchange.getRequestURI().getPath().split("/")[6];
    requests.computeIfAbsent(pod, p -> new AtomicInteger()).incrementAndGet();
    boolean fails = pod.startsWith("crasher");
    byte[] body = (fails ? STATUS_500 : "line one\nline two\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", fails ? "application/json" : "text/plain");
    exchange.sendResponseHeaders(fails ? 500 : 200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Test
  void aLogTheNodeCannotServeIsAskedForOnceAndSaysWhyInOneSentence() {
    try (LogReader reader = LogReader.of(client)) {
      List<ContainerLog> logs =
          reader.read(
              List.of(
                  new LogSource("ns", "crasher-1", "app", false),
                  new LogSource("ns", "crasher-2", "app", true),
                  new LogSource("ns", "web-1", "app", false)),
              100);

      assertThat(logs.get(0))
          .isInstanceOfSatisfying(
              ContainerLog.Unavailable.class,
              u ->
                  assertThat(u.reason())
                      .startsWith("the node did not serve it: Get ")
                      .contains("connection refused")
                      .doesNotContain("Status(")
                      .doesNotContain("\n"));
      assertThat(logs.get(1)).isInstanceOf(ContainerLog.Unavailable.class);
      assertThat(logs.get(2))
          .isEqualTo(
              new ContainerLog.Read(
                  new LogSource("ns", "web-1", "app", false), "line one\nline two\n"));
    }
    assertThat(requests.get("crasher-1")).as("no retries of a 5xx").hasValue(1);
    assertThat(requests.get("crasher-2")).hasValue(1);
  }

  @Test
  void manyLogsComeBackInTheOrderAsked() {
    List<LogSource> sources =
        java.util.stream.IntStream.range(0, 40)
            .mapToObj(
                i -> new LogSource("ns", (i % 3 == 0 ? "crasher-" : "web-") + i, "app", false))
            .toList();
    try (LogReader reader = LogReader.of(client)) {
      List<ContainerLog> logs = reader.read(sources, 10);

      assertThat(logs).extracting(ContainerLog::source).isEqualTo(sources);
      assertThat(logs)
          .allSatisfy(
              l ->
                  assertThat(l)
                      .isInstanceOf(
                          l.source().pod().startsWith("crasher")
                              ? ContainerLog.Unavailable.class
                              : ContainerLog.Read.class));
    }
  }
}
