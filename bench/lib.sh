# Helpers of the benchmark scripts (sourced): log in like a user, make an API token on the account
# page, read JSON, and load a URL with wrk, printing "requests/s p50_ms p99_ms errors".

DEMO_PASSWORD=${DEMO_PASSWORD:-thidua-demo-2025}

# session_cookie BASE USER JAR → "name=value" of the session cookie after logging in through the form.
session_cookie() {
  local base=$1 user=$2 jar=$3 csrf
  csrf=$(curl -s -c "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -s -b "$jar" -c "$jar" -o /dev/null -d "username=$user&password=$DEMO_PASSWORD&_csrf=$csrf&next=/" "$base/login"
  awk '($0 ~ /^#HttpOnly_/ || $0 !~ /^#/) && NF >= 7 {print $6 "=" $7}' "$jar" | paste -sd ';' | sed 's/;/; /g'
}

# measure LABEL PATH JAR → GETs BASE+PATH with the cookie jar RUNS times one after the other and prints
# min / median / max in ms and the size (needs BASE and RUNS).
measure() {
  local label=$1 path=$2 jar=$3 status size times
  read -r status size < <(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{size_download}\n' "$BASE$path")
  if [ "$status" != 200 ]; then
    printf '%-48s HTTP %s — skipped\n' "$label" "$status"
    return
  fi
  times=$(for _ in $(seq "$RUNS"); do curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "$BASE$path"; done | sort -n)
  printf '%-48s min %7.1f  median %7.1f  max %7.1f ms   (%s bytes)\n' "$label" \
    "$(echo "$times" | head -1 | sed 's/$/*1000/' | bc)" \
    "$(echo "$times" | sed -n "$(( (RUNS + 1) / 2 ))p" | sed 's/$/*1000/' | bc)" \
    "$(echo "$times" | tail -1 | sed 's/$/*1000/' | bc)" "$size"
}

# api_token BASE JAR → a new API token of the logged-in user (made on the account page).
api_token() {
  local base=$1 jar=$2 csrf
  csrf=$(curl -s -b "$jar" "$base/account" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -s -b "$jar" -d "name=bench-$RANDOM&_csrf=$csrf" "$base/account/tokens" | grep -o '<code id="new-token">[^<]*' | sed 's/.*>//'
}

# json_first KEY < JSON → the KEY of the first object of the list (a list, or {"items": [...]}).
json_first() {
  python3 -c 'import json,sys
d=json.load(sys.stdin)
items=d if isinstance(d,list) else next((v for v in d.values() if isinstance(v,list)),[])
print(items[0][sys.argv[1]] if items else "")' "$1"
}

# json_path '["a"][0]["b"]' < JSON → that value.
json_path() {
  python3 -c 'import json,sys
d=json.load(sys.stdin)
print(eval("d"+sys.argv[1]) or "")' "$1"
}

WRK_REPORT='
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("%.1f %.1f %.1f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end'

# load URL CONNECTIONS DURATION [COOKIE] → "requests/s p50 p99 errors"
load() {
  local url=$1 c=$2 d=$3 cookie=${4:-none} script
  script=$(mktemp --suffix .lua)
  printf '%s\n' "$WRK_REPORT" > "$script"
  if [ "$cookie" = none ]; then
    wrk -t2 -c"$c" -d"$d" --timeout 10s -s "$script" "$url" | tail -n 1
  else
    wrk -t2 -c"$c" -d"$d" --timeout 10s -s "$script" -H "Cookie: $cookie" "$url" | tail -n 1
  fi
  rm -f "$script"
}

# load_post URL CONNECTIONS DURATION TOKEN JSON → same, POSTing JSON with a bearer token.
load_post() {
  local url=$1 c=$2 d=$3 token=$4 body=$5 script
  script=$(mktemp --suffix .lua)
  {
    printf 'wrk.method = "POST"\nwrk.body = [[%s]]\n' "$body"
    printf 'wrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\n' "$token"
    printf '%s\n' "$WRK_REPORT"
  } > "$script"
  wrk -t2 -c"$c" -d"$d" --timeout 10s -s "$script" "$url" | tail -n 1
  rm -f "$script"
}

# print_row NAME CONNECTIONS "rps p50 p99 errors" CEILING_RPS → a Markdown table row.
print_row() {
  local name=$1 c=$2 rps p50 p99 errors share
  read -r rps p50 p99 errors <<< "$3"
  share=$(python3 -c "print(f'{100*float($rps)/float($4):.1f} %' if float($4) > 0 else '—')")
  echo "| $name | $c | $rps | $share | $p50 ms | $p99 ms | $errors |"
}
