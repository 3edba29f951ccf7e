package dev.paved.gitops.render;

import dev.paved.core.render.ManifestWriter;
import dev.paved.core.rendered.RenderedObject;
import java.util.List;
import java.util.Locale;

/** One rendered object per file, numbered in apply order, with a "do not edit" header. */
final class ObjectFiles {

  static final String HEADER = "# Rendered by Paved from %s (path %s). Do not edit: change %s.\n";

  private ObjectFiles() {}

  static String name(int index, RenderedObject object) {
    return String.format(
        Locale.ROOT,
        "%02d-%s-%s.yaml",
        index + 1,
        object.kind().toLowerCase(Locale.ROOT),
        object.name());
  }

  static String content(String spec, String path, RenderedObject object) {
    return String.format(Locale.ROOT, HEADER, spec, path, spec)
        + ManifestWriter.yaml(List.of(object));
  }
}
