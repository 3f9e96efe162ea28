#!/usr/bin/env bash
# The benchmark suite at a province's size: generates the province once (cached under
# target/bench-data/), serves it with the release binary, and loads every page a user opens first with
# wrk at 50 and 200 connections — plus, in the same run, the ceiling (/healthz of the same server), so
# each page is also given as a share of it. Then one write path (a progress report through the API)
# and the batch work (eligibility of everyone). Prints a Markdown table; not a test: no limits.
#
# Usage: bash bench/province.sh                      SQLite, province, 10 s per page and level
#   ENGINE=postgres bash bench/province.sh           PostgreSQL (database thidua_bench_<preset>)
#   PRESET=district CONNS="50" DURATION=5s bash bench/province.sh
#   PROFILE=debug (no build; target/debug)  PAGES="office_home search" (only those rows)
#   BATCH=0 (skip the batch work at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=${ENGINE:-sqlite}
PRESET=${PRESET:-province}
SEED=${SEED:-2025}
CONNS=${CONNS:-"50 200"}
DURATION=${DURATION:-10s}
PROFILE=${PROFILE:-release}
PAGES=${PAGES:-}
BATCH=${BATCH:-1}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
if [ "$PROFILE" = release ]; then cargo build --release -p thidua --bin thidua; fi
BIN=$(pwd)/target/$PROFILE/thidua
WORK=$(mktemp -d)
DATA=$(pwd)/target/bench-data/$PRESET-$SEED
mkdir -p "$DATA"
DB_ARGS=(--data-dir "$DATA/files")
if [ "$ENGINE" = postgres ]; then
  PGDB=thidua_bench_$PRESET
  DB_ARGS+=(--database-url "postgres://postgres@127.0.0.1:5432/$PGDB")
  if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$PGDB'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $PGDB"
    rm -f "$DATA/postgres.done"
  fi
  MARK=$DATA/postgres.done
else
  DB_ARGS=(--data-dir "$DATA/sqlite")
  MARK=$DATA/sqlite.done
fi
if [ ! -f "$MARK" ]; then
  echo "Generating the $PRESET (seed $SEED) on $ENGINE…"
  /usr/bin/time -f "generation: %e s, peak memory %M KB" "$BIN" demo --scale "$PRESET" --seed "$SEED" "${DB_ARGS[@]}" | tail -n 14
  touch "$MARK"
fi

PORT=17${RANDOM:0:3}
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --bind "127.0.0.1:$PORT" "${DB_ARGS[@]}" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "$BASE/healthz" > /dev/null; do sleep 0.1; done

