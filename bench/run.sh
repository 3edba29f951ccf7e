#!/usr/bin/env bash
# Runs a benchmark harness and prints its table; e.g. bench/run.sh render --apps 10000 --json out.json
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
paved_find_jdk || exit 3
cd "$root"
echo "bench: building (progress in bench/target/build.log)..." >&2
mkdir -p bench/target
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl bench -am package >bench/target/build.log 2>&1 || { tail -n 30 bench/target/build.log >&2; exit 3; }
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" $PAVED_JAVA_OPTS -Xmx1g -jar bench/target/paved-bench.jar "$@"
