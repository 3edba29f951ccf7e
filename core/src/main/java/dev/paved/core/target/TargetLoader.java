package dev.paved.core.target;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.yaml.Headers;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.Node;
import dev.paved.core.yaml.Nodes;
import dev.paved.core.yaml.ScalarNode;
import dev.paved.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code Target} files. Stateless and thread-safe. */
public final class TargetLoader {

  private static final Set<String> CLOUDS = Set.of("aws", "gcp", "azure", "onprem", "sandbox");
  private static final Set<String> SYNC_MODES = Set.of("paved", "argocd");
  private static final Set<String> SPEC_FIELDS =
      Set.of(
          "cloud",
          "environments",
          "context",
          "cluster",
          "domain",
          "storageClass",
          "ingressClass",
          "tlsIssuer",
          "ingressFrom",
          "ingressAnnotations",
          "kueue",
          "sync",
          "argocd",
          "prices",
          "gpuClasses",
          "cpuNodeMemoryGiB");
  private static final Set<String> GPU_FIELDS =
      Set.of(
          "resource",
          "nodeSelector",
          "tolerations",
          "runtimeClassName",
          "memoryGiB",
          "computeMajor",
          "maxPerNode",
          "cpuPerGpu",
          "memoryPerGpuGiB",
          "pricePerGpuHour",
          "instance",
          "capacity",
          "nodeMemoryGiB");

  private final YamlReader yaml = new YamlReader();

  public Target load(String file, String text) {
    MapReader root = Headers.document(yaml, file, text, "Target");
    String name =
        Headers.name(MapReader.of(root.require("metadata"), "metadata").allowOnly(Set.of("name")));
    MapReader spec = MapReader.of(root.require("spec"), "spec").allowOnly(SPEC_FIELDS);
    String cloud = oneOf(spec, "cloud", CLOUDS, Optional.empty());
    MapReader kueue =
        spec.findMap("kueue")
            .map(k -> k.allowOnly(Set.of("enabled", "queue")))
            .orElse(MapReader.of(new MapNode(List.of(), spec.location()), "spec.kueue"));
    return new Target(
        name,
        cloud,
        spec.stringList("environments"),
        cluster(spec),
        spec.findString("domain").orElse(""),
        spec.findString("storageClass").orElse(""),
        spec.findString("ingressClass").orElse(""),
        spec.findString("tlsIssuer").orElse(""),
        new Target.Ingress(peers(spec), stringMap(spec, "ingressAnnotations")),
        new Target.Kueue(
            kueue.findBoolean("enabled").orElse(false),
            kueue.findString("queue").orElse("default")),
        SyncMode.parse(oneOf(spec, "sync", SYNC_MODES, Optional.of("paved"))).orElseThrow(),
        argocd(spec),
        gpuClasses(spec),
        prices(MapReader.of(spec.require("prices"), "spec.prices")),
        spec.find("cpuNodeMemoryGiB").map(n -> positive(spec, "cpuNodeMemoryGiB")),
        root.location());
  }

