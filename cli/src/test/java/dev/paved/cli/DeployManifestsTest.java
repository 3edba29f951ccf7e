package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.server.config.ServerSettings;
import dev.paved.server.config.SettingsLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install files under deploy/: the chart renders into objects that Kubernetes' own models read
 * without unknown fields, its settings file is one the server accepts, the kustomize copy is the
 * chart's current rendering, the Dockerfile runs what the chart's pods are told to run, and bad
 * values are refused with a message. (ReplicasOnKubernetesIT installs it into the sandbox.)
 */
@org.junit.jupiter.api.Tag("tools") // helm, built from its Go module: not in ./test --unit
class DeployManifestsTest {

  private static final Path CHART = Path.of("../deploy/helm/paved");

  @Test
  void theChartRendersObjectsKubernetesModelsReadWithoutUnknownFields() throws Exception {
    List<HasMetadata> objects = render();

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "PodDisruptionBudget",
            "ServiceAccount",
            "ConfigMap",
            "PersistentVolumeClaim",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment");
    for (HasMetadata object : objects) {
      assertThat(unknownFields(object, object.getKind())).isEmpty();
    }
  }

  @Test
  void thePodsRunAsNonRootWithProbesResourcesAndTheirNamesForTheLeases() throws Exception {
    Deployment deployment = only(Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getEnv())
        .extracting(e -> e.getName())
        .contains("POD_NAME", "POD_NAMESPACE", "PAVED_DB_URL", "PAVED_DB_PASSWORD");
    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().equals("PAVED_DB_PASSWORD"))
        .allSatisfy(
            e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("paved-db"));
  }

  @Test
  void theChartsSettingsFileIsOneTheServerAccepts(@TempDir Path dir) throws Exception {
    var config = only(io.fabric8.kubernetes.api.model.ConfigMap.class);
    Path file = dir.resolve("server.yaml");
    Files.writeString(file, config.getData().get("server.yaml"));

    ServerSettings settings =
        SettingsLoader.load(
            Map.of(),
            Map.of("PAVED_DB_URL", "jdbc:postgresql://db:5432/paved", "PAVED_HA_IDENTITY", "pod-1"),
            Optional.of(file),
            Map.of("cluster", "kubeconfig"));

    assertThat(settings.cluster()).isEqualTo(dev.paved.server.config.ClusterKind.IN_CLUSTER);
    assertThat(settings.database().postgres()).isTrue();
    assertThat(settings.ha()).hasValueSatisfying(ha -> assertThat(ha.split()).isEqualTo(4));
    assertThat(settings.host()).isEqualTo("0.0.0.0");
  }

  @Test
  void theKustomizeCopyIsTheChartsCurrentRendering() throws Exception {
    String committed = Files.readString(Path.of("../deploy/kustomize/paved.yaml"));
    String rendered = rendered();

    assertThat(
            committed
                .lines()
                .filter(l -> !l.startsWith("# Rendered") && !l.startsWith("# Do not"))
                .toList())
        .as("deploy/kustomize/paved.yaml is stale: run deploy/render-kustomize.sh")
        .isEqualTo(rendered.lines().toList());
  }

  @Test
  void theDockerfileRunsTheJarTheBuildMakesWithTheChartsArguments() throws Exception {
    String dockerfile = Files.readString(Path.of("../deploy/Dockerfile"));
    Deployment deployment = only(Deployment.class);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(dockerfile).contains("COPY --chown=root:root --chmod=0444 cli/target/paved.jar ");
    // the jar the package phase makes (tests run before it, so the pom is read, not the file)
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>paved</finalName>");
    assertThat(dockerfile).contains("CMD [\"" + String.join("\", \"", container.getArgs()) + "\"]");
    assertThat(dockerfile)
        .contains("USER 10001:10001")
        .contains("EXPOSE " + container.getPorts().get(0).getContainerPort());
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
        .isEqualTo(10001L);
  }

  @Test
  void valuesThatCannotWorkAreRefusedWithTheKeyToSet() throws Exception {
    Result noDatabase =
        helmResult("template", "paved", CHART.toString(), "--set", "database.existingSecret=");
    Result oidcWithoutClient =
        helmResult(
            "template",
            "paved",
            CHART.toString(),
            "--set",
            "oidc.issuer=https://login.example.com");

    assertThat(noDatabase.exit()).isNotZero();
    assertThat(noDatabase.out()).contains("database.existingSecret is required");
    assertThat(oidcWithoutClient.exit()).isNotZero();
    assertThat(oidcWithoutClient.out()).contains("oidc.clientId is required");
  }

  /** The chart's one object of this kind. */
  private static <T extends HasMetadata> T only(Class<T> kind) throws Exception {
    return render().stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
  }

  /** The chart with its default values, as deploy/render-kustomize.sh renders it. */
  private static String rendered() throws Exception {
    return helm(
        "template", "paved", CHART.toString(), "--namespace", "paved", "--kube-version", "1.34.4");
  }

  private static List<HasMetadata> render() throws Exception {
    String yaml = rendered();
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        continue;
      }
      KubernetesResource resource = Serialization.unmarshal(document);
      objects.add((HasMetadata) resource);
    }
    return objects;
  }

  /**
   * Paths of fields the fabric8 models did not know: they keep them in {@code additionalProperties}
   * instead of failing, so the object graph is walked.
   */
  private static List<String> unknownFields(Object value, String path) {
    List<String> unknown = new ArrayList<>();
    if (value instanceof java.util.Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknown.addAll(unknownFields(item, path + "[" + i++ + "]"));
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknown.addAll(unknownFields(v, path + "." + k)));
    } else if (value != null
        && value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      for (java.lang.reflect.Method getter : value.getClass().getMethods()) {
        if (getter.getParameterCount() == 0
            && !java.lang.reflect.Modifier.isStatic(getter.getModifiers())
            && getter.getName().startsWith("get")
            && !getter.getName().equals("getClass")) {
          Object child;
          try {
            child = getter.invoke(value);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
          if (getter.getName().equals("getAdditionalProperties")) {
            if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
              unknown.add(path + " " + extra.keySet());
            }
          } else {
            unknown.addAll(unknownFields(child, path + "." + getter.getName().substring(3)));
          }
        }
      }
    }
    return unknown;
  }

  record Result(int exit, String out) {}

  private static String helm(String... args) throws Exception {
    Result result = helmResult(args);
    assertThat(result.exit()).as(result.out()).isZero();
    return result.out();
  }

  private static Result helmResult(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ReplicasOnKubernetesIT.helmBinary());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), out);
  }
}
