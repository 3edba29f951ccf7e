package dev.paved.server.audit;

import java.time.Instant;

/**
 * One change of state, or one refused attempt: who, what, on which object, when, from where.
 *
 * @param outcome {@code ok}, {@code denied} or {@code failed}
 */
public record AuditEntry(
    Instant at,
    String actor,
    String action,
    String target,
    String outcome,
    String remote,
    String detail) {}
