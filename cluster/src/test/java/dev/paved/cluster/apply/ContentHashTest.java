package dev.paved.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.object.ObjectRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentHashTest {

  @Test
  void theHashIgnoresKeyOrderButNotValues() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("kind", "Service");
    a.put("spec", Map.of("ports", List.of(Map.of("port", 80))));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("spec", Map.of("ports", List.of(Map.of("port", 80))));
    b.put("kind", "Service");
    assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(b)).hasSize(32);
    b.put("spec", Map.of("ports", List.of(Map.of("port", 81))));
    assertThat(ContentHash.of(a)).isNotEqualTo(ContentHash.of(b));
  }

  @Test
  void aRefNamesClusterScopedObjectsWithoutANamespace() {
    assertThat(
            ObjectRef.of(
                Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "x"))))
        .hasToString("Namespace/x");
    assertThat(
            ObjectRef.of(
                Map.of(
                    "apiVersion",
                    "v1",
                    "kind",
                    "Service",
                    "metadata",
                    Map.of("name", "s", "namespace", "n"))))
        .hasToString("Service/n/s");
  }
}