# shellcheck source=bench/lib.sh
. bench/lib.sh
OFFICE=$(session_cookie "$BASE" thuongtruc "$WORK/office.jar")
OFFICER=$(session_cookie "$BASE" canbo.xa "$WORK/officer.jar")
TOKEN=$(api_token "$BASE" "$WORK/officer.jar")
api() { curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
CAMPAIGN=$(api "/api/v1/campaigns?status=launched" | python3 -c 'import json,sys; print([c["id"] for c in json.load(sys.stdin) if "yêu nước" in c["title"]][0])')
TARGET=$(api "/api/v1/campaigns/$CAMPAIGN" | json_path '["targets"][0]["id"]')
UNIT=$(api "/api/v1/me" | json_path '["user"]["scope_unit_id"]')
PERSON=$(api "/api/v1/people?q=nguyen+van&limit=1" | json_first id)
OFFICE_TOKEN=$(api_token "$BASE" "$WORK/office.jar")
DECISION=$(curl -sf -H "Authorization: Bearer $OFFICE_TOKEN" "$BASE/api/v1/decisions" | json_first id)
YEAR=$(date +%Y)
# A published exemplar: the first card of the public gallery.
EXEMPLAR=$(curl -sf "$BASE/guong-dien-hinh" | grep -o 'href="/guong-dien-hinh/[0-9a-f-]\{36\}"' | head -n 1 | cut -d/ -f3 | tr -d '"')

echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $PROFILE build; $ENGINE; $PRESET (seed $SEED); wrk $DURATION per row"
echo
echo "| page | connections | requests/s | share of ceiling | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
PAGE_LIST=(
  "ceiling|none|/healthz"
  "office_home|$OFFICE|/"
  "officer_home|$OFFICER|/"
  "matrix|$OFFICE|/campaigns/$CAMPAIGN/matrix"
  "review|$OFFICE|/campaigns/$CAMPAIGN/reports/interim"
  "review_docx|$OFFICE|/campaigns/$CAMPAIGN/documents/report-interim.docx"
  "review_pdf|$OFFICE|/campaigns/$CAMPAIGN/documents/report-interim.pdf"
  "nominations|$OFFICE|/nominations?status=submitted&q=nguyen"
  "eligibility|$OFFICE|/people/$PERSON/honours?code=CSTD_TINH&year=$((YEAR - 1))"
  "search|$OFFICE|/people?q=nguyen+van+an"
  "honour_roll|none|/vinh-danh?q=nguyen+van"
  "public_home|none|/cong-khai"
  "gallery|none|/guong-dien-hinh"
  "gallery_search|none|/guong-dien-hinh?q=tra+lai+tai+san"
  "exemplar_page|none|/guong-dien-hinh/$EXEMPLAR"
  "exemplars|$OFFICE|/exemplars?status=proposed"
  "decision|$OFFICE|/decisions/$DECISION"
  "dashboard|$OFFICE|/dashboard?year=$((YEAR - 1))"
  "officer_dashboard|$OFFICER|/dashboard?year=$((YEAR - 1))"
  "dashboard_api|$OFFICE|/api/v1/dashboard?year=$((YEAR - 1))"
  "budget|$OFFICE|/budget?year=$((YEAR - 1))"
  "stats_index|$OFFICE|/statistics?year=$((YEAR - 1))"
  "stats_0601|$OFFICE|/statistics/$((YEAR - 1))/0601"
  "stats_0602|$OFFICE|/statistics/$((YEAR - 1))/0602"
  "stats_0603|$OFFICE|/statistics/$((YEAR - 1))/0603"
  "stats_cell|$OFFICE|/statistics/$((YEAR - 1))/0603/cells/05/2"
  "stats_xlsx|$OFFICE|/statistics/$((YEAR - 1))/0603.xlsx"
  "stats_pdf|$OFFICE|/statistics/$((YEAR - 1))/0603.pdf"
)
for c in $CONNS; do
  CEILING=0
  for entry in "${PAGE_LIST[@]}"; do
    IFS='|' read -r name cookie path <<< "$entry"
    if [ -n "$PAGES" ] && [ "$name" != ceiling ] && [[ " $PAGES " != *" $name "* ]]; then continue; fi
    row=$(load "$BASE$path" "$c" "$DURATION" "$cookie")
    rps=${row%% *}
    [ "$name" = ceiling ] && CEILING=$rps
    print_row "$name" "$c" "$row" "$CEILING"
  done
  if [ -z "$PAGES" ] || [[ " $PAGES " == *" progress "* ]]; then
    body="{\"unit_id\":\"$UNIT\",\"value\":\"42\",\"reported_on\":\"$(date +%d/%m/%Y)\",\"comment\":\"wrk\"}"
    row=$(load_post "$BASE/api/v1/campaigns/$CAMPAIGN/targets/$TARGET/progress" "$c" "$DURATION" "$TOKEN" "$body")
    print_row "progress_report (POST)" "$c" "$row" "$CEILING"
  fi
done

[ "$BATCH" = 1 ] || exit 0
echo
START=$(date +%s.%N)
"$BIN" eligibility --code CSTD_TINH --year $((YEAR - 1)) "${DB_ARGS[@]}" | tail -n 3
echo "eligibility of everyone (CSTD_TINH, $((YEAR - 1))), whole command: $(echo "$(date +%s.%N) - $START" | bc) s"
