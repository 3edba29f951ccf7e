package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback ports of one sandbox run. Each component serves HTTPS or HTTP on 127.0.0.1 only.
 *
 * @param etcd etcd's client port
 * @param etcdPeer etcd's peer port (one member, but etcd insists on one)
 * @param apiserver kube-apiserver's secure port, the one in the kubeconfig
 * @param controllerManager kube-controller-manager's secure port (health only)
 * @param scheduler kube-scheduler's secure port (health only)
 * @param kwok kwok's HTTP port (health only)
 */
public record SandboxPorts(
    int etcd, int etcdPeer, int apiserver, int controllerManager, int scheduler, int kwok) {

  /**
   * Asks the kernel for six free loopback ports. Another process may take one before the component
   * binds it; the component then fails with "address already in use" in its log, which {@code up}
   * reports.
   */
  public static SandboxPorts allocate() {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return new SandboxPorts(
          sockets.get(0).getLocalPort(),
          sockets.get(1).getLocalPort(),
          sockets.get(2).getLocalPort(),
          sockets.get(3).getLocalPort(),
          sockets.get(4).getLocalPort(),
          sockets.get(5).getLocalPort());
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot find free loopback ports for the sandbox: " + e.getMessage(), "", true, e);
    } finally {
      sockets.forEach(SandboxPorts::closeQuietly);
    }
  }

  /** Whether every port can be bound now. */
  public boolean free() {
    for (int port : List.of(etcd, etcdPeer, apiserver, controllerManager, scheduler, kwok)) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The port a component's health endpoint listens on. */
  public int healthPort(SandboxComponent component) {
    return switch (component) {
      case ETCD -> etcd;
      case KUBE_APISERVER -> apiserver;
      case KUBE_CONTROLLER_MANAGER -> controllerManager;
      case KUBE_SCHEDULER -> scheduler;
      case KWOK -> kwok;
    };
  }

  public String apiserverUrl() {
    return "https://127.0.0.1:" + apiserver;
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // a socket we only opened to learn a port number; nothing to do
    }
  }
}
