/**
 * Sync: one app in one environment made to match its desired objects, in one straight line — apply,
 * record the inventory, prune what left. Takes objects and a revision, knows nothing of Git.
 */
package dev.paved.cluster.sync;
