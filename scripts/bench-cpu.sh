#!/usr/bin/env bash
# CPU per request (issue 11): the server's own CPU time (utime + stime from /proc) divided by the
# requests wrk completed, for the assessment page, 50 connections, with both cores free and with
# another job holding one core. Release build, the 1,000 × 10 data of scripts/bench-web.sh.
# PERF=1 also records a profile of the free-cores run (perf record -g) and prints its top.
#
#   scripts/bench-cpu.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
BIN=${BIN:-target/release}
if [ "$BIN" = target/release ]; then
  cargo build --release -q -p hoshi
  cargo build --release -q -p hoshi-web --example bench_seed
fi
DATA=$(mktemp -d /tmp/hoshi-cpu.XXXXXX)
trap 'kill $PID ${HOG:-} 2>/dev/null || true; rm -rf "$DATA"' EXIT
$BIN/examples/bench_seed "$DATA" 1000 10 > "$DATA/bench.env"
# shellcheck disable=SC1091
source "$DATA/bench.env"
PORT=18191
HOSHI_LOG=warn ${ENVX:-} $BIN/hoshi serve --data "$DATA" --listen 127.0.0.1:$PORT > "$DATA/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.2; done
cat > "$DATA/get.lua" <<LUA
dofile("$DATA/targets.lua")
math.randomseed(42)
request = function()
  local t = targets[math.random(#targets)]
  return wrk.format("GET", "/o/" .. t[1] .. "/a/" .. t[2], {["Cookie"] = "hoshi_session=$COOKIE"})
end
LUA
TICK=$(getconf CLK_TCK)
cpu() { awk -v t="$TICK" '{printf "%.0f", ($14 + $15) * 1000 / t}' /proc/$PID/stat; }
measure() {
  local label=$1
  wrk -t2 -c50 -d2s -s "$DATA/get.lua" http://127.0.0.1:$PORT >/dev/null   # warm up
  local c0; c0=$(cpu)
  local out; out=$(wrk -t2 -c50 -d${SECS}s --latency -s "$DATA/get.lua" http://127.0.0.1:$PORT)
  local c1; c1=$(cpu)
  local n; n=$(echo "$out" | awk '/requests in/ {print $1}')
  local p99; p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  echo "$label: $n requests, $rps req/s, p99 $p99, server CPU $((c1 - c0)) ms = $(awk -v c=$((c1 - c0)) -v n="$n" 'BEGIN {printf "%.3f", c / n}') ms per request, threads $(ls /proc/$PID/task | wc -l)"
}
measure "both cores free      "
sh -c 'while :; do :; done' & HOG=$!
measure "one core held by a job"
kill $HOG; HOG=
if [ "${PERF:-0}" = 1 ]; then
  perf record -q -g -p $PID -o "$DATA/perf.data" -- sleep "$SECS" &
  PERFPID=$!
  wrk -t2 -c50 -d${SECS}s -s "$DATA/get.lua" http://127.0.0.1:$PORT >/dev/null
  wait $PERFPID || true
  perf report -i "$DATA/perf.data" --no-children --sort comm,dso,symbol --stdio 2>/dev/null | grep -v "^#" | grep -v "^$" | head -40
fi
