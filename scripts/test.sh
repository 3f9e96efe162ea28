#!/usr/bin/env bash
# Runs every test of thidua on a fresh machine, in this order:
#   1. PostgreSQL up (the Rust tests run on SQLite and PostgreSQL)
#   2. what is missing gets installed: Debian chromium, poppler-utils, LibreOffice Writer, cargo-nextest,
#      moto (S3 test server, PyPI),
#      the e2e npm packages
#   3. one build of the workspace (tests and the debug binary target/debug/thidua)
#   4. Rust tests: unit and integration (cargo nextest), then doc tests (cargo test --doc)
#   5. browser tests (e2e/, node --test) against target/debug/thidua
# Exits non-zero on the first failing step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
START=$(date +%s)

section() {
  printf '\n==== %s  [%ss]\n' "$*" "$(($(date +%s) - START))"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export DEBIAN_FRONTEND=noninteractive

section "PostgreSQL"
if pg_isready -q -h 127.0.0.1; then
  echo "PostgreSQL is running."
else
  echo "PostgreSQL is down; starting it."
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
  done
  pg_isready -h 127.0.0.1
fi

section "Tools"
# pg_dump / pg_restore for the backup tests on PostgreSQL (part of PostgreSQL's client package).
if ! command -v pg_dump >/dev/null || ! command -v pg_restore >/dev/null; then
  as_root apt-get install -y -q postgresql-client || { as_root apt-get update -q && as_root apt-get install -y -q postgresql-client; }
fi
# The documents' tests: pdftotext (poppler-utils) reads the PDFs; LibreOffice converts every DOCX kind
# to PDF and must not refuse one; Liberation Serif 2 stands in for Times New Roman there.
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
[ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}."
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}" || { as_root apt-get update -q && as_root apt-get install -y -q --no-install-recommends "${missing[@]}"; }
fi
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
else
  echo "Installing Debian chromium."
  as_root apt-get install -y -q chromium || { as_root apt-get update -q && as_root apt-get install -y -q chromium; }
fi
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest --version | head -n 1
else
  echo "Installing cargo-nextest."
  cargo install --locked cargo-nextest
fi
# The blob store tests start moto's S3-compatible server (python3 -m moto.server) on a free port.
if python3 -c 'import moto.server' >/dev/null 2>&1; then
  echo "moto: $(python3 -c 'import moto; print(moto.__version__)')"
else
  echo "Installing moto[server] (S3-compatible server for the blob store tests)."
  python3 -m pip install --quiet --root-user-action=ignore 'moto[server]>=5,<6'
fi
node --version
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

section "Build (workspace, tests and target/debug/thidua)"
cargo build --workspace --bins --tests

section "Rust tests: unit and integration (cargo nextest)"
cargo nextest run --workspace --no-fail-fast

section "Rust tests: doc tests"
cargo test --workspace --doc

section "Browser tests (e2e/, Chromium)"
# Last, so that the output ends with the node test runner's summary lines.
(cd e2e && THIDUA_BIN="$ROOT/target/debug/thidua" npm test)
