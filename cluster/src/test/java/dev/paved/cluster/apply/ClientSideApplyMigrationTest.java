package dev.paved.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The take-over of kubectl client-side-applied objects, from a real object (kubectl 1.34). */
class ClientSideApplyMigrationTest {

  private static GenericKubernetesResource clientSideApplied() {
    InputStream json =
        ClientSideApplyMigrationTest.class.getResourceAsStream(
            "/apply/client-side-applied-configmap.json");
    return Serialization.unmarshal(json, GenericKubernetesResource.class);
  }

  @Test
  void movesTheClientSideFieldsIntoPavedsApplyEntry() {
    List<Map<String, Object>> fields =
        ClientSideApplyMigration.managedFields(clientSideApplied(), "paved").orElseThrow();
    assertThat(fields).hasSize(1);
    Map<String, Object> entry = fields.getFirst();
    assertThat(entry)
        .containsEntry("manager", "paved")
        .containsEntry("operation", "Apply")
        .containsEntry("apiVersion", "v1")
        .containsEntry("fieldsType", "FieldsV1");
    assertThat(Serialization.asJson(entry.get("fieldsV1")))
        .contains("\"f:legacy\"", "\"f:mode\"", "\"f:team\"", "last-applied-configuration");
  }

  @Test
  void keepsOtherManagersAndMergesWithPavedsOwnEntry() {
    GenericKubernetesResource live = clientSideApplied();
    var managed = new java.util.ArrayList<>(live.getMetadata().getManagedFields());
    managed.add(
        new ManagedFieldsEntryBuilder()
            .withManager("paved")
            .withOperation("Apply")
            .withApiVersion("v1")
            .withFieldsType("FieldsV1")
            .withNewFieldsV1()
            .addToAdditionalProperties("f:data", Map.of("f:owner", Map.of()))
            .endFieldsV1()
            .build());
    managed.add(
        new ManagedFieldsEntryBuilder()
            .withManager("kubectl-edit")
            .withOperation("Update")
            .withApiVersion("v1")
            .withFieldsType("FieldsV1")
            .build());
    live.getMetadata().setManagedFields(managed);

    List<Map<String, Object>> fields =
        ClientSideApplyMigration.managedFields(live, "paved").orElseThrow();
    assertThat(fields).extracting(f -> f.get("manager")).containsExactly("kubectl-edit", "paved");
    assertThat(Serialization.asJson(fields.get(1).get("fieldsV1")))
        .contains("\"f:owner\"", "\"f:legacy\"", "\"f:mode\"");
  }

  @Test
  void leavesAnObjectThatWasNeverClientSideAppliedAlone() {
    GenericKubernetesResource live = clientSideApplied();
    live.getMetadata().getAnnotations().remove(ClientSideApplyMigration.LAST_APPLIED);
    assertThat(ClientSideApplyMigration.managedFields(live, "paved")).isEmpty();
  }

  @Test
  void leavesAnObjectAlreadyMigratedAlone() {
    GenericKubernetesResource live = clientSideApplied();
    live.getMetadata().getManagedFields().getFirst().setManager("paved");
    live.getMetadata().getManagedFields().getFirst().setOperation("Apply");
    assertThat(ClientSideApplyMigration.managedFields(live, "paved")).isEmpty();
  }
}
