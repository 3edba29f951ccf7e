#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, from Debian's packages, on 127.0.0.1.
#   scripts/postgres.sh start   installs the postgresql package when missing, starts a fresh
#                               server in $PAVED_PG_DIR (default /tmp/paved-test-pg) on port
#                               $PAVED_PG_PORT (default 55432) and prints its JDBC URL
#   scripts/postgres.sh stop    stops it
#   scripts/postgres.sh url     prints the JDBC URL
#   scripts/postgres.sh crash   stops it at once, as a crash would (pg_ctl -m immediate)
#   scripts/postgres.sh resume  starts it again on its data (after crash; nothing is wiped)
# Trust authentication on loopback only: it holds nothing but test data and is recreated each
# start. As root the server runs as the 'postgres' user the package creates (initdb refuses root).
set -euo pipefail
dir=${PAVED_PG_DIR:-/tmp/paved-test-pg}
port=${PAVED_PG_PORT:-55432}
url="jdbc:postgresql://127.0.0.1:$port/paved_test?user=paved"

bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_package() {
  [ -n "$(bin_dir)" ] && return 0
  echo "postgres: installing Debian's postgresql package (apt-get)..." >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  [ -n "$(bin_dir)" ] || { echo "postgres: no server binaries after installing" >&2; exit 3; }
}

owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() {
  [ -f "$dir/postmaster.pid" ] && owner "$(bin_dir)/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

start() {
  install_package
  local bin
  bin=$(bin_dir)
  if running; then
    echo "$url"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  owner "$bin/initdb" -D "$dir" -U paved --auth=trust --encoding=UTF8 --locale=C >"$dir.init.log" 2>&1 ||
    { echo "postgres: initdb failed:" >&2; cat "$dir.init.log" >&2; exit 3; }
  launch "$bin"
  owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U paved paved_test
  echo "$url"
}

launch() {
  owner "$1/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null ||
    { echo "postgres: the server did not start:" >&2; tail -n 20 "$dir/server.log" >&2; exit 3; }
}

crash() {
  running && owner "$(bin_dir)/pg_ctl" -D "$dir" -m immediate stop >/dev/null
  return 0
}

resume() {
  [ -f "$dir/PG_VERSION" ] || { echo "postgres: no data in $dir to resume" >&2; exit 3; }
  running || launch "$(bin_dir)"
  echo "$url"
}

stop() {
  running && owner "$(bin_dir)/pg_ctl" -D "$dir" -m fast stop >/dev/null
  return 0
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  crash) crash ;;
  resume) resume ;;
  *) echo "usage: scripts/postgres.sh start|stop|url|crash|resume" >&2; exit 2 ;;
esac
