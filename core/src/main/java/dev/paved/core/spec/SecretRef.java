package dev.paved.core.spec;

import dev.paved.core.error.SourceLocation;

/** A secret the app needs, by name only; its value lives in the cluster, never in Git. */
public record SecretRef(String name, SourceLocation location) {}