  /**
   * {@code spec.cluster}: exactly one of {@code context} (with an optional {@code kubeconfig}),
   * {@code inCluster: true} or {@code secret} (with an optional {@code key} and {@code context});
   * {@code spec.context} alone is short for {@code cluster: {context: …}}.
   */
  private static ClusterRef cluster(MapReader spec) {
    Optional<String> shorthand = spec.findString("context").filter(c -> !c.isBlank());
    Optional<MapReader> section =
        spec.findMap("cluster")
            .map(c -> c.allowOnly(Set.of("context", "kubeconfig", "inCluster", "secret", "key")));
    if (section.isEmpty()) {
      return shorthand
          .<ClusterRef>map(c -> new ClusterRef.Context(c, Optional.empty()))
          .orElse(new ClusterRef.ServerDefault());
    }
    MapReader cluster = section.get();
    if (shorthand.isPresent()) {
      throw new InvalidInputException(
          "spec.context and spec.cluster both say where the cluster is",
          spec.require("context").location(),
          "keep one: move the context into spec.cluster.context");
    }
    Optional<String> context = cluster.findString("context").filter(c -> !c.isBlank());
    Optional<String> kubeconfig = cluster.findString("kubeconfig").filter(k -> !k.isBlank());
    boolean inCluster = cluster.findBoolean("inCluster").orElse(false);
    Optional<String> secret = cluster.findString("secret").filter(k -> !k.isBlank());
    if (secret.isPresent()) {
      refuseWith(cluster, "secret", "kubeconfig", kubeconfig.isPresent());
      refuseWith(cluster, "secret", "inCluster", inCluster);
      return new ClusterRef.Secret(
          secret.get(), cluster.findString("key").orElse("kubeconfig"), context);
    }
    if (cluster.find("key").isPresent()) {
      throw new InvalidInputException(
          cluster.child("key") + " is the key of a kubeconfig Secret, and no secret is named",
          cluster.require("key").location(),
          "add secret: NAME, or remove key");
    }
    if (inCluster) {
      refuseWith(cluster, "inCluster", "context", context.isPresent());
      refuseWith(cluster, "inCluster", "kubeconfig", kubeconfig.isPresent());
      return new ClusterRef.InCluster();
    }
    if (context.isEmpty()) {
      throw new InvalidInputException(
          "spec.cluster names no cluster",
          cluster.location(),
          "set one of context (a kubeconfig context), inCluster: true, or secret (a Secret"
              + " holding a kubeconfig)");
    }
    return new ClusterRef.Context(context.get(), kubeconfig);
  }

  /** {@code spec.argocd}: the destination (by name or server) and Argo CD's namespace. */
  private static Target.ArgoCd argocd(MapReader spec) {
    Optional<MapReader> section =
        spec.findMap("argocd").map(a -> a.allowOnly(Set.of("destination", "namespace")));
    if (section.isEmpty()) {
      return Target.ArgoCd.inCluster();
    }
    if (!spec.findString("sync").orElse("paved").equals("argocd")) {
      throw new InvalidInputException(
          "spec.argocd is set, but the target does not hand off to Argo CD",
          section.get().location(),
          "set sync: argocd, or remove spec.argocd");
    }
    MapReader argocd = section.get();
    String namespace = argocd.findString("namespace").orElse("argocd");
    Optional<MapReader> destination =
        argocd.findMap("destination").map(d -> d.allowOnly(Set.of("name", "server")));
    if (destination.isEmpty()) {
      return new Target.ArgoCd(Optional.empty(), Target.ArgoCd.IN_CLUSTER, namespace);
    }
    Optional<String> name = destination.get().findString("name").filter(n -> !n.isBlank());
    Optional<String> server = destination.get().findString("server").filter(n -> !n.isBlank());
    if (name.isPresent() == server.isPresent()) {
      throw new InvalidInputException(
          "spec.argocd.destination names the cluster "
              + (name.isPresent() ? "twice (name and server)" : "not at all"),
          destination.get().location(),
          "set one: name (the cluster as registered in Argo CD) or server (its API server URL)");
    }
    return new Target.ArgoCd(name, server.orElse(""), namespace);
  }

  private static void refuseWith(MapReader cluster, String chosen, String other, boolean present) {
    if (present) {
      throw new InvalidInputException(
          cluster.child(other) + " cannot go with " + cluster.child(chosen),
          cluster.require(other).location(),
          "name the cluster one way: context (and kubeconfig), inCluster: true, or secret (and"
              + " key, context)");
    }
  }

  private static String oneOf(
      MapReader spec, String key, Set<String> allowed, Optional<String> fallback) {
    Optional<String> value =
        fallback.isPresent() ? spec.findString(key) : Optional.of(spec.requireString(key));
    String chosen = value.or(() -> fallback).orElseThrow();
    if (!allowed.contains(chosen)) {
      throw new InvalidInputException(
          spec.child(key)
              + ": '"
              + chosen
              + "' is not one of "
              + allowed.stream().sorted().toList(),
          spec.require(key).location(),
          dev.paved.core.text.Suggestions.hint(chosen, allowed));
    }
    return chosen;
  }

