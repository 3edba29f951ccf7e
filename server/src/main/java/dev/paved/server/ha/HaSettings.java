package dev.paved.server.ha;

/**
 * Several replicas sharing the work (settings {@code ha.*}).
 *
 * @param namespace where the shard leases live (the server's own namespace)
 * @param identity this replica's name in the leases (the pod's name)
 * @param split how many shards each target is cut into
 * @param timing how fast a dead replica's shards move
 */
public record HaSettings(String namespace, String identity, int split, ShardLeases.Timing timing) {}
