package dev.paved.server.portal;

import dev.paved.gitops.change.ChangeRequest;
import java.util.List;

/** The change requests the user may see: open ones first, then the last hundred finished. */
public record ChangeList(Chrome chrome, List<ChangeRequest> open, List<ChangeRequest> done) {

  public ChangeList {
    open = List.copyOf(open);
    done = List.copyOf(done);
  }
}
