/**
 * The app spec ({@code paved.yaml}): parsing with source positions, validation, and the merge of
 * per-environment overrides. The first step of the deploy path.
 */
package dev.paved.core.spec;
