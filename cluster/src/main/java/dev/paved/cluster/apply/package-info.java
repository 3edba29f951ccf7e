/**
 * Apply: server-side apply of one app's desired objects with the field manager {@code paved}, in
 * apply order, with a content hash so unchanged objects cost no request, and per-object outcomes as
 * values. The "sync" step of the deploy path; it knows nothing of Git.
 */
package dev.paved.cluster.apply;
