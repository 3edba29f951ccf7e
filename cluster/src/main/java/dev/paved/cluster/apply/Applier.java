package dev.paved.cluster.apply;

import dev.paved.cluster.cache.ApiView;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.core.error.EnvironmentException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side applies one app's desired objects, in the given (apply) order, with the field manager
 * {@value #FIELD_MANAGER}, forcing conflicts only on fields Paved sets. An object whose live copy
 * carries the same {@link ContentHash} is not sent at all. An object first made by {@code kubectl
 * apply} is taken over ({@link ClientSideApplyMigration}). A Job whose template changed is replaced
 * (deleted, then created), since its pod template is immutable. Never throws for a refused object:
 * each object gets an {@link ApplyOutcome}. Thread-safe.
 */
public final class Applier {

  public static final String FIELD_MANAGER = "paved";

  private final KubernetesClient client;
  private final LiveView view;

  /** An applier that reads live objects with a GET each. */
  public Applier(KubernetesClient client) {
    this(client, new ApiView(client));
  }

  /**
   * An applier that reads live objects from {@code view}: with a synced {@link
   * dev.paved.cluster.cache.ClusterCache}, an unchanged object costs no request at all.
   */
  public Applier(KubernetesClient client, LiveView view) {
    this.client = client;
    this.view = view;
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
      Optional<GenericKubernetesResource> live = view.find(ref);
      if (!heal && live.isPresent() && hash.equals(hashOf(live.get()))) {
        return new ApplyOutcome.Unchanged(ref);
      }
      live.ifPresent(l -> migrateClientSideApply(ref, l));
      return serverSideApply(ref, resource, live);
    } catch (KubernetesClientException e) {
      return failed(ref, e);
    } catch (EnvironmentException e) {
      return new ApplyOutcome.Failed(ref, e.getMessage(), true);
    }
  }

  private static String hashOf(GenericKubernetesResource live) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(ContentHash.ANNOTATION, "");
  }

  /** See {@link ClientSideApplyMigration}; guarded by the resourceVersion it was computed from. */
  private void migrateClientSideApply(ObjectRef ref, GenericKubernetesResource live) {
    ClientSideApplyMigration.managedFields(live, FIELD_MANAGER)
        .ifPresent(
            fields ->
                ref.in(client)
                    .patch(
                        PatchContext.of(PatchType.JSON),
                        Serialization.asJson(
                            List.of(
                                Map.of(
                                    "op",
                                    "test",
                                    "path",
                                    "/metadata/resourceVersion",
                                    "value",
                                    live.getMetadata().getResourceVersion()),
                                Map.of(
                                    "op",
                                    "replace",
                                    "path",
                                    "/metadata/managedFields",
                                    "value",
                                    fields)))));
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
