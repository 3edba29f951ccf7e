/** Benchmark harnesses that print numbers (and JSON) for docs/benchmarks.md. */
package dev.paved.bench;
