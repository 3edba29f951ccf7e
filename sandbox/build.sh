#!/usr/bin/env bash
# Builds the sandbox control plane from the official Go modules, through the Go module proxy:
#   etcd                      go.etcd.io/etcd/server/v3          (wrapper module)
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
#                             k8s.io/kubernetes/cmd/...          (wrapper module with staging replaces)
#   kwok                      sigs.k8s.io/kwok/cmd/kwok          (go install)
# Versions come from versions.env next to this script. Outputs go to
#   ${PAVED_SANDBOX_CACHE:-$HOME/.cache/paved/sandbox}/<key>/bin/
# A binary already there is not rebuilt. See sandbox/README.md and docs/sandbox-build.md.
#
# Usage: build.sh [--print-bin-dir | --force | --help]
# Exit codes: 0 ok, 1 a build step failed, 2 bad usage, 3 no usable Go toolchain.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=versions.env
source "$SCRIPT_DIR/versions.env"

CACHE_ROOT=${PAVED_SANDBOX_CACHE:-$HOME/.cache/paved/sandbox}
KEY="k8s-${PAVED_K8S_VERSION}_etcd-${PAVED_ETCD_VERSION}_kwok-${PAVED_KWOK_VERSION}"
KEY_DIR="$CACHE_ROOT/$KEY"
BIN_DIR="$KEY_DIR/bin"
WORK_DIR="$KEY_DIR/work"   # wrapper modules and temporary outputs
LOG_DIR="$KEY_DIR/logs"    # one log file per step
NICE=${PAVED_SANDBOX_NICE:-10}
KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
ALL_BINARIES=(etcd "${KUBE_BINARIES[@]}" kwok)
STEP_TIMES=()

say() { echo "sandbox: $*" >&2; }

missing() { # missing NAME...: prints those of NAME... that are not yet in BIN_DIR
  local b
  for b in "$@"; do [[ -x "$BIN_DIR/$b" ]] || echo "$b"; done
}

check_go() {
  if ! command -v go >/dev/null 2>&1; then
    say "'go' not found on PATH: install Go 1.26 or newer (https://go.dev/dl/) and retry"
    exit 3
  fi
  local v minor
  v=$(GOTOOLCHAIN=local go env GOVERSION)   # e.g. go1.26.8
  minor=$(echo "$v" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  if [[ -z "$minor" || "$minor" -lt 26 ]]; then
    say "found $v, but etcd $PAVED_ETCD_VERSION and kwok $PAVED_KWOK_VERSION need Go 1.26 or newer"
    exit 3
  fi
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod GOWORK=off
}

step() { # step NAME FUNCTION [ARGS...]: runs FUNCTION with its output in LOG_DIR/NAME.log
  local name=$1 log="$LOG_DIR/$1.log" start=$SECONDS rc=0
  shift
  say "$name (log: $log)"
  set +e
  ( set -e; "$@" ) >"$log" 2>&1
  rc=$?
  set -e
  echo "step $name: exit $rc after $((SECONDS - start))s" >>"$log"
  if [[ $rc -ne 0 ]]; then
    tail -n 5 "$log" | sed 's/^/sandbox:   | /' >&2
    say "step '$name' FAILED (exit $rc); full log: $log"
    exit 1
  fi
  STEP_TIMES+=("$name=$((SECONDS - start))s")
}

new_module() { # new_module DIR: a fresh, empty wrapper module in DIR (cwd becomes DIR)
  rm -rf "$1" && mkdir -p "$1" && cd "$1"
  go mod init paved.invalid/sandbox-wrapper
}

gobuild() { nice -n "$NICE" go build -trimpath "$@"; }

print_version() { # print_version BINARY: a smoke check that the binary runs
  case "$(basename "$1")" in
    kubectl) "$1" version --client ;;
    *) "$1" --version ;;
  esac
}

