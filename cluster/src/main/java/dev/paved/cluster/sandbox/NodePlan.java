package dev.paved.cluster.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many fake nodes of each pool the sandbox makes, and which cloud they imitate.
 *
 * @param counts nodes per pool; a pool missing from the map gets none
 * @param profile the cloud whose labels the nodes carry
 */
public record NodePlan(Map<NodePool, Integer> counts, CloudProfile profile) {

  public NodePlan {
    Objects.requireNonNull(profile, "profile");
    EnumMap<NodePool, Integer> copy = new EnumMap<>(NodePool.class);
    counts.forEach(
        (pool, count) -> {
          if (count < 0 || count > 1_000) {
            throw new IllegalArgumentException(pool + " node count must be 0..1000: " + count);
          }
          copy.put(pool, count);
        });
    counts = Map.copyOf(copy);
  }

  /** 2 CPU nodes, 2 L4 nodes (4 GPUs each), 1 A100-80GB and 1 H100 node (8 GPUs each). */
  public static NodePlan defaults() {
    return new NodePlan(
        Map.of(NodePool.CPU, 2, NodePool.L4, 2, NodePool.A100_80GB, 1, NodePool.H100_80GB, 1),
        CloudProfile.NONE);
  }

  public int count(NodePool pool) {
    return counts.getOrDefault(pool, 0);
  }

  public NodePlan withCount(NodePool pool, int count) {
    Map<NodePool, Integer> changed = new EnumMap<>(NodePool.class);
    changed.putAll(counts);
    changed.put(pool, count);
    return new NodePlan(changed, profile);
  }

  public NodePlan withProfile(CloudProfile newProfile) {
    return new NodePlan(counts, newProfile);
  }
}
