package dev.paved.cluster.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of each component. The flags are the ones seen working in {@code
 * sandbox/smoke-test.sh} (docs/sandbox-build.md), plus secure ports for the controllers' health
 * endpoints and kwok's stage and node-selection flags.
 */
record ComponentCommands(
    SandboxBinaries binaries, SandboxLayout layout, SandboxPki pki, SandboxPorts ports) {

  /** Annotation kwok selects the nodes it manages by; nodes without it are left alone. */
  static final String KWOK_NODE_SELECTOR = SandboxLabels.KWOK_NODE + "=fake";

  List<String> command(SandboxComponent component) {
    String binary = binaries.require(component).toString();
    List<String> flags =
        switch (component) {
          case ETCD -> etcd();
          case KUBE_APISERVER -> apiserver();
          case KUBE_CONTROLLER_MANAGER -> controllerManager();
          case KUBE_SCHEDULER -> scheduler();
          case KWOK -> kwok();
        };
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(binary), flags.stream())
        .toList();
  }

  private List<String> etcd() {
    String client = "http://127.0.0.1:" + ports.etcd();
    String peer = "http://127.0.0.1:" + ports.etcdPeer();
    return List.of(
        "--name=sandbox",
        "--data-dir=" + layout.etcdData(),
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=sandbox=" + peer,
        "--unsafe-no-fsync");
  }

  private List<String> apiserver() {
    return List.of(
        "--etcd-servers=http://127.0.0.1:" + ports.etcd(),
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--secure-port=" + ports.apiserver(),
        "--tls-cert-file=" + pki.apiserverCert(),
        "--tls-private-key-file=" + pki.apiserverKey(),
        "--client-ca-file=" + pki.caCert(),
        "--token-auth-file=" + pki.tokenFile(),
        "--authorization-mode=RBAC",
        // like kubeadm and the managed clouds: privileged pods are possible, so policies matter
        "--allow-privileged=true",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + pki.serviceAccountPub(),
        "--service-account-signing-key-file=" + pki.serviceAccountKey(),
        "--service-cluster-ip-range=10.96.0.0/16",
        // a loopback advertise address cannot be an endpoint; without this stop takes ~20 s
        "--endpoint-reconciler-type=none",
        "--cert-dir=" + layout.certDir(SandboxComponent.KUBE_APISERVER));
  }

  private List<String> controllerManager() {
    return List.of(
        "--kubeconfig=" + kubeconfig(),
        "--authentication-kubeconfig=" + kubeconfig(),
        "--authorization-kubeconfig=" + kubeconfig(),
        "--bind-address=127.0.0.1",
        "--secure-port=" + ports.controllerManager(),
        "--cert-dir=" + layout.certDir(SandboxComponent.KUBE_CONTROLLER_MANAGER),
        "--leader-elect=false",
        "--service-account-private-key-file=" + pki.serviceAccountKey(),
        "--root-ca-file=" + pki.caCert(),
        "--use-service-account-credentials=false");
  }

  private List<String> scheduler() {
    return List.of(
        "--kubeconfig=" + kubeconfig(),
        "--authentication-kubeconfig=" + kubeconfig(),
        "--authorization-kubeconfig=" + kubeconfig(),
        "--bind-address=127.0.0.1",
        "--secure-port=" + ports.scheduler(),
        "--cert-dir=" + layout.certDir(SandboxComponent.KUBE_SCHEDULER),
        "--leader-elect=false");
  }

  private List<String> kwok() {
    return List.of(
        "--kubeconfig=" + kubeconfig(),
        "--config=" + layout.stagesFile(),
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=" + KWOK_NODE_SELECTOR,
        "--node-lease-duration-seconds=40",
        "--cidr=10.0.0.0/16",
        "--node-ip=10.255.0.1",
        "--server-address=127.0.0.1:" + ports.kwok());
  }

  private Path kubeconfig() {
    return layout.kubeconfig();
  }
}
