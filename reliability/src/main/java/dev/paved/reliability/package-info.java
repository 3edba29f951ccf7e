/**
 * The reliability suite's bookkeeping. A test marked {@link Reliability} records one row (what it
 * injected or generated, how many, and what held) in {@code target/reliability/} at the root of the
 * build; {@link Report} turns the rows of one run into {@code docs/reliability.md}. The figures in
 * the report are therefore the suite's own, from its last run.
 */
package dev.paved.reliability;