  private static Map<String, GpuClass> gpuClasses(MapReader spec) {
    Map<String, GpuClass> classes = new LinkedHashMap<>();
    Optional<MapReader> section = spec.findMap("gpuClasses");
    for (MapNode.Entry entry :
        section.map(MapReader::node).map(MapNode::entries).orElse(List.of())) {
      MapReader gpu =
          MapReader.of(entry.value(), "spec.gpuClasses." + entry.key()).allowOnly(GPU_FIELDS);
      classes.put(
          entry.key(),
          new GpuClass(
              entry.key(),
              gpu.findString("resource").orElse("nvidia.com/gpu"),
              stringMap(gpu, "nodeSelector"),
              tolerations(gpu),
              gpu.findString("runtimeClassName").orElse(""),
              positive(gpu, "memoryGiB"),
              positive(gpu, "computeMajor"),
              positive(gpu, "maxPerNode"),
              positive(gpu, "cpuPerGpu"),
              positive(gpu, "memoryPerGpuGiB"),
              gpu.find("pricePerGpuHour").map(n -> price(n, gpu.child("pricePerGpuHour"))),
              gpu.findString("instance").orElse(""),
              gpu.find("capacity").map(n -> positive(gpu, "capacity")),
              gpu.find("nodeMemoryGiB").map(n -> positive(gpu, "nodeMemoryGiB"))));
    }
    return classes;
  }

  private static Prices prices(MapReader prices) {
    prices.allowOnly(Set.of("cpuHour", "memoryGiBHour", "storageGiBMonth", "source", "date"));
    return new Prices(
        price(prices.require("cpuHour"), prices.child("cpuHour")),
        price(prices.require("memoryGiBHour"), prices.child("memoryGiBHour")),
        price(prices.require("storageGiBMonth"), prices.child("storageGiBMonth")),
        prices.requireString("source"),
        prices.requireString("date"));
  }

  private static double price(Node node, String field) {
    if (node instanceof ScalarNode s
        && (s.kind() == ScalarNode.Kind.INTEGER || s.kind() == ScalarNode.Kind.FLOAT)
        && Double.parseDouble(s.text()) >= 0) {
      return Double.parseDouble(s.text());
    }
    throw new InvalidInputException(
        field + ": expected a price in dollars (a number ≥ 0), found " + node.describe(),
        node.location(),
        "write e.g. 0.707");
  }

  private static int positive(MapReader map, String key) {
    long value = MapReader.integer(map.require(key), map.child(key));
    if (value < 1 || value > 100_000) {
      throw new InvalidInputException(
          map.child(key) + ": " + value + " is out of range",
          map.require(key).location(),
          "use a positive whole number");
    }
    return (int) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> peers(MapReader spec) {
    List<Map<String, Object>> peers = new ArrayList<>();
    List<Node> items = spec.list("ingressFrom");
    for (int i = 0; i < items.size(); i++) {
      String field = spec.child("ingressFrom") + "[" + i + "]";
      MapReader peer =
          MapReader.of(items.get(i), field)
              .allowOnly(Set.of("namespaceSelector", "podSelector", "ipBlock"));
      peers.add((Map<String, Object>) Nodes.plain(peer.node()));
    }
    return peers;
  }

  private static Map<String, String> stringMap(MapReader map, String key) {
    Map<String, String> values = new LinkedHashMap<>();
    map.findMap(key)
        .ifPresent(
            m ->
                m.node()
                    .entries()
                    .forEach(
                        e -> values.put(e.key(), MapReader.string(e.value(), m.child(e.key())))));
    return values;
  }

  private static List<Map<String, String>> tolerations(MapReader gpu) {
    List<Map<String, String>> tolerations = new ArrayList<>();
    List<Node> items = gpu.list("tolerations");
    for (int i = 0; i < items.size(); i++) {
      MapReader toleration =
          MapReader.of(items.get(i), gpu.child("tolerations") + "[" + i + "]")
              .allowOnly(Set.of("key", "operator", "value", "effect"));
      Map<String, String> values = new LinkedHashMap<>();
      for (String field : List.of("key", "operator", "value", "effect")) {
        toleration.findString(field).ifPresent(v -> values.put(field, v));
      }
      tolerations.add(values);
    }
    return tolerations;
  }
}
