package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.core.render.Labels;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the real server at random points of its sync, over and over. Before each start
 * a change is merged (images bumped, an app added or removed, prune on), so every start has work to
 * do. After each kill no object of an app still on main was deleted (same UIDs), and after the
 * restart the cluster converges to main: every app synced at main's revision, each with its image,
 * and no object of an app that left main (no orphans, no duplicates).
 */
@SandboxTest
class KillDuringSyncIT {

  private final Sandbox sandbox;

  KillDuringSyncIT(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Test
  @Reliability(area = Area.FAULTS, value = "kill -9 of the server during a sync, at random points")
  void aServerKilledMidSyncConvergesToMainAfterRestartWithNothingLostOrLeftOver(
      @TempDir Path data, Tally tally) throws Exception {
    int runs = Boolean.getBoolean("paved.reliability.long") ? 20 : 5;
    tally.counting("kills at random points of a sync");
    Random random = new Random(20261127L);
    PlatformRepo repo = PlatformRepo.create(data.resolve("platform.git"), "kill", 12);
    int port = PavedProcess.freePort();
    Map<String, String> env =
        Map.of("PAVED_CREDENTIALS", data.resolve("credentials.json").toString());
    List<String> args = List.of("--kubeconfig", sandbox.kubeconfig().toString());
    try (KubernetesClient admin = SandboxClients.create(sandbox.kubeconfig())) {
      PavedProcess first = PavedProcess.server(data, port, env, args);
      long start = System.nanoTime();
      String token = first.token().orElseThrow(() -> new AssertionError(first.output()));
      awaitConverged(first, token, repo, admin);
      long window = Math.max(500, (System.nanoTime() - start) / 1_000_000);
      first.stop();
      long maxKillAt = 0;
      int midSync = 0;
      try {
        for (int run = 0; run < runs; run++) {
          repo.changeAtRandom(random);
          Map<String, String> before = uids(admin, repo);
          long killAt = random.nextLong(window);
          maxKillAt = Math.max(maxKillAt, killAt);
          PavedProcess doomed = PavedProcess.server(data, port, env, args);
          Thread.sleep(killAt);
          doomed.kill();
          tally.add();
          midSync += clusterIsAtMain(admin, repo) ? 0 : 1;
          assertNothingStillOnMainWasDeleted(before, uids(admin, repo), "after kill " + (run + 1));
          try (PavedProcess again = PavedProcess.server(data, port, env, args)) {
            awaitConverged(again, token, repo, admin);
            assertNothingStillOnMainWasDeleted(
                before, uids(admin, repo), "after restart " + (run + 1));
            again.stop();
          }
        }
      } finally {
        admin.namespaces().withName(repo.namespace()).delete();
      }
      tally.held(
          ("killed 0 to %d ms after the API was up (a whole sync took %d ms); %d of %d kills left"
                  + " the cluster short of main; converged to main after every restart; 0 objects"
                  + " still in Git deleted; 0 orphans or duplicates")
              .formatted(maxKillAt, window, midSync, runs));
    }
  }

  private static void assertNothingStillOnMainWasDeleted(
      Map<String, String> before, Map<String, String> now, String when) {
    Map<String, String> kept = new TreeMap<>(before);
    kept.keySet().retainAll(now.keySet());
    assertThat(kept)
        .as(when + ": the objects of apps still on main keep their UIDs")
        .isEqualTo(before);
  }

  /** Kind/name → UID of the objects of the apps main wants now (that exist). */
  private static Map<String, String> uids(KubernetesClient admin, PlatformRepo repo) {
    Map<String, String> uids = new TreeMap<>();
    managed(admin, repo.namespace())
        .filter(o -> repo.apps().containsKey(o.getMetadata().getLabels().get(Labels.APP)))
        .forEach(
            o -> uids.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getUid()));
    return uids;
  }

  private static Stream<HasMetadata> managed(KubernetesClient admin, String ns) {
    return dev.paved.testing.sandbox.ManagedObjects.in(admin, ns).stream();
  }

  /** Every app synced at main's revision by the server, and the cluster exactly as main says. */
  private static void awaitConverged(
      PavedProcess server, String token, PlatformRepo repo, KubernetesClient admin) {
    String main = repo.main();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode apps = server.get("/api/v1/apps", token).json();
              Map<String, String> synced = new TreeMap<>();
              for (JsonNode app : apps.path("apps")) {
                if (app.path("team").asText().equals(repo.team())) {
                  JsonNode dev = app.path("envs").get(0);
                  synced.put(
                      app.path("app").asText(),
                      dev.path("syncStatus").asText() + "@" + dev.path("revision").asText());
                }
              }
              Map<String, String> wanted = new TreeMap<>();
              repo.apps().keySet().forEach(a -> wanted.put(a, "SYNCED@" + main));
              assertThat(synced).isEqualTo(wanted);
              assertThat(clusterState(admin, repo)).isEqualTo(wantedState(repo));
            });
  }

  /** Each Deployment's image, and which apps own the managed objects. */
  private static Map<String, Object> clusterState(KubernetesClient admin, PlatformRepo repo) {
    Map<String, String> images = new TreeMap<>();
    admin.apps().deployments().inNamespace(repo.namespace()).list().getItems().stream()
        .filter(d -> d.getMetadata().getDeletionTimestamp() == null)
        .forEach(
            d ->
                images.merge(
                    d.getMetadata().getName(),
                    d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage(),
                    (x, y) -> "DUPLICATE"));
    TreeSet<String> owners = new TreeSet<>();
    managed(admin, repo.namespace())
        .forEach(o -> owners.add(o.getMetadata().getLabels().get(Labels.APP)));
    return Map.of("images", images, "owners", owners);
  }

  /** One Deployment per app on main at its image; objects of those apps only. */
  private static Map<String, Object> wantedState(PlatformRepo repo) {
    Map<String, String> images = new TreeMap<>();
    repo.apps().forEach((a, tag) -> images.put(a, PlatformRepo.IMAGE + ":" + tag));
    return Map.of("images", images, "owners", new TreeSet<>(repo.apps().keySet()));
  }

  private static boolean clusterIsAtMain(KubernetesClient admin, PlatformRepo repo) {
    return clusterState(admin, repo).equals(wantedState(repo));
  }
}
