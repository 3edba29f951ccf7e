package dev.paved.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server ({@code cli/target/paved.jar server}, its own process, default JVM settings) over
 * an existing repository and cluster: how long until its API answers, how long until every app has
 * been synced once (it starts with an empty database, so it checks every app against the cluster),
 * and its heap (from its own /metrics) and resident memory (from /proc) once it has settled.
 */
final class ServerProcess {

  private ServerProcess() {}

  static Map<String, Object> measure(Path data, Path repository, Path kubeconfig, int apps)
      throws Exception {
    Path jar = Path.of("cli/target/paved.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": bench/run.sh builds it; run from the root");
    }
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                jar.toString(),
                "server",
                "--data-dir",
                data.resolve("server").toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--port",
                String.valueOf(port))
            .redirectErrorStream(true);
    builder.environment().put("PAVED_REPOSITORY", repository.toString());
    builder.environment().put("PAVED_CREDENTIALS", data.resolve("credentials.json").toString());
    long start = System.nanoTime();
    Process process = builder.start();
    Map<String, Object> r = new LinkedHashMap<>();
    // closed by the process's end (a close while the drain thread reads would wait for it)
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      String token = "";
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("Ctrl-C stops it.")) {
        java.util.regex.Matcher file =
            java.util.regex.Pattern.compile("Admin token: written to (\\S+)").matcher(line);
        if (file.find()) {
          token = Files.readString(Path.of(file.group(1))).strip();
        }
      }
      r.put("serverApiUpSeconds", (System.nanoTime() - start) / 1e9);
      Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newHttpClient();
      String bearer = token;
      ScaleBenchmark.await(() -> synced(http, base, bearer) >= apps, Duration.ofMinutes(15));
      r.put("serverAllSyncedSeconds", (System.nanoTime() - start) / 1e9);
      Thread.sleep(20_000); // settled: the first pass's garbage is collectable, caches are full
      String metrics = get(http, base + "/metrics", "");
      r.put("serverHeapUsedMiB", sum(metrics, "jvm_memory_used_bytes{area=\"heap\"") >> 20);
      r.put(
          "serverHeapCommittedMiB", sum(metrics, "jvm_memory_committed_bytes{area=\"heap\"") >> 20);
      r.put("serverThreads", (long) sum(metrics, "jvm_threads_live_threads"));
      r.put("serverRssMiB", rssKib(process.pid()) >> 10);
    } finally {
      process.toHandle().destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    return r;
  }

  /** How many app environments show a completed sync. */
  private static long synced(HttpClient http, String base, String token) {
    try {
      JsonNode apps = new ObjectMapper().readTree(get(http, base + "/api/v1/apps", token));
      long count = 0;
      for (JsonNode app : apps.path("apps")) {
        for (JsonNode env : app.path("envs")) {
          if (env.path("syncStatus").asText().equals("SYNCED")) {
            count++;
          }
        }
      }
      return count;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String get(HttpClient http, String url, String token) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The sum of a Prometheus metric's samples whose line starts with {@code prefix}. */
  private static long sum(String metrics, String prefix) {
    return (long)
        metrics
            .lines()
            .filter(l -> l.startsWith(prefix))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
  }

  private static long rssKib(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> l.replaceAll("[^0-9]", ""))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(-1);
  }
}
