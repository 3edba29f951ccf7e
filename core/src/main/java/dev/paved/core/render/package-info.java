/**
 * Rendering: an app spec, a golden path, a target and an environment become Kubernetes objects in a
 * deterministic order. The second step of the deploy path, after {@code spec}.
 */
package dev.paved.core.render;
