/**
 * Several server replicas sharing the work (issue #10): the shards an app belongs to, and one
 * leader per shard through Kubernetes {@code Lease} objects, so a replica that dies loses its
 * shards to another within a bounded time.
 */
package dev.paved.server.ha;
