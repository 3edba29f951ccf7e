#!/usr/bin/env bash
# Runs a benchmark harness and prints its table; e.g. bench/run.sh render --apps 10000 --json out.json
#   bench/run.sh all [--json-dir DIR]   runs the scale set of issue #10 in turn (render 10,000 apps,
#   the scale run with 1,000 apps on 500 nodes, two clusters as two targets, the portal over 1,000
#   apps, the live doctor), each beside its anchor,
#   and writes each harness's JSON to DIR (default bench/target/results). About 25 minutes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
paved_find_jdk || exit 3
cd "$root"
echo "bench: building (progress in bench/target/build.log)..." >&2
mkdir -p bench/target
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl bench,cli -am package >bench/target/build.log 2>&1 || { tail -n 30 bench/target/build.log >&2; exit 3; }
bench() {
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $PAVED_JAVA_OPTS -Xmx1g -jar bench/target/paved-bench.jar "$@"
}
if [ "${1:-}" = all ]; then
  dir=bench/target/results
  if [ "${2:-}" = --json-dir ] && [ -n "${3:-}" ]; then dir=$3; fi
  mkdir -p "$dir"
  echo "== render: 10,000 apps in-process, beside kubectl kustomize" && bench render --apps 10000 --json "$dir/render.json"
  echo "== scale: 1,000 apps on 500 KWOK nodes, 5,000 pods, beside kubectl apply --server-side" && bench scale --apps 1000 --nodes 500 --replicas 5 --json "$dir/scale.json"
  echo "== clusters: 500 apps on each of two sandboxes, one API server killed, beside kubectl apply --server-side" && bench clusters --apps 500 --json "$dir/clusters.json"
  echo "== portal: pages over 1,000 apps" && bench portal --apps 1000 --requests 200 --json "$dir/portal.json"
  echo "== doctor: how soon the live doctor names a failure, beside kubectl get pods -w" && bench doctor --rounds 3 --json "$dir/doctor.json"
  echo "bench: results in $dir" >&2
  exit 0
fi
bench "$@"
