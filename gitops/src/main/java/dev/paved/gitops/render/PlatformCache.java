package dev.paved.gitops.render;

import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loaded platforms by their files. Revisions mostly share one platform, and loading one compiles
 * every golden path's CEL, so a platform is loaded once per distinct set of {@code platform/}
 * files. Platforms are immutable; the cache is bounded (cleared past 32 entries). Thread-safe.
 */
public final class PlatformCache {

  private static final int MAX = 32;

  private final Map<Map<String, String>, Platform> loaded = new ConcurrentHashMap<>();

  /**
   * The platform of a revision: the built-ins overridden by its {@code platform/} files. Only those
   * are read, so a whole repository's files may be passed as they are: the generated part is never
   * under {@code platform/} (no need to split it off first, which copies every file and was, per
   * app, most of the server's work with 1,000 apps).
   */
  public Platform of(RepoFiles files) {
    Map<String, String> platform = new LinkedHashMap<>();
    Map<String, String> shown = new LinkedHashMap<>();
    files
        .under(RepoLayout.PLATFORM)
        .forEach(
            (relative, text) -> {
              if (relative.endsWith(".yaml")
                  && relative.contains("/")
                  && !relative.endsWith("/" + RepoLayout.CATALOG_FILE)) {
                platform.put(relative, text);
                shown.put(relative, RepoLayout.PLATFORM + relative);
              }
            });
    if (loaded.size() > MAX) {
      loaded.clear();
    }
    return loaded.computeIfAbsent(platform, key -> new PlatformLoader().load(key, shown));
  }
}
