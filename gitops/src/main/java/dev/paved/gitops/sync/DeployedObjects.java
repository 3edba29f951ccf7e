package dev.paved.gitops.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.paved.core.error.InvalidInputException;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The desired objects of a deployment: its rendered files on main, in file-name (apply) order. */
public final class DeployedObjects {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DeployedObjects() {}

  /**
   * @throws InvalidInputException naming the file when one does not parse (a hand edit on main)
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> of(RepoFiles files, Deployment deployment) {
    String folder =
        RepoLayout.deployFolder(deployment.env(), deployment.app().team(), deployment.app().app());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Map.Entry<String, String> file : files.under(folder).entrySet()) {
      try {
        Object parsed = YAML.readValue(file.getValue(), Object.class);
        if (!(parsed instanceof Map<?, ?> map) || !map.containsKey("kind")) {
          throw new IOException("not a Kubernetes object");
        }
        objects.add((Map<String, Object>) map);
      } catch (IOException e) {
        throw new InvalidInputException(
            folder + file.getKey() + ": " + e.getMessage(),
            "rendered files are written by Paved; revert the hand edit on main");
      }
    }
    return objects;
  }
}
