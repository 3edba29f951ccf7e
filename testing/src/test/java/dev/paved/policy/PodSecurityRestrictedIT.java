package dev.paved.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pods every built-in golden path renders, in every environment, pass the Pod Security {@code
 * restricted} level as the sandbox's own kube-apiserver enforces it (its PodSecurity admission
 * plugin, on a namespace labelled {@code enforce: restricted}): each pod template is sent as a Pod
 * with a server-side dry run, so the real admission decides and nothing is created. A pod that
 * breaks the level is shown to be refused, so the check can fail.
 */
@SandboxTest
class PodSecurityRestrictedIT {

  private final KubernetesClient client;
  private final String namespace = "paved-pss-" + Long.toString(System.nanoTime() % 1_000_000, 36);

  PodSecurityRestrictedIT(KubernetesClient client) {
    this.client = client;
  }

  @AfterEach
  void removeTheNamespace() {
    client.namespaces().withName(namespace).delete();
  }

  @Test
  @dev.paved.reliability.Reliability(
      area = dev.paved.reliability.Area.SECURITY,
      value = "Pod Security restricted admission of every path's pods (sandbox API server)")
  void everyPathsPodsPassTheRestrictedLevelAndAPrivilegedPodIsRefused(
      dev.paved.reliability.Tally tally) throws Exception {
    tally.counting("pod templates admitted");
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build())
        .create();
    // the pods run as the namespace's default service account (the app's own is not created here)
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                client.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
    var platform = new PlatformLoader().builtIn();
    Renderer renderer = new Renderer(platform);
    List<String> paths = platform.paths().latest().stream().map(p -> p.name()).toList();
    AppSpecParser parser = new AppSpecParser();
    List<String> checked = new ArrayList<>();
    List<String> refused = new ArrayList<>();

    for (String path : paths) {
      Path input = Path.of("../core/src/test/resources/golden", path, "input.yaml");
      for (String env : List.of("dev", "prod")) {
        var app = renderer.render(parser.parse(input.toString(), Files.readString(input)), env);
        for (RenderedObject object : app.objects()) {
          Optional<PodTemplateSpec> template = podTemplate(object);
          if (template.isEmpty()) {
            continue;
          }
          String name = path + "/" + env + "/" + object.ref();
          checked.add(name);
          admit(template.get().getSpec(), name).ifPresent(refused::add);
        }
      }
    }

    assertThat(checked).as("pod templates checked").hasSizeGreaterThanOrEqualTo(paths.size() * 2);
    assertThat(refused).as("refused by PodSecurity restricted").isEmpty();
    tally.add(checked.size());
    PodSpec privileged =
        new PodBuilder()
            .withNewSpec()
            .addNewContainer()
            .withName("root")
            .withImage("busybox:1.36")
            .withNewSecurityContext()
            .withPrivileged(true)
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build()
            .getSpec();
    assertThat(admit(privileged, "a privileged pod"))
        .as("the level is enforced here")
        .hasValueSatisfying(why -> assertThat(why).contains("restricted"));
    tally.held(
        "%d paths × dev and prod: every pod template admitted by the API server's own PodSecurity restricted level (server-side dry run); a privileged pod refused"
            .formatted(paths.size()));
  }

  /** Empty when the API server admits the pod (dry run); else its reason. */
  private Optional<String> admit(PodSpec spec, String name) {
    spec.setServiceAccountName(null);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("pss-check")
            .withNamespace(namespace)
            .endMetadata()
            .withSpec(spec)
            .build();
    try {
      client.pods().inNamespace(namespace).resource(pod).dryRun().create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(name + ": " + e.getStatus().getMessage());
    }
  }

  private static Optional<PodTemplateSpec> podTemplate(RenderedObject object) {
    String json = ManifestWriter.json(object.body());
    return switch (String.valueOf(object.body().get("kind"))) {
      case "Deployment" ->
          Optional.of(Serialization.unmarshal(json, Deployment.class).getSpec().getTemplate());
      case "StatefulSet" -> {
        // as the StatefulSet controller makes its pods: a claim volume per claim template
        StatefulSet set = Serialization.unmarshal(json, StatefulSet.class);
        PodTemplateSpec template = set.getSpec().getTemplate();
        for (var claim : set.getSpec().getVolumeClaimTemplates()) {
          template
              .getSpec()
              .getVolumes()
              .add(
                  new io.fabric8.kubernetes.api.model.VolumeBuilder()
                      .withName(claim.getMetadata().getName())
                      .withNewPersistentVolumeClaim()
                      .withClaimName(claim.getMetadata().getName() + "-pss-check")
                      .endPersistentVolumeClaim()
                      .build());
        }
        yield Optional.of(template);
      }
      case "Job" -> Optional.of(Serialization.unmarshal(json, Job.class).getSpec().getTemplate());
      case "CronJob" ->
          Optional.of(
              Serialization.unmarshal(json, CronJob.class)
                  .getSpec()
                  .getJobTemplate()
                  .getSpec()
                  .getTemplate());
      default -> Optional.empty();
    };
  }
}
