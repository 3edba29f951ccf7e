package dev.paved.core.render;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.SecretRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a render in which a container sets one environment variable twice: when a listed secret
 * has the name of a variable the golden path sets itself, the error points at the secret.
 */
final class EnvironmentVariables {

  private EnvironmentVariables() {}

  static void requireUnique(List<RenderedObject> objects, AppSpec spec) {
    for (RenderedObject object : objects) {
      for (Map<String, Object> container : containers(object)) {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> env : Tree.maps(container, "env")) {
          String name = Tree.string(env, "name").orElse("");
          if (!seen.add(name)) {
            throw duplicate(object, name, spec);
          }
        }
      }
    }
  }

  private static InvalidInputException duplicate(RenderedObject object, String name, AppSpec spec) {
    for (SecretRef secret : spec.secrets()) {
      if (secret.name().equals(name)) {
        return new InvalidInputException(
            "secrets: '"
                + name
                + "' clashes with an environment variable the golden path "
                + spec.path().name()
                + " sets",
            secret.location(),
            "store the value under another name");
      }
    }
    return new InvalidInputException(
        object.ref() + " sets the environment variable " + name + " twice",
        spec.path().location(),
        "report this to the platform team: the golden path renders a duplicate");
  }

  private static List<Map<String, Object>> containers(RenderedObject object) {
    Map<String, Object> spec = Tree.map(object.body(), "spec");
    Map<String, Object> pod =
        object.kind().equals("CronJob")
            ? Tree.map(spec, "jobTemplate", "spec", "template", "spec")
            : Tree.map(spec, "template", "spec");
    return java.util.stream.Stream.concat(
            Tree.maps(pod, "initContainers").stream(), Tree.maps(pod, "containers").stream())
        .toList();
  }
}
