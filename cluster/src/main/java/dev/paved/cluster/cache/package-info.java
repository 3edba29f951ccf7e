/**
 * Cache: how Paved sees live objects. {@link dev.paved.cluster.cache.LiveView} is the one question
 * ("what does the cluster hold for this object?"); {@link dev.paved.cluster.cache.ApiView} answers
 * it with a GET, {@link dev.paved.cluster.cache.ClusterCache} from shared informers, so status and
 * drift come from watch events and a resync of unchanged apps costs no API request.
 */
package dev.paved.cluster.cache;
