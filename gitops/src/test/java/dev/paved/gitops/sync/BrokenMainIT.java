package dev.paved.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.testing.sandbox.ManagedObjects;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import dev.paved.testing.sandbox.TestClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A main that cannot be trusted, pushed past the change requests (as a bad force-push to the remote
 * would): a corrupt golden path, a lost platform folder, an empty tree, a commit whose objects are
 * missing from the repository, a main with no apps left. In a pruned environment, each sync of it
 * removes nothing, every app says why, and the next good main syncs the same objects again (same
 * UIDs: nothing was deleted and re-created).
 */
@SandboxTest
class BrokenMainIT {

  private static final Actor PLATFORM = Actor.platformEngineer("pat");
  private static final List<String> APPS = List.of("chat", "embed", "rank");
  private static final String WEB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: %s
      path: web-service
      with: {image: 'ghcr.io/example/api:1.0.0', replicas: {min: 1, max: 2}}
      """;

  /** A way main goes bad, and what the apps must say about it. */
  private record Fault(String name, UnaryOperator<RepoFiles> damage, String says) {}

  private final KubernetesClient client;
  @TempDir Path dir;
  private String team;
  private GitRepository repo;
  private ClusterConnections clusters;
  private EnvironmentSyncer syncer;

  BrokenMainIT(KubernetesClient client, SandboxNamespace ignored) {
    this.client = client;
  }

  @BeforeEach
  void start() {
    team = "broken" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, "file:///platform.git");
    ChangeRequests changes = new ChangeRequests(repo, "file:///platform.git");
    clusters = TestClusters.allOnTheSandbox(client);
    syncer = new EnvironmentSyncer(repo, clusters, new InMemorySyncHistory());
    RepoFiles seeded = repo.read(main());
    String environments =
        seeded
            .find("platform/environments.yaml")
            .orElseThrow()
            .replace("prune: false", "prune: true");
    merge(
        changes,
        changes.open(
            PLATFORM,
            "Team " + team + ", prune on",
            List.of(
                new Intent.PutPlatformFile(
                    "platform/teams/" + team + ".yaml",
                    "apiVersion: paved.dev/v1alpha1\nkind: Team\nmetadata: {name: %s}\nspec: {members: [demo]}\n"
                        .formatted(team)),
                new Intent.PutPlatformFile("platform/environments.yaml", environments))));
    merge(
        changes,
        changes.open(
            PLATFORM,
            "Three apps",
            APPS.stream()
                .<Intent>map(a -> new Intent.PutApp(WEB.formatted(a, team), List.of("dev")))
                .toList()));
  }

  @AfterEach
  void stop() {
    clusters.close();
    repo.close();
    client.namespaces().withName(team + "-dev").delete();
  }

  @Test
  @Reliability(
      area = Area.FAULTS,
      value =
          "main broken in Git (unreadable, empty tree, corrupt golden path, no apps left), pruned environment")
  void aBrokenMainPrunesNothingAndEveryAppSaysWhy(Tally tally) throws IOException {
    tally.counting("syncs of a broken main");
    String good = main().name();
    assertThat(syncer.sync("dev", good, Trigger.MERGE))
        .extracting(SyncRun::status)
        .containsOnly(SyncRun.Status.SYNCED);
    Map<String, String> uids = uids();
    assertThat(uids).hasSizeGreaterThan(APPS.size() * 3);

    List<Fault> faults =
        List.of(
            new Fault(
                "a corrupt golden path",
                f ->
                    f.with(
                        "platform/paths/web-service.yaml", "kind: GoldenPath\nspec: [unclosed\n"),
                "platform/paths/web-service.yaml"),
            new Fault(
                "the platform folder lost", f -> f.withoutFolder("platform/"), "cannot be synced"),
            new Fault("an empty tree", f -> RepoFiles.empty(), "cannot be synced"),
            new Fault(
                "no apps left",
                f -> f.withoutFolder("apps/").withoutFolder("deploy/"),
                "no apps left in dev"));
    int rounds = 3;
    for (int round = 0; round < rounds; round++) {
      for (Fault fault : faults) {
        String bad =
            commit(fault.damage().apply(repo.read(ObjectId.fromString(good))), fault.name());
        syncBrokenAndBack(bad, good, fault.name(), fault.says(), uids);
        tally.add();
      }
      syncBrokenAndBack(
          commitWithAMissingObject(good), good, "a missing object", "cannot be synced", uids);
      tally.add();
    }
    tally.held(
        (faults.size() + 1)
            + " kinds × "
            + rounds
            + " rounds; every app BLOCKED with the reason each time; 0 of "
            + uids.size()
            + " objects deleted or re-created; the good main synced again after each");
  }

  @Test
  void anEnvironmentThatAllowsEmptyLosesItsLastAppsWhenMainRemovesThem() {
    assertThat(syncer.sync("dev", main().name(), Trigger.MERGE))
        .extracting(SyncRun::status)
        .containsOnly(SyncRun.Status.SYNCED);
    RepoFiles files = repo.read(main());
    String environments =
        files
            .find("platform/environments.yaml")
            .orElseThrow()
            .replace("prune: true", "prune: true, allowEmpty: true");
    String emptied =
        commit(
            files
                .with("platform/environments.yaml", environments)
                .withoutFolder("apps/")
                .withoutFolder("deploy/"),
            "remove every app, on purpose");
    assertThat(syncer.sync("dev", emptied, Trigger.MERGE))
        .extracting(SyncRun::status)
        .containsOnly(SyncRun.Status.REMOVED);
    assertThat(uids()).as("pruned").isEmpty();
  }

  private void syncBrokenAndBack(
      String bad, String good, String fault, String says, Map<String, String> uids) {
    List<SyncRun> runs = syncer.sync("dev", bad, Trigger.PERIODIC);
    for (String app : APPS) {
      SyncRun last = syncer.history().last(dev(app)).orElseThrow();
      assertThat(last.status()).as(fault + ": " + last.message()).isEqualTo(SyncRun.Status.BLOCKED);
      assertThat(last.revision()).as(fault).isEqualTo(bad);
      assertThat(last.message()).as(fault).contains(says).contains("removed");
    }
    assertThat(runs).as(fault).isNotEmpty();
    assertThat(uids()).as(fault + ": nothing deleted").isEqualTo(uids);
    assertThat(syncer.sync("dev", bad, Trigger.PERIODIC))
        .as(fault + ": said once per revision, not at every periodic sync")
        .isEmpty();
    assertThat(syncer.sync("dev", good, Trigger.MANUAL))
        .as(fault + ": the good main syncs again")
        .extracting(SyncRun::status)
        .containsOnly(SyncRun.Status.SYNCED);
    assertThat(uids()).as(fault + ": nothing re-created").isEqualTo(uids);
  }

  /** Kind/name → UID of every object the apps deployed in the team's namespace. */
  private Map<String, String> uids() {
    return ManagedObjects.uids(client, team + "-dev");
  }

  private Deployment dev(String app) {
    return new Deployment("dev", new AppKey(team, app));
  }

  private ObjectId main() {
    return repo.resolve(GitRepository.MAIN).orElseThrow();
  }

  private String commit(RepoFiles files, String what) {
    ObjectId head = main();
    ObjectId next = repo.commit(List.of(head), files, "Break main: " + what, "vandal");
    assertThat(repo.moveRef(GitRepository.MAIN, Optional.of(head), next, "vandal")).isTrue();
    return next.name();
  }

  /** A commit whose tree names a file whose object the repository does not have. */
  private String commitWithAMissingObject(String good) throws IOException {
    try (var git = new FileRepositoryBuilder().setGitDir(repo.directory().toFile()).build();
        ObjectInserter inserter = git.newObjectInserter()) {
      TreeFormatter tree = new TreeFormatter();
      tree.append("lost.yaml", FileMode.REGULAR_FILE, ObjectId.fromString("1".repeat(40)));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(tree));
      commit.setParentId(ObjectId.fromString(good));
      PersonIdent vandal = new PersonIdent("vandal", "vandal@example.com");
      commit.setAuthor(vandal);
      commit.setCommitter(vandal);
      commit.setMessage("Break main: a missing object");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      ObjectId head = main();
      assertThat(repo.moveRef(GitRepository.MAIN, Optional.of(head), id, "vandal")).isTrue();
      assertThat(id.name()).isNotEqualTo(Constants.EMPTY_TREE_ID.name());
      return id.name();
    }
  }

  private static String merge(ChangeRequests changes, Opened opened) {
    if (opened.autoMerge().isEmpty()
        && opened.change().intents().stream().anyMatch(i -> i instanceof Intent.PutPlatformFile)) {
      // platform files need another platform engineer's approval
      changes.approve(opened.change().id(), Actor.platformEngineer("platform-reviewer"));
    }
    MergeOutcome outcome =
        opened.autoMerge().orElseGet(() -> changes.merge(opened.change().id(), PLATFORM));
    assertThat(outcome).as(outcome.toString()).isInstanceOf(MergeOutcome.Merged.class);
    return ((MergeOutcome.Merged) outcome).commit();
  }
}
