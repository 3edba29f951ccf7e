package dev.paved.server.portal;

import dev.paved.core.path.GoldenPath;
import dev.paved.core.target.Target;
import dev.paved.server.Services;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A golden path's form, generated from its parameter schema, with the preview beside it.
 *
 * @param fields the inputs, nested parameters flattened with their group
 * @param gpuClasses the GPU classes any target offers (the choices of a gpuClass parameter)
 * @param preview the preview of what was submitted, when the form comes back with errors
 */
public record PathForm(
    Chrome chrome,
    String name,
    String version,
    String description,
    List<DraftForm.Field> fields,
    List<String> teams,
    List<String> envs,
    List<String> gpuClasses,
    DraftForm form,
    Optional<DraftPreview> preview) {

  public PathForm {
    fields = List.copyOf(fields);
    teams = List.copyOf(teams);
    envs = List.copyOf(envs);
    gpuClasses = List.copyOf(gpuClasses);
  }

  static PathForm of(
      Context ctx, Services services, GoldenPath path, DraftForm form, List<String> teams) {
    TreeSet<String> gpus = new TreeSet<>();
    for (Target target : services.backend().platform().targets().values()) {
      gpus.addAll(target.gpuClasses().keySet());
    }
    return new PathForm(
        Pages.chrome(ctx, "paths", "Deploy " + path.name()),
        path.name(),
        path.version().toString(),
        path.description(),
        DraftForm.Field.of(path),
        teams,
        List.copyOf(services.backend().environments()),
        List.copyOf(gpus),
        form,
        Optional.empty());
  }

  PathForm withPreview(DraftPreview shown) {
    return new PathForm(
        chrome,
        name,
        version,
        description,
        fields,
        teams,
        envs,
        gpuClasses,
        form,
        Optional.of(shown));
  }

  /** The error shown beside a field, empty when it is fine. */
  public String error(String key) {
    return preview.map(p -> p.errors().getOrDefault(key, "")).orElse("");
  }
}
