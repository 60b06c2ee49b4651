#!/usr/bin/env bash
# Inbox latency benchmark (issue 4): the first page of the review inbox
# (GET /deteksi) and one filtered page must stay within 1.5× the latency
# when the database holds N_LARGE imported activities instead of N_SMALL.
#
# Builds netral, creates two databases per engine (demo Pemda + N_SMALL /
# N_LARGE records generated like bench/ingest.sh: ~25% flagged, one in ten
# by a registered demo account), serves each on its own loopback port (the
# port must be free: the script refuses to measure a server it did not
# start), signs in as the demo admin, warms each page up for DURATION, then
# measures it for DURATION with wrk (or hey). Prints mean/p50/p99 per
# engine, size and page, the ratio large/small per engine and PASS/FAIL.
#
# Usage: bench/inbox.sh
#   N_SMALL=10000 N_LARGE=1000000   sizes
#   DURATION=10                     seconds per measurement
#   CONNS=4                         concurrent connections
#   NETRAL_BENCH_DIR=DIR            work directory (default /tmp/netral-inbox-bench;
#                                   generated files and databases are reused)
#   NETRAL_BENCH_POSTGRES=URL       also measure PostgreSQL: URL names a database
#                                   of a server where the user may create databases
#                                   (e.g. the "postgres" database of
#                                   scripts/pg-test-server.sh); the script creates
#                                   netral_inbox_N_SMALL and netral_inbox_N_LARGE
#                                   beside it with psql and fills them once
#   BASE_PORT=18431                 first of the ports used (four with PostgreSQL)
set -euo pipefail
N_SMALL="${N_SMALL:-10000}"
N_LARGE="${N_LARGE:-1000000}"
DURATION="${DURATION:-10}"
CONNS="${CONNS:-4}"
LIMIT="${LIMIT:-1.5}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${NETRAL_BENCH_DIR:-/tmp/netral-inbox-bench}"
mkdir -p "$DIR"
BIN="$DIR/netral"
export NETRAL_LOG_LEVEL=warn
# Filtered page: flagged Facebook items in the "new" state with a high score,
# a few % of the inbox.
FILTER="${FILTER:-/deteksi?status=new&platform=facebook&min_score=0.8}"

echo "building netral…" >&2
(cd "$ROOT" && go build -o "$BIN" ./cmd/netral)

# Load tool: wrk, else hey.
TOOL=""
if command -v wrk >/dev/null; then TOOL=wrk
else
  if ! command -v hey >/dev/null && [ ! -x "$(go env GOPATH)/bin/hey" ]; then
    (command -v apt-get >/dev/null && apt-get install -y wrk >/dev/null 2>&1) || true
  fi
  if command -v wrk >/dev/null; then TOOL=wrk; else
    [ -x "$(go env GOPATH)/bin/hey" ] || go install github.com/rakyll/hey@v0.1.5
    TOOL=hey; HEY="$(command -v hey || echo "$(go env GOPATH)/bin/hey")"
  fi
fi
echo "load tool: $TOOL" >&2

# Registered accounts of the demo, as "platform handle" lines.
ACCOUNTS="$DIR/accounts.txt"
if [ ! -s "$ACCOUNTS" ]; then
  T="$DIR/accounts.db"; rm -f "$T"*
  "$BIN" demo --seed-only --db "$T" >/dev/null 2>&1
  "$BIN" export employees --format csv --db "$T" 2>/dev/null |
    grep -oE '(facebook|instagram|x|tiktok):https?://[^;," ]+' |
    sed -E 's#^([a-z]+):https?://[^/]+/@?([^/?]+).*#\1 \2#' >"$ACCOUNTS"
  rm -f "$T"*
fi

gen() { # N FILE — the generator of bench/ingest.sh (fixed run id: reusable)
  awk -v n="$1" -v run="inbox" -v accounts="$ACCOUNTS" -f "$ROOT/bench/gen-activities.awk" >"$2.tmp" && mv "$2.tmp" "$2"
}

