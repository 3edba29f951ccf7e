package dev.paved.cli;

import static dev.paved.cli.RenderCommandTest.paved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxLabels;
import dev.paved.cluster.sandbox.Simulation;
import dev.paved.core.render.Labels;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paved doctor APP and paved doctor collect against the sandbox. */
@SandboxTest
class DoctorCommandIT {

  private final KubernetesClient client;
  private final Sandbox sandbox;

  DoctorCommandIT(KubernetesClient client, Sandbox sandbox) {
    this.client = client;
    this.sandbox = sandbox;
  }

  @Test
  void liveDiagnosisAndACollectedSnapshotNameTheSameProblem(@TempDir Path temp) throws Exception {
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("broken-chat")
                .withLabels(Map.of(Labels.APP, "broken-chat", Labels.ENV, "dev"))
                .withAnnotations(Map.of(SandboxLabels.SIMULATE, Simulation.OOM.annotationValue()))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("ghcr.io/acme/chat:1.0")
                .endContainer()
                .endSpec()
                .build())
        .create();
    String kubeconfig = sandbox.kubeconfig().toString();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                client
                        .pods()
                        .withName("broken-chat")
                        .get()
                        .getStatus()
                        .getContainerStatuses()
                        .getFirst()
                        .getLastState()
                        .getTerminated()
                    != null);

    RenderCommandTest.Result live =
        paved("doctor", "broken-chat", "--env", "dev", "--kubeconfig", kubeconfig, "-o", "json");
    assertThat(live.exit()).as(live.err()).isEqualTo(1);
    JsonNode finding = new ObjectMapper().readTree(live.out()).path("findings").get(0);
    assertThat(finding.path("code").asText()).isEqualTo("OOM_KILLED");
    assertThat(finding.path("object").asText())
        .isEqualTo("Pod/" + client.getNamespace() + "/broken-chat");

    Path snapshot = temp.resolve("incident");
    RenderCommandTest.Result collect =
        paved(
            "doctor",
            "collect",
            "-n",
            client.getNamespace(),
            "-o",
            snapshot.toString(),
            "--kubeconfig",
            kubeconfig);
    assertThat(collect.exit()).as(collect.err()).isZero();
    assertThat(collect.out()).startsWith("wrote ").contains(" objects and ");
    assertThat(snapshot.resolve("objects.json")).isRegularFile();
    JsonNode info =
        new ObjectMapper().readTree(Files.readString(snapshot.resolve("snapshot.json")));
    assertThat(info.path("capturedAt").asText()).isNotBlank();
    assertThat(info.path("kubernetesVersion").asText()).startsWith("v1.");

    RenderCommandTest.Result offline =
        paved("doctor", "broken-chat", "--snapshot", snapshot.toString(), "-o", "json");
    assertThat(new ObjectMapper().readTree(offline.out()).path("findings").findValuesAsText("code"))
        .contains("OOM_KILLED");
  }

  @Test
  void anAppThatIsNotInTheClusterIsNotFoundWithAHint() {
    RenderCommandTest.Result result =
        paved("doctor", "no-such-app", "--kubeconfig", sandbox.kubeconfig().toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("no objects of app no-such-app").contains("kubectl get");
  }

  @Test
  void collectingIntoAFullDirectoryIsRefusedAndChangesNothing(@TempDir Path temp) throws Exception {
    Files.writeString(temp.resolve("keep.txt"), "mine");

    RenderCommandTest.Result result =
        paved(
            "doctor",
            "collect",
            "-n",
            client.getNamespace(),
            "-o",
            temp.toString(),
            "--kubeconfig",
            sandbox.kubeconfig().toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("already exists and is not empty");
    assertThat(Files.readString(temp.resolve("keep.txt"))).isEqualTo("mine");
  }
}
