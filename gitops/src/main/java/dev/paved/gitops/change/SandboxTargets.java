package dev.paved.gitops.change;

import dev.paved.cluster.sandbox.CloudProfile;
import dev.paved.core.error.UsageException;
import dev.paved.core.platform.PlatformLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets {@code paved up --clusters N} gives its sandboxes: one sandbox per target, each
 * target the built-in {@code sandbox} one with its own name, environments and context. One cluster
 * serves dev, staging and prod; two split prod off (on an EKS-like sandbox); three give every
 * environment its own (staging GKE-like).
 */
public final class SandboxTargets {

  /** The most clusters: one per seeded environment. */
  public static final int MAX = 3;

  /**
   * One sandbox and the target on it.
   *
   * @param name the sandbox's and the target's name (context {@code paved-NAME})
   * @param environments the environments the target serves
   * @param profile the cloud its nodes imitate
   */
  public record Planned(String name, List<String> environments, CloudProfile profile) {
    public Planned {
      environments = List.copyOf(environments);
    }

    public String context() {
      return "paved-" + name;
    }
  }

  private SandboxTargets() {}

  /**
   * The sandboxes for {@code clusters}, the default one first.
   *
   * @throws UsageException unless it is 1 to {@value #MAX}
   */
  public static List<Planned> plan(int clusters) {
    return switch (clusters) {
      case 1 ->
          List.of(new Planned("sandbox", List.of("dev", "staging", "prod"), CloudProfile.NONE));
      case 2 ->
          List.of(
              new Planned("sandbox", List.of("dev", "staging"), CloudProfile.NONE),
              new Planned("sandbox-prod", List.of("prod"), CloudProfile.EKS));
      case 3 ->
          List.of(
              new Planned("sandbox", List.of("dev"), CloudProfile.NONE),
              new Planned("sandbox-staging", List.of("staging"), CloudProfile.GKE),
              new Planned("sandbox-prod", List.of("prod"), CloudProfile.EKS));
      default ->
          throw new UsageException(
              "clusters is " + clusters,
              "use 1 (one sandbox), 2 (prod on its own) or 3 (one per environment)");
    };
  }

  /** The target files of {@code plan}, by path in the platform repository. */
  public static Map<String, String> files(List<Planned> plan) {
    String builtIn = PlatformLoader.readResource("targets/sandbox.yaml");
    Map<String, String> files = new LinkedHashMap<>();
    for (Planned p : plan) {
      files.put(
          "platform/targets/" + p.name() + ".yaml",
          builtIn
              .replaceFirst("(?m)^  name: sandbox$", "  name: " + p.name())
              .replaceFirst(
                  "(?m)^  environments: .*$",
                  "  environments: [" + String.join(", ", p.environments()) + "]")
              .replaceFirst("(?m)^  context: .*$", "  context: " + p.context()));
    }
    return files;
  }
}
