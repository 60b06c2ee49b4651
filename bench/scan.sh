#!/usr/bin/env bash
# Benchmark `netral scan --region all` against GNU grep and ripgrep on a
# deterministic corpus of 200,000 activity records (~50 MB).
#
#   bench/scan.sh                 # from anywhere in the repository
#   N=50000 RUNS=1 bench/scan.sh  # smaller and quicker
#   BASELINE=/tmp/netral-old bench/scan.sh  # also time another netral build, in the same run
#
# Steps: build netral; export the term list (every name, alias, slogan and
# hashtag of --region all, weak aliases left out) with
# `netral scan --region all --list-terms`; generate the corpus with
# bench/gencorpus (screening-dev records recycled + template posts); then
# time, best of $RUNS, on the same file:
#   netral scan --region all               (parse, normalise, match, decide, write JSON)
#   grep -F -i -c -f terms                 (UTF-8 locale, as on a user's machine)
#   LC_ALL=C grep -F -i -c -f terms        (byte locale: ASCII-only case folding)
#   rg -F -i -c -f terms, rg -F -c -f terms
# and print throughput and ratios. grep and rg only count matching lines
# (substring matches, no word boundaries, no normalisation); netral writes
# a full screening result per record to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200000}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d /tmp/netral-bench.XXXXXX)}
DEV=${DEV:-../shared/data/screening-dev/labelled.jsonl}
UTF8=${UTF8_LOCALE:-C.UTF-8}
mkdir -p "$WORK"
command -v rg >/dev/null || { echo "ripgrep missing: apt-get install -y ripgrep" >&2; exit 1; }

echo "building netral..."
go build -o "$WORK/netral" ./cmd/netral
"$WORK/netral" scan --region all --list-terms >"$WORK/terms.txt"
echo "terms: $(wc -l <"$WORK/terms.txt")"
if [ ! -s "$WORK/corpus.jsonl" ]; then
	[ -f "$DEV" ] || DEV=internal/screen/testdata/extra.jsonl
	go run ./bench/gencorpus -n "$N" -dev "$DEV" -terms "$WORK/terms.txt" -o "$WORK/corpus.jsonl"
fi
BYTES=$(stat -c %s "$WORK/corpus.jsonl")
echo "corpus: $(wc -l <"$WORK/corpus.jsonl") records, $BYTES bytes ($WORK/corpus.jsonl)"
echo "cpus: $(nproc)"

now() { date +%s.%N; }
# best wall-clock seconds of $RUNS runs. Output goes through a pipe: GNU
# grep stops at the first match when its output is /dev/null.
best() {
	local b="" s e
	for _ in $(seq "$RUNS"); do
		s=$(now)
		"$@" | cat >/dev/null
		e=$(now)
		b=$(awk -v s="$s" -v e="$e" -v b="$b" 'BEGIN { t = e - s; if (b == "" || t < b) b = t; printf "%.3f", b }')
	done
	echo "$b"
}
mbs() { awk -v n="$BYTES" -v t="$1" 'BEGIN { printf "%.1f", n / 1e6 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat "$WORK/corpus.jsonl" >/dev/null # warm the page cache

T_NETRAL=$(best "$WORK/netral" scan --region all --input "$WORK/corpus.jsonl" --output /dev/null)
T_NETRAL1=$(best "$WORK/netral" scan --region all --workers 1 --input "$WORK/corpus.jsonl" --output /dev/null)
if [ -n "${BASELINE:-}" ]; then
	T_BASE=$(best "$BASELINE" scan --region all --input "$WORK/corpus.jsonl" --output /dev/null)
	T_BASE1=$(best "$BASELINE" scan --region all --workers 1 --input "$WORK/corpus.jsonl" --output /dev/null)
fi
T_GREP=$(best env LC_ALL="$UTF8" grep -F -i -c -f "$WORK/terms.txt" "$WORK/corpus.jsonl")
T_GREPC=$(best env LC_ALL=C grep -F -i -c -f "$WORK/terms.txt" "$WORK/corpus.jsonl")
T_RGI=$(best rg -F -i -c -f "$WORK/terms.txt" "$WORK/corpus.jsonl")
T_RG=$(best rg -F -c -f "$WORK/terms.txt" "$WORK/corpus.jsonl")

row() { printf '%-46s %8s s %9s MB/s\n' "$1" "$2" "$(mbs "$2")"; }
row "netral scan --region all ($(nproc) workers)" "$T_NETRAL"
row "netral scan --region all --workers 1" "$T_NETRAL1"
if [ -n "${BASELINE:-}" ]; then
	row "baseline scan --region all ($(nproc) workers)" "$T_BASE"
	row "baseline scan --region all --workers 1" "$T_BASE1"
fi
row "grep -F -i -c -f terms (LC_ALL=$UTF8)" "$T_GREP"
row "grep -F -i -c -f terms (LC_ALL=C)" "$T_GREPC"
row "rg -F -i -c -f terms" "$T_RGI"
row "rg -F -c -f terms (case-sensitive)" "$T_RG"
echo "netral vs grep -F -i ($UTF8): $(ratio "$T_GREP" "$T_NETRAL")x   (target >= 10x)"
echo "netral vs grep -F -i (C):     $(ratio "$T_GREPC" "$T_NETRAL")x"
echo "netral vs rg -F -i:           $(ratio "$T_RGI" "$T_NETRAL")x"
echo "netral vs rg -F (case-sens.): $(ratio "$T_RG" "$T_NETRAL")x   (stretch >= 1x)"
if [ -n "${BASELINE:-}" ]; then
	echo "baseline vs grep -F -i ($UTF8): $(ratio "$T_GREP" "$T_BASE")x"
	echo "netral vs baseline: $(ratio "$T_BASE" "$T_NETRAL")x ($(nproc) workers), $(ratio "$T_BASE1" "$T_NETRAL1")x (1 worker)"
	cmp -s <("$WORK/netral" scan --region all --input "$WORK/corpus.jsonl") <("$BASELINE" scan --region all --input "$WORK/corpus.jsonl") &&
		echo "output identical to the baseline's" || echo "OUTPUT DIFFERS FROM THE BASELINE'S"
fi
echo "records flagged by netral: $("$WORK/netral" scan --region all --input "$WORK/corpus.jsonl" | grep -c '"flagged":true' || true)"
echo "lines matched by grep -F -i: $(env LC_ALL="$UTF8" grep -F -i -c -f "$WORK/terms.txt" "$WORK/corpus.jsonl" || true)"
