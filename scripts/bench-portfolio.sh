#!/usr/bin/env bash
# Portfolio benchmark (issue 4): one buyer with 10,000 suppliers in every state, 50 concurrent
# clients on loopback with wrk. Prints p50/p90/p99 latency for the portfolio page (first page,
# a filtered and sorted page, a late page) and for the CSV and Excel exports, and the server's
# peak RSS. Aim: p99 < 100 ms for the page.
#
#   scripts/bench-portfolio.sh [suppliers] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}; SECS=${2:-20}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 1; }
cargo build --release -q -p hoshi
cargo build --release -q -p hoshi-web --example bench_supply_seed
DATA=$(mktemp -d /tmp/hoshi-bench-portfolio.XXXXXX)
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
echo "== seeding a buyer with $N suppliers into $DATA"
target/release/examples/bench_supply_seed "$DATA" "$N" > "$DATA/bench.env"
# shellcheck disable=SC1091
source "$DATA/bench.env"
PORT=18182
HOSHI_LOG=warn target/release/hoshi serve --data "$DATA" --listen 127.0.0.1:$PORT > "$DATA/serve.log" 2>&1 &
PID=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.2; done
echo "server pid $PID, RSS after start: $(grep VmRSS /proc/$PID/status | awk '{print $2/1024 " MB"}')"
H="Cookie: hoshi_session=$COOKIE"
BASE="http://127.0.0.1:$PORT/o/$BUYER"
# Sanity: the page lists the suppliers, the exports have every row.
echo "page: $(curl -sf -H "$H" "$BASE/suppliers" | grep -o '<h1>[^<]*</h1>' | head -1)"
echo "CSV rows: $(( $(curl -sf -H "$H" "$BASE/suppliers.csv" | wc -l) - 1 )), Excel bytes: $(curl -sf -H "$H" "$BASE/suppliers.xlsx" | wc -c)"

run() {
  local name=$1; shift
  echo "== $name"
  "$@" | grep -E "^\s+(50|90|99)%|Requests/sec|Non-2xx|Socket errors|requests in" || true
  echo "   server RSS now $(grep VmRSS /proc/$PID/status | awk '{print $2/1024 " MB"}'), peak so far $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MB"}')"
}
RUN_PAGES=${RUN_PAGES:-1}
[ "$RUN_PAGES" = 1 ] && run "portfolio page 1 (GET /o/{org}/suppliers)" wrk -t2 -c50 -d${SECS}s --latency -H "$H" "$BASE/suppliers"
[ "$RUN_PAGES" = 1 ] && run "filtered + sorted (status=confirmed&sort=due)" wrk -t2 -c50 -d${SECS}s --latency -H "$H" "$BASE/suppliers?status=confirmed&sort=due"
[ "$RUN_PAGES" = 1 ] && run "search + late page (q=サプライヤー0&page=20)" wrk -t2 -c50 -d${SECS}s --latency -H "$H" "$BASE/suppliers?q=%E3%82%B5%E3%83%97%E3%83%A9%E3%82%A4%E3%83%A4%E3%83%BC0&page=20"
run "CSV export, all rows (GET /o/{org}/suppliers.csv)" wrk -t2 -c50 -d${SECS}s --latency --timeout 30s -H "$H" "$BASE/suppliers.csv"
run "Excel export, all rows (GET /o/{org}/suppliers.xlsx)" wrk -t2 -c${XLSX_CONN:-50} -d${SECS}s --latency --timeout 60s -H "$H" "$BASE/suppliers.xlsx"
echo "== server memory: peak $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MB"}'), now $(grep VmRSS /proc/$PID/status | awk '{print $2/1024 " MB"}')"
