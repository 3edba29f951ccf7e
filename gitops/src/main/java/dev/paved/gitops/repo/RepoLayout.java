package dev.paved.gitops.repo;

import java.util.Optional;

/**
 * Where things live in the platform repository (DESIGN §3.4):
 *
 * <pre>
 * platform/{paths,targets,teams,policies}/…   the road, owned by the platform team
 * platform/environments.yaml                  merge and sync rules per environment
 * apps/&lt;team&gt;/&lt;app&gt;/paved.yaml              intent, owned by the app's team
 * apps/&lt;team&gt;/&lt;app&gt;/catalog-info.yaml       generated Backstage entity
 * deploy/&lt;env&gt;/&lt;team&gt;/&lt;app&gt;/*.yaml           rendered by Paved; "do not edit"
 * deploy/&lt;env&gt;/argocd/*.yaml                  Argo CD Applications, for targets in argocd mode
 * </pre>
 */
public final class RepoLayout {

  /**
   * The trailer of a main commit that deletes an app's objects from one environment ({@code
   * Deletes: team/app in env}, a {@link Deployment}'s text): written by the merge of {@code paved
   * delete}, read by the sync, kept by Git.
   */
  public static final String DELETES_TRAILER = "Deletes: ";

  public static final String PLATFORM = "platform/";
  public static final String APPS = "apps/";
  public static final String DEPLOY = "deploy/";
  public static final String ENVIRONMENTS = "platform/environments.yaml";
  public static final String SPEC_FILE = "paved.yaml";
  public static final String CATALOG_FILE = "catalog-info.yaml";
  public static final String ARGOCD_FOLDER = "argocd";

  private RepoLayout() {}

  public static String appFolder(String team, String app) {
    return APPS + team + "/" + app + "/";
  }

  public static String spec(String team, String app) {
    return appFolder(team, app) + SPEC_FILE;
  }

  public static String catalogInfo(String team, String app) {
    return appFolder(team, app) + CATALOG_FILE;
  }

  public static String deployFolder(String env, String team, String app) {
    return DEPLOY + env + "/" + team + "/" + app + "/";
  }

  public static String argocdFolder(String env) {
    return DEPLOY + env + "/" + ARGOCD_FOLDER + "/";
  }

  /** The app a spec path belongs to: {@code apps/<team>/<app>/paved.yaml}. */
  public static Optional<AppKey> appOfSpec(String path) {
    String[] parts = path.split("/");
    if (parts.length == 4 && parts[0].equals("apps") && parts[3].equals(SPEC_FILE)) {
      return Optional.of(new AppKey(parts[1], parts[2]));
    }
    return Optional.empty();
  }

  /** The env and app of a rendered file: {@code deploy/<env>/<team>/<app>/<file>}. */
  public static Optional<Deployment> deploymentOf(String path) {
    String[] parts = path.split("/");
    if (parts.length == 5 && parts[0].equals("deploy") && !parts[2].equals(ARGOCD_FOLDER)) {
      return Optional.of(new Deployment(parts[1], new AppKey(parts[2], parts[3])));
    }
    return Optional.empty();
  }

  /** An app: its team and name. */
  public record AppKey(String team, String app) {
    @Override
    public String toString() {
      return team + "/" + app;
    }
  }

  /** An app deployed to an environment. */
  public record Deployment(String env, AppKey app) {
    @Override
    public String toString() {
      return app + " in " + env;
    }
  }
}
