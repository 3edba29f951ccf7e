#!/usr/bin/env bash
# Renders the Helm chart with its default values into deploy/kustomize/paved.yaml, for kustomize
# users (kubectl apply -k deploy/kustomize, or a kustomization of your own that patches it).
# ChartReleaseIT fails when the committed file differs from what this prints: run it after any
# change to the chart.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
helm=${PAVED_HELM:-$("$root/scripts/helm.sh")}
{
  echo "# Rendered from deploy/helm/paved with its default values by deploy/render-kustomize.sh."
  echo "# Do not edit: patch it from your own kustomization instead."
  "$helm" template paved "$root/deploy/helm/paved" --namespace paved --kube-version 1.34.4
} > "$root/deploy/kustomize/paved.yaml"
echo "deploy/kustomize/paved.yaml: $(grep -c '^kind:' "$root/deploy/kustomize/paved.yaml") objects" >&2
