package dev.paved.gitops.change;

import java.util.List;
import java.util.Map;

/** What a change request asks for, before rendering. */
public sealed interface Intent {

  /** Adds or changes an app's paved.yaml and deploys it to {@code envs}. */
  record PutApp(String spec, List<String> envs) implements Intent {
    public PutApp {
      envs = List.copyOf(envs);
    }
  }

  /**
   * Removes an app from one environment (and its spec once no environment is left). With {@code
   * delete} the sync deletes its objects from the cluster even where the environment's prune is
   * off, as deleting an Argo CD Application with cascade does; without, the environment's prune
   * decides.
   */
  record RemoveApp(String team, String app, String env, boolean delete) implements Intent {

    public RemoveApp(String team, String app, String env) {
      this(team, app, env, false);
    }
  }

  /** Adds or changes a platform file ({@code platform/…}). */
  record PutPlatformFile(String path, String text) implements Intent {}

  /** Deletes a platform file. */
  record RemovePlatformFile(String path) implements Intent {}

  /** The intent as plain data, for the record. */
  default Map<String, Object> toMap() {
    return switch (this) {
      case PutApp p -> Map.of("type", "put-app", "spec", p.spec(), "envs", p.envs());
      case RemoveApp r ->
          Map.of(
              "type",
              "remove-app",
              "team",
              r.team(),
              "app",
              r.app(),
              "env",
              r.env(),
              "delete",
              r.delete());
      case PutPlatformFile f ->
          Map.of("type", "put-platform-file", "path", f.path(), "text", f.text());
      case RemovePlatformFile f -> Map.of("type", "remove-platform-file", "path", f.path());
    };
  }

  @SuppressWarnings("unchecked")
  static Intent fromMap(Map<String, Object> map) {
    return switch (String.valueOf(map.get("type"))) {
      case "put-app" -> new PutApp((String) map.get("spec"), (List<String>) map.get("envs"));
      case "remove-app" ->
          new RemoveApp(
              (String) map.get("team"),
              (String) map.get("app"),
              (String) map.get("env"),
              Boolean.TRUE.equals(map.get("delete")));
      case "put-platform-file" ->
          new PutPlatformFile((String) map.get("path"), (String) map.get("text"));
      case "remove-platform-file" -> new RemovePlatformFile((String) map.get("path"));
      default -> throw new IllegalArgumentException("unknown intent " + map.get("type"));
    };
  }
}
