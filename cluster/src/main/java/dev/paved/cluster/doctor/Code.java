package dev.paved.cluster.doctor;

/**
 * The finding codes of the doctor contract (DESIGN.md §6). Symptom codes are reported only when
 * nothing more specific explains the same objects.
 */
public enum Code {
  IMAGE_NOT_FOUND,
  IMAGE_PULL_AUTH,
  IMAGE_PULL_RATE_LIMIT(Severity.WARNING),
  IMAGE_NAME_INVALID,
  IMAGE_REGISTRY_UNREACHABLE,
  CONFIG_MISSING,
  CONTAINER_CREATE_FAILED,
  CRASH_LOOP,
  OOM_KILLED,
  READINESS_FAILING,
  LIVENESS_RESTARTS,
  INSUFFICIENT_GPU,
  INSUFFICIENT_CPU,
  INSUFFICIENT_MEMORY,
  NODE_SELECTOR_MISMATCH,
  UNTOLERATED_TAINT,
  PVC_UNBOUND,
  VOLUME_MOUNT_FAILED,
  QUOTA_EXCEEDED,
  ADMISSION_DENIED,
  ROLLOUT_STUCK,
  JOB_BACKOFF_LIMIT,
  JOB_DEADLINE_EXCEEDED,
  SERVICE_NO_ENDPOINTS,
  EVICTED(Severity.WARNING),
  NODE_NOT_READY,
  GPU_OUT_OF_MEMORY,
  GPU_NOT_AVAILABLE,
  MODEL_ACCESS_DENIED,
  MODEL_NOT_FOUND,
  KV_CACHE_INSUFFICIENT,
  SHARED_MEMORY_TOO_SMALL,
  NCCL_FAILURE,
  AUTOSCALER_NO_METRICS(Severity.WARNING),
  QUEUED(Severity.INFO);

  private final Severity severity;

  Code() {
    this(Severity.ERROR);
  }

  Code(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  /** A generic symptom, shown only when no root cause explains it. */
  public boolean symptom() {
    return this == CRASH_LOOP
        || this == ROLLOUT_STUCK
        || this == JOB_BACKOFF_LIMIT
        || this == READINESS_FAILING
        || this == SERVICE_NO_ENDPOINTS;
  }
}
