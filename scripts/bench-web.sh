#!/usr/bin/env bash
# Web benchmark (issue 3): 1,000 organisations, 10,000 assessments, 50 concurrent clients on
# loopback with wrk. Prints p50/p90/p99 latency per endpoint and the server's peak RSS.
# Aims: p99 < 50 ms, resident memory < 150 MB.
#
#   scripts/bench-web.sh [orgs] [assessments-per-org] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
ORGS=${1:-1000}; PER=${2:-10}; SECS=${3:-20}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 1; }
cargo build --release -q -p hoshi
cargo build --release -q -p hoshi-web --example bench_seed
DATA=$(mktemp -d /tmp/hoshi-bench.XXXXXX)
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
echo "== seeding $ORGS organisations × $PER assessments into $DATA"
target/release/examples/bench_seed "$DATA" "$ORGS" "$PER" > "$DATA/bench.env"
# shellcheck disable=SC1091
source "$DATA/bench.env"
PORT=18181
HOSHI_LOG=warn target/release/hoshi serve --data "$DATA" --listen 127.0.0.1:$PORT > "$DATA/serve.log" 2>&1 &
PID=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.2; done
echo "server pid $PID, RSS after start: $(grep VmRSS /proc/$PID/status | awk '{print $2/1024 " MB"}')"

cat > "$DATA/get.lua" <<LUA
dofile("$DATA/targets.lua")
local suffix = os.getenv("SUFFIX") or ""
math.randomseed(42)
request = function()
  local t = targets[math.random(#targets)]
  return wrk.format("GET", "/o/" .. t[1] .. "/a/" .. t[2] .. suffix, {["Cookie"] = "hoshi_session=$COOKIE", ["Host"] = "127.0.0.1:$PORT"})
end
LUA
cat > "$DATA/save.lua" <<LUA
dofile("$DATA/targets.lua")
-- Each wrk thread gets its own random sequence (otherwise both send the same requests).
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  math.randomseed(7 + 1000 * (id or 0))
end
request = function()
  -- A first answer (version 0) to a random criterion of a random assessment: a real write each time.
  local t = targets[math.random(#targets)]
  local c = criteria[math.random(#criteria)]
  local body = "_csrf=$CSRF&version=0&status=met&reason=&evidence=bench&note="
  return wrk.format("POST", "/o/" .. t[1] .. "/a/" .. t[2] .. "/answer/" .. c, {
    ["Cookie"] = "hoshi_session=$COOKIE", ["Host"] = "127.0.0.1:$PORT",
    ["Origin"] = "http://127.0.0.1:$PORT",
    ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
response = function(status, headers, body)
  if status ~= 303 and status ~= 409 then io.stderr:write("unexpected status " .. status .. "\n") end
end
LUA

run() {
  local name=$1; shift
  echo "== $name"
  "$@" | tee "$DATA/last-run.txt" | grep -E "^\s+(50|90|99)%|Requests/sec|Non-2xx|Socket errors" || true
}
SUFFIX="" run "assessment page (GET /o/{org}/a/{id})" wrk -t2 -c50 -d${SECS}s --latency -s "$DATA/get.lua" http://127.0.0.1:$PORT
SUFFIX="/gaps" run "gap page (GET /o/{org}/a/{id}/gaps)" env SUFFIX=/gaps wrk -t2 -c50 -d${SECS}s --latency -s "$DATA/get.lua" http://127.0.0.1:$PORT
run "answer save (POST /o/{org}/a/{id}/answer/{crit})" wrk -t2 -c50 -d${SECS}s --latency -s "$DATA/save.lua" http://127.0.0.1:$PORT
echo "== server memory: peak $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MB"}'), now $(grep VmRSS /proc/$PID/status | awk '{print $2/1024 " MB"}')"
echo "== audit chain after the run: $(target/release/hoshi audit verify --data "$DATA" 2>&1 | head -1)"
