#!/usr/bin/env bash
# Database benchmark (issue 11): the same load on SQLite (one server), on PostgreSQL with one
# server, and on PostgreSQL with two servers sharing the database, in one run on this machine.
# 1,000 organisations × 10 ★3 assessments (scripts/bench-web.sh's data) and a buyer with 10,000
# suppliers (scripts/bench-portfolio.sh's data); wrk on loopback, 50 connections in all (25 per
# server with two). Prints p50/p90/p99 and requests/s per endpoint, and each server's peak RSS.
# PostgreSQL: a throw-away server from scripts/with-postgres (fsync on, default settings).
# Aims: pages p99 < 50 ms at 50 connections on PostgreSQL; portfolio p99 < 100 ms; no error.
#
#   scripts/bench-postgres.sh [seconds-per-endpoint]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 1; }
if [ -z "${HOSHI_TEST_DATABASE_URL:-}" ]; then
  exec scripts/with-postgres "$0" "$@"
fi
BIN=${BIN:-target/release}
if [ "$BIN" = target/release ]; then
  cargo build --release -q -p hoshi
  cargo build --release -q -p hoshi-web --example bench_seed --example bench_supply_seed
fi
WORK=$(mktemp -d /tmp/hoshi-benchpg.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ADMIN_URL=$HOSHI_TEST_DATABASE_URL
newdb() { # a fresh database on the test server; prints its URL
  local name="hoshi_bench_$1"
  psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "${ADMIN_URL%/*}/$name"
}

seed() { # kind dir [url]: seeds and writes dir/bench.env
  local kind=$1 dir=$2 url=${3:-}
  mkdir -p "$dir"
  local t0=$(date +%s)
  if [ "$kind" = web ]; then
    HOSHI_DATABASE_URL=$url $BIN/examples/bench_seed "$dir" 1000 10 > "$dir/bench.env"
  else
    HOSHI_DATABASE_URL=$url $BIN/examples/bench_supply_seed "$dir" 10000 > "$dir/bench.env"
  fi
  echo "   seeded $kind in $(( $(date +%s) - t0 )) s" >&2
}

start() { # dir port [url]: starts a server, prints its pid
  local dir=$1 port=$2 url=${3:-}
  HOSHI_DATABASE_URL=$url HOSHI_LOG=warn $BIN/hoshi serve --data "$dir" --listen 127.0.0.1:$port > "$dir/serve-$port.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
  echo $pid
}

lua() { # dir: request scripts for wrk
  local dir=$1; source "$dir/bench.env"
  cat > "$dir/get.lua" <<LUA
dofile("$dir/targets.lua")
local suffix = os.getenv("SUFFIX") or ""
local counter = 1
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args) math.randomseed(42 + 1000 * (id or 0) + tonumber(os.getenv("SEED") or "0")) end
request = function()
  local t = targets[math.random(#targets)]
  return wrk.format("GET", "/o/" .. t[1] .. "/a/" .. t[2] .. suffix, {["Cookie"] = "hoshi_session=$COOKIE"})
end
LUA
  cat > "$dir/save.lua" <<LUA
dofile("$dir/targets.lua")
local counter = 1
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args) math.randomseed(7 + 1000 * (id or 0) + tonumber(os.getenv("SEED") or "0")) end
request = function()
  local t = targets[math.random(#targets)]
  local c = criteria[math.random(#criteria)]
  local body = "_csrf=$CSRF&version=0&status=met&reason=&evidence=bench&note="
  return wrk.format("POST", "/o/" .. t[1] .. "/a/" .. t[2] .. "/answer/" .. c, {
    ["Cookie"] = "hoshi_session=$COOKIE", ["Origin"] = "http://" .. wrk.host .. ":" .. wrk.port,
    ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
-- 409 is expected (a criterion answered before); anything else is an error.
response = function(status, headers, body)
  if status ~= 303 and status ~= 409 then io.stderr:write("unexpected status " .. status .. "\n") end
end
LUA
}

# load name ports... -- wrk args: one wrk per server (the 50 connections split between them);
# URLPATH (optional) is the path requested.
load() {
  local name=$1; shift
  local ports=()
  while [ "$1" != "--" ]; do ports+=("$1"); shift; done; shift
  local n=${#ports[@]} c=$((50 / ${#ports[@]})) i=0
  for p in "${ports[@]}"; do
    SEED=$i wrk -t1 -c$c -d${SECS}s --latency --timeout 10s "$@" "http://127.0.0.1:$p${URLPATH:-}" > "$WORK/wrk-$i.txt" 2>&1 &
    i=$((i + 1))
  done
  wait
  python3 - "$name" "$n" "$WORK" <<'PY'
import re, sys
name, n, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def ms(v):
    num = re.match(r"[\d.]+", v).group()
    return float(num) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[v[len(num):]]
p = {50: [], 90: [], 99: []}; rps = 0; bad = 0
for i in range(n):
    t = open(f"{work}/wrk-{i}.txt").read()
    for q in p:
        m = re.search(rf"^\s+{q}%\s+(\S+)", t, re.M); p[q].append(ms(m.group(1)))
    rps += float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    # Saves answer 409 by design; only statuses the scripts report as unexpected count.
    if "save" in name:
        bad += len(re.findall(r"unexpected status", t))
    else:
        m = re.search(r"Non-2xx or 3xx responses: (\d+)", t); bad += int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", t); bad += sum(int(x) for x in re.findall(r"\d+", m.group(1))) if m else 0
print(f"| {name} | {max(p[50]):.1f} ms | {max(p[90]):.1f} ms | {max(p[99]):.1f} ms | {rps:,.0f} | {bad} |")
PY
}

rss() { echo "$(grep VmHWM /proc/$1/status | awk '{printf "%.0f", $2/1024}') MB"; }

# servers dir url n base-port: starts n servers sharing dir's keys; sets PORTS and SPIDS
servers() {
  local dir=$1 url=$2 n=$3 base=$4
  [ -n "$url" ] && $BIN/hoshi keys list --data "$dir" >/dev/null
  PORTS=(); SPIDS=()
  for i in $(seq "$n"); do
    local d=$dir
    if [ "$i" -gt 1 ]; then d="$dir/server$i"; mkdir -p "$d"; cp -r "$dir/keys" "$d/"; fi
    local pid; pid=$(start "$d" $((base + i)) "$url")
    PIDS+=("$pid"); SPIDS+=("$pid"); PORTS+=($((base + i)))
  done
}

stop() { for p in "${SPIDS[@]}"; do echo "   server (pid $p): peak RSS $(rss "$p")"; kill "$p"; done; sleep 1; }

run_config() { # label url servers
  local label=$1 url=$2 nsrv=$3
  echo
  echo "## $label"
  local web="$WORK/$label-web" sup="$WORK/$label-sup"
  seed web "$web" "$url"; lua "$web"
  servers "$web" "$url" "$nsrv" 18400
  echo "| Endpoint | p50 | p90 | p99 | req/s | errors |"
  echo "|---|---|---|---|---|---|"
  load "assessment page" "${PORTS[@]}" -- -s "$web/get.lua"
  SUFFIX=/gaps load "gap page" "${PORTS[@]}" -- -s "$web/get.lua"
  load "answer save" "${PORTS[@]}" -- -s "$web/save.lua"
  stop
  local purl=""
  [ -n "$url" ] && purl=$(newdb "$4")
  seed sup "$sup" "$purl"
  # shellcheck disable=SC1091
  source "$sup/bench.env"
  servers "$sup" "$purl" "$nsrv" 18500
  URLPATH="/o/$BUYER/suppliers" load "portfolio page (10,000 suppliers)" "${PORTS[@]}" -- -H "Cookie: hoshi_session=$COOKIE"
  stop
}

echo "# hoshi on SQLite and PostgreSQL — $(date -u +%F), $(nproc) cores, ${SECS} s per endpoint, 50 connections"
psql -At "$ADMIN_URL" -c "SHOW server_version" | sed 's/^/PostgreSQL /'
run_config sqlite "" 1
url1=$(newdb pg1)
run_config postgres-1-server "$url1" 1 pg1_sup
url2=$(newdb pg2)
run_config postgres-2-servers "$url2" 2 pg2_sup
