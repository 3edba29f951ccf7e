/**
 * Connection: one connection per target cluster, with its cache, its reachability and a backoff
 * between tries when it cannot be reached. An unreachable cluster makes its apps Unknown, never
 * Healthy, and recovers by itself when the API server answers again.
 */
package dev.paved.cluster.connection;
