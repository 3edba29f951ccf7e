package dev.paved.gitops.change;

/** Where a change request is: open → approved → merged, or closed. */
public enum ChangeState {
  OPEN,
  APPROVED,
  MERGED,
  CLOSED;

  public boolean finished() {
    return this == MERGED || this == CLOSED;
  }
}
