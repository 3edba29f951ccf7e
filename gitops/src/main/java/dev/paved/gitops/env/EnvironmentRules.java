package dev.paved.gitops.env;

/**
 * How changes reach one environment.
 *
 * @param env the environment
 * @param approvals approvals needed before a merge, each from a member other than the author
 * @param autoMerge merge as soon as checks pass and no approval is needed
 * @param autoSync sync merged revisions without being asked
 * @param selfHeal set back fields someone edited in the cluster
 * @param prune delete objects that left the desired state (off unless turned on)
 * @param allowEmpty with prune on, let an automatic sync remove the last apps of the environment
 *     (off: a main with no apps left there is taken for a mistake, as Argo CD's {@code allowEmpty}
 *     does)
 */
public record EnvironmentRules(
    String env,
    int approvals,
    boolean autoMerge,
    boolean autoSync,
    boolean selfHeal,
    boolean prune,
    boolean allowEmpty) {

  /** The rules of an environment the file does not list: careful ones. */
  public static EnvironmentRules defaults(String env) {
    return new EnvironmentRules(env, 1, false, true, false, false, false);
  }
}
