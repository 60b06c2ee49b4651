#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the test suite and prints its URL.
# Installs PostgreSQL from Debian packages when it is missing. Usage:
#   export NETRAL_TEST_POSTGRES=$(scripts/pg-test-server.sh start)
#   scripts/pg-test-server.sh stop
set -euo pipefail
PORT="${NETRAL_PG_PORT:-54329}"
DIR="${NETRAL_PG_DIR:-/tmp/netral-pg-$PORT}"

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

case "${1:-start}" in
start)
  if ! BIN=$(find_bin); then
    echo "installing postgresql from Debian packages…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BIN=$(find_bin)
  fi
  RUNAS=()
  if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); fi
  if [ -f "$DIR/data/postmaster.pid" ] && "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    :
  else
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
    "${RUNAS[@]}" "$BIN/initdb" -D "$DIR/data" -U netral --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  fi
  echo "postgres://netral@127.0.0.1:$PORT/postgres?sslmode=disable"
  ;;
stop)
  BIN=$(find_bin) || exit 0
  RUNAS=()
  if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); fi
  [ -d "$DIR/data" ] && "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
