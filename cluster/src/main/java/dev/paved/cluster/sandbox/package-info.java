/**
 * The sandbox: a real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler) plus KWOK simulating GPU and CPU nodes and pod lifecycles, run as local processes
 * on loopback ports. Owns starting, health-checking, stopping and reporting on them; the binaries
 * come from {@code sandbox/build.sh}.
 */
package dev.paved.cluster.sandbox;
