/**
 * YAML read into a tree that keeps source positions ({@link dev.paved.core.yaml.Node}), with limits
 * that refuse YAML bombs, duplicate keys and oversized documents.
 */
package dev.paved.core.yaml;
