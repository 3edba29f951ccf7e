package dev.paved.cluster.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the pods that simulate a failure and writes the kubelet's events for them ({@link
 * KubeletEvents}), aggregating repeats the way the kubelet does: the same reason and message on the
 * same object raise the event's {@code count} and {@code lastTimestamp}. Stops when closed.
 */
final class KubeletEventWriter implements AutoCloseable {

  private final KubernetesClient client;
  private final Map<String, String> lastReason = new ConcurrentHashMap<>();
  private final Map<String, Event> written = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Pod> informer;

  KubeletEventWriter(KubernetesClient client) {
    this.client = client;
    this.informer =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    observe(pod);
                  }

                  @Override
                  public void onUpdate(Pod before, Pod pod) {
                    observe(pod);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknownFinalState) {
                    String uid = pod.getMetadata().getUid();
                    lastReason.keySet().removeIf(key -> key.startsWith(uid));
                    written.keySet().removeIf(key -> key.startsWith(uid));
                  }
                });
  }

  private void observe(Pod pod) {
    if (!KubeletEvents.simulated(pod)
        || pod.getStatus() == null
        || pod.getStatus().getContainerStatuses() == null) {
      return;
    }
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      String key = pod.getMetadata().getUid() + "/" + container.getName();
      Optional<String> before = Optional.ofNullable(lastReason.get(key));
      KubeletEvents.waitingReason(container)
          .ifPresentOrElse(r -> lastReason.put(key, r), () -> lastReason.remove(key));
      for (KubeletEvents.Spec spec : KubeletEvents.forTransition(pod, container, before)) {
        write(pod, container.getName(), spec);
      }
    }
  }

  private void write(Pod pod, String container, KubeletEvents.Spec spec) {
    String key =
        pod.getMetadata().getUid() + "/" + container + "/" + spec.reason() + "/" + spec.message();
    String now =
        DateTimeFormatter.ISO_INSTANT.format(
            Instant.now().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0));
    try {
      Event previous = written.get(key);
      Event event = previous == null ? create(pod, container, spec, now) : bump(previous, now);
      written.put(key, event);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403 && String.valueOf(e.getMessage()).contains("being terminated")) {
        return; // the test or user is deleting the namespace; the kubelet would not write either
      }
      System.err.println(
          "kubelet-events: cannot write "
              + spec.reason()
              + " for "
              + pod.getMetadata().getName()
              + ": "
              + e.getMessage());
    }
  }

  private Event create(Pod pod, String container, KubeletEvents.Spec spec, String now) {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(pod.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
            .withNamespace(pod.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(pod.getMetadata().getName())
            .withNamespace(pod.getMetadata().getNamespace())
            .withUid(pod.getMetadata().getUid())
            .withFieldPath("spec.containers{" + container + "}")
            .endInvolvedObject()
            .withType(spec.type())
            .withReason(spec.reason())
            .withMessage(spec.message())
            .withNewSource()
            .withComponent("kubelet")
            .withHost(pod.getSpec().getNodeName())
            .endSource()
            .withReportingComponent("kubelet")
            .withReportingInstance(pod.getSpec().getNodeName())
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    return client
        .v1()
        .events()
        .inNamespace(pod.getMetadata().getNamespace())
        .resource(event)
        .create();
  }

  private Event bump(Event previous, String now) {
    return client
        .v1()
        .events()
        .inNamespace(previous.getMetadata().getNamespace())
        .withName(previous.getMetadata().getName())
        .edit(
            e ->
                new EventBuilder(e)
                    .withCount(Optional.ofNullable(e.getCount()).orElse(1) + 1)
                    .withLastTimestamp(now)
                    .build());
  }

  @Override
  public void close() {
    informer.close();
  }

  /** Runs the writer until the process is killed: {@code KubeletEventWriter <kubeconfig>}. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: KubeletEventWriter KUBECONFIG");
      System.exit(2);
    }
    KubernetesClient client = SandboxClients.create(java.nio.file.Path.of(args[0]));
    KubeletEventWriter writer = new KubeletEventWriter(client);
    SandboxProvisioner provisioner = new SandboxProvisioner(client);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  provisioner.close();
                  writer.close();
                  client.close();
                }));
    System.err.println(
        "kubelet-events: writing kubelet events for pods annotated "
            + SandboxLabels.SIMULATE
            + "; provisioning volumes of StorageClass "
            + SandboxProvisioner.CLASS);
    Thread.currentThread().join();
  }
}
