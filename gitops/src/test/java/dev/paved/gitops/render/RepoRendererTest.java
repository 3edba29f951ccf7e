package dev.paved.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.platform.PlatformLoader;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepoRendererTest {

  static final String EDGE =
      PlatformLoader.readResource("targets/sandbox.yaml")
          .replace("name: sandbox", "name: edge")
          .replace("environments: [dev, staging, prod]", "environments: [edge]")
          .replace("sync: paved", "sync: argocd");

  static final String CHAT =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: chat
      team: demo
      path: web-service
      with: {image: 'ghcr.io/example/chat:1.0.0'}
      """;

  @Test
  void anAppOnAnArgoCdTargetGetsItsApplicationBesideItsManifests() {
    RepoFiles intent =
        RepoFiles.of(Map.of("platform/targets/edge.yaml", EDGE, "apps/demo/chat/paved.yaml", CHAT));
    RenderedRepo rendered =
        new RepoRenderer("https://git.example.org/platform.git")
            .render(intent, Set.of(new Deployment("edge", new AppKey("demo", "chat"))));
    assertThat(rendered.problems()).isEmpty();
    assertThat(rendered.files().files().keySet())
        .contains("deploy/edge/argocd/demo-chat.yaml", "apps/demo/chat/catalog-info.yaml")
        .anyMatch(p -> p.startsWith("deploy/edge/demo/chat/"));
    assertThat(rendered.files().find("deploy/edge/argocd/demo-chat.yaml").orElseThrow())
        .contains(
            "repoURL: https://git.example.org/platform.git",
            "path: deploy/edge/demo/chat",
            "ServerSideApply=true");
  }

  @Test
  void theTeamGetsAnAppProjectThatAllowsThisRepositoryAndItsNamespaceOnly() {
    RepoFiles intent =
        RepoFiles.of(
            Map.of(
                "platform/targets/edge.yaml",
                EDGE.replace(
                    "sync: argocd",
                    "sync: argocd\n  argocd: {destination: {name: edge-cluster}, namespace: gitops}"),
                "apps/demo/chat/paved.yaml",
                CHAT));
    RenderedRepo rendered =
        new RepoRenderer("https://git.example.org/platform.git")
            .render(intent, Set.of(new Deployment("edge", new AppKey("demo", "chat"))));

    assertThat(rendered.problems()).isEmpty();
    assertThat(rendered.files().find("deploy/edge/argocd/demo-chat.yaml").orElseThrow())
        .contains(
            "namespace: gitops",
            "project: demo-edge",
            "destination:\n    name: edge-cluster\n    namespace: demo-edge");
    assertThat(rendered.files().find("deploy/edge/argocd/demo.appproject.yaml").orElseThrow())
        .contains(
            "kind: AppProject",
            "name: demo-edge",
            "sourceRepos:\n    - https://git.example.org/platform.git",
            "- name: edge-cluster\n      namespace: demo-edge",
            "kind: Namespace");
  }

  @Test
  void anArgoCdHandOffFromARepositoryOnlyOnTheServersDiskIsAProblemThatSaysSo() {
    RepoFiles intent =
        RepoFiles.of(Map.of("platform/targets/edge.yaml", EDGE, "apps/demo/chat/paved.yaml", CHAT));
    RenderedRepo rendered =
        new RepoRenderer("file:///var/lib/paved/platform.git")
            .render(intent, Set.of(new Deployment("edge", new AppKey("demo", "chat"))));

    assertThat(rendered.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains("target edge hands its apps to Argo CD")
                    .contains("an Argo CD elsewhere cannot fetch it"));
    assertThat(rendered.files().files().keySet()).noneMatch(f -> f.contains("/argocd/"));
  }

  @Test
  void anAppThatFailsToRenderIsAProblemOfItsOwnAndTheOthersStillRender() {
    RepoFiles intent =
        RepoFiles.of(
            Map.of(
                "apps/demo/chat/paved.yaml",
                CHAT,
                "apps/demo/bad/paved.yaml",
                CHAT.replace("app: chat", "app: bad").replace("image:", "imgae:")));
    RenderedRepo rendered =
        new RepoRenderer("")
            .render(
                intent,
                Set.of(
                    new Deployment("dev", new AppKey("demo", "chat")),
                    new Deployment("dev", new AppKey("demo", "bad"))));
    assertThat(rendered.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.deployment().app().app()).isEqualTo("bad");
              assertThat(p.message()).contains("imgae");
            });
    assertThat(rendered.apps()).containsKey(new Deployment("dev", new AppKey("demo", "chat")));
  }
}
