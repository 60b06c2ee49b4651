#!/usr/bin/env bash
# Exercises the netral binary as an administrator would, on a fresh SQLite
# file, and checks exit codes of the command-line contract. Usage: cli-smoke.sh BINARY
set -euo pipefail
BIN="${1:-netral}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/netral.db"
fail() { echo "cli-smoke: FAIL: $*" >&2; exit 1; }
expect() { # expect CODE cmd...
  local want=$1; shift
  set +e; "$@" >"$dir/out" 2>"$dir/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$dir/out" "$dir/err" >&2; fail "'$*' exited $got, want $want"; }
}
expect 0 "$BIN" version
expect 2 "$BIN" no-such-command
expect 0 "$BIN" serve --help
expect 2 "$BIN" migrate --db "$dir/missing/dir/x.db"
echo "junk junk junk junk junk" > "$dir/junk.db"
expect 2 "$BIN" migrate --db "$dir/junk.db"
expect 2 "$BIN" migrate --db "mysql://nope"
echo "rahasia-setup-123" | expect 2 "$BIN" setup --region 99.99 --admin admin --db "$db"
echo "rahasia-setup-123" | { "$BIN" setup --region 99.01 --admin admin --db "$db" >/dev/null || fail setup; }
echo "rahasia-setup-123" | expect 2 "$BIN" setup --region 99.01 --admin other --db "$db"
echo "rahasia-tim-12345" | expect 0 "$BIN" user add --username tim1 --role tim --db "$db"
echo "rahasia-tim-12345" | expect 2 "$BIN" user add --username tim2 --role raja --db "$db"
echo "rahasia-tim-12345" | expect 1 "$BIN" user add --username tim1 --role tim --db "$db"
"$BIN" user list --db "$db" | grep -q tim1 || fail "user list"
tok=$("$BIN" token create --username tim1 --db "$db")
[ -n "$tok" ] || fail "token create printed nothing"
expect 0 "$BIN" token revoke "$tok" --db "$db"
expect 1 "$BIN" token revoke "$tok" --db "$db"
echo "nip,nama,unit_kerja" > "$dir/bad.csv"
echo "123,Budi,9.99" >> "$dir/bad.csv"
expect 1 "$BIN" import employees "$dir/bad.csv" --db "$db"
grep -q "row 2\|baris 2\|line 2" "$dir/err" || { cat "$dir/err"; fail "import error does not name the row"; }
expect 0 "$BIN" export employees --format csv --db "$db"
expect 2 "$BIN" export employees --format pdf --db "$db"
echo "rahasia-bekasi-123" | expect 0 "$BIN" instansi add --region 32.16 --admin admin.bekasi --db "$db"
echo "rahasia-bekasi-123" | expect 1 "$BIN" instansi add --region 32.16 --admin admin.lain --db "$db"
expect 2 "$BIN" export employees --format csv --db "$db"
expect 0 "$BIN" export employees --format csv --instansi 32.16 --db "$db"
expect 0 "$BIN" audit verify --db "$db"
echo "cli-smoke: ok"
