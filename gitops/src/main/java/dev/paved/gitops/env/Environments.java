package dev.paved.gitops.env;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.platform.Platform;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The rules of every environment, read from {@code platform/environments.yaml}. */
public record Environments(Map<String, EnvironmentRules> rules) {

  private static final Set<String> KEYS =
      Set.of("approvals", "autoMerge", "autoSync", "selfHeal", "prune", "allowEmpty");

  public Environments {
    rules = Map.copyOf(rules);
  }

  public static Environments none() {
    return new Environments(Map.of());
  }

  /** Every environment: those this file gives rules for and those a target serves. */
  public Set<String> known(Platform platform) {
    Set<String> known = new TreeSet<>(rules.keySet());
    platform.targets().values().forEach(t -> known.addAll(t.environments()));
    return known;
  }

  /**
   * @throws InvalidInputException naming the environments that exist, when {@code env} is not one
   */
  public void requireKnown(String env, Platform platform) {
    Set<String> known = known(platform);
    if (!known.contains(env)) {
      throw new InvalidInputException(
          "there is no environment '" + env + "'; the environments are " + String.join(", ", known),
          "deploy to one of them, or ask a platform engineer to add '"
              + env
              + "' to platform/environments.yaml and to a target's environments");
    }
  }

  public EnvironmentRules of(String env) {
    return rules.getOrDefault(env, EnvironmentRules.defaults(env));
  }

  /**
   * Parses the file.
   *
   * @throws InvalidInputException with file:line:col on a bad file
   */
  public static Environments parse(String file, String text) {
    MapReader root =
        MapReader.of(new YamlReader().readOne(file, text), "").allowOnly(Set.of("environments"));
    Map<String, EnvironmentRules> rules = new LinkedHashMap<>();
    root.findMap("environments")
        .ifPresent(
            envs ->
                envs.node()
                    .entries()
                    .forEach(
                        e -> {
                          MapReader env =
                              MapReader.of(e.value(), envs.child(e.key())).allowOnly(KEYS);
                          EnvironmentRules d = EnvironmentRules.defaults(e.key());
                          long approvals =
                              env.findInteger("approvals").orElse((long) d.approvals());
                          if (approvals < 0 || approvals > 10) {
                            throw new InvalidInputException(
                                env.child("approvals") + ": expected 0 to 10, found " + approvals,
                                env.require("approvals").location(),
                                "0 lets the author merge alone; prod usually needs 1");
                          }
                          rules.put(
                              e.key(),
                              new EnvironmentRules(
                                  e.key(),
                                  (int) approvals,
                                  env.findBoolean("autoMerge").orElse(d.autoMerge()),
                                  env.findBoolean("autoSync").orElse(d.autoSync()),
                                  env.findBoolean("selfHeal").orElse(d.selfHeal()),
                                  env.findBoolean("prune").orElse(d.prune()),
                                  env.findBoolean("allowEmpty").orElse(d.allowEmpty())));
                        }));
    return new Environments(rules);
  }
}
