/**
 * How Paved names a Kubernetes object ({@link dev.paved.cluster.object.ObjectRef}): shared by the
 * applier, the watch cache, health and prune, and depending on none of them.
 */
package dev.paved.cluster.object;
