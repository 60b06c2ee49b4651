#!/usr/bin/env bash
# Bulk-ingest benchmark: generates N activity records (default 1,000,000) for
# the demo Pemda (99.01; one record in ten by a registered demo account, about
# one in six partisan) and times
#   netral import activities   (parse + attribute + screen + store) on SQLite,
#                              and on PostgreSQL when NETRAL_BENCH_POSTGRES is set
#   netral scan                (parse + screen only) on the same file,
# printing records/s and the ratio import/scan.
#
# Usage: bench/ingest.sh [N]
#   NETRAL_BENCH_POSTGRES=postgres://user@host/db  also run on that database
#                                                  (seeded with the demo once; each
#                                                  run uses fresh record ids)
#   NETRAL_BENCH_DIR=DIR                           work directory (default a temp dir)
set -euo pipefail
N="${1:-1000000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${NETRAL_BENCH_DIR:-$(mktemp -d /tmp/netral-bench.XXXXXX)}"
mkdir -p "$DIR"
BIN="$DIR/netral"
RUN="$(date +%s)"

echo "building netral…" >&2
(cd "$ROOT" && go build -o "$BIN" ./cmd/netral)

export NETRAL_LOG_LEVEL=warn
DB="$DIR/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN" demo --seed-only --db "$DB" >/dev/null 2>&1

# Registered accounts of the demo, as "platform handle" lines.
"$BIN" export employees --format csv --db "$DB" 2>/dev/null |
  grep -oE '(facebook|instagram|x|tiktok):https?://[^;," ]+' |
  sed -E 's#^([a-z]+):https?://[^/]+/@?([^/?]+).*#\1 \2#' >"$DIR/accounts.txt"

INPUT="$DIR/activities-$N.jsonl"
echo "generating $N records…" >&2
awk -v n="$N" -v run="$RUN" -v accounts="$DIR/accounts.txt" -f "$ROOT/bench/gen-activities.awk" >"$INPUT"
ls -l "$INPUT" | awk '{printf "input: %s, %.1f MB\n", $9, $5 / 1e6}'

# secs CMD…: run CMD, print its wall-clock seconds on stdout, its output on stderr.
secs() {
  local s e
  s=$(date +%s.%N)
  "$@" >&2
  e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f\n", e - s }'
}
rate() { awk -v n="$N" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }

SCAN=""
if "$BIN" scan --help >/dev/null 2>&1; then
  echo "== netral scan (parse + screen, no database)" >&2
  SCAN=$(secs "$BIN" scan --region 00 --election "$ROOT/internal/monitor/data/pilkada-2024-tanjung-harapan.json" \
    --input "$INPUT" --output /dev/null)
  echo "scan:            $SCAN s, $(rate "$SCAN") records/s"
else
  echo "netral scan is not available in this build: skipping the comparison" >&2
fi

report() { # name seconds
  local line="$1: $2 s, $(rate "$2") records/s"
  if [ -n "$SCAN" ]; then line="$line, $(awk -v a="$2" -v b="$SCAN" 'BEGIN { printf "%.2f", a / b }')× the time of scan"; fi
  echo "$line"
}

echo "== netral import activities on SQLite" >&2
T=$(secs "$BIN" import activities "$INPUT" --db "$DB")
report "import (SQLite)" "$T"
ls -l "$DB" | awk '{printf "database size: %.0f MB\n", $5 / 1e6}'

if [ -n "${NETRAL_BENCH_POSTGRES:-}" ]; then
  echo "== netral import activities on PostgreSQL" >&2
  "$BIN" demo --seed-only --db "$NETRAL_BENCH_POSTGRES" >/dev/null 2>&1
  T=$(secs "$BIN" import activities "$INPUT" --instansi 99.01 --db "$NETRAL_BENCH_POSTGRES")
  report "import (PostgreSQL)" "$T"
fi
echo "work directory: $DIR (remove it when done)" >&2
