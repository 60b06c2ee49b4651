#!/usr/bin/env bash
# Sanity check on real tweets (Pilpres 2019, sentiment-labelled): how do
# the screener's flags fall? Uses bench/pilpres2019/pilpres-2019.json, a
# definition of the 2019 presidential election written for this check.
set -euo pipefail
cd "$(dirname "$0")/.."
CSV=${CSV:-../shared/data/pilpres2019-sentiment/tweet.csv}
WORK=$(mktemp -d /tmp/netral-pp19.XXXXXX)
go build -o "$WORK/netral" ./cmd/netral
go run ./bench/pilpres2019 -csv "$CSV" -o "$WORK/tweets.jsonl"
"$WORK/netral" scan --election bench/pilpres2019/pilpres-2019.json --input "$WORK/tweets.jsonl" --output "$WORK/results.jsonl"
go run ./bench/pilpres2019 -csv "$CSV" -results "$WORK/results.jsonl" -show "${SHOW:-8}"
echo "results: $WORK/results.jsonl"
