package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Secrets a workload's pods read (env {@code secretKeyRef}, {@code envFrom}, secret volumes) that
 * do not exist or lack a key. A real kubelet stops such a pod at start ({@code
 * CreateContainerConfigError}); this finds it before, on any cluster, from the Secrets' key names
 * (a snapshot keeps no values). Runs only where Secrets were listed: in a snapshot without them no
 * Secret is known to be missing.
 */
final class SecretRefs {

  static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "DaemonSet", "Job");

  private SecretRefs() {}

  /** The missing Secrets and keys of one workload; none where Secrets were not listed. */
  static List<Finding> check(ClusterState state, JsonNode workload) {
    if (!state.listed("Secret") || "Job".equals(Json.kind(workload)) && !running(workload)) {
      return List.of();
    }
    return missing(state, workload);
  }

  /** A finished Job starts no more pods: what it read no longer matters. */
  private static boolean running(JsonNode job) {
    return List.of("Complete", "Failed").stream()
        .noneMatch(type -> "True".equals(Json.text(Json.condition(job, type), "status")));
  }

  private static List<Finding> missing(ClusterState state, JsonNode workload) {
    String namespace = Json.namespace(workload);
    List<Finding> findings = new ArrayList<>();
    wanted(workload)
        .forEach(
            (secret, keys) ->
                state
                    .find("Secret", namespace, secret)
                    .map(found -> missingKeys(workload, secret, keys, found))
                    .orElseGet(() -> Optional.of(missingSecret(workload, secret, keys)))
                    .ifPresent(findings::add));
    return findings;
  }

  /** Secret name → the keys the pods read from it (empty: the whole Secret). */
  private static Map<String, Set<String>> wanted(JsonNode workload) {
    JsonNode pod = Json.at(workload, "spec", "template", "spec");
    Map<String, Set<String>> wanted = new LinkedHashMap<>();
    for (String containers : List.of("initContainers", "containers")) {
      for (JsonNode container : Json.list(pod, containers)) {
        for (JsonNode env : Json.list(container, "env")) {
          JsonNode ref = Json.at(env, "valueFrom", "secretKeyRef");
          if (ref.isObject() && !ref.path("optional").asBoolean(false)) {
            wanted
                .computeIfAbsent(ref.path("name").asText(), k -> new TreeSet<>())
                .add(ref.path("key").asText());
          }
        }
        for (JsonNode from : Json.list(container, "envFrom")) {
          JsonNode ref = from.path("secretRef");
          if (ref.isObject() && !ref.path("optional").asBoolean(false)) {
            wanted.computeIfAbsent(ref.path("name").asText(), k -> new TreeSet<>());
          }
        }
      }
    }
    for (JsonNode volume : Json.list(pod, "volumes")) {
      JsonNode secret = volume.path("secret");
      if (secret.isObject() && !secret.path("optional").asBoolean(false)) {
        Set<String> keys =
            wanted.computeIfAbsent(secret.path("secretName").asText(), k -> new TreeSet<>());
        Json.list(secret, "items").forEach(item -> keys.add(item.path("key").asText()));
      }
    }
    wanted.remove("");
    return wanted;
  }

  private static Finding missingSecret(JsonNode workload, String secret, Set<String> keys) {
    String namespace = Json.namespace(workload);
    StringBuilder command =
        new StringBuilder("kubectl create secret generic ")
            .append(secret)
            .append(" -n ")
            .append(namespace);
    (keys.isEmpty() ? Set.of("KEY") : keys)
        .forEach(k -> command.append(" --from-literal=").append(k).append("=<value>"));
    return Finding.of(
            Code.CONFIG_MISSING,
            Json.ref(workload),
            "The Secret \""
                + secret
                + "\" that the pods read does not exist in namespace "
                + namespace
                + ", so they cannot start on a real node.",
            "Create it with the value of each key (never in Git): "
                + command
                + (keys.isEmpty() ? "" : "; the pods read the keys " + String.join(", ", keys)))
        .withEvidence(
            Json.kind(workload)
                + " "
                + Json.name(workload)
                + " reads Secret "
                + secret
                + (keys.isEmpty() ? "" : " keys " + String.join(", ", keys)));
  }

  private static Optional<Finding> missingKeys(
      JsonNode workload, String secret, Set<String> keys, JsonNode found) {
    Set<String> has = new TreeSet<>();
    found.path("data").fieldNames().forEachRemaining(has::add);
    found.path("stringData").fieldNames().forEachRemaining(has::add);
    List<String> missing = keys.stream().filter(k -> !has.contains(k)).toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder data = new StringBuilder();
    for (String key : missing) {
      data.append(data.isEmpty() ? "" : ",").append('"').append(key).append("\":\"<value>\"");
    }
    return Optional.of(
        Finding.of(
                Code.CONFIG_MISSING,
                Json.ref(workload),
                "The Secret \""
                    + secret
                    + "\" has no key "
                    + String.join(", ", missing)
                    + ", which the pods read, so they cannot start on a real node.",
                "Add the key (never in Git): kubectl patch secret "
                    + secret
                    + " -n "
                    + Json.namespace(found)
                    + " --type merge -p '{\"stringData\":{"
                    + data
                    + "}}'")
            .withEvidence(
                "Secret "
                    + secret
                    + " has the keys: "
                    + (has.isEmpty() ? "(none)" : String.join(", ", has))));
  }
}
