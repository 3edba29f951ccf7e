package dev.paved.bench;

import dev.paved.core.render.ManifestWriter;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import dev.paved.server.PavedServer;
import dev.paved.server.Services;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.platform.Backend;
import dev.paved.server.platform.ClusterMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The portal's pages over a platform of N apps (default 1,000) whose sync runs are in the database:
 * each page is requested many times after a warm-up and its server time (the {@code Server-Timing}
 * header the server sets) is reported as percentiles. Anchors in the same run, on the same server:
 * a static file (the HTTP stack's floor) and the JSON list of every app from the API.
 */
final class PortalBenchmark {

  private PortalBenchmark() {}

  /** One page, addressed by the request number (so app pages rotate over the apps). */
  private record Target(String name, IntFunction<String> path) {}

  static void main(String[] args) throws Exception {
    int apps = RenderBenchmark.intOption(args, "--apps", 1_000);
    int requests = RenderBenchmark.intOption(args, "--requests", 200);
    Optional<Path> json = RenderBenchmark.option(args, "--json").map(Path::of);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("apps", apps);
    results.put("requestsPerPage", requests);
    try (Database database = Database.open(DatabaseSettings.inMemory("portal-bench"));
        Backend backend =
            Backend.start(
                Files.createTempDirectory("paved-bench-").resolve("platform.git"),
                "file:///platform.git",
                new ClusterMode.None("benchmark: no cluster; statuses come from the database"),
                database)) {
      long seeding = System.nanoTime();
      seed(backend, apps);
      results.put("seedSeconds", (System.nanoTime() - seeding) / 1e9);
      Services services = Services.over(database, backend, Clock.systemUTC());
      services.users().put(new Principal("bench", "Bench", PlatformRole.PLATFORM, Map.of()));
      String token = services.tokens().issue("bench", "bench").token();
      try (PavedServer server = PavedServer.start("127.0.0.1", 0, services)) {
        HttpClient http = HttpClient.newHttpClient();
        String cookie = signIn(http, server.url(), token);
        for (Target target : targets()) {
          results.put(target.name(), measure(http, server.url(), cookie, target, requests));
        }
      }
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      results.put("heapUsedMiB", (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }
    results.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    results.put("cpus", Runtime.getRuntime().availableProcessors());
    print(results);
    if (json.isPresent()) {
      Files.writeString(json.get(), ManifestWriter.json(results));
    }
  }

  private static List<Target> targets() {
    return List.of(
        new Target("catalog, first page", i -> "/apps"),
        new Target("catalog, name search", i -> "/apps?q=app-" + (i % 100)),
        new Target("catalog, health filter", i -> "/apps?health=UNKNOWN&page=3"),
        new Target("app page", i -> "/apps/team-" + (i % 25) + "/app-" + i),
        new Target("team page (40 apps)", i -> "/teams/team-" + (i % 25)),
        new Target("anchor: static file", i -> "/assets/paved.css"),
        new Target("anchor: API, every app as JSON", i -> "/api/v1/apps"));
  }

  /** One change of N apps across 25 teams, merged, and one sync run per deployment. */
  private static void seed(Backend backend, int apps) throws Exception {
    List<Intent> intents = new ArrayList<>();
    for (String spec : RenderBenchmark.specs(apps)) {
      intents.add(new Intent.PutApp(spec, List.of("dev")));
    }
    Actor actor = Actor.platformEngineer("bench");
    Opened opened = backend.changes().open(actor, "Seed " + apps + " apps", intents);
    if (opened.autoMerge().isEmpty()) {
      backend.changes().merge(opened.change().id(), actor);
    }
    String main = backend.repo().resolve(GitRepository.MAIN).orElseThrow().name();
    for (Deployment d : RepoRenderer.deploymentsIn(backend.main())) {
      backend
          .history()
          .record(
              new SyncRun(
                  d,
                  main,
                  Trigger.MERGE,
                  Instant.now(),
                  Duration.ofMillis(40),
                  SyncRun.Status.SYNCED,
                  List.of(),
                  "synced"));
    }
  }

  static String signIn(HttpClient http, URI base, String token) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private static Map<String, Object> measure(
      HttpClient http, URI base, String cookie, Target target, int requests) throws Exception {
    for (int i = 0; i < Math.max(20, requests / 5); i++) {
      request(http, base, cookie, target.path().apply(i)); // warm-up
    }
    double[] server = new double[requests];
    double[] wall = new double[requests];
    long bytes = 0;
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      HttpResponse<String> answer = request(http, base, cookie, target.path().apply(i));
      wall[i] = (System.nanoTime() - start) / 1e6;
      server[i] = serverMillis(answer);
      bytes += answer.body().length();
    }
    Arrays.sort(server);
    Arrays.sort(wall);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("serverP50Ms", percentile(server, 50));
    row.put("serverP95Ms", percentile(server, 95));
    row.put("serverMaxMs", server[server.length - 1]);
    row.put("wallP50Ms", percentile(wall, 50));
    row.put("bytes", bytes / requests);
    return row;
  }

  private static HttpResponse<String> request(HttpClient http, URI base, String cookie, String path)
      throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + answer.statusCode());
    }
    return answer;
  }

  private static double serverMillis(HttpResponse<String> answer) {
    String timing = answer.headers().firstValue("Server-Timing").orElse("app;dur=-1");
    return Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4));
  }

  private static double percentile(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> r) {
    System.out.printf(
        "%-34s %10s %10s %10s %10s %10s%n",
        "page (" + r.get("apps") + " apps)", "p50 ms", "p95 ms", "max ms", "wall p50", "bytes");
    for (var entry : r.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> row) {
        Map<String, Object> m = (Map<String, Object>) row;
        System.out.printf(
            "%-34s %10.1f %10.1f %10.1f %10.1f %10d%n",
            entry.getKey(),
            m.get("serverP50Ms"),
            m.get("serverP95Ms"),
            m.get("serverMaxMs"),
            m.get("wallP50Ms"),
            m.get("bytes"));
      }
    }
    System.out.printf("%-34s %10.1f%n", "seeding (one change, seconds)", r.get("seedSeconds"));
    System.out.printf("%-34s %10d%n", "heap used after GC (MiB)", r.get("heapUsedMiB"));
    System.out.printf("%-34s %s%n", "java", r.get("java"));
    System.out.printf("%-34s %d%n", "cpus", r.get("cpus"));
  }
}