# pgurl N → the URL of the PostgreSQL database of size N (beside NETRAL_BENCH_POSTGRES's).
pgurl() {
  local base="$NETRAL_BENCH_POSTGRES" name="netral_inbox_$1" rest=""
  case "$base" in *\?*) rest="?${base#*\?}"; base="${base%%\?*}" ;; esac
  echo "${base%/*}/$name$rest"
}

# prepare_pg N → prints the PostgreSQL URL (database created and filled once)
prepare_pg() {
  local n="$1" in="$DIR/activities-$1.jsonl" url; url=$(pgurl "$1")
  command -v "$PSQL" >/dev/null || { echo "psql not found (PSQL=$PSQL)" >&2; exit 1; }
  if ! "$PSQL" "$NETRAL_BENCH_POSTGRES" -Atqc "SELECT 1 FROM pg_database WHERE datname = 'netral_inbox_$n'" | grep -q 1; then
    "$PSQL" "$NETRAL_BENCH_POSTGRES" -qc "CREATE DATABASE netral_inbox_$n" >&2
  fi
  local have; have=$("$PSQL" "$url" -Atqc "SELECT COUNT(*) FROM activity" 2>/dev/null || echo 0)
  if [ "${have:-0}" -lt "$n" ]; then
    [ -s "$in" ] || { echo "generating $n records…" >&2; gen "$n" "$in"; }
    echo "importing $n records into PostgreSQL netral_inbox_$n…" >&2
    "$BIN" demo --seed-only --db "$url" >/dev/null 2>&1 || true
    "$BIN" import activities "$in" --instansi 99.01 --db "$url" >&2
    "$PSQL" "$url" -qc "VACUUM ANALYZE" >&2
  fi
  echo "$url"
}

prepare() { # N → prints the SQLite path (built once, reused)
  local n="$1" in="$DIR/activities-$1.jsonl" db="$DIR/inbox-$1.db"
  [ -s "$in" ] || { echo "generating $n records…" >&2; gen "$n" "$in"; }
  if [ ! -f "$db.done" ]; then
    echo "importing $n records into $db…" >&2
    rm -f "$db" "$db-wal" "$db-shm"
    "$BIN" demo --seed-only --db "$db" >/dev/null 2>&1
    "$BIN" import activities "$in" --db "$db" >&2
    touch "$db.done"
  fi
  echo "$db"
}

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# start DB PORT: starts netral serve (in this shell, so that its pid is kept
# and the server stopped) and waits until it answers.
start() {
  local db="$1" port="$2" pid
  # A server left over on the port would be measured instead of this one.
  if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "port $port is in use: stop what listens there (or set BASE_PORT)" >&2; exit 1
  fi
  "$BIN" serve --addr "127.0.0.1:$port" --db "$db" --poll-interval 0 --capture-ingested off --purge-days 0 \
    >"$DIR/serve-$port.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || { echo "netral serve on :$port exited:" >&2; cat "$DIR/serve-$port.log" >&2; exit 1; }
    curl -fsS -o /dev/null "http://127.0.0.1:$port/masuk" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "netral serve on :$port did not answer" >&2; exit 1
}

# signin PORT → prints the Cookie header value of the demo admin's session
signin() {
  local port="$1" jar="$DIR/cookies-$1.txt"
  rm -f "$jar"
  curl -sS -o /dev/null -c "$jar" -b "$jar" --data-urlencode username=admin \
    --data-urlencode password=netral-demo-2024 "http://127.0.0.1:$port/masuk"
  awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}

