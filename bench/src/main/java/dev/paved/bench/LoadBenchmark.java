package dev.paved.bench;

import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.gitops.change.Intent;
import dev.paved.server.PavedServer;
import dev.paved.server.Services;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.platform.Backend;
import dev.paved.server.platform.ClusterMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the API and the portal while syncs run: a real server (in this process) syncing N apps to
 * a fresh sandbox, a change merged every two seconds so the sync loop keeps working, and Debian's
 * {@code wrk} with C connections for S seconds against each of a few endpoints in turn. Reports
 * requests per second, latency percentiles, errors (non-2xx/3xx answers and socket errors) and the
 * server's heap; fails when any request erred.
 */
final class LoadBenchmark {

  private LoadBenchmark() {}

  static void main(String[] args) throws Exception {
    int apps = RenderBenchmark.intOption(args, "--apps", 200);
    int seconds = RenderBenchmark.intOption(args, "--seconds", 60);
    int connections = RenderBenchmark.intOption(args, "--connections", 50);
    Optional<Path> json = RenderBenchmark.option(args, "--json").map(Path::of);
    boolean reliabilityRows = java.util.Arrays.asList(args).contains("--reliability-rows");
    String wrk = findWrk();
    Path data = Files.createTempDirectory("paved-load-bench");
    Sandbox sandbox = new Sandbox(SandboxConfig.defaults().withDataDir(data.resolve("sandbox")));
    ScaleBenchmark.progress("starting a sandbox in " + data);
    sandbox.up();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("apps", apps);
    r.put("seconds", seconds);
    r.put("connections", connections);
    boolean clean = true;
    try (Database database = Database.open(DatabaseSettings.embedded(data.resolve("db")));
        Backend backend =
            Backend.start(
                data.resolve("platform.git"),
                "file:///platform.git",
                new ClusterMode.Kubeconfig(sandbox.kubeconfig(), Optional.empty()),
                database)) {
      ScaleBenchmark.progress("merging " + apps + " apps");
      List<Intent> intents = new ArrayList<>();
      for (int i = 0; i < apps; i++) {
        intents.add(new Intent.PutApp(ScaleBenchmark.webService(i, "1.0.0", 1), List.of("dev")));
      }
      merge(backend, "Seed", intents);
      Services services = Services.over(database, backend, Clock.systemUTC());
      services.users().put(new Principal("load", "Load", PlatformRole.PLATFORM, Map.of()));
      String token = services.tokens().issue("load", "load").token();
      try (PavedServer server = PavedServer.start("127.0.0.1", 0, services)) {
        String cookie = PortalBenchmark.signIn(HttpClient.newHttpClient(), server.url(), token);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger merged = new AtomicInteger();
        Thread merger =
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int k = 1; loading.get(); k++) {
                        int app = k % apps;
                        merge(
                            backend,
                            "app-" + app + " 1.0." + k,
                            List.of(
                                new Intent.PutApp(
                                    ScaleBenchmark.webService(app, "1.0." + k, 1),
                                    List.of("dev"))));
                        merged.incrementAndGet();
                        sleep(2_000);
                      }
                    });
        String base = server.url().toString();
        List<Target> targets =
            List.of(
                new Target(
                    "API: list of every app",
                    base + "/api/v1/apps",
                    "Authorization: Bearer " + token),
                new Target(
                    "API: one app",
                    base + "/api/v1/apps/team-3/app-3",
                    "Authorization: Bearer " + token),
                new Target("portal: catalog", base + "/apps", "Cookie: " + cookie),
                new Target("portal: app page", base + "/apps/team-3/app-3", "Cookie: " + cookie));
        Map<String, Object> rows = new LinkedHashMap<>();
        for (Target target : targets) {
          ScaleBenchmark.progress("wrk: " + target.name());
          Map<String, Object> row = wrk(wrk, target, connections, seconds);
          clean &= ((Number) row.get("errors")).longValue() == 0;
          rows.put(target.name(), row);
        }
        loading.set(false);
        merger.join();
        r.put("results", rows);
        r.put("mergesDuringLoad", merged.get());
        r.put("syncRunsRecorded", backend.history().latest().size());
      }
      r.put(
          "heapUsedMiB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
      r.put("rssMiB", rssMiB());
    } finally {
      sandbox.down();
    }
    if (reliabilityRows) {
      reliabilityRows(r);
    }
    ScaleBenchmark.finish(r, LoadBenchmark::print, json, clean, "requests erred under load");
  }

  private record Target(String name, String url, String header) {}

  /** One row of docs/reliability.md per target (./test --reliability runs this harness). */
  @SuppressWarnings("unchecked")
  private static void reliabilityRows(Map<String, Object> r) {
    Map<String, Object> results = (Map<String, Object>) r.get("results");
    results.forEach(
        (name, value) -> {
          Map<String, Object> row = (Map<String, Object>) value;
          long errors = ((Number) row.get("errors")).longValue();
          new dev.paved.reliability.Row(
                  dev.paved.reliability.Area.LOAD,
                  "wrk, %s clients × %s s while merges sync: %s (%s apps)"
                      .formatted(r.get("connections"), r.get("seconds"), name, r.get("apps")),
                  "LoadBenchmark." + name.replaceAll("[^A-Za-z]+", "-"),
                  ((Number) row.get("requests")).longValue(),
                  "requests",
                  errors == 0
                      ? dev.paved.reliability.Row.Status.PASSED
                      : dev.paved.reliability.Row.Status.FAILED,
                  "%s req/s, p50 %s, p99 %s, %d errors; %s merges to sync during the load; server heap %s MiB, RSS %s MiB"
                      .formatted(
                          row.get("perSecond"),
                          row.get("p50"),
                          row.get("p99"),
                          errors,
                          r.get("mergesDuringLoad"),
                          r.get("heapUsedMiB"),
                          r.get("rssMiB")))
              .write();
        });
  }

  private static long rssMiB() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("VmRSS:"))
            .map(l -> l.replaceAll("[^0-9]", ""))
            .mapToLong(Long::parseLong)
            .findFirst()
            .orElse(-1)
        >> 10;
  }

  private static void merge(Backend backend, String title, List<Intent> intents) {
    ScaleBenchmark.merge(backend.changes(), title, intents);
  }

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
  private static final Pattern SOCKET =
      Pattern.compile(
          "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

  /** One wrk run (2 threads) with its latency distribution. */
  private static Map<String, Object> wrk(String wrk, Target target, int connections, int seconds)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                wrk,
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                "10s",
                "-H",
                target.header(),
                target.url())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("requests", Long.parseLong(find(TOTAL, out, "0")));
    row.put("perSecond", Double.parseDouble(find(RATE, out, "0")));
    row.put("p50", percentile(out, "50%"));
    row.put("p99", percentile(out, "99%"));
    long answers = Long.parseLong(find(NON_2XX, out, "0"));
    long socket = 0;
    long timeouts = 0;
    Matcher errors = SOCKET.matcher(out);
    if (errors.find()) {
      for (int g = 1; g <= 3; g++) {
        socket += Long.parseLong(errors.group(g));
      }
      timeouts = Long.parseLong(errors.group(4));
    }
    row.put("non2xx", answers);
    row.put("socketErrors", socket);
    row.put("timeouts", timeouts);
    row.put("errors", answers + socket + timeouts);
    return row;
  }

  private static String find(Pattern pattern, String text, String fallback) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : fallback;
  }

  /** A latency line of wrk's distribution, e.g. {@code 99% 12.34ms}, as written. */
  private static String percentile(String out, String which) {
    Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(which) + "\\s+(\\S+)").matcher(out);
    return m.find() ? m.group(1) : "?";
  }

  private static String findWrk() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path wrk = Path.of(dir, "wrk");
      if (Files.isExecutable(wrk)) {
        return wrk.toString();
      }
    }
    throw new IllegalStateException(
        "no wrk on PATH: install Debian's package (scripts/wrk.sh, or apt-get install wrk)");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> r) {
    System.out.printf(
        "%-28s %10s %10s %10s %10s %8s%n",
        "endpoint (" + r.get("connections") + " clients, " + r.get("seconds") + " s)",
        "requests",
        "req/s",
        "p50",
        "p99",
        "errors");
    ((Map<String, Map<String, Object>>) r.get("results"))
        .forEach(
            (name, row) ->
                System.out.printf(
                    "%-28s %10d %10.0f %10s %10s %8d  (non-2xx %d, socket %d, timeouts >10 s %d)%n",
                    name,
                    row.get("requests"),
                    row.get("perSecond"),
                    row.get("p50"),
                    row.get("p99"),
                    row.get("errors"),
                    row.get("non2xx"),
                    row.get("socketErrors"),
                    row.get("timeouts")));
    System.out.printf("%-28s %10s%n", "apps", r.get("apps"));
    System.out.printf("%-28s %10s%n", "merges during the load", r.get("mergesDuringLoad"));
    System.out.printf("%-28s %10s%n", "heap used after (MiB)", r.get("heapUsedMiB"));
    System.out.printf("%-28s %10s%n", "resident memory (MiB)", r.get("rssMiB"));
    System.out.printf("%-28s %s%n", "java", r.get("java"));
    System.out.printf("%-28s %s%n", "cpus", r.get("cpus"));
  }
}
