#!/usr/bin/env bash
# Builds Helm from its official Go module (helm.sh/helm/v3) through the Go module proxy, once, and
# prints the binary's path. The chart tests (deploy/helm/paved) render and install with it; nothing
# is downloaded from anywhere else. Cached under ${PAVED_TOOLS_CACHE:-~/.cache/paved/tools}.
# Safe to run again. Exit codes: 0 ok, 1 the build failed, 3 no usable Go.
set -euo pipefail
HELM_VERSION=v3.22.0
# the Kubernetes version helm assumes when it talks to no cluster (helm template, lint), as helm's
# own Makefile sets it: 1.<minor of its k8s.io/client-go>, v0.37 for helm 3.22
K8S_DEFAULT_MINOR=37
dir=${PAVED_TOOLS_CACHE:-$HOME/.cache/paved/tools}/helm-$HELM_VERSION-k8s1.$K8S_DEFAULT_MINOR
if [ ! -x "$dir/helm" ]; then
  command -v go >/dev/null 2>&1 || { echo "helm: 'go' not found on PATH: install Go 1.26+" >&2; exit 3; }
  echo "helm: building helm $HELM_VERSION from the Go module proxy (first run, about 2 minutes)..." >&2
  mkdir -p "$dir"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$dir" GOFLAGS=-mod=mod GOWORK=off \
    nice -n 10 go install -ldflags "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION \
      -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 \
      -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$K8S_DEFAULT_MINOR \
      -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 \
      -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$K8S_DEFAULT_MINOR" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2 || { echo "helm: the build failed (output above)" >&2; exit 1; }
fi
echo "$dir/helm"