install_from() { # install_from DIR NAME...: moves built binaries into BIN_DIR (atomic rename)
  local dir=$1 b
  shift
  for b in "$@"; do print_version "$dir/$b"; done
  for b in "$@"; do mv -f "$dir/$b" "$BIN_DIR/$b"; done
  rm -rf "$dir"
}

build_etcd() {
  new_module "$WORK_DIR/etcd"
  go get -tool "go.etcd.io/etcd/server/v3@$PAVED_ETCD_VERSION"
  gobuild -ldflags "-s -w" -o "$WORK_DIR/out-etcd/etcd" go.etcd.io/etcd/server/v3
  install_from "$WORK_DIR/out-etcd" etcd
}

kube_ldflags() { # the version variables that upstream's hack/lib/version.sh sets
  local v=$PAVED_K8S_VERSION major minor date pkg flags="-s -w"
  major=${v#v}; major=${major%%.*}
  minor=${v#v*.}; minor=${minor%%.*}
  date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$v -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date"
  done
  echo "$flags"
}

build_kube() { # build_kube NAME...: builds the named commands of k8s.io/kubernetes
  local v=$PAVED_K8S_VERSION staging_tag="v0.${PAVED_K8S_VERSION#v1.}" info upstream_mod m b
  local -a pkgs=()
  new_module "$WORK_DIR/kubernetes"
  # Go ignores replace directives of dependencies, and k8s.io/kubernetes requires its staging
  # modules at v0.0.0 with local replaces. Read that list from the real go.mod and point each
  # staging module at its published tag v0.<minor>.<patch>.
  info=$(go mod download -json "k8s.io/kubernetes@$v") || { echo "$info"; return 1; }
  upstream_mod=$(echo "$info" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
  sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/src/.*#\1#p' "$upstream_mod" |
    while read -r m; do go mod edit "-replace=$m=$m@$staging_tag"; done
  # Keep upstream's GODEBUG defaults (a dependency's godebug lines are otherwise ignored).
  grep '^godebug ' "$upstream_mod" >>go.mod || true
  echo "staging replaces: $(grep -c "=> k8s.io/.* $staging_tag" go.mod)"
  for b in "$@"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
  go get -tool "${pkgs[@]/%/@$v}"
  gobuild -ldflags "$(kube_ldflags)" -o "$WORK_DIR/out-kube/" "${pkgs[@]}"
  install_from "$WORK_DIR/out-kube" "$@"
}

build_kwok() {
  mkdir -p "$WORK_DIR" && cd "$WORK_DIR"
  GOBIN="$WORK_DIR/out-kwok" nice -n "$NICE" go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/kwok/cmd/kwok@$PAVED_KWOK_VERSION"
  install_from "$WORK_DIR/out-kwok" kwok
}

main() {
  case "${1:-}" in
    --print-bin-dir) echo "$BIN_DIR"; exit 0 ;;
    --force) rm -rf "$BIN_DIR" ;;
    "") ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) say "unknown argument '$1' (try --help)"; exit 2 ;;
  esac
  if [[ -z "$(missing "${ALL_BINARIES[@]}")" ]]; then
    say "up to date: $BIN_DIR"
    exit 0
  fi
  check_go
  mkdir -p "$BIN_DIR" "$LOG_DIR"
  exec 9>"$KEY_DIR/.lock"
  flock 9   # another build.sh run for the same key finishes first
  local start=$SECONDS todo
  say "building into $BIN_DIR with $(go env GOVERSION) (nice $NICE)"
  [[ -z "$(missing etcd)" ]] || step etcd build_etcd
  todo=$(missing "${KUBE_BINARIES[@]}" | tr '\n' ' ')
  # shellcheck disable=SC2086 # word splitting of the name list is intended
  [[ -z "$todo" ]] || step kubernetes build_kube $todo
  [[ -z "$(missing kwok)" ]] || step kwok build_kwok
  rm -rf "$WORK_DIR"
  say "done in $((SECONDS - start))s (${STEP_TIMES[*]:-nothing to do}): $BIN_DIR"
}

main "$@"
