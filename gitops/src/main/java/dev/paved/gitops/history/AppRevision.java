package dev.paved.gitops.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One main commit that changed what an app deploys to one environment.
 *
 * @param id the commit
 * @param time when it was made
 * @param author who merged it
 * @param title its first line (the change's title)
 * @param change the change request that made it, when it came from one
 * @param specChanges the lines of the app's paved.yaml it changed ({@code -old}, {@code +new})
 * @param files rendered files it added, changed or removed
 * @param removed whether it took the app out of the environment
 */
public record AppRevision(
    String id,
    Instant time,
    String author,
    String title,
    Optional<String> change,
    List<String> specChanges,
    int files,
    boolean removed) {

  public AppRevision {
    specChanges = List.copyOf(specChanges);
  }

  public String shortId() {
    return id.substring(0, 12);
  }
}
