#!/usr/bin/env bash
# Many users writing at the same instant: wrk with C connections (default 20) creating people through
# the API for S seconds (default 3) against a fresh demo database, then the count of answers by status
# and of people saved. In the same run the ceiling: /healthz with the same connections. Not a test: no
# limits. SQLite by default (THIDUA_SQLITE_WRITERS=N sets the writer pool; 1 is the default), or
# DATABASE_URL=postgres://… of an empty database.
# Usage: bash bench/concurrent_writes.sh [C=20] [S=3]      (PROFILE=debug uses target/debug, no build)
# PostgreSQL: psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE thidua_bench_writes'
#   DATABASE_URL=postgres://postgres@127.0.0.1/thidua_bench_writes bash bench/concurrent_writes.sh
#   psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE thidua_bench_writes'
set -euo pipefail
cd "$(dirname "$0")/.."
C=${1:-20}
S=${2:-3}
PROFILE=${PROFILE:-release}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
if [ "$PROFILE" = release ]; then cargo build --release -p thidua --bin thidua; fi
BIN=target/$PROFILE/thidua
WORK=$(mktemp -d)
PORT=19${RANDOM:0:3}
BASE="http://127.0.0.1:$PORT"
DB_ARGS=(--data-dir "$WORK/data")
if [ -n "${DATABASE_URL:-}" ]; then
  DB_ARGS+=(--database-url "$DATABASE_URL")
  COUNT_ENGINE=postgres
else
  COUNT_ENGINE=sqlite
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $PROFILE build; database: $COUNT_ENGINE; writers: ${THIDUA_SQLITE_WRITERS:-1}"
"$BIN" serve --demo --bind "127.0.0.1:$PORT" "${DB_ARGS[@]}" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "$BASE/healthz" > /dev/null; do sleep 0.1; done

# An API token of the administrator, made on the account page like a user would.
JAR="$WORK/admin.jar"
csrf=$(curl -s -c "$JAR" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null -d "username=admin&password=thidua-demo-2025&_csrf=$csrf&next=/" "$BASE/login"
csrf=$(curl -s -b "$JAR" "$BASE/account" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
TOKEN=$(curl -s -b "$JAR" -d "name=bench&_csrf=$csrf" "$BASE/account/tokens" | grep -o '<code id="new-token">[^<]*' | sed 's/.*>//')
UNIT=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/units" | grep -o '"id":"[^"]*"' | head -1 | sed 's/"id":"//; s/"//')
BEFORE=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/people?limit=1" | grep -o '"total":[0-9]*' | sed 's/.*://' || echo "?")

cat > "$WORK/post_person.lua" <<LUA
-- Names have letters only: each request a different «Nguyễn Văn X Y».
local letters = "abcdeghiklmnopqrstuvxy"
local n = 0
statuses = {}
function request()
  n = n + 1
  local a, b = n % 22 + 1, math.floor(n / 22) % 22 + 1
  local name = "Nguyễn Văn " .. string.upper(letters:sub(a, a)) .. letters:sub(b, b) .. "n " .. string.upper(letters:sub(b, b)) .. "a"
  local body = '{"full_name":"' .. name .. '","gender":"male","kind":"cadre","unit_id":"$UNIT"}'
  return wrk.format("POST", "/api/v1/people", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $TOKEN"}, body)
end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done()
  local total = {}
  for _, t in ipairs(threads) do
    for s, c in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + c end
  end
  for s, c in pairs(total) do io.write(string.format("  HTTP %d: %d\n", s, c)) end
end
LUA
echo "POST /api/v1/people, $C connections, ${S}s:"
wrk -t2 -c"$C" -d"${S}s" -s "$WORK/post_person.lua" "$BASE" | grep -E "Requests/sec|Latency|HTTP|Non-2xx|requests in"
AFTER=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/people?limit=1" | grep -o '"total":[0-9]*' | sed 's/.*://' || echo "?")
echo "people: $BEFORE before, $AFTER after"
echo "ceiling, GET /healthz, $C connections, ${S}s:"
wrk -t2 -c"$C" -d"${S}s" "$BASE/healthz" | grep -E "Requests/sec|Latency"
if grep -q "database is locked" "$WORK/serve.log"; then
  echo "server log: $(grep -c 'database is locked' "$WORK/serve.log") «database is locked» errors"
fi
