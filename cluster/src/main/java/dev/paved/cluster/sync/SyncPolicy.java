package dev.paved.cluster.sync;

/**
 * What a sync of one app may do beyond applying: delete its objects that left the desired set, and
 * set back fields someone changed in the cluster.
 */
public record SyncPolicy(boolean prune, boolean selfHeal) {}
