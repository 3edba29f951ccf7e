package dev.paved.cluster.health;

import dev.paved.cluster.object.ObjectRef;
import java.util.List;
import java.util.Map;

/**
 * An app's health: the worst of its objects, with the message of the worst ones.
 *
 * @param objects each object's health, in apply order
 */
public record AppHealth(Map<ObjectRef, Health> objects) {

  public AppHealth {
    objects = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(objects));
  }

  public Health overall() {
    if (objects.isEmpty()) {
      return Health.missing("the app has no objects");
    }
    HealthStatus worst =
        objects.values().stream()
            .map(Health::status)
            .reduce(HealthStatus.HEALTHY, (a, b) -> b.worseThan(a) ? b : a);
    if (worst == HealthStatus.HEALTHY) {
      return Health.healthy("all " + objects.size() + " objects healthy");
    }
    List<String> reasons =
        objects.entrySet().stream()
            .filter(e -> e.getValue().status() == worst)
            .map(e -> e.getKey().kind() + "/" + e.getKey().name() + ": " + e.getValue().message())
            .toList();
    return new Health(worst, String.join("; ", reasons));
  }
}
