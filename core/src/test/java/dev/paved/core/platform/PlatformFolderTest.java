package dev.paved.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.UsageException;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform folder adds path versions, overrides built-ins, and objects come out in apply order.
 */
class PlatformFolderTest {

  private static final String PATH_V2 =
      """
      apiVersion: paved.dev/v1alpha1
      kind: GoldenPath
      metadata: {name: web-service, version: 2.0.0}
      spec:
        parameters:
          image: {type: string, required: true}
        resources:
          - id: deployment
            template: {apiVersion: apps/v1, kind: Deployment, metadata: {name: '${app.name}'}}
          - id: crd
            template: {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {name: 'things.${app.name}.example.com'}}
          - id: config
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: '${app.name}'}, data: {image: '${with.image}'}}
          - id: namespace
            template: {apiVersion: v1, kind: Namespace, metadata: {name: '${app.namespace}'}}
      """;

  @TempDir Path dir;

  private RenderedApp render(String pathRef) throws IOException {
    Files.createDirectories(dir.resolve("paths"));
    Files.writeString(dir.resolve("paths/web-service-v2.yaml"), PATH_V2);
    Platform platform = new PlatformLoader().load(Optional.of(dir));
    String spec =
        "apiVersion: paved.dev/v1alpha1\nkind: App\napp: api\nteam: web\npath: "
            + pathRef
            + "\nwith: {image: 'ghcr.io/example/api:1.0.0'}\n";
    return new Renderer(platform).render(new AppSpecParser().parse("paved.yaml", spec), "dev");
  }

  @Test
  void anUnpinnedPathUsesTheNewestVersion() throws IOException {
    assertThat(render("web-service").path()).isEqualTo("web-service@2.0.0");
  }

  @Test
  void aPinSelectsTheNewestMatchingVersion() throws IOException {
    assertThat(render("web-service@1").path()).isEqualTo("web-service@1.0.0");
    assertThat(render("web-service@2.0.0").path()).isEqualTo("web-service@2.0.0");
  }

  @Test
  void objectsComeOutNamespacesAndCrdsFirstThenApplyOrder() throws IOException {
    assertThat(render("web-service@2").objects())
        .extracting(RenderedObject::kind)
        .containsExactly("Namespace", "CustomResourceDefinition", "ConfigMap", "Deployment");
  }

  @Test
  void clusterScopedObjectsGetNoNamespaceAndNamespacedOnesGetTheTeamNamespace() throws IOException {
    RenderedApp app = render("web-service@2");
    assertThat(app.objects())
        .filteredOn(o -> o.kind().equals("Namespace"))
        .extracting(RenderedObject::namespace)
        .containsExactly("");
    assertThat(app.objects())
        .filteredOn(o -> o.kind().equals("ConfigMap"))
        .extracting(RenderedObject::namespace)
        .containsExactly("web-dev");
  }

  @Test
  void aTeamFileSetsTheNamespaceOfAnEnvironment() throws IOException {
    Files.createDirectories(dir.resolve("teams"));
    Files.writeString(
        dir.resolve("teams/web.yaml"),
        "apiVersion: paved.dev/v1alpha1\nkind: Team\nmetadata: {name: web}\nspec:\n  namespaces: {dev: web-sandbox}\n  monthlyBudget: 1200\n");
    assertThat(render("web-service@1").objects())
        .allSatisfy(o -> assertThat(o.namespace()).isEqualTo("web-sandbox"));
  }

  @Test
  void aBrokenFileInTheFolderFailsTheWholeLoadWithItsPosition() throws IOException {
    Files.createDirectories(dir.resolve("targets"));
    Files.writeString(
        dir.resolve("targets/bad.yaml"),
        "apiVersion: paved.dev/v1alpha1\nkind: Target\nmetadata: {name: bad}\nspec: {cloud: mars}\n");
    assertThatThrownBy(() -> new PlatformLoader().load(Optional.of(dir)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("spec.cloud: 'mars' is not one of");
  }

  @Test
  void aMissingFolderIsAUsageError() {
    assertThatThrownBy(() -> new PlatformLoader().load(Optional.of(dir.resolve("nope"))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void theBuiltInIndexListsEveryBuiltInFile() throws IOException {
    Path resources = Path.of("src/main/resources/paved/platform");
    try (var files = Files.walk(resources)) {
      var onDisk =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .map(p -> resources.relativize(p).toString())
              .toList();
      assertThat(PlatformLoader.builtInFiles()).containsExactlyInAnyOrderElementsOf(onDisk);
    }
  }
}
