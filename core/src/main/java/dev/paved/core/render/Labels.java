package dev.paved.core.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** Label and annotation names Paved writes, in one place. */
public final class Labels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String TEAM = "paved.dev/team";
  public static final String APP = "paved.dev/app";
  public static final String ENV = "paved.dev/env";
  public static final String PATH_ANNOTATION = "paved.dev/path";

  /** On pod-owning objects: the golden path's workload kind, service, job or notebook. */
  public static final String WORKLOAD_ANNOTATION = "paved.dev/workload";

  public static final String MANAGER = "paved";

  private Labels() {}

  /** The labels every rendered object carries. */
  public static Map<String, String> standard(String app, String team, String env) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, app);
    labels.put(INSTANCE, app);
    labels.put(MANAGED_BY, MANAGER);
    labels.put(TEAM, team);
    labels.put(APP, app);
    labels.put(ENV, env);
    return labels;
  }

  /** The stable subset used as pod selector; it never changes for the life of the app. */
  public static Map<String, String> selector(String app) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, app);
    labels.put(INSTANCE, app);
    return labels;
  }
}
