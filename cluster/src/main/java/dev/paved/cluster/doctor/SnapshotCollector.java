package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Captures a snapshot of one namespace from a live cluster: the kinds of DESIGN.md §6, all nodes,
 * and the log tails (current and previous) of containers that are not well. What cannot be read (an
 * API the cluster lacks, logs a node will not serve) becomes a warning, not a failure.
 */
public final class SnapshotCollector {

  /** A captured snapshot and what could not be captured. */
  public record Collected(Snapshot snapshot, List<String> warnings) {
    public Collected {
      warnings = List.copyOf(warnings);
    }
  }

  /** A kind the doctor reads. */
  record Kind(String apiVersion, String kind, boolean namespaced) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind("v1", "Pod", true),
          new Kind("v1", "Event", true),
          new Kind("apps/v1", "Deployment", true),
          new Kind("apps/v1", "ReplicaSet", true),
          new Kind("apps/v1", "StatefulSet", true),
          new Kind("apps/v1", "DaemonSet", true),
          new Kind("batch/v1", "Job", true),
          new Kind("v1", "Service", true),
          new Kind("v1", "Endpoints", true),
          new Kind("v1", "PersistentVolumeClaim", true),
          new Kind("v1", "ResourceQuota", true),
          new Kind("autoscaling/v2", "HorizontalPodAutoscaler", true),
          new Kind("v1", "Node", false));

  private final KubernetesClient client;
  private final Clock clock;
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

  public SnapshotCollector(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public Collected collect(String namespace) {
    List<String> warnings = new ArrayList<>();
    List<JsonNode> objects = new ArrayList<>();
    for (Kind kind : KINDS) {
      objects.addAll(list(kind, namespace, warnings));
    }
    Map<String, String> logs;
    try (LogFetcher fetcher = new LogFetcher(client)) {
      logs = fetcher.logs(objects, warnings);
    }
    Optional<String> version = version();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Snapshot snapshot = Snapshot.capturedAt(objects, logs, now, version);
    Optional<List<JsonNode>> secrets = SecretKeys.list(client, namespace, warnings);
    if (secrets.isPresent()) {
      snapshot = snapshot.withListed(java.util.Set.of("Secret"), secrets.get());
    }
    return new Collected(snapshot, warnings);
  }

  private List<JsonNode> list(Kind kind, String namespace, List<String> warnings) {
    try {
      var resources = client.genericKubernetesResources(kind.apiVersion(), kind.kind());
      List<GenericKubernetesResource> items =
          kind.namespaced()
              ? resources.inNamespace(namespace).list().getItems()
              : resources.list().getItems();
      List<JsonNode> objects = new ArrayList<>();
      for (GenericKubernetesResource item : items) {
        objects.add(json(item, kind));
      }
      return objects;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401 || e.getCode() == 0) {
        throw e;
      }
      warnings.add(
          "cannot list " + kind.kind() + ": " + Texts.shorten(String.valueOf(e.getMessage()), 200));
      return List.of();
    }
  }

  /** The object as the List of {@code kubectl get -o json} holds it, kind and apiVersion set. */
  static JsonNode json(GenericKubernetesResource item, Kind kind) {
    ObjectNode node = (ObjectNode) MAPPER.valueToTree(item);
    node.put("apiVersion", kind.apiVersion());
    node.put("kind", kind.kind());
    return node;
  }

  private Optional<String> version() {
    try {
      return Optional.ofNullable(client.getKubernetesVersion()).map(v -> v.getGitVersion());
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }
}
