package dev.paved.gitops.change;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.text.SecretDetector;
import dev.paved.gitops.repo.FileChange;
import dev.paved.gitops.repo.RepoFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a change whose title or files hold a secret-shaped value, before anything is written:
 * every way into Git (a deploy, a portal form, a doctor fix, a rollback, a platform or team file)
 * opens a change, so this one gate keeps secret values out of branches, commits and records.
 */
final class SecretGuard {

  private SecretGuard() {}

  /**
   * @throws InvalidInputException at the first secret-shaped value (its file, line and column, what
   *     it looks like, never the value), with how many more there are
   */
  static void refuseSecrets(String title, RepoFiles base, RepoFiles next) {
    SecretDetector.findIn("title", title).stream()
        .findFirst()
        .ifPresent(
            found -> {
              throw new InvalidInputException(
                  "the change's title looks like "
                      + found.what()
                      + "; secret values must never reach Git, so nothing was written",
                  "say in words what the change does");
            });
    List<SecretDetector.Found> found = new ArrayList<>();
    for (FileChange change : next.changesSince(base)) {
      change.after().ifPresent(text -> found.addAll(SecretDetector.findIn(change.path(), text)));
    }
    if (found.isEmpty()) {
      return;
    }
    SecretDetector.Found first = found.getFirst();
    String more = found.size() == 1 ? "" : " (and " + (found.size() - 1) + " more)";
    throw new InvalidInputException(
        "this looks like "
            + first.what()
            + more
            + "; secret values must never reach Git, so nothing was written",
        first.location(),
        "remove the value; list the secret's NAME under 'secrets:' and store the value in the"
            + " cluster (Secret <app>-secrets, one key per name)");
  }
}
