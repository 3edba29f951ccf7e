/**
 * Container logs: read many at once, each within a short bound and without client retries, and say
 * in one sentence why a log cannot be had. The doctor, {@code paved logs} and the portal read
 * through here.
 */
package dev.paved.cluster.logs;
