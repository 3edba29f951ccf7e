/** The JSON Schema of {@code paved.yaml}, generated from the spec parser's fields and the paths. */
package dev.paved.core.schema;