# measure PORT COOKIE PATH → "mean p50 p99" in ms
measure() {
  local url="http://127.0.0.1:$1$3" out
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "$url")
  [ "$code" = 200 ] || { echo "GET $3 on :$1 answered $code" >&2; exit 1; }
  if [ "$TOOL" = wrk ]; then
    out=$(wrk -t 2 -c "$CONNS" -d "${DURATION}s" --latency -H "Cookie: $2" "$url")
    echo "$out" | awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
      $1 == "Latency" && mean == "" { mean = ms($2) }
      $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
      $1 == "Requests/sec:" { rps = $2 }
      END { printf "%.2f %.2f %.2f %.0f\n", mean, p50, p99, rps }'
  else
    out=$("$HEY" -z "${DURATION}s" -c "$CONNS" -H "Cookie: $2" "$url")
    echo "$out" | awk '
      $1 == "Average:" { mean = $2 * 1000 } $1 == "50%" { p50 = $3 * 1000 } $1 == "99%" { p99 = $3 * 1000 }
      $1 == "Requests/sec:" { rps = $2 }
      END { printf "%.2f %.2f %.2f %.0f\n", mean, p50, p99, rps }'
  fi
}

PSQL="${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1)}"
PORT="${BASE_PORT:-18431}"
declare -A R
run_size() { # label DB PORT
  start "$2" "$3"
  local ck; ck=$(signin "$3")
  [ -n "$ck" ] || { echo "sign-in failed on :$3" >&2; exit 1; }
  # Warm-up (the first view computes the inbox's filter choices), then measure.
  measure "$3" "$ck" /deteksi >/dev/null; measure "$3" "$ck" "$FILTER" >/dev/null
  R[$1,first]=$(measure "$3" "$ck" /deteksi)
  R[$1,filter]=$(measure "$3" "$ck" "$FILTER")
  kill "${PIDS[-1]}" 2>/dev/null || true # one server at a time: they share the cores
  wait "${PIDS[-1]}" 2>/dev/null || true
}
SIZES=(sqlite-small sqlite-large)
DB_SMALL=$(prepare "$N_SMALL"); DB_LARGE=$(prepare "$N_LARGE")
if [ -n "${NETRAL_BENCH_POSTGRES:-}" ]; then
  SIZES+=(pg-small pg-large)
  PG_SMALL=$(prepare_pg "$N_SMALL"); PG_LARGE=$(prepare_pg "$N_LARGE")
fi
run_size sqlite-small "$DB_SMALL" "$PORT"
run_size sqlite-large "$DB_LARGE" $((PORT + 1))
if [ -n "${NETRAL_BENCH_POSTGRES:-}" ]; then
  run_size pg-small "$PG_SMALL" $((PORT + 2))
  run_size pg-large "$PG_LARGE" $((PORT + 3))
fi

echo "tool: $TOOL, $CONNS connections, ${DURATION}s per page after ${DURATION}s of warm-up; filter: $FILTER"
echo "sizes: small = $N_SMALL activities, large = $N_LARGE activities"
printf '%-13s %-7s %10s %10s %10s %8s\n' engine-size page mean_ms p50_ms p99_ms req/s
for s in "${SIZES[@]}"; do
  for p in first filter; do
    # shellcheck disable=SC2086
    set -- ${R[$s,$p]}
    printf '%-13s %-7s %10s %10s %10s %8s\n' "$s" "$p" "$1" "$2" "$3" "$4"
  done
done
FAIL=0
for e in sqlite ${NETRAL_BENCH_POSTGRES:+pg}; do
  for p in first filter; do
    read -r sm sm50 _ <<<"${R[$e-small,$p]}"; read -r lg lg50 _ <<<"${R[$e-large,$p]}"
    v=$(awk -v a="$lg" -v b="$sm" -v l="$LIMIT" 'BEGIN { r = a / b; printf "%.2f %s", r, (r <= l ? "PASS" : "FAIL") }')
    r50=$(awk -v a="$lg50" -v b="$sm50" 'BEGIN { printf "%.2f", a / b }')
    echo "ratio $e large/small ($N_LARGE vs $N_SMALL), $p page: mean ${v% *} (p50 $r50) → ${v#* } (limit $LIMIT)"
    [ "${v#* }" = PASS ] || FAIL=1
  done
done
exit "$FAIL"
