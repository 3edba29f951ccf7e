package dev.paved.gitops.change;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A change request's record.
 *
 * @param id its id, e.g. {@code cr-1a2b3c4d}
 * @param title one line
 * @param author who opened it
 * @param state its state
 * @param base the main commit it was checked against
 * @param head the commit of its branch: base plus intent plus rendered output
 * @param intents what it asks for
 * @param envs the environments whose rendered files it changes
 * @param approvals who approved it (never the author)
 * @param opened when it was opened
 * @param merged the main commit that merged it, once merged
 * @param blocked why it cannot merge as it stands (a blocking finding, a deployment it breaks), as
 *     its checks found when it was opened or last rechecked; empty when nothing blocks it
 */
public record ChangeRequest(
    String id,
    String title,
    String author,
    ChangeState state,
    String base,
    String head,
    List<Intent> intents,
    List<String> envs,
    List<String> approvals,
    Instant opened,
    Optional<String> merged,
    Optional<String> blocked) {

  public ChangeRequest {
    intents = List.copyOf(intents);
    envs = List.copyOf(envs);
    approvals = List.copyOf(approvals);
  }

  public String branch() {
    return "refs/heads/changes/" + id;
  }

  public ChangeRequest withState(ChangeState next) {
    return new ChangeRequest(
        id, title, author, next, base, head, intents, envs, approvals, opened, merged, blocked);
  }

  public ChangeRequest withApproval(String who) {
    List<String> more = new java.util.ArrayList<>(approvals);
    if (!more.contains(who)) {
      more.add(who);
    }
    return new ChangeRequest(
        id,
        title,
        author,
        ChangeState.APPROVED,
        base,
        head,
        intents,
        envs,
        more,
        opened,
        merged,
        blocked);
  }

  public ChangeRequest mergedAs(String commit) {
    return new ChangeRequest(
        id,
        title,
        author,
        ChangeState.MERGED,
        base,
        head,
        intents,
        envs,
        approvals,
        opened,
        Optional.of(commit),
        Optional.empty());
  }

  public ChangeRequest rebased(
      String newBase,
      String newHead,
      List<String> newEnvs,
      boolean keepApprovals,
      Optional<String> nowBlocked) {
    return new ChangeRequest(
        id,
        title,
        author,
        keepApprovals ? state : ChangeState.OPEN,
        newBase,
        newHead,
        intents,
        newEnvs,
        keepApprovals ? approvals : List.of(),
        opened,
        merged,
        nowBlocked);
  }
}
