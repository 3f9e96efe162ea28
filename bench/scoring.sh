#!/usr/bin/env bash
# Response times of the scoring pages at a province's size: N wards in clusters of 50 and one published
# scale of 60 criteria with every ward's answers (N × 60 entries, crates/thidua/examples/gen_scoring.rs)
# on a fresh demo database — the scale page, a ward's score sheet, the ranking (every cluster and
# overall), the ranking API and the results XLSX — beside the same run's ceiling (/healthz).
# Not a test: no limits.
# Usage: bash bench/scoring.sh [N=5000]    (RUNS=10 sequential requests per page; PROFILE=debug for the
#   debug build; NOBUILD=1 to use the binaries as they are; DATABASE_URL=postgres://… of an empty
#   database for PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
RUNS=${RUNS:-10}
PROFILE=${PROFILE:-release}
if [ -n "${NOBUILD:-}" ]; then
  :
elif [ "$PROFILE" = release ]; then
  cargo build --release -p thidua --bin thidua --example gen_scoring
else
  cargo build -p thidua --bin thidua --example gen_scoring
fi
BIN=target/$PROFILE/thidua
WORK=$(mktemp -d)
PORT=19${RANDOM:0:3}
BASE="http://127.0.0.1:$PORT"
DB_ARGS=(--data-dir "$WORK/data")
if [ -n "${DATABASE_URL:-}" ]; then
  DB_ARGS+=(--database-url "$DATABASE_URL")
  URL=$DATABASE_URL
else
  URL="sqlite://$WORK/data/thidua.db"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $PROFILE build; database: ${URL%%://*}"
"$BIN" demo "${DB_ARGS[@]}" > /dev/null
read -r SCALE WARD_ID CLUSTER < <(target/$PROFILE/examples/gen_scoring "$URL" "$N")
"$BIN" serve --bind "127.0.0.1:$PORT" "${DB_ARGS[@]}" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "$BASE/healthz" > /dev/null; do sleep 0.05; done

# shellcheck source=bench/lib.sh
. bench/lib.sh
login() { session_cookie "$BASE" "$1" "$2" > /dev/null; }

OFFICE="$WORK/office.jar"
login thuongtruc "$OFFICE"
echo "$N wards × 60 criteria; $RUNS sequential requests each:"
measure "GET /healthz (ceiling)" "/healthz" "$OFFICE"
measure "GET /scoring/{id}/units/{ward} (sheet)" "/scoring/$SCALE/units/$WARD_ID" "$OFFICE"
measure "GET /scoring/{id}/ranking" "/scoring/$SCALE/ranking" "$OFFICE"
measure "GET /api/v1/scoring/scales/{id}/ranking" "/api/v1/scoring/scales/$SCALE/ranking" "$OFFICE"
measure "GET /scoring/{id} (scale, units with totals)" "/scoring/$SCALE" "$OFFICE"
measure "GET /clusters/{id}/year-end (proposal)" "/clusters/$CLUSTER/year-end" "$OFFICE"
RUNS=3 measure "GET /scoring/{id}/export.xlsx" "/scoring/$SCALE/export.xlsx" "$OFFICE"
if grep -qiE ' ERROR |panicked' "$WORK/serve.log"; then
  echo "server log has errors:"
  grep -iE ' ERROR |panicked' "$WORK/serve.log" | head -5
fi
