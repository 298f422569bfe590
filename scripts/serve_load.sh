#!/usr/bin/env bash
# Load test of `plainsite serve`: 1,000 concurrent connections for 10 seconds with wrk
# (loopback only), while a page is edited and rebuilt every 200 ms. Passes when no
# request failed (no socket errors, no non-2xx answers) and the server holds no more
# open file descriptors afterwards than before.
#
# Usage: bash scripts/serve_load.sh PATH/TO/plainsite
set -euo pipefail
bin="$1"
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # 1,000 connections need more than the usual 1,024 descriptors

work=$(mktemp -d)
server=""
editor=""
cleanup() {
  # Only ever the two processes started here: `kill 0` would end the whole test run.
  for pid in "$server" "$editor"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
cp -r tests/fixtures/basic "$work/site"
"$bin" --root "$work/site" serve --port 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  grep -q "Serving on" "$work/serve.log" && break
  sleep 0.1
done
url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.log" | head -n1)
[ -n "$url" ] || { echo "serve did not start"; cat "$work/serve.log"; exit 1; }
curl -fsS "$url" >/dev/null
fds_before=$(ls /proc/$server/fd | wc -l)

page="$work/site/content/news/02-item.md"
( i=0; while true; do
    i=$((i+1))
    sed -i "s/^Item 2 .*/Item 2 edit $i links to [the first item](01-item.md#what-happened) and to the [leaflet](\/files\/leaflet.txt)./" "$page"
    sleep 0.2
  done ) &
editor=$!

wrk -t2 -c1000 -d10s --timeout 10s "${url}news/item-2/" >"$work/wrk.txt"
kill "$editor"
wait "$editor" 2>/dev/null || true
editor=""
sleep 1
fds_after=$(ls /proc/$server/fd | wc -l)
rebuilds=$(grep -c -i "rebuilt\|reload" "$work/serve.log" || true)
cat "$work/wrk.txt"

requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
errors=$(grep -o 'Socket errors:.*' "$work/wrk.txt" || true)
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
echo "serve load: ${requests} requests from 1000 connections in 10 s, socket errors: ${errors:-none}, non-2xx: ${non2xx:-0}, rebuild messages: ${rebuilds}, open fds before ${fds_before}, after ${fds_after}"
[ -z "$errors" ] || { echo "FAIL: socket errors"; exit 1; }
[ -z "$non2xx" ] || { echo "FAIL: non-2xx answers"; exit 1; }
[ "$fds_after" -le "$fds_before" ] || { echo "FAIL: open file descriptors grew"; exit 1; }
echo "serve load: passed"
