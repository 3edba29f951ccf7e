#!/usr/bin/env bash
# Installs Debian's Chromium and its ChromeDriver when missing (the portal's browser tests drive
# them; no browser is ever downloaded from elsewhere). Prints the two paths. Safe to run again.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "chromium: installing Debian's chromium and chromium-driver (apt-get)..." >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >&2
fi
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || {
  echo "chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing after installing" >&2
  exit 3
}
echo "/usr/bin/chromium /usr/bin/chromedriver"
