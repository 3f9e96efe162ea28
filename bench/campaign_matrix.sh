#!/usr/bin/env bash
# Response times of a campaign's pages with N participating units and D deadline columns (the unit ×
# deadline matrix, its XLSX, the progress board, the campaign page, the office's home page), against the
# release binary on a fresh demo database (SQLite by default, or DATABASE_URL=postgres://… of an empty
# database). The data come from crates/thidua/examples/gen_campaign_matrix.rs. Not a test: no limits.
# Usage: bash bench/campaign_matrix.sh [N=500] [D=30]        (RUNS=20 requests per page, sequential)
# PostgreSQL: psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE thidua_bench_matrix'
#   DATABASE_URL=postgres://postgres@127.0.0.1/thidua_bench_matrix bash bench/campaign_matrix.sh
#   psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE thidua_bench_matrix'
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500}
D=${2:-30}
RUNS=${RUNS:-20}
cargo build --release -p thidua --bin thidua --example gen_campaign_matrix
BIN=target/release/thidua
WORK=$(mktemp -d)
PORT=18${RANDOM:0:3}
BASE="http://127.0.0.1:$PORT"
DB_ARGS=(--data-dir "$WORK/data")
if [ -n "${DATABASE_URL:-}" ]; then
  DB_ARGS+=(--database-url "$DATABASE_URL")
  URL=$DATABASE_URL
else
  URL="sqlite://$WORK/data/thidua.db"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); database: ${URL%%://*}"
"$BIN" demo "${DB_ARGS[@]}" > /dev/null
START=$(date +%s.%N)
ID=$(target/release/examples/gen_campaign_matrix "$URL" "$N" "$D")
END=$(date +%s.%N)
echo "data generated in $(echo "$END - $START" | bc) s; campaign $ID"
"$BIN" serve --bind "127.0.0.1:$PORT" "${DB_ARGS[@]}" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "$BASE/healthz" > /dev/null; do sleep 0.05; done

# Signs in as $1 into the cookie jar $2.
# shellcheck source=bench/lib.sh
. bench/lib.sh
login() { session_cookie "$BASE" "$1" "$2" > /dev/null; }

OFFICE="$WORK/office.jar"
WARD="$WORK/ward.jar"
login thuongtruc "$OFFICE"
login canbo.bachdang "$WARD"
curl -s -b "$OFFICE" "$BASE/campaigns/$ID/matrix" > "$WORK/matrix.html"
echo "matrix page: $({ grep -o '<tr>' "$WORK/matrix.html" || true; } | wc -l) table rows (with the header), $({ grep -o '<td class="m-' "$WORK/matrix.html" || true; } | wc -l) cells;" \
  "$(stat -c %s "$WORK/matrix.html") bytes of HTML ($(gzip -c "$WORK/matrix.html" | wc -c) gzipped; the server does not compress)"
echo "$RUNS sequential requests each:"
measure "GET /campaigns/{id}/matrix (thuongtruc)" "/campaigns/$ID/matrix" "$OFFICE"
measure "GET /campaigns/{id}/matrix.xlsx (thuongtruc)" "/campaigns/$ID/matrix.xlsx" "$OFFICE"
measure "GET /campaigns/{id}/progress (thuongtruc)" "/campaigns/$ID/progress" "$OFFICE"
measure "GET /campaigns/{id} (thuongtruc)" "/campaigns/$ID" "$OFFICE"
measure "GET / (thuongtruc: launched campaigns)" "/" "$OFFICE"
measure "GET /campaigns/{id}/matrix (canbo.bachdang)" "/campaigns/$ID/matrix" "$WARD"
measure "GET / (canbo.bachdang: to-do)" "/" "$WARD"
measure "GET /api/v1/campaigns/{id}/matrix (thuongtruc)" "/api/v1/campaigns/$ID/matrix" "$OFFICE"

# A short concurrent run of the matrix page: 200 requests, 10 at a time.
COOKIE=$(awk -F'\t' 'NF == 7 { sub(/^#HttpOnly_/, "", $1); printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$OFFICE")
if command -v oha > /dev/null; then
  echo "oha, 10 concurrent, 200 requests, matrix page:"
  oha --no-tui -n 200 -c 10 -H "Cookie: $COOKIE" "$BASE/campaigns/$ID/matrix" | grep -E 'Requests/sec|Slowest|Fastest|Average|50.00%|90.00%|99.00%'
elif command -v wrk > /dev/null; then
  echo "wrk, 10 connections, 10 s, matrix page:"
  wrk -t 2 -c 10 -d 10s --latency -H "Cookie: $COOKIE" "$BASE/campaigns/$ID/matrix" | grep -E 'Latency|Requests/sec|50%|90%|99%'
else
  echo "concurrent run skipped (neither oha nor wrk is installed)"
fi
if grep -qiE ' ERROR |panicked' "$WORK/serve.log"; then
  echo "server log has errors:"
  grep -iE ' ERROR |panicked' "$WORK/serve.log" | head -5
fi
