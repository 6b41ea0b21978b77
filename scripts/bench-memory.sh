#!/usr/bin/env bash
# Memory after a load peak (issue 10): one buyer with N suppliers; the server's resident memory
# after start, after 400 portfolio pages fetched 50 at a time, after three rounds of 8 Excel and
# 8 CSV exports at once, and after 10, 30 and 60 s idle. Release build unless BIN says otherwise.
# ENVX passes environment to the server, e.g. ENVX="GLIBC_TUNABLES=glibc.malloc.trim_threshold=65536".
#
#   scripts/bench-memory.sh          (N=10000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release}
N=${N:-10000}
if [ "$BIN" = target/release ]; then
  cargo build --release -q -p hoshi
  cargo build --release -q -p hoshi-web --example bench_supply_seed
fi
DATA=$(mktemp -d /tmp/hoshi-mem.XXXXXX)
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
$BIN/examples/bench_supply_seed "$DATA" "$N" > "$DATA/bench.env"
source "$DATA/bench.env"
PORT=18199
env HOSHI_LOG=warn ${ENVX:-} $BIN/hoshi serve --data "$DATA" --listen 127.0.0.1:$PORT > "$DATA/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.2; done
rss() { grep VmRSS /proc/$PID/status | awk '{printf "%.0f MB", $2/1024}'; }
hwm() { grep VmHWM /proc/$PID/status | awk '{printf "%.0f MB", $2/1024}'; }
H="Cookie: hoshi_session=$COOKIE"; BASE="http://127.0.0.1:$PORT/o/$BUYER"
curl -sf -H "$H" "$BASE/suppliers" >/dev/null
echo "after start + first page: RSS $(rss)"
seq 400 | xargs -P 50 -I{} curl -sf -o /dev/null -H "$H" "$BASE/suppliers?page={}" || true
echo "after 400 pages (50 at once): RSS $(rss), peak $(hwm)"
for round in 1 2 3; do
  seq 8 | xargs -P 8 -I{} curl -sf -o /dev/null -H "$H" "$BASE/suppliers.xlsx" || true
  seq 8 | xargs -P 8 -I{} curl -sf -o /dev/null -H "$H" "$BASE/suppliers.csv" || true
  echo "after export round $round (8 Excel + 8 CSV at once): RSS $(rss), peak $(hwm)"
done
for s in 10 30 60; do sleep $((s - ${prev:-0})); prev=$s; echo "idle ${s} s: RSS $(rss)"; done
