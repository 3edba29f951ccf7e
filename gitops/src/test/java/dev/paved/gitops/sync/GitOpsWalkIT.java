package dev.paved.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.connection.Backoff;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.health.HealthStatus;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import dev.paved.testing.sandbox.TestClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitOps path end to end on a real repository and the sandbox: a change is opened, checked,
 * merged; the sync loop applies it; the app is Healthy at that revision; a rollback restores the
 * earlier objects; a removed app leaves the cluster only after its merge, and only with prune on.
 */
@SandboxTest
class GitOpsWalkIT {

  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final Actor DEV = Actor.member("demo");
  private static final Actor PLATFORM = Actor.platformEngineer("pat");
  private static final String WEB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: %s
      path: web-service
      with: {image: 'ghcr.io/example/api:%s', replicas: {min: 1, max: 2}}
      """;

  private final KubernetesClient client;
  @TempDir Path dir;
  private String team;
  private GitRepository repo;
  private ChangeRequests changes;
  private ClusterConnections clusters;
  private EnvironmentSyncer syncer;
  private SyncLoop loop;

  GitOpsWalkIT(KubernetesClient client, SandboxNamespace ignored) {
    this.client = client;
  }

  @BeforeEach
  void start() {
    team = "walk" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, "file:///platform.git");
    changes = new ChangeRequests(repo, "file:///platform.git");
    clusters = TestClusters.allOnTheSandbox(client);
    syncer = new EnvironmentSyncer(repo, clusters, new InMemorySyncHistory());
    loop =
        new SyncLoop(
            repo,
            syncer,
            Duration.ofSeconds(30),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    changes.onMerge(loop::merged);
    String teamFile =
        """
        apiVersion: paved.dev/v1alpha1
        kind: Team
        metadata: {name: %s}
        spec: {members: [demo, reviewer]}
        """
            .formatted(team);
    merge(
        changes.open(
            PLATFORM,
            "Team " + team,
            List.of(new Intent.PutPlatformFile("platform/teams/" + team + ".yaml", teamFile))),
        PLATFORM);
    loop.start("dev");
  }

  @AfterEach
  void stop() {
    loop.close();
    clusters.close();
    repo.close();
    // the team's namespace holds what the walk deployed; the sandbox's nodes are shared
    client.namespaces().withName(team + "-dev").delete();
  }

  private String merge(Opened opened, Actor actor) {
    if (opened.autoMerge().isEmpty() && actor.platform()) {
      // platform files need another platform engineer's approval
      changes.approve(opened.change().id(), Actor.platformEngineer("platform-reviewer"));
    }
    MergeOutcome outcome =
        opened.autoMerge().orElseGet(() -> changes.merge(opened.change().id(), actor));
    assertThat(outcome).as(outcome.toString()).isInstanceOf(MergeOutcome.Merged.class);
    return ((MergeOutcome.Merged) outcome).commit();
  }

  private String deployApp(String app, String version) {
    Opened opened =
        changes.open(
            DEV,
            app + " " + version,
            List.of(new Intent.PutApp(WEB.formatted(app, team, version), List.of("dev"))));
    assertThat(opened.checks().renderedChanges()).isNotEmpty();
    assertThat(opened.checks().reports()).noneMatch(r -> r.blocked());
    assertThat(opened.checks().costs())
        .singleElement()
        .satisfies(c -> assertThat(c.after()).isPresent());
    return merge(opened, DEV);
  }

  private Deployment dev(String app) {
    return new Deployment("dev", new AppKey(team, app));
  }

  private void awaitHealthyAt(String app, String revision) {
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              AppStatus status = syncer.status(dev(app));
              assertThat(status.revision()).contains(revision);
              assertThat(status.health().status())
                  .as(status.toString())
                  .isEqualTo(HealthStatus.HEALTHY);
            });
  }

  private String image(String app) {
    var deployment = client.apps().deployments().inNamespace(team + "-dev").withName(app).get();
    return deployment == null
        ? ""
        : deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
  }

  @Test
  void aMergedChangeIsSyncedAndHealthyAtItsRevision() {
    String revision = deployApp("chat", "1.0.0");
    awaitHealthyAt("chat", revision);
    SyncRun run = syncer.history().runs(dev("chat")).getFirst();
    assertThat(run.status()).isEqualTo(SyncRun.Status.SYNCED);
    assertThat(run.trigger()).isIn(Trigger.MERGE, Trigger.PERIODIC);
    assertThat(run.created()).isPositive();
    assertThat(run.objects())
        .anySatisfy(
            o -> {
              assertThat(o.object()).isEqualTo("Deployment/" + team + "-dev/chat");
              assertThat(o.outcome()).isEqualTo(SyncRun.Outcome.CREATED);
            });
    assertThat(image("chat")).isEqualTo("ghcr.io/example/api:1.0.0");
  }

  @Test
  void aRollbackRestoresTheEarlierObjects() {
    String first = deployApp("search", "1.0.0");
    awaitHealthyAt("search", first);
    String second = deployApp("search", "2.0.0");
    await().atMost(BOUND).until(() -> image("search").endsWith(":2.0.0"));

    Opened rollback = changes.rollback(DEV, dev("search"), first);
    String restored = merge(rollback, DEV);
    assertThat(restored).isNotEqualTo(second);
    await().atMost(BOUND).until(() -> image("search").endsWith(":1.0.0"));
    awaitHealthyAt("search", restored);
  }

  @Test
  void anAppDeletedOnPurposeLeavesTheClusterEvenWithPruneOff() {
    String revision = deployApp("doomed", "1.0.0");
    awaitHealthyAt("doomed", revision);

    Opened deletion =
        changes.open(
            DEV, "Delete doomed", List.of(new Intent.RemoveApp(team, "doomed", "dev", true)));
    assertThat(image("doomed")).as("nothing is deleted before the merge").isNotEmpty();
    String deleted = merge(deletion, DEV);

    assertThat(repo.info(org.eclipse.jgit.lib.ObjectId.fromString(deleted)).message())
        .contains(RepoLayout.DELETES_TRAILER + team + "/doomed in dev");
    await()
        .atMost(BOUND)
        .until(
            () ->
                syncer.history().runs(dev("doomed")).getFirst().status() == SyncRun.Status.REMOVED);
    assertThat(syncer.history().runs(dev("doomed")).getFirst().message()).contains("deleted");
    assertThat(image("doomed")).isEmpty();
    assertThat(
            client.configMaps().inNamespace(team + "-dev").withName("paved-inventory-doomed").get())
        .isNull();
  }

  @Test
  void aRemovedAppLeavesTheClusterOnlyAfterItsMergeAndOnlyWithPruneOn() {
    String revision = deployApp("gone", "1.0.0");
    awaitHealthyAt("gone", revision);

    Opened removal =
        changes.open(DEV, "Remove gone", List.of(new Intent.RemoveApp(team, "gone", "dev")));
    assertThat(removal.checks().renderedChanges()).allMatch(f -> f.kind().equals("deleted"));
    String removedWithPruneOff = merge(removal, DEV);
    await()
        .atMost(BOUND)
        .until(
            () ->
                syncer
                    .history()
                    .runs(dev("gone"))
                    .getFirst()
                    .revision()
                    .equals(removedWithPruneOff));
    assertThat(syncer.history().runs(dev("gone")).getFirst().message()).contains("prune is off");
    assertThat(image("gone")).as("prune off: the objects stay").isNotEmpty();

    String rules =
        repo.read(repo.resolve(GitRepository.MAIN).orElseThrow())
            .find(RepoLayout.ENVIRONMENTS)
            .orElseThrow();
    merge(
        changes.open(
            PLATFORM,
            "Prune dev",
            List.of(
                new Intent.PutPlatformFile(
                    RepoLayout.ENVIRONMENTS,
                    rules.replace(
                        "dev: {approvals: 0, autoMerge: true, autoSync: true, selfHeal: true, prune: false}",
                        "dev: {approvals: 0, autoMerge: true, autoSync: true, selfHeal: true, prune: true}")))),
        PLATFORM);
    String back = deployApp("gone", "1.0.1");
    awaitHealthyAt("gone", back);
    Opened again =
        changes.open(DEV, "Remove gone again", List.of(new Intent.RemoveApp(team, "gone", "dev")));
    assertThat(image("gone")).as("nothing is deleted before the merge").isNotEmpty();
    merge(again, DEV);
    await()
        .atMost(BOUND)
        .until(
            () -> syncer.history().runs(dev("gone")).getFirst().status() == SyncRun.Status.REMOVED);
    assertThat(syncer.history().runs(dev("gone")).getFirst().deleted()).isPositive();
    assertThat(image("gone")).isEmpty();
    assertThat(
            client.configMaps().inNamespace(team + "-dev").withName("paved-inventory-gone").get())
        .isNull();
  }

  @Test
  void aBrokenRenderedFileOnMainBlocksOnlyItsAppAndIsShownAsItsStatus() {
    String revision = deployApp("steady", "1.0.0");
    awaitHealthyAt("steady", revision);
    loop.close();
    // someone pushed a hand edit to main, around Paved
    ObjectId tip = repo.resolve(GitRepository.MAIN).orElseThrow();
    RepoFiles main = repo.read(tip);
    String broken =
        main.under("deploy/dev/" + team + "/steady/").keySet().stream()
            .filter(f -> f.contains("-deployment-"))
            .findFirst()
            .orElseThrow();
    ObjectId edited =
        repo.commit(
            List.of(tip),
            main.with("deploy/dev/" + team + "/steady/" + broken, "kind: [unclosed\n")
                .with(
                    RepoLayout.spec(team, "steady"),
                    main.find(RepoLayout.spec(team, "steady")).orElseThrow()),
            "hand edit",
            "someone");
    assertThat(repo.moveRef(GitRepository.MAIN, java.util.Optional.of(tip), edited, "hand edit"))
        .isTrue();

    List<SyncRun> runs = syncer.sync("dev", edited.name(), Trigger.MANUAL);
    assertThat(runs)
        .filteredOn(r -> r.deployment().equals(dev("steady")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(SyncRun.Status.BLOCKED);
              assertThat(r.message()).contains(broken);
            });
    assertThat(runs)
        .filteredOn(r -> r.deployment().app().app().equals("hello"))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(SyncRun.Status.SYNCED));
    AppStatus status = syncer.status(dev("steady"));
    assertThat(status.health().status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(status.health().message()).contains(broken);
    assertThat(image("steady")).as("the last good objects stay").endsWith(":1.0.0");
  }
}
