#!/usr/bin/env bash
# Measures start-up time, binary size and the time to import N people from XLSX through the API,
# against the release binary on a fresh demo database (SQLite by default, or DATABASE_URL=postgres://…).
# Usage: bash bench/import_people.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
cargo build --release -p thidua --bin thidua --example gen_people_xlsx
BIN=target/release/thidua
WORK=$(mktemp -d)
PORT=18${RANDOM:0:3}
target/release/examples/gen_people_xlsx "$N" "$WORK/people.xlsx"
echo "binary size: $(du -h "$BIN" | cut -f1) ($(stat -c %s "$BIN") bytes); xlsx: $(du -h "$WORK/people.xlsx" | cut -f1)"
DB_ARGS=(--data-dir "$WORK/data")
[ -n "${DATABASE_URL:-}" ] && DB_ARGS+=(--database-url "$DATABASE_URL")
"$BIN" demo "${DB_ARGS[@]}" > /dev/null
"$BIN" serve --bind "127.0.0.1:$PORT" "${DB_ARGS[@]}" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null; do sleep 0.05; done
grep -o 'khởi động trong [0-9]* ms' "$WORK/serve.log" | sed 's/^/start-up (existing database, migrations checked): /'
JAR="$WORK/jar"
CSRF=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null -d "username=admin&password=thidua-demo-2025&_csrf=$CSRF&next=/" "http://127.0.0.1:$PORT/login"
TOKEN=$(curl -s -b "$JAR" "http://127.0.0.1:$PORT/api/v1/me" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
START=$(date +%s.%N)
STATUS=$(curl -s -o "$WORK/out.json" -w '%{http_code}' -b "$JAR" -H "X-CSRF-Token: $TOKEN" -F "file=@$WORK/people.xlsx" "http://127.0.0.1:$PORT/api/v1/import/people")
END=$(date +%s.%N)
echo "import of $N people: HTTP $STATUS in $(echo "$END - $START" | bc) s — $(head -c 200 "$WORK/out.json")"
START=$(date +%s.%N)
curl -s -o /dev/null -b "$JAR" "http://127.0.0.1:$PORT/people?q=nguyen+van+an"
END=$(date +%s.%N)
echo "search 'nguyen van an' over all people (page render): $(echo "$END - $START" | bc) s"
