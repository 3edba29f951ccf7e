package dev.paved.cluster.logs;

/**
 * One container's log in one pod.
 *
 * @param namespace the pod's namespace
 * @param pod the pod
 * @param container the container
 * @param previous the log of its last terminated run rather than of the current one
 */
public record LogSource(String namespace, String pod, String container, boolean previous) {

  @Override
  public String toString() {
    return pod + "/" + container + (previous ? " (previous run)" : "");
  }
}
