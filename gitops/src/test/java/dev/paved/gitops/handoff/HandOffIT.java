package dev.paved.gitops.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.sync.EnvironmentSyncer;
import dev.paved.gitops.sync.InMemorySyncHistory;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import dev.paved.testing.sandbox.TestClusters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated hand-off files against the real validators: Argo CD Applications against Argo CD's
 * own CRD (v3.1.9, fetched by sandbox/fetch-argocd-crds.sh) in the sandbox's API server, and
 * catalog-info.yaml against @backstage/catalog-model (tools/backstage-validate).
 */
@SandboxTest
class HandOffIT {

  private static final String ARGO_VERSION = "v3.1.9";
  private static final Actor PLATFORM = Actor.platformEngineer("pat");
  private static final Actor DEV = Actor.member("demo");

  private final KubernetesClient client;
  @TempDir Path dir;

  HandOffIT(KubernetesClient client, SandboxNamespace ignored) {
    this.client = client;
  }

  static Path cache() {
    String configured = System.getenv("PAVED_CACHE");
    return configured == null || configured.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "paved")
        : Path.of(configured);
  }

  static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("tools/backstage-validate/validate.mjs"))) {
      here = here.getParent();
    }
    assertThat(here).as("the repository root, holding tools/backstage-validate").isNotNull();
    return here;
  }

  @BeforeAll
  static void installArgoCrds(KubernetesClient client) throws IOException {
    installCrd(client, "application-crd.yaml");
    installCrd(client, "appproject-crd.yaml");
  }

  private static void installCrd(KubernetesClient client, String file) throws IOException {
    Path crd = cache().resolve("argocd").resolve(ARGO_VERSION).resolve(file);
    assertThat(crd).as("the Argo CD CRD; run sandbox/fetch-argocd-crds.sh (./test does)").exists();
    CustomResourceDefinition definition =
        Serialization.unmarshal(Files.readString(crd), CustomResourceDefinition.class);
    client.resource(definition).fieldManager("paved-test").forceConflicts().serverSideApply();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions() // a CRD just created has no status yet
        .until(
            () ->
                client
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(definition.getMetadata().getName())
                    .get()
                    .getStatus()
                    .getConditions()
                    .stream()
                    .anyMatch(
                        c -> c.getType().equals("Established") && c.getStatus().equals("True")));
    if (client.namespaces().withName("argocd").get() == null) {
      client
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build())
          .create();
    }
  }

  private RepoFiles repoWithAnArgoTarget(GitRepository repo, ChangeRequests changes) {
    String edge =
        PlatformLoader.readResource("targets/sandbox.yaml")
            .replace("name: sandbox", "name: edge")
            .replace("environments: [dev, staging, prod]", "environments: [edge]")
            .replace("sync: paved", "sync: argocd");
    merge(
        changes,
        changes.open(
            PLATFORM,
            "Edge cluster via Argo CD",
            List.of(new Intent.PutPlatformFile("platform/targets/edge.yaml", edge))),
        PLATFORM);
    String spec =
        """
        apiVersion: paved.dev/v1alpha1
        kind: App
        app: chat
        team: demo
        path: llm-inference
        with: {model: 'hf://Qwen/Qwen2.5-7B-Instruct', gpu: nvidia-l4}
        """;
    Opened chat =
        changes.open(DEV, "chat on edge", List.of(new Intent.PutApp(spec, List.of("edge"))));
    assertThat(chat.autoMerge()).as("an environment without rules needs an approval").isEmpty();
    changes.approve(chat.change().id(), Actor.member("reviewer"));
    merge(changes, chat, DEV);
    return repo.read(repo.resolve(GitRepository.MAIN).orElseThrow());
  }

  private static void merge(ChangeRequests changes, Opened opened, Actor actor) {
    if (opened.autoMerge().isEmpty()
        && opened.change().intents().stream().anyMatch(i -> i instanceof Intent.PutPlatformFile)) {
      // platform files need another platform engineer's approval
      changes.approve(opened.change().id(), Actor.platformEngineer("platform-reviewer"));
    }
    MergeOutcome outcome =
        opened.autoMerge().orElseGet(() -> changes.merge(opened.change().id(), actor));
    assertThat(outcome).as(outcome.toString()).isInstanceOf(MergeOutcome.Merged.class);
  }

  @Test
  void argoCdApplicationsAreAcceptedByTheRealCrdAndPavedDoesNotApplyThatEnvironment() {
    try (GitRepository repo = GitRepository.openOrCreate(dir.resolve("platform.git"))) {
      RepositorySeed.ensure(repo, "https://git.example.org/platform.git");
      ChangeRequests changes = new ChangeRequests(repo, "https://git.example.org/platform.git");
      RepoFiles main = repoWithAnArgoTarget(repo, changes);
      assertThat(main.files().keySet()).contains("deploy/edge/argocd/demo-chat.yaml");
      var applications = main.under("deploy/edge/argocd/");
      assertThat(applications).containsOnlyKeys("demo-chat.yaml", "demo.appproject.yaml");
      GenericKubernetesResource project =
          client
              .resource(
                  Serialization.unmarshal(
                      applications.get("demo.appproject.yaml"), GenericKubernetesResource.class))
              .fieldManager("paved")
              .forceConflicts()
              .serverSideApply();
      assertThat(project.getMetadata().getName()).isEqualTo("demo-edge");
      assertThat(Serialization.asJson(project.getAdditionalProperties().get("spec")))
          .contains("\"sourceRepos\":[\"https://git.example.org/platform.git\"]")
          .contains("\"namespace\":\"demo-edge\"");
      for (String text : List.of(applications.get("demo-chat.yaml"))) {
        GenericKubernetesResource application =
            Serialization.unmarshal(text, GenericKubernetesResource.class);
        GenericKubernetesResource stored =
            client.resource(application).fieldManager("paved").forceConflicts().serverSideApply();
        assertThat(stored.getMetadata().getName()).isEqualTo("demo-chat-edge");
        @SuppressWarnings("unchecked")
        Map<String, Object> source =
            (Map<String, Object>)
                ((Map<String, Object>) stored.getAdditionalProperties().get("spec")).get("source");
        assertThat(source)
            .containsEntry("path", "deploy/edge/demo/chat")
            .containsEntry("targetRevision", "main")
            .containsEntry("repoURL", "https://git.example.org/platform.git");
        assertThat(
                ((Map<String, Object>) stored.getAdditionalProperties().get("spec")).get("project"))
            .isEqualTo("demo-edge");
      }

      GenericKubernetesResource broken =
          Serialization.unmarshal(
              applications
                  .get("demo-chat.yaml")
                  .replace("selfHeal: false", "selfHeal: \"sometimes\""),
              GenericKubernetesResource.class);
      broken.getMetadata().setName("broken");
      assertThatThrownBy(
              () ->
                  client.resource(broken).fieldManager("paved").forceConflicts().serverSideApply())
          .as("the CRD's schema is enforced, so the acceptance above means something")
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("selfHeal");

      try (ClusterConnections clusters = TestClusters.allOnTheSandbox(client)) {
        List<SyncRun> runs =
            new EnvironmentSyncer(repo, clusters, new InMemorySyncHistory())
                .sync(
                    "edge", repo.resolve(GitRepository.MAIN).orElseThrow().name(), Trigger.MANUAL);
        assertThat(runs)
            .singleElement()
            .satisfies(r -> assertThat(r.status()).isEqualTo(SyncRun.Status.HANDED_OFF));
        assertThat(client.apps().deployments().inNamespace("demo-edge").withName("chat").get())
            .isNull();
      }
    }
  }

  @Test
  void everyCatalogInfoIsAValidBackstageComponent() throws Exception {
    Path root = repositoryRoot();
    assertThat(root.resolve("tools/backstage-validate/node_modules/@backstage/catalog-model"))
        .as("npm ci --prefix tools/backstage-validate (./test does)")
        .exists();
    try (GitRepository repo = GitRepository.openOrCreate(dir.resolve("platform.git"))) {
      RepositorySeed.ensure(repo, "https://git.example.org/platform.git");
      RepoFiles main =
          repoWithAnArgoTarget(
              repo, new ChangeRequests(repo, "https://git.example.org/platform.git"));
      List<String> command =
          new ArrayList<>(
              List.of("node", root.resolve("tools/backstage-validate/validate.mjs").toString()));
      for (var file : main.files().entrySet()) {
        if (file.getKey().endsWith("/catalog-info.yaml")) {
          Path copy = dir.resolve(file.getKey().replace('/', '_'));
          Files.writeString(copy, file.getValue());
          command.add(copy.toString());
        }
      }
      assertThat(command).hasSize(4); // validate.mjs + hello + chat
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor()).as(output).isZero();
      assertThat(output.lines()).hasSize(2).allMatch(l -> l.startsWith("ok "));
    }
  }
}
