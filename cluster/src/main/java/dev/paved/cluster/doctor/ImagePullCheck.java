package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Image pulls that fail: the cause is in the first {@code Failed} event ("Failed to pull image …")
 * or, from Kubernetes 1.32, in the tail of the {@code ImagePullBackOff} waiting message
 * (k8s-failure-signals.md §4). Never only the latest event: a later Normal BackOff hides it.
 */
final class ImagePullCheck {

  private static final Set<String> PULL_REASONS =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "RegistryUnavailable",
          "ImageInspectError",
          "ErrImageNeverPull",
          "SignatureValidationFailed");
  private static final Pattern RATE_LIMIT =
      Pattern.compile(
          "toomanyrequests|429 Too Many Requests|pull rate limit", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNREACHABLE =
      Pattern.compile(
          "no such host|connection timed out|i/o timeout|connection refused|network is unreachable"
              + "|TLS handshake timeout|registry is unavailable|dial tcp");
  private static final Pattern AUTH =
      Pattern.compile(
          "pull access denied|401 Unauthorized|403 Forbidden|no basic auth credentials"
              + "|insufficient_scope|authorization failed|authentication required|denied: ",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_FOUND =
      Pattern.compile(
          "code = NotFound|: not found|manifest unknown|not found: manifest|no match for platform");
  private static final Pattern INVALID =
      Pattern.compile("couldn't parse image (reference|name)|invalid reference format");

  private ImagePullCheck() {}

  static Optional<Finding> check(ClusterState state, JsonNode pod, ContainerView container) {
    String reason = container.waitingReason();
    if ("InvalidImageName".equals(reason)) {
      return Optional.of(invalid(pod, container));
    }
    if (!PULL_REASONS.contains(reason)) {
      return Optional.empty();
    }
    List<EventView> events = state.eventsOf(pod);
    String image = Json.text(container.spec(), "image");
    Optional<EventView> failure =
        events.stream()
            .filter(e -> e.message().startsWith("Failed to pull image \"" + image + "\""))
            .reduce((first, second) -> second);
    String cause = failure.map(EventView::message).orElse(container.waitingMessage());
    Code code = classify(cause).orElse(Code.IMAGE_NOT_FOUND);
    List<String> evidence = new ArrayList<>();
    evidence.add(
        "Pod "
            + Json.name(pod)
            + ": container "
            + container.name()
            + " waiting "
            + reason
            + (container.waitingMessage().isEmpty()
                ? ""
                : ": " + Texts.shorten(container.waitingMessage(), 300)));
    failure.ifPresent(e -> evidence.add(e.evidence()));
    events.stream()
        .filter(e -> "FailedToRetrieveImagePullSecret".equals(e.reason()))
        .findFirst()
        .ifPresent(e -> evidence.add(e.evidence()));
    return Optional.of(
        finding(code, pod, image, failure.isPresent() || classify(cause).isPresent())
            .withEvidence(evidence));
  }

  static Optional<Code> classify(String text) {
    if (INVALID.matcher(text).find()) {
      return Optional.of(Code.IMAGE_NAME_INVALID);
    }
    if (RATE_LIMIT.matcher(text).find()) {
      return Optional.of(Code.IMAGE_PULL_RATE_LIMIT);
    }
    if (AUTH.matcher(text).find()) {
      return Optional.of(Code.IMAGE_PULL_AUTH);
    }
    if (UNREACHABLE.matcher(text).find()) {
      return Optional.of(Code.IMAGE_REGISTRY_UNREACHABLE);
    }
    if (NOT_FOUND.matcher(text).find()) {
      return Optional.of(Code.IMAGE_NOT_FOUND);
    }
    return Optional.empty();
  }

  private static Finding invalid(JsonNode pod, ContainerView container) {
    String image = Json.text(container.spec(), "image");
    return Finding.of(
            Code.IMAGE_NAME_INVALID,
            Json.ref(pod),
            "The image name \"" + image + "\" is not a valid image reference.",
            "Write the image as registry/repository:tag in lower case (for example"
                + " ghcr.io/acme/app:1.2.0); if it contains ${{ … }} or {{ … }}, the CI template"
                + " was not filled in before deploying.")
        .withEvidence(
            "Pod "
                + Json.name(pod)
                + ": container "
                + container.name()
                + " waiting InvalidImageName: "
                + Texts.shorten(container.waitingMessage(), 300));
  }

  private static Finding finding(Code code, JsonNode pod, String image, boolean causeKnown) {
    String object = Json.ref(pod);
    return switch (code) {
      case IMAGE_PULL_AUTH ->
          Finding.of(
              code,
              object,
              "The registry refused to let the node pull \""
                  + image
                  + "\" (private image, no or wrong credentials).",
              "Give the namespace a pull secret for this registry (imagePullSecrets) or grant the"
                  + " nodes' identity read access; also check the repository path for typos.");
      case IMAGE_PULL_RATE_LIMIT ->
          Finding.of(
              code,
              object,
              "The registry rate-limited the pull of \"" + image + "\" (HTTP 429 toomanyrequests).",
              "Pull through an authenticated account or a registry mirror, or copy the image to"
                  + " your own registry; the pull is retried automatically.");
      case IMAGE_REGISTRY_UNREACHABLE ->
          Finding.of(
              code,
              object,
              "The node cannot reach the registry of \"" + image + "\" (DNS or network).",
              "Check the registry host name for typos and that the nodes have egress (NAT, proxy or"
                  + " firewall) to it; in a private cluster, mirror the image to a reachable registry.");
      case IMAGE_NAME_INVALID ->
          Finding.of(
              code,
              object,
              "The image name \"" + image + "\" is not a valid image reference.",
              "Write the image as registry/repository:tag in lower case.");
      default ->
          Finding.of(
              Code.IMAGE_NOT_FOUND,
              object,
              causeKnown
                  ? "The image \""
                      + image
                      + "\" does not exist: the registry has no such tag or repository."
                  : "The node cannot pull \""
                      + image
                      + "\"; the registry's reason has expired from the events.",
              "Push the tag, or set the image (with.image in paved.yaml) to a tag that exists; check"
                  + " it with 'crane ls' or 'docker manifest inspect'.");
    };
  }
}
