#!/usr/bin/env bash
# Smoke test of the binaries built by build.sh: starts etcd, kube-apiserver, kube-controller-manager
# and kube-scheduler on loopback (random free ports, state in a temp dir under /tmp), checks
# /readyz with kubectl and a static token, checks that a Deployment gets a ReplicaSet and a pod and
# that the scheduler reports the pod unschedulable (no nodes), then stops everything it started.
# The flags used here are the ones documented in docs/sandbox-build.md.
#
# Usage: smoke-test.sh [--keep]   (--keep leaves the temp dir with logs behind)
# Needs: the binaries (run build.sh first), openssl, curl, python3 (to find free ports).
set -euo pipefail

BIN=$("$(dirname "${BASH_SOURCE[0]}")/build.sh" --print-bin-dir)
KEEP=${1:-}
TMP=$(mktemp -d /tmp/paved-sandbox-smoke.XXXXXX)
TOKEN=$(openssl rand -hex 16)
PIDS=()

say() { echo "smoke: $*" >&2; }
fail() { say "FAILED: $*; logs in $TMP"; KEEP=--keep; exit 1; }

cleanup() { # stop in reverse start order: clients first, etcd last
  local i start=$SECONDS
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  done
  [[ "$KEEP" == --keep ]] || rm -rf "$TMP"
  say "stopped ${#PIDS[@]} processes in $((SECONDS - start))s${KEEP:+; kept $TMP}"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND once a second
  local limit=$1 what=$2 i
  shift 2
  for ((i = 0; i < limit; i++)); do
    if "$@" >/dev/null 2>&1; then say "$what after ${i}s"; return 0; fi
    sleep 1
  done
  fail "$what: not within ${limit}s"
}

make_certs() { # a CA, a serving cert for 127.0.0.1/localhost, a service-account key pair
  cd "$TMP"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=paved-sandbox-ca" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout apiserver.key -out apiserver.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' >san.ext
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 \
    -extfile san.ext -out apiserver.crt 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  echo "$TOKEN,paved-admin,paved-admin,system:masters" >tokens.csv
  cd - >/dev/null
}

write_kubeconfig() { # a kubeconfig with the static token, for controller-manager and scheduler
  cat >"$TMP/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: sandbox, cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: "$TMP/ca.crt"}}]
users: [{name: admin, user: {token: "$TOKEN"}}]
contexts: [{name: sandbox, context: {cluster: sandbox, user: admin}}]
current-context: sandbox
EOF
}

kc() { "$BIN/kubectl" --kubeconfig "$TMP/kubeconfig" "$@"; }

for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  [[ -x "$BIN/$b" ]] || { say "missing $BIN/$b: run sandbox/build.sh first"; exit 1; }
done
ETCD_PORT=$(free_port); PEER_PORT=$(free_port); API_PORT=$(free_port)
make_certs
write_kubeconfig
say "state in $TMP; etcd :$ETCD_PORT (peer :$PEER_PORT), apiserver :$API_PORT"

"$BIN/etcd" --name sandbox --data-dir "$TMP/etcd-data" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$PEER_PORT" \
  --initial-cluster "sandbox=http://127.0.0.1:$PEER_PORT" --unsafe-no-fsync \
  >"$TMP/etcd.log" 2>&1 &
PIDS+=($!)
wait_for 30 "etcd healthy" curl -fsS "http://127.0.0.1:$ETCD_PORT/health"

"$BIN/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --tls-cert-file="$TMP/apiserver.crt" --tls-private-key-file="$TMP/apiserver.key" \
  --client-ca-file="$TMP/ca.crt" \
  --token-auth-file="$TMP/tokens.csv" --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$TMP/sa.pub" --service-account-signing-key-file="$TMP/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 \
  --endpoint-reconciler-type=none \
  --cert-dir="$TMP/apiserver-certs" \
  >"$TMP/kube-apiserver.log" 2>&1 &
PIDS+=($!)
wait_for 90 "kube-apiserver /readyz ok" \
  "$BIN/kubectl" --server "https://127.0.0.1:$API_PORT" --insecure-skip-tls-verify --token "$TOKEN" get --raw /readyz
"$BIN/kubectl" --server "https://127.0.0.1:$API_PORT" --insecure-skip-tls-verify --token "$TOKEN" get --raw /readyz
echo
kc version

"$BIN/kube-controller-manager" --kubeconfig="$TMP/kubeconfig" \
  --authentication-kubeconfig="$TMP/kubeconfig" --authorization-kubeconfig="$TMP/kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false \
  --service-account-private-key-file="$TMP/sa.key" --root-ca-file="$TMP/ca.crt" \
  --use-service-account-credentials=false \
  >"$TMP/kube-controller-manager.log" 2>&1 &
PIDS+=($!)
"$BIN/kube-scheduler" --kubeconfig="$TMP/kubeconfig" \
  --authentication-kubeconfig="$TMP/kubeconfig" --authorization-kubeconfig="$TMP/kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false \
  >"$TMP/kube-scheduler.log" 2>&1 &
PIDS+=($!)

wait_for 60 "default service account created (controller-manager)" kc get serviceaccount default -n default
kc create deployment smoke --image=registry.k8s.io/pause:3.10 >/dev/null
wait_for 60 "deployment -> replicaset -> pod (controller-manager)" \
  bash -c "'$BIN/kubectl' --kubeconfig '$TMP/kubeconfig' get pods -l app=smoke -o name | grep -q pod/"
wait_for 60 "pod marked unschedulable (kube-scheduler, no nodes)" \
  bash -c "'$BIN/kubectl' --kubeconfig '$TMP/kubeconfig' get pods -l app=smoke \
    -o jsonpath='{.items[0].status.conditions[0].reason}' | grep -q Unschedulable"
say "resident memory: $(ps -o comm=,rss= -p "$(IFS=,; echo "${PIDS[*]}")" | awk '{printf "%s %d MB; ", $1, $2/1024}')"
say "all checks passed"
