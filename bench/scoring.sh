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

login() {
  local csrf
  csrf=$(curl -s -c "$2" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -s -b "$2" -c "$2" -o /dev/null -d "username=$1&password=thidua-demo-2025&_csrf=$csrf&next=/" "$BASE/login"
}

# GETs $2 with jar $3 RUNS times one after the other; prints min / median / max in ms and the size.
measure() {
  local label=$1 path=$2 jar=$3 status size times
  read -r status size < <(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{size_download}\n' "$BASE$path")
  if [ "$status" != 200 ]; then
    printf '%-44s HTTP %s — skipped\n' "$label" "$status"
    return
  fi
  times=$(for _ in $(seq "$RUNS"); do curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "$BASE$path"; done | sort -n)
  printf '%-44s min %7.1f  median %7.1f  max %7.1f ms   (%s bytes)\n' "$label" \
    "$(echo "$times" | head -1 | sed 's/$/*1000/' | bc)" \
    "$(echo "$times" | sed -n "$(( (RUNS + 1) / 2 ))p" | sed 's/$/*1000/' | bc)" \
    "$(echo "$times" | tail -1 | sed 's/$/*1000/' | bc)" "$size"
}

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
