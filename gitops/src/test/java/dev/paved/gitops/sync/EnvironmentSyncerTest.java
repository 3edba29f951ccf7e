package dev.paved.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.paved.testing.fakes.FakeSyncTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync core in milliseconds: a real repository in a temp folder, the cluster an in-memory fake.
 * What the sandbox ITs check end to end (GitOpsWalkIT, BrokenMainIT, ApiServerOutageIT) is checked
 * here for each rule on its own.
 */
class EnvironmentSyncerTest {

  private static final String WEB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: demo
      path: web-service
      with: {image: 'ghcr.io/example/%s:%s', replicas: {min: 1, max: 1}}
      """;
  private static final Actor DEMO = Actor.member("demo");
  private static final Actor PAT = Actor.platformEngineer("pat");

  @TempDir Path dir;
  private GitRepository repo;
  private ChangeRequests changes;
  private final FakeSyncTarget cluster = new FakeSyncTarget("sandbox");
  private final InMemorySyncHistory history = new InMemorySyncHistory();

  @BeforeEach
  void seed() {
    repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, "file:///platform.git");
    changes = new ChangeRequests(repo, "file:///platform.git");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private EnvironmentSyncer syncer(Ownership ownership) {
    return new EnvironmentSyncer(repo, name -> cluster, history, ownership, 4);
  }

  private String merge(Opened opened, Actor actor) {
    if (opened.autoMerge().isEmpty()) {
      changes.approve(opened.change().id(), Actor.platformEngineer("platform-reviewer"));
    }
    MergeOutcome outcome =
        opened.autoMerge().orElseGet(() -> changes.merge(opened.change().id(), actor));
    return ((MergeOutcome.Merged) outcome).commit();
  }

  private String deploy(String app, String version) {
    return merge(
        changes.open(
            DEMO,
            app + " " + version,
            List.of(new Intent.PutApp(WEB.formatted(app, app, version), List.of("dev")))),
        DEMO);
  }

  private String remove(String app, boolean delete) {
    return merge(
        changes.open(
            DEMO, "Remove " + app, List.of(new Intent.RemoveApp("demo", app, "dev", delete))),
        DEMO);
  }

  private String pruneDev() {
    String rules =
        repo.read(repo.resolve(GitRepository.MAIN).orElseThrow())
            .find(RepoLayout.ENVIRONMENTS)
            .orElseThrow()
            .replace(
                "dev: {approvals: 0, autoMerge: true, autoSync: true, selfHeal: true, prune: false}",
                "dev: {approvals: 0, autoMerge: true, autoSync: true, selfHeal: true, prune: true}");
    return merge(
        changes.open(
            PAT, "Prune dev", List.of(new Intent.PutPlatformFile(RepoLayout.ENVIRONMENTS, rules))),
        PAT);
  }

  private static Deployment dev(String app) {
    return new Deployment("dev", new AppKey("demo", app));
  }

  private SyncRun runOf(List<SyncRun> runs, String app) {
    return runs.stream().filter(r -> r.deployment().equals(dev(app))).findFirst().orElseThrow();
  }

  @Test
  void everyAppIsAppliedAndASecondSyncOfTheSameRevisionChangesNothing() {
    String revision = deploy("chat", "1.0.0");

    List<SyncRun> first = syncer(Ownership.everything()).sync("dev", revision, Trigger.MERGE);
    List<SyncRun> second = syncer(Ownership.everything()).sync("dev", revision, Trigger.PERIODIC);

    assertThat(runOf(first, "chat").status()).isEqualTo(SyncRun.Status.SYNCED);
    assertThat(runOf(first, "chat").objects())
        .allMatch(o -> o.outcome() == SyncRun.Outcome.CREATED);
    assertThat(runOf(second, "chat").objects())
        .allMatch(o -> o.outcome() == SyncRun.Outcome.UNCHANGED);
    assertThat(cluster.objects("demo-dev", "chat")).isNotEmpty();
    assertThat(history.lastSynced("dev")).contains(revision);
  }

  @Test
  void anUnreachableClusterFailsItsAppsRemovesNothingAndIsNotMarkedSynced() {
    deploy("chat", "1.0.0");
    String before = deploy("gone", "1.0.0");
    syncer(Ownership.everything()).sync("dev", before, Trigger.MERGE);
    pruneDev();
    String removed = remove("gone", false);
    cluster.reachable(false);

    List<SyncRun> runs = syncer(Ownership.everything()).sync("dev", removed, Trigger.MERGE);

    assertThat(runOf(runs, "chat").status()).isEqualTo(SyncRun.Status.FAILED);
    assertThat(runOf(runs, "chat").message()).contains("cluster sandbox is unreachable");
    assertThat(runs).noneMatch(r -> r.deployment().equals(dev("gone")));
    assertThat(cluster.objects("demo-dev", "gone")).as("nothing pruned").isNotEmpty();
    assertThat(history.lastSynced("dev")).contains(before);

    cluster.reachable(true);
    List<SyncRun> back = syncer(Ownership.everything()).sync("dev", removed, Trigger.PERIODIC);
    assertThat(runOf(back, "gone").status()).isEqualTo(SyncRun.Status.REMOVED);
    assertThat(cluster.objects("demo-dev", "gone")).isEmpty();
  }

  @Test
  void aMainThatLostEveryAppOfAPrunedEnvironmentPrunesNothing() {
    pruneDev();
    String before = deploy("chat", "1.0.0");
    syncer(Ownership.everything()).sync("dev", before, Trigger.MERGE);
    remove("hello", false);
    String empty = remove("chat", false);

    List<SyncRun> runs = syncer(Ownership.everything()).sync("dev", empty, Trigger.MERGE);

    assertThat(cluster.objects("demo-dev", "chat")).as("kept").isNotEmpty();
    assertThat(runs).allMatch(r -> r.status() != SyncRun.Status.REMOVED);
    assertThat(history.lastSynced("dev")).contains(before);
  }

  @Test
  void anAppDeletedOnPurposeLeavesTheClusterWithPruneOff() {
    String before = deploy("doomed", "1.0.0");
    syncer(Ownership.everything()).sync("dev", before, Trigger.MERGE);

    String deleted = remove("doomed", true);
    List<SyncRun> runs = syncer(Ownership.everything()).sync("dev", deleted, Trigger.MERGE);

    assertThat(runOf(runs, "doomed").status()).isEqualTo(SyncRun.Status.REMOVED);
    assertThat(runOf(runs, "doomed").message()).contains("deleted");
    assertThat(cluster.objects("demo-dev", "doomed")).isEmpty();
  }

  @Test
  void anAppRemovedWithoutDeleteKeepsItsObjectsWithPruneOff() {
    String before = deploy("kept", "1.0.0");
    syncer(Ownership.everything()).sync("dev", before, Trigger.MERGE);

    String removed = remove("kept", false);
    List<SyncRun> runs = syncer(Ownership.everything()).sync("dev", removed, Trigger.MERGE);

    assertThat(runOf(runs, "kept").message()).contains("prune is off");
    assertThat(cluster.objects("demo-dev", "kept")).isNotEmpty();
  }

  @Test
  void twoSyncsOfOneAppNeverOverlapTheSecondSaysSo() throws Exception {
    String revision = deploy("chat", "1.0.0");
    cluster.holdSyncs();
    EnvironmentSyncer syncer = syncer(Ownership.everything());
    CompletableFuture<List<SyncRun>> first =
        CompletableFuture.supplyAsync(() -> syncer.sync("dev", revision, Trigger.MERGE));
    assertThat(cluster.awaitHeldSync()).isTrue();

    List<SyncRun> second = syncer.sync("dev", revision, Trigger.PERIODIC);
    cluster.release();

    assertThat(runOf(second, "chat").message()).contains("another sync of this app is running");
    assertThat(runOf(first.get(), "chat").status()).isEqualTo(SyncRun.Status.SYNCED);
  }

  @Test
  void aShardLostOnTheWayIsLeftToItsNewOwnerAndNotMarked() {
    deploy("a", "1.0.0");
    deploy("b", "1.0.0");
    String revision = deploy("c", "1.0.0");
    // owned until the first app reached the cluster, then another replica takes the shard
    Ownership losing = Ownership.sharded(new Shards(1), shard -> cluster.syncs() == 0);
    EnvironmentSyncer syncer = new EnvironmentSyncer(repo, name -> cluster, history, losing, 1);

    List<SyncRun> runs = syncer.sync("dev", revision, Trigger.MERGE);

    assertThat(runs).hasSize(1); // hello, a, b, c are the shard's: only the first was synced
    assertThat(cluster.syncs()).isEqualTo(1);
    assertThat(history.lastSynced(losing.syncKey("dev", losing.shardsOf("sandbox").getFirst())))
        .isEmpty();
  }

  @Test
  void aRevisionWithoutItsPlatformFolderBlocksEveryAppWithTheReason() {
    String revision = deploy("chat", "1.0.0");
    syncer(Ownership.everything()).sync("dev", revision, Trigger.MERGE);
    RepoFiles files = repo.read(ObjectId.fromString(revision));
    ObjectId broken =
        repo.commit(
            List.of(ObjectId.fromString(revision)),
            files.without(RepoLayout.ENVIRONMENTS),
            "lost the rules",
            "someone");
    repo.moveRef(GitRepository.MAIN, Optional.of(ObjectId.fromString(revision)), broken, "x");

    List<SyncRun> runs = syncer(Ownership.everything()).sync("dev", broken.name(), Trigger.MERGE);

    assertThat(runs).isNotEmpty().allMatch(r -> r.status() == SyncRun.Status.BLOCKED);
    assertThat(runOf(runs, "chat").message()).contains("has no " + RepoLayout.ENVIRONMENTS);
    assertThat(cluster.objects("demo-dev", "chat")).as("nothing touched").isNotEmpty();
  }

  @Test
  void aRevisionThatCannotBeReadBlocksTheAppsItHadAndTouchesNothing() {
    String revision = deploy("chat", "1.0.0");
    syncer(Ownership.everything()).sync("dev", revision, Trigger.MERGE);
    int before = cluster.syncs();

    List<SyncRun> runs =
        syncer(Ownership.everything())
            .sync("dev", "1111111111111111111111111111111111111111", Trigger.MERGE);

    assertThat(runOf(runs, "chat").status()).isEqualTo(SyncRun.Status.BLOCKED);
    assertThat(runOf(runs, "chat").message()).contains("cannot be synced");
    assertThat(cluster.syncs()).isEqualTo(before);
    assertThat(history.lastSynced("dev")).contains(revision);
  }

  @Test
  void aHandEditShowsOutOfSyncWithTheFieldAndAManualSyncSetsItBack() {
    String revision = deploy("chat", "1.0.0");
    EnvironmentSyncer syncer = syncer(Ownership.everything());
    syncer.sync("dev", revision, Trigger.MERGE);
    RepoFiles main = repo.read(ObjectId.fromString(revision));
    assertThat(syncer.syncState(dev("chat"), main, false)).isInstanceOf(SyncState.Synced.class);
    dev.paved.cluster.object.ObjectRef deployment =
        new dev.paved.cluster.object.ObjectRef("apps/v1", "Deployment", "demo-dev", "chat");

    cluster.edit(deployment, "spec.replicas", 5);

    assertThat(syncer.syncState(dev("chat"), main, false))
        .isInstanceOfSatisfying(
            SyncState.OutOfSync.class,
            o ->
                assertThat(o.drifts().toString())
                    .contains("spec.replicas")
                    .contains("Deployment")
                    .contains("5"));
    SyncRun healed = syncer.syncNow(dev("chat"), revision, Trigger.MANUAL);
    assertThat(healed.status()).isEqualTo(SyncRun.Status.SYNCED);
    assertThat(healed.trigger()).isEqualTo(Trigger.MANUAL);
    assertThat(syncer.syncState(dev("chat"), main, true)).isInstanceOf(SyncState.Synced.class);
    assertThat(history.last(dev("chat"))).contains(healed);
  }

  @Test
  void theSyncStateOfAnUnreachableClusterIsUnknownWithWhy() {
    String revision = deploy("chat", "1.0.0");
    EnvironmentSyncer syncer = syncer(Ownership.everything());
    syncer.sync("dev", revision, Trigger.MERGE);
    cluster.reachable(false);

    assertThat(syncer.syncState(dev("chat"), repo.read(ObjectId.fromString(revision)), false))
        .isInstanceOfSatisfying(
            SyncState.Unknown.class, u -> assertThat(u.reason()).contains("unreachable"));
  }

  @Test
  void aMergeNotSyncedYetIsOutOfSync() {
    String first = deploy("chat", "1.0.0");
    EnvironmentSyncer syncer = syncer(Ownership.everything());
    syncer.sync("dev", first, Trigger.MERGE);

    String second = deploy("chat", "2.0.0");

    assertThat(syncer.syncState(dev("chat"), repo.read(ObjectId.fromString(second)), false))
        .isInstanceOfSatisfying(
            SyncState.OutOfSync.class, o -> assertThat(o.drifts().toString()).contains("2.0.0"));
  }

  @Test
  void anObjectTheClusterRefusesFailsItsAppWithTheReasonAndTheShardIsNotMarked() {
    String revision = deploy("chat", "1.0.0");
    cluster.failing(
        new dev.paved.cluster.object.ObjectRef("apps/v1", "Deployment", "demo-dev", "chat"));

    List<SyncRun> runs = syncer(Ownership.everything()).sync("dev", revision, Trigger.MERGE);

    assertThat(runOf(runs, "chat").status()).isEqualTo(SyncRun.Status.FAILED);
    assertThat(runOf(runs, "chat").message()).contains("refused");
    assertThat(history.lastSynced("dev")).isEmpty();
  }
}
