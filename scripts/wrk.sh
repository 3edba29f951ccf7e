#!/usr/bin/env bash
# Installs Debian's wrk (the HTTP load generator the load harness drives) when missing, and prints
# its path. Safe to run again.
set -euo pipefail
if ! command -v wrk >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "wrk: installing Debian's wrk (apt-get)..." >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >&2
fi
command -v wrk
