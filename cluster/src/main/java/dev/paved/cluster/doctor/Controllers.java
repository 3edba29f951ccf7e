package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Findings on controllers: pods they may not create (quota, admission, §10), Jobs that failed or
 * wait in a queue, and Deployments past their progress deadline (§11).
 */
final class Controllers {

  private static final Duration RECENT = Duration.ofMinutes(30);
  private static final Pattern QUOTA =
      Pattern.compile("[Ee]xceeded quota: ([^,]+)|failed quota: ([^:]+)");
  private static final Pattern ADMISSION =
      Pattern.compile(
          "violates PodSecurity|admission webhook \"[^\"]+\" denied|ValidatingAdmissionPolicy '[^']+'.* denied");

  private Controllers() {}

  /** A FailedCreate of the controller that still matters: recent, or kept in a condition. */
  static Optional<Finding> failedCreate(ClusterState state, JsonNode controller) {
    if ("Job".equals(Json.kind(controller)) && finished(controller)) {
      return Optional.empty();
    }
    Optional<EventView> event =
        state.eventsOf(controller).stream()
            .filter(e -> "FailedCreate".equals(e.reason()))
            .filter(e -> state.age(e.last()).compareTo(RECENT) < 0)
            .reduce((a, b) -> b);
    String message =
        event
            .map(EventView::message)
            .orElse(Json.text(Json.condition(controller, "ReplicaFailure"), "message"));
    if (message.isEmpty()) {
      return Optional.empty();
    }
    Finding finding;
    var quota = QUOTA.matcher(message);
    if (quota.find()) {
      String name = Optional.ofNullable(quota.group(1)).orElse(quota.group(2)).strip();
      finding =
          Finding.of(
              Code.QUOTA_EXCEEDED,
              Json.ref(controller),
              "The namespace's ResourceQuota \""
                  + name
                  + "\" does not allow another pod of this size.",
              message.contains("must specify")
                  ? "The quota requires every container to set requests and limits for the listed"
                      + " resources; set them (Paved's paths do)."
                  : "Lower what the app asks for (replicas, with.gpus, with.cpu, with.memory), free"
                      + " quota by scaling other apps down, or ask the platform team to raise the quota.");
    } else if (ADMISSION.matcher(message).find()) {
      finding =
          Finding.of(
              Code.ADMISSION_DENIED,
              Json.ref(controller),
              admissionSummary(message),
              "Change the pod template to satisfy the rule in the evidence (Paved's golden paths"
                  + " already pass Pod Security restricted), or ask the platform team for a waiver.");
    } else {
      return Optional.empty();
    }
    return Optional.of(
        finding.withEvidence(
            event
                .map(EventView::evidence)
                .orElse("condition ReplicaFailure: " + Texts.shorten(message, 400))));
  }

  private static String admissionSummary(String message) {
    if (message.contains("violates PodSecurity")) {
      return "Pod Security admission rejects the pods: "
          + Texts.shorten(message.substring(message.indexOf("violates PodSecurity")), 300);
    }
    if (message.contains("ValidatingAdmissionPolicy")) {
      return "A ValidatingAdmissionPolicy rejects the pods: "
          + Texts.shorten(message.substring(message.indexOf("ValidatingAdmissionPolicy")), 300);
    }
    return "An admission webhook rejects the pods: "
        + Texts.shorten(message.substring(message.indexOf("admission webhook")), 300);
  }

  static boolean finished(JsonNode job) {
    return "True".equals(Json.text(Json.condition(job, "Complete"), "status"))
        || "True".equals(Json.text(Json.condition(job, "Failed"), "status"));
  }

  /** A Job's own failure or its waiting in a queue. */
  static Optional<Finding> job(JsonNode job) {
    JsonNode failed = Json.condition(job, "Failed");
    if ("True".equals(Json.text(failed, "status"))) {
      String reason = Json.text(failed, "reason");
      String evidence = "condition Failed " + reason + ": " + Json.text(failed, "message");
      if ("DeadlineExceeded".equals(reason)) {
        long seconds = Json.integer(job, 0, "spec", "activeDeadlineSeconds");
        return Optional.of(
            Finding.of(
                    Code.JOB_DEADLINE_EXCEEDED,
                    Json.ref(job),
                    "The Job ran longer than its deadline (activeDeadlineSeconds "
                        + seconds
                        + ", "
                        + Texts.age(Duration.ofSeconds(seconds))
                        + ") and was stopped.",
                    "Raise the deadline if the work is legitimately long, or make it faster (more"
                        + " GPUs, smaller data, checkpoints so a rerun resumes).")
                .withEvidence(evidence));
      }
      return Optional.of(
          Finding.of(
                  Code.JOB_BACKOFF_LIMIT,
                  Json.ref(job),
                  "The Job failed: its pods failed "
                      + Json.integer(job, 0, "status", "failed")
                      + " times, reaching the backoff limit ("
                      + Json.integer(job, 6, "spec", "backoffLimit")
                      + ").",
                  "Read the log of the last failed pod (the evidence shows its last error), fix the"
                      + " cause, then rerun the Job.")
              .withEvidence(evidence));
    }
    if (Json.at(job, "spec", "suspend").asBoolean(false) && !finished(job)) {
      Optional<String> queue =
          Json.optional(job, "metadata", "labels", "kueue.x-k8s.io/queue-name");
      return Optional.of(
          Finding.of(
                  Code.QUEUED,
                  Json.ref(job),
                  queue
                      .map(
                          q ->
                              "The Job waits in the Kueue queue \""
                                  + q
                                  + "\" for quota; this is normal.")
                      .orElse("The Job is suspended; it starts when it is resumed."),
                  "Nothing to fix: it starts when the queue admits it. 'kubectl get workloads -n "
                      + Json.namespace(job)
                      + "' shows its place and why it waits.")
              .withEvidence("spec.suspend: true"));
    }
    return Optional.empty();
  }

  /** A Deployment past its progress deadline: a symptom, reported only when nothing explains it. */
  static Optional<Finding> rollout(JsonNode deployment) {
    JsonNode progressing = Json.condition(deployment, "Progressing");
    if (!"ProgressDeadlineExceeded".equals(Json.text(progressing, "reason"))) {
      return Optional.empty();
    }
    return Optional.of(
        Finding.of(
                Code.ROLLOUT_STUCK,
                Json.ref(deployment),
                "The rollout made no progress within its deadline ("
                    + Json.integer(deployment, 600, "spec", "progressDeadlineSeconds")
                    + " s): new pods do not become ready.",
                "See why the new pods wait (the evidence); often the surge pod cannot be placed:"
                    + " lower maxSurge, relax anti-affinity, or add capacity. Roll back if users are affected.")
            .withEvidence("condition Progressing=False: " + Json.text(progressing, "message")));
  }
}
