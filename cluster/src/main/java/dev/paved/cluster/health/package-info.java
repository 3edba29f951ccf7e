/**
 * Health: one documented model per kind (docs/health.md), judged against the generation being
 * applied, and an app's health as the worst of its objects, always with a message. "Could not
 * assess" is a value ({@link dev.paved.cluster.health.Health#unknown}), not an exception.
 */
package dev.paved.cluster.health;
