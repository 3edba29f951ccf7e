package dev.paved.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.connection.Backoff;
import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.health.HealthStatus;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.core.render.Labels;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.testing.sandbox.ManagedObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kube-apiserver killed in the middle of a sync (after its first app, one app at a time) and
 * kept down for 60 s: every app goes UNKNOWN, the sync fails and retries, and nothing is pruned;
 * when the apiserver is back the sync resumes by itself, the app removed from main is pruned, and
 * the other apps' objects are the same objects (same UIDs) at their new images. Its own sandbox,
 * since it kills the apiserver.
 */
class ApiServerOutageIT {

  private static final Actor PLATFORM = Actor.platformEngineer("pat");
  private static final String TEAM = "outage";
  private static final List<String> APPS = List.of("a1", "a2", "a3", "a4", "a5", "a6");
  private static final String WEB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: outage
      path: web-service
      with: {image: 'ghcr.io/example/api:%s', replicas: {min: 1, max: 1}}
      """;

  @TempDir Path dir;
  private Sandbox sandbox;

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.down();
    }
  }

  @Test
  @Reliability(
      area = Area.FAULTS,
      value = "kube-apiserver stopped 60 s in the middle of a sync, then restarted")
  void appsGoUnknownNothingIsPrunedAndTheSyncResumesWhenTheApiServerIsBack(Tally tally)
      throws Exception {
    int outages = Boolean.getBoolean("paved.reliability.long") ? 3 : 1;
    Duration down = Duration.ofSeconds(60);
    tally.counting("apiserver outages of " + down.toSeconds() + " s");
    sandbox = new Sandbox(SandboxConfig.defaults().withDataDir(dir.resolve("sandbox")));
    sandbox.up();
    GitRepository repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, "file:///platform.git");
    ChangeRequests changes = new ChangeRequests(repo, "file:///platform.git");
    preparePrunedTeam(repo, changes);
    // armed with the revision synced last: the first run at any other revision kills the apiserver
    AtomicReference<String> killAfterFirstRunAt = new AtomicReference<>("");
    SyncHistory history = killingHistory(killAfterFirstRunAt);
    try (KubernetesClient admin = SandboxClients.create(sandbox.kubeconfig());
        ClusterConnections clusters =
            new ClusterConnections(
                name ->
                    ClusterConnection.of(
                        name, () -> SandboxClients.create(sandbox.kubeconfig())))) {
      EnvironmentSyncer syncer =
          new EnvironmentSyncer(repo, clusters, history, Ownership.everything(), 1);
      try (SyncLoop loop =
          new SyncLoop(
              repo,
              syncer,
              Duration.ofSeconds(5),
              new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)))) {
        changes.onMerge(loop::merged);
        List<String> live = new ArrayList<>(APPS);
        String revision = merge(changes, live.stream().map(a -> put(a, "1.0.0")).toList());
        loop.start("dev");
        awaitSyncedAndHealthy(syncer, live, revision);
        for (int outage = 1; outage <= outages; outage++) {
          String gone = live.removeLast();
          Map<String, String> kept = uidsExcept(admin, gone);
          List<Intent> intents = new ArrayList<>();
          live.forEach(a -> intents.add(put(a, "2.0." + System.nanoTime() % 1000)));
          intents.add(new Intent.RemoveApp(TEAM, gone, "dev"));
          killAfterFirstRunAt.set(revision);
          String next = merge(changes, intents);
          await().atMost(Duration.ofSeconds(60)).until(() -> !apiserverAlive());
          long downSince = System.nanoTime();
          await()
              .atMost(down)
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(
                  () -> {
                    for (String app : live) {
                      assertThat(syncer.status(dev(app)).health().status())
                          .as(app)
                          .isEqualTo(HealthStatus.UNKNOWN);
                    }
                  });
          assertThat(history.runs(dev(live.getLast())).getFirst().status())
              .as("the rest of the sync failed, to be retried")
              .isEqualTo(SyncRun.Status.FAILED);
          Thread.sleep(Math.max(0, down.toMillis() - (System.nanoTime() - downSince) / 1_000_000));
          assertThat(sandbox.up()).as("the apiserver restarts; etcd kept the objects").isNotNull();
          awaitSyncedAndHealthy(syncer, live, next);
          revision = next;
          assertThat(ManagedObjects.uids(admin, TEAM + "-dev"))
              .as("the same objects, none deleted and re-created")
              .containsAllEntriesOf(kept);
          assertThat(ManagedObjects.in(admin, TEAM + "-dev"))
              .as("the removed app is pruned")
              .noneMatch(o -> gone.equals(o.getMetadata().getLabels().get(Labels.APP)));
          tally.add();
        }
      }
    }
    repo.close();
    tally.held(
        "apps UNKNOWN while it was down; the rest of the sync FAILED and was retried; 0 objects"
            + " still in Git deleted; after each restart the sync resumed by itself, the app removed"
            + " from main was pruned and the others reached their new images");
  }

  /**
   * Kills the apiserver right after the first run recorded at a revision other than {@code at}'s.
   */
  private SyncHistory killingHistory(AtomicReference<String> at) {
    InMemorySyncHistory delegate = new InMemorySyncHistory();
    return new SyncHistory() {
      @Override
      public void record(SyncRun run) {
        delegate.record(run);
        String armed = at.get();
        if (!armed.isEmpty() && !run.revision().equals(armed) && at.compareAndSet(armed, "")) {
          ProcessHandle.of(apiserverPid()).ifPresent(ProcessHandle::destroyForcibly);
        }
      }

      @Override
      public List<SyncRun> runs(Deployment deployment) {
        return delegate.runs(deployment);
      }

      @Override
      public Map<Deployment, SyncRun> latest() {
        return delegate.latest();
      }

      @Override
      public Optional<String> lastSynced(String env) {
        return delegate.lastSynced(env);
      }

      @Override
      public void markSynced(String env, String revision) {
        delegate.markSynced(env, revision);
      }
    };
  }

  private long apiserverPid() {
    return ManagedObjects.apiserverPid(sandbox);
  }

  private boolean apiserverAlive() {
    return ProcessHandle.of(apiserverPid()).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void awaitSyncedAndHealthy(
      EnvironmentSyncer syncer, List<String> apps, String revision) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (String app : apps) {
                AppStatus status = syncer.status(dev(app));
                assertThat(status.lastRun().map(SyncRun::status))
                    .as(app + " " + status)
                    .contains(SyncRun.Status.SYNCED);
                assertThat(status.revision()).as(app).contains(revision);
                assertThat(status.health().status())
                    .as(app + " " + status)
                    .isEqualTo(HealthStatus.HEALTHY);
              }
            });
  }

  /** Kind/name → UID of the team's managed objects but those of app {@code gone}. */
  private static Map<String, String> uidsExcept(KubernetesClient admin, String gone) {
    Map<String, String> uids = new TreeMap<>();
    ManagedObjects.in(admin, TEAM + "-dev").stream()
        .filter(o -> !gone.equals(o.getMetadata().getLabels().get(Labels.APP)))
        .forEach(
            o -> uids.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getUid()));
    return uids;
  }

  private static Deployment dev(String app) {
    return new Deployment("dev", new AppKey(TEAM, app));
  }

  private static Intent put(String app, String tag) {
    return new Intent.PutApp(WEB.formatted(app, tag), List.of("dev"));
  }

  private static void preparePrunedTeam(GitRepository repo, ChangeRequests changes) {
    String environments =
        repo.read(repo.resolve(GitRepository.MAIN).orElseThrow())
            .find("platform/environments.yaml")
            .orElseThrow()
            .replace("prune: false}", "prune: true}");
    merge(
        changes,
        List.of(
            new Intent.PutPlatformFile(
                "platform/teams/" + TEAM + ".yaml",
                "apiVersion: paved.dev/v1alpha1\nkind: Team\nmetadata: {name: outage}\nspec: {members: [demo]}\n"),
            new Intent.PutPlatformFile("platform/environments.yaml", environments)));
  }

  private static String merge(ChangeRequests changes, List<Intent> intents) {
    Opened opened = changes.open(PLATFORM, "Outage test", intents);
    String id = opened.change().id();
    if (opened.autoMerge().isEmpty()) {
      // platform files need another platform engineer's approval
      changes.approve(id, Actor.platformEngineer("platform-reviewer"));
    }
    MergeOutcome outcome = opened.autoMerge().orElseGet(() -> changes.merge(id, PLATFORM));
    assertThat(outcome).as(outcome.toString()).isInstanceOf(MergeOutcome.Merged.class);
    return ((MergeOutcome.Merged) outcome).commit();
  }
}
