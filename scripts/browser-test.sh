#!/usr/bin/env bash
# Runs the browser end-to-end test (internal/web/browser_test) in headless
# Chromium. Installs Debian's chromium package when no Chromium is found (as
# root, non-interactive; otherwise it asks for it). Usage: scripts/browser-test.sh [go test flags…]
#   NETRAL_CHROMIUM=/path/to/chromium   use another browser binary
# Screenshots: /tmp/netral-e2e-import.png, /tmp/netral-e2e-import-rejected.png,
# and /tmp/netral-e2e-failure-N.png for each failure.
set -euo pipefail
cd "$(dirname "$0")/.."

have_chromium() {
  if [ -n "${NETRAL_CHROMIUM:-}" ]; then [ -x "$NETRAL_CHROMIUM" ]; return; fi
  [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1
}

if ! have_chromium; then
  if [ -n "${NETRAL_CHROMIUM:-}" ]; then
    echo "browser-test: NETRAL_CHROMIUM=$NETRAL_CHROMIUM is not an executable" >&2
    exit 1
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "browser-test: Chromium is missing; install it with: sudo apt-get install chromium" >&2
    exit 1
  fi
  echo "browser-test: installing chromium from Debian packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2 </dev/null
fi

NETRAL_BROWSER_TEST=1 go test -count=1 "$@" ./internal/web/browser_test/
