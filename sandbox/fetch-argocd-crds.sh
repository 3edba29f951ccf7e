#!/usr/bin/env bash
# Fetches the Argo CD Application and AppProject CustomResourceDefinitions of a pinned Argo CD
# release. Why: Paved validates the Argo CD Applications it generates against the real CRD
# schema, applied to the sandbox control plane (see sandbox/README.md). The CRDs come from the
# Argo CD Go module itself (github.com/argoproj/argo-cd/v3, manifests/crds/), downloaded with
# `go mod download` through the Go module proxy: that is the allowed source here, and it is
# checksum-verified like any other Go module. Nothing else is downloaded.
#
# Output: ${PAVED_CACHE:-$HOME/.cache/paved}/argocd/<version>/{application-crd.yaml,appproject-crd.yaml}
# If both files are already there, nothing is downloaded. Progress goes to stderr; the last
# (and only) line on stdout is that directory, so callers can do DIR=$(fetch-argocd-crds.sh).
#
# Usage: fetch-argocd-crds.sh [--help]
# Exit codes: 0 ok, 2 bad usage, 3 a step failed (the message names the step).
set -euo pipefail

ARGOCD_MODULE=github.com/argoproj/argo-cd/v3
ARGOCD_VERSION=v3.1.9
CRD_FILES=(application-crd.yaml appproject-crd.yaml)
OUT_DIR="${PAVED_CACHE:-$HOME/.cache/paved}/argocd/$ARGOCD_VERSION"

say() { echo "argocd crds: $*" >&2; }
fail() { # fail STEP MESSAGE...
  local step=$1
  shift
  say "step '$step' FAILED: $*"
  exit 3
}

case "${1-}" in
  "") ;;
  -h | --help)
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
    exit 0
    ;;
  *)
    say "unknown argument '$1' (usage: fetch-argocd-crds.sh [--help])"
    exit 2
    ;;
esac

have_all() {
  local f
  for f in "${CRD_FILES[@]}"; do [[ -s "$OUT_DIR/$f" ]] || return 1; done
}

if have_all; then
  say "cached in $OUT_DIR"
  echo "$OUT_DIR"
  exit 0
fi

# Step 1: a Go toolchain.
command -v go >/dev/null 2>&1 ||
  fail "check go" "'go' not found on PATH: install Go 1.26 or newer (https://go.dev/dl/) and retry"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOWORK=off

# Step 2: download the module (a no-op when it is already in the Go module cache). Run from an
# empty temporary directory so that no surrounding go.mod or go.work is involved.
TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/paved-argocd-crds.XXXXXX") ||
  fail "make temp dir" "mktemp failed"
trap 'rm -rf "$TMP_DIR"' EXIT
say "go mod download $ARGOCD_MODULE@$ARGOCD_VERSION (can take a minute the first time)"
if ! info=$(cd "$TMP_DIR" && go mod download -json "$ARGOCD_MODULE@$ARGOCD_VERSION" 2>"$TMP_DIR/stderr"); then
  detail=$(sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' <<<"$info")
  [[ -n "$detail" ]] || detail=$(tail -n 5 "$TMP_DIR/stderr")
  fail "go mod download" "${detail:-no output}"
fi
mod_dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$info")
[[ -n "$mod_dir" && -d "$mod_dir" ]] ||
  fail "go mod download" "no module directory in its output: $info"
say "module in $mod_dir"

# Step 3: copy the CRDs (module cache files are read-only: install them 0644, atomically).
mkdir -p "$OUT_DIR" || fail "copy crds" "cannot create $OUT_DIR"
for f in "${CRD_FILES[@]}"; do
  src="$mod_dir/manifests/crds/$f"
  [[ -s "$src" ]] || fail "copy crds" "$src is missing or empty in $ARGOCD_MODULE@$ARGOCD_VERSION"
  grep -q '^kind: CustomResourceDefinition$' "$src" ||
    fail "copy crds" "$src is not a CustomResourceDefinition"
  if ! { install -m 0644 "$src" "$OUT_DIR/.$f.tmp" && mv -f "$OUT_DIR/.$f.tmp" "$OUT_DIR/$f"; }; then
    fail "copy crds" "cannot write $OUT_DIR/$f"
  fi
  say "wrote $OUT_DIR/$f"
done

echo "$OUT_DIR"
