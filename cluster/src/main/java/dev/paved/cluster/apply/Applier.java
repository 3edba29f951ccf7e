package dev.paved.cluster.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side applies one app's desired objects, in the given (apply) order, with the field manager
 * {@value #FIELD_MANAGER}, forcing conflicts only on fields Paved sets. An object whose live copy
 * carries the same {@link ContentHash} is not sent at all. A Job whose template changed is replaced
 * (deleted, then created), since its pod template is immutable. Never throws for a refused object:
 * each object gets an {@link ApplyOutcome}. Thread-safe.
 */
public final class Applier {

  public static final String FIELD_MANAGER = "paved";

  private final KubernetesClient client;

  public Applier(KubernetesClient client) {
    this.client = client;
  }

  public List<ApplyOutcome> apply(List<Map<String, Object>> desired) {
    return apply(desired, false);
  }

  /**
   * Applies; with {@code heal}, objects are sent even when their hash says unchanged, so fields
   * someone edited by hand (drift) are set back.
   */
  public List<ApplyOutcome> apply(List<Map<String, Object>> desired, boolean heal) {
    List<ApplyOutcome> outcomes = new ArrayList<>();
    for (Map<String, Object> object : desired) {
      outcomes.add(apply(object, heal));
    }
    return outcomes;
  }

  ApplyOutcome apply(Map<String, Object> object, boolean heal) {
    ObjectRef ref = ObjectRef.of(object);
    String hash = ContentHash.of(object);
    GenericKubernetesResource resource = withHash(object, hash);
    try {
      Optional<GenericKubernetesResource> live = Optional.ofNullable(handle(ref, resource).get());
      if (!heal
          && live.isPresent()
          && hash.equals(live.get().getMetadata().getAnnotations().get(ContentHash.ANNOTATION))) {
        return new ApplyOutcome.Unchanged(ref);
      }
      return serverSideApply(ref, resource, live);
    } catch (KubernetesClientException e) {
      return failed(ref, e);
    }
  }

  private ApplyOutcome serverSideApply(
      ObjectRef ref, GenericKubernetesResource resource, Optional<GenericKubernetesResource> live) {
    try {
      GenericKubernetesResource applied =
          handle(ref, resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      if (live.isEmpty()) {
        return new ApplyOutcome.Created(ref);
      }
      boolean same =
          applied
              .getMetadata()
              .getResourceVersion()
              .equals(live.get().getMetadata().getResourceVersion());
      return same ? new ApplyOutcome.Unchanged(ref) : new ApplyOutcome.Configured(ref, false);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 422
          && ref.kind().equals("Job")
          && String.valueOf(e.getMessage()).contains("field is immutable")) {
        return replace(ref, resource);
      }
      return failed(ref, e);
    }
  }

  /** Jobs cannot change their pod template: delete the old one (and its pods), create the new. */
  private ApplyOutcome replace(ObjectRef ref, GenericKubernetesResource resource) {
    Resource<GenericKubernetesResource> handle = handle(ref, resource);
    handle
        .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND)
        .delete();
    handle.waitUntilCondition(java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
    handle.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    return new ApplyOutcome.Configured(ref, true);
  }

  private Resource<GenericKubernetesResource> handle(
      ObjectRef ref, GenericKubernetesResource resource) {
    var kind = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
    return ref.namespace().isEmpty()
        ? kind.resource(resource)
        : kind.inNamespace(ref.namespace()).resource(resource);
  }

  @SuppressWarnings("unchecked")
  private static GenericKubernetesResource withHash(Map<String, Object> object, String hash) {
    Map<String, Object> copy =
        Serialization.unmarshal(Serialization.asJson(object), LinkedHashMap.class);
    Map<String, Object> metadata =
        (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    Map<String, Object> annotations =
        (Map<String, Object>) metadata.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
    annotations.put(ContentHash.ANNOTATION, hash);
    return Serialization.unmarshal(Serialization.asJson(copy), GenericKubernetesResource.class);
  }

  private static ApplyOutcome failed(ObjectRef ref, KubernetesClientException e) {
    int code = e.getCode();
    boolean retryable = code == 0 || code == 429 || code >= 500;
    String reason =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : String.valueOf(e.getMessage());
    return new ApplyOutcome.Failed(ref, reason, retryable);
  }
}
